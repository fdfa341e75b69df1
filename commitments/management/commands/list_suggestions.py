import json

from django.core.management.base import BaseCommand, CommandError

from commitments.models import EvidenceSuggestion, Source


class Command(BaseCommand):
    help = (
        "Print the pending suggestions: what later transcripts seem to say of accepted commitments "
        "(delivered, partly delivered, progress, restated, postponed, dropped), for review in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help="Only the suggestions from this source.")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args, source, format, **options):
        suggestions = EvidenceSuggestion.objects.pending().in_transcript_order()
        if source:
            if not Source.objects.filter(slug=source).exists():
                known = ", ".join(Source.objects.order_by("slug").values_list("slug", flat=True)[:20])
                raise CommandError(f"--source {source!r}: no such source. Known sources: {known or 'none'}.")
            suggestions = suggestions.filter(turn__source__slug=source)
        rows = [as_row(s) for s in suggestions]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row, suggestion in zip(rows, suggestions):
            self.stdout.write(as_text(row, suggestion))
        self.stdout.write(f"{len(rows)} pending suggestion(s).")


def as_row(suggestion: EvidenceSuggestion) -> dict:
    source = suggestion.turn.source
    return {
        "commitment": suggestion.commitment.slug,
        "kind": suggestion.kind,
        "source": source.file_name or source.slug,
        "line": suggestion.line,
        "text": suggestion.sentence,
        "happened": suggestion.happened_on.isoformat() if suggestion.happened_on else None,
        "happened_precision": suggestion.happened_precision or None,
        "new_due": suggestion.new_due_date.isoformat() if suggestion.new_due_date else None,
        "new_condition": suggestion.new_condition or None,
        "score": suggestion.score,
    }


def as_text(row: dict, suggestion: EvidenceSuggestion) -> str:
    when = ""
    if row["happened"]:
        by = "by " if suggestion.happened_by_air_date else ""
        when = f", happened {by}{row['happened']} ({row['happened_precision']})"
    if row["new_due"]:
        when += f", now due {row['new_due']} ({suggestion.new_due_precision}, “{suggestion.new_due_text}”)"
    if row["new_condition"]:
        when += f", now {row['new_condition']}"
    return (
        f"{row['source']}:{row['line'] or '?'}  {suggestion.get_kind_display()}: {row['commitment']}{when}\n"
        f"    “{row['text']}”  [score {row['score']:.1f}; matched: {', '.join(suggestion.matched_words) or '-'}]"
    )

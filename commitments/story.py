"""The seed's later story (fixtures/seed_story.json): what later AMAs said about the seed's
promises, curated by hand. Each verdict carries its reason, the date it happened and the sentence
that reports it; each restatement its new due or condition. The story is applied through the
services, like an admin's decisions, so the history and the current due are written the one way.

Format: {"as_of", "note", "sources": [{slug, file_name, title, aired_on, author, description, url}],
"events": [{commitment, source, turn, line, speaker, quote} plus either {verdict, happened_on,
happened_precision, reason} or {restated: true, due_date, due_precision, due_text, condition}]}.
`turn` and `line` are the sentence's turn index and line in the source's file: the sentence is
stored as that turn (a quote, not the transcript), so importing the file later fills it in."""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import services
from .models import Commitment, Project, Restatement, Source, Speaker, Turn

SEED_STORY = Path(settings.BASE_DIR) / "fixtures" / "seed_story.json"


@transaction.atomic
def load_story(path: Path = SEED_STORY) -> dict[str, int]:
    """Apply the story once: a commitment that already has a status history (told before, or
    changed by an admin) keeps it; restatements already recorded are not added again."""
    story = json.loads(path.read_text(encoding="utf-8"))
    added = {"story sources": 0, "verdicts": 0, "restatements": 0}
    sources = {}
    for fields in story["sources"]:
        fields = dict(fields)
        slug = fields.pop("slug")
        fields["aired_on"] = datetime.date.fromisoformat(fields["aired_on"])
        sources[slug], made = Source.objects.get_or_create(slug=slug, defaults=fields)
        added["story sources"] += made
    events = sorted(story["events"], key=lambda event: (sources[event["source"]].aired_on, event["line"]))
    commitments = Commitment.objects.in_bulk({event["commitment"] for event in events}, field_name="slug")
    untold = set(
        Commitment.objects.filter(pk__in=[c.pk for c in commitments.values()], history__isnull=True).values_list("slug", flat=True)
    )
    for event in events:
        commitment, source = commitments[event["commitment"]], sources[event["source"]]
        turn = _quoted_turn(source, event)
        if event.get("restated"):
            known = Restatement.objects.filter(commitment=commitment, source=source, quote=event["quote"]).exists()
            services.add_restatement(
                commitment,
                event["quote"],
                source=source,
                speaker=turn.speaker,
                turn=turn,
                line=event["line"],
                due_date=datetime.date.fromisoformat(event["due_date"]) if event["due_date"] else None,
                due_precision=event["due_precision"],
                due_text=event["due_text"],
                condition=event["condition"],
            )
            added["restatements"] += not known
        elif commitment.slug in untold:
            services.change_status(
                commitment,
                event["verdict"],
                note=f"{event['reason']} “{event['quote']}”",
                evidence_turn=turn,
                happened_on=datetime.date.fromisoformat(event["happened_on"]),
                happened_precision=event["happened_precision"],
                # Recorded when the reporting source aired, not when the story was loaded.
                recorded_at=timezone.make_aware(
                    datetime.datetime.combine(source.aired_on, datetime.time(12)) + datetime.timedelta(microseconds=added["verdicts"])
                ),
            )
            added["verdicts"] += 1
    return added


def _quoted_turn(source: Source, event: dict) -> Turn:
    """The source's turn that holds the event's sentence: the imported turn when the file was
    imported, else a turn holding the quoted sentences only."""
    turn = Turn.objects.filter(source=source, position=event["turn"]).select_related("speaker").first()
    if turn is None:
        speaker = _speaker(event["speaker"])
        return Turn.objects.create(
            source=source, position=event["turn"], speaker=speaker, text=event["quote"],
            line_start=event["line"], line_end=event["line"],
        )
    if " ".join(event["quote"].split()) not in " ".join(turn.text.split()):
        turn.text += "\n\n" + event["quote"]
        turn.line_start, turn.line_end = min(turn.line_start, event["line"]), max(turn.line_end, event["line"])
        turn.save(update_fields=["text", "line_start", "line_end"])
    return turn


def _speaker(name: str) -> Speaker:
    """The roster's speaker tagged `name` or known by it (full name or alias), as an import finds it."""
    roster = Speaker.objects.roster_of(Project.objects.first_or_from_settings())
    speaker = roster.filter(name=name).first()
    if speaker is None:
        speaker = next((s for s in roster if name in s.alias_list), None)
    if speaker is None:
        speaker = Speaker.objects.create(name=name, is_team=True)  # save() files it under the first project
    return speaker


def link_restatement_turns(source: Source) -> None:
    """Point each restatement said in `source` with a line but no turn at the turn holding that line."""
    turns = list(source.turns.order_by("line_start").values_list("pk", "line_start", "line_end"))
    for restatement in source.restatements.filter(turn__isnull=True, line__isnull=False):
        holder = next((pk for pk, start, end in turns if start <= restatement.line <= end), None)
        if holder is not None:
            Restatement.objects.filter(pk=restatement.pk).update(turn=holder)

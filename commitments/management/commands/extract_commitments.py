import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from commitments.management.commands.import_transcript import iso_date
from commitments.models import Project, Speaker
from commitments.reading.proposing import propose
from commitments.reading.roster import describe_speakers
from commitments.reading.text import ProjectWords
from commitments.reading.transcripts import TranscriptError, read_transcript

TABLE_COLUMNS = ("line", "speaker", "strength", "topic", "due_date", "due_precision", "condition", "text")


class Command(BaseCommand):
    help = "Print the commitments proposed for transcript files, as JSON or a table. Writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=["json", "table"], default="json")
        parser.add_argument("--aired-on", type=iso_date, help="Air date (YYYY-MM-DD) when the file has none.")
        parser.add_argument(
            "--project", metavar="SLUG", default="",
            help="Read with this project's names, tickers and team roster (default: the first project).",
        )

    def handle(self, *args, files, format, aired_on, project="", **options):
        rows, failed = [], 0
        chosen = self.project(project)
        roster = self.roster(chosen)
        words = chosen.words() if chosen is not None else ProjectWords.from_settings(settings)
        for name in files:
            try:
                transcript = read_transcript(name, aired_on=aired_on, project=words)
            except TranscriptError as error:
                failed += 1
                self.stderr.write(f"error: {error}")
                continue
            for warning in transcript.warnings:
                self.stderr.write(f"warning: {transcript.name}: {warning}")
            proposal = propose(transcript, roster, words, settings.VAGUE_DUE_HORIZONS)
            self.stderr.write(f"{transcript.name}: speakers: {describe_speakers(proposal.verdicts)}")
            if proposal.silence:
                self.stderr.write(self.style.WARNING(f"{transcript.name}: {proposal.silence}"))
            rows.extend(candidate.as_dict(transcript.name, transcript.aired_on) for candidate in proposal.candidates)
        if format == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_table(rows))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) could not be read.")

    def project(self, slug: str) -> Project | None:
        """The project named by --project, else the first; None without a database."""
        try:
            if slug:
                found = Project.objects.filter(slug=slug).first()
                if found is None:
                    known = ", ".join(Project.objects.values_list("slug", flat=True)) or "none yet"
                    raise CommandError(f"There is no project {slug!r}; give the slug of a project (known: {known}).")
                return found
            return Project.objects.order_by("id").first()
        except DatabaseError:
            if slug:
                raise CommandError(f"--project {slug}: no database to read the project from") from None
            return None

    def roster(self, project: Project | None):
        """The team roster an admin keeps for the project; without a database, the front matter alone proposes."""
        if project is None:
            return ()
        try:
            return tuple(speaker.roster_entry() for speaker in Speaker.objects.roster_of(project))
        except DatabaseError:
            self.stderr.write("warning: no database to read the team roster from; guessing the team from each front matter")
            return ()


def render_table(rows: list[dict]) -> str:
    lines = []
    current = None
    for row in rows:
        if row["source"] != current:
            current = row["source"]
            lines.append(f"\n{current} (aired {row['aired_on']})")
            lines.append("  " + " | ".join(TABLE_COLUMNS))
        cells = [str(row[column]) if row[column] is not None else "-" for column in TABLE_COLUMNS]
        lines.append("  " + " | ".join(cells))
    lines.append(f"\n{len(rows)} candidate(s).")
    return "\n".join(lines)

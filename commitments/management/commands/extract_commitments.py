import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from commitments.management.commands.import_transcript import iso_date
from commitments.models import Speaker
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

    def handle(self, *args, files, format, aired_on, **options):
        rows, failed = [], 0
        roster = self.roster()
        project = ProjectWords.from_settings(settings)
        for name in files:
            try:
                transcript = read_transcript(name, aired_on=aired_on, project=project)
            except TranscriptError as error:
                failed += 1
                self.stderr.write(f"error: {error}")
                continue
            for warning in transcript.warnings:
                self.stderr.write(f"warning: {transcript.name}: {warning}")
            proposal = propose(transcript, roster, project, settings.VAGUE_DUE_HORIZONS)
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


    def roster(self):
        """The team roster an admin keeps; without a database, the front matter alone proposes."""
        try:
            return tuple(speaker.roster_entry() for speaker in Speaker.objects.all())
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

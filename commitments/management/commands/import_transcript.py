import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.services import describe_import, import_transcript_file
from commitments.transcripts import MAX_BYTES, TranscriptError


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--aired-on {value!r}: use YYYY-MM-DD, e.g. 2023-08-03.") from None


class Command(BaseCommand):
    help = (
        "Import AMA transcripts: each file becomes a source with its speakers and turns, and its "
        "commitments are proposed for review in the admin. Each file is imported in one "
        "transaction; a bad file writes nothing and the others go on."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--dry-run", action="store_true", help="Read and report; write nothing.")
        parser.add_argument("--aired-on", type=iso_date, help="Air date (YYYY-MM-DD) when the file has none.")

    def handle(self, *args, files, dry_run, aired_on, **options):
        failed = 0
        for number, name in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] "
            try:
                result = import_transcript_file(read_file(name), Path(name).name, aired_on=aired_on, dry_run=dry_run)
            except TranscriptError as error:
                failed += 1
                self.stderr.write(f"{prefix}error: {error}")
                continue
            self.stdout.write(prefix + describe_import(result, dry_run=dry_run))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) failed; nothing was written for them.")


def read_file(name: str) -> bytes:
    path = Path(name)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TranscriptError(
                f"{path.name}: file is {path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,} bytes"
            )
        return path.read_bytes()
    except OSError as error:
        raise TranscriptError(f"{path.name}: cannot read the file ({error.strerror})") from None

from django.core.management import call_command
from django.core.management.base import BaseCommand

LABELS = ["auth.group", "auth.user", "commitments"]
# Work in progress, not the record: an admin upload's import job and its files.
NOT_BACKED_UP = ["commitments.ImportJob", "commitments.ImportJobFile"]


class Command(BaseCommand):
    help = (
        "Write everything the tracker holds (sources, turns, speakers, topics, commitments, "
        "history, users) as one JSON file with natural keys; `restore FILE` loads it back. "
        "A name ending .json.gz (or .bz2, .xz) is compressed. The file holds password hashes: keep it private."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, output, **options):
        self.stdout.ending = None  # JSON is written in chunks: no newline after each
        call_command(
            "dumpdata",
            *LABELS,
            exclude=NOT_BACKED_UP,
            natural_foreign=True,
            natural_primary=True,
            indent=1,
            output=output,
            stdout=self.stdout,
        )
        if output:
            self.stderr.write(f"Backed up to {output}.")

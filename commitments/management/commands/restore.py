from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.models import Commitment, Source


class Command(BaseCommand):
    help = "Load a file written by `backup` into an empty database (in one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file written by `backup`, e.g. backup.json or backup.json.gz.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the database already holds data: rows with the same key are overwritten.",
        )

    def handle(self, *args, file, force, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        if ".json" not in path.suffixes:
            raise CommandError(f"{file}: not a backup (expected a .json file written by `manage.py backup`).")
        if not force and (Commitment.objects.exists() or Source.objects.exists()):
            raise CommandError(
                "The database already holds sources or commitments: restore into an empty database "
                "(e.g. `manage.py flush` after a backup), or pass --force to load over them."
            )
        with transaction.atomic():
            # An absolute path, so loaddata never looks in the fixture directories.
            call_command("loaddata", str(path.resolve()), verbosity=options["verbosity"])
        self.stdout.write(
            f"Restored {Source.objects.count()} source(s) and {Commitment.objects.count()} commitment(s) from {file}."
        )

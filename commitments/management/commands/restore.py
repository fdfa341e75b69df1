from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from commitments.models import Commitment, Source


class Command(BaseCommand):
    help = "Load a file written by `backup` into an empty database (in one transaction)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--force", action="store_true", help="Load even though the database already holds data."
        )

    def handle(self, *args, file, force, **options):
        if not force and (Commitment.objects.exists() or Source.objects.exists()):
            raise CommandError(
                "The database already holds sources or commitments: restore into an empty database "
                "(e.g. `manage.py flush` after a backup), or pass --force to load over them."
            )
        with transaction.atomic():
            call_command("loaddata", file, verbosity=options["verbosity"])
        self.stdout.write(
            f"Restored {Source.objects.count()} source(s) and {Commitment.objects.count()} commitment(s) from {file}."
        )

from django.core.management.base import BaseCommand

from commitments.importers import load_seed
from commitments.models import Commitment


class Command(BaseCommand):
    help = (
        "Load the seed AMA (its transcript and its curated commitments). Only adds what is missing, "
        "so running it again changes nothing, and statuses set by admins are kept."
    )

    def handle(self, *args, **options):
        added = load_seed()
        self.stdout.write(
            "Seed: "
            + ", ".join(f"{count} {name} added" for name, count in added.items())
            + f" ({Commitment.objects.published().count()} public commitments in all)."
        )

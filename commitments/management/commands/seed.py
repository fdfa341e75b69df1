from django.core.management.base import BaseCommand

from commitments.seed import load_seed
from commitments.models import Commitment


class Command(BaseCommand):
    help = (
        "Load the seed AMA (its transcript and its curated commitments) and the later story (verdicts "
        "and restatements as of February 2024, fixtures/seed_story.json). Only adds what is missing, "
        "so running it again changes nothing, and statuses set by admins are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-story", dest="story", action="store_false", help="Load the seed AMA only, every promise with no news yet."
        )

    def handle(self, *args, **options):
        added = load_seed(story=options["story"])
        self.stdout.write(
            "Seed: "
            + ", ".join(f"{count} {name} added" for name, count in added.items())
            + f" ({Commitment.objects.published().count()} public commitments in all)."
        )

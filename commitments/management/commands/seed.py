from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction

from commitments import services
from commitments.models import Commitment, Speaker, Topic
from commitments.transcripts import read_transcript

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_TRANSCRIPT = FIXTURES / "stratos-ama-twitter-spaces-03-08-2023.md"
SEED_COMMITMENTS = FIXTURES / "seed_commitments.json"


class Command(BaseCommand):
    help = (
        "Load the seed AMA (its transcript and its curated commitments). Only adds what is missing, "
        "so running it again changes nothing, and statuses set by admins are kept."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            added = seed()
        self.stdout.write(
            "Seed: "
            + ", ".join(f"{count} {name} added" for name, count in added.items())
            + f" ({Commitment.objects.published().count()} public commitments in all)."
        )


def seed() -> dict[str, int]:
    """Load the seed transcript and fixture, adding only objects whose natural key is new.
    Objects are saved as they are read, so later ones can refer to earlier ones."""
    added = {"topics": 0, "speakers": 0, "commitments": 0}
    # Topics and speakers first, so the transcript import finds the curated speakers.
    _load({Topic: "topics", Speaker: "speakers"}, added)
    result = services.import_transcript(read_transcript(SEED_TRANSCRIPT), propose=False)
    _load({Commitment: "commitments"}, added)
    services.link_turns_by_line(result.source)
    return added


def _load(models: dict, added: dict) -> None:
    deferred = []
    fixture = SEED_COMMITMENTS.read_text(encoding="utf-8")
    for wrapped in serializers.deserialize("json", fixture, handle_forward_references=True):
        model = type(wrapped.object)
        if model in models and wrapped.object.pk is None:
            wrapped.save()
            added[models[model]] += 1
            if wrapped.deferred_fields:
                deferred.append(wrapped)
    for wrapped in deferred:
        wrapped.save_deferred_fields()

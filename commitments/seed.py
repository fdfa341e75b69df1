"""The seed: the first transcript, with its curated topics, speakers and commitments
(fixtures/seed_commitments.json), then the later story (story.py)."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.db import transaction

from .importers import chosen_words, import_transcript, link_turns_by_line, source_slug_for
from .models import Commitment, Project, Restatement, Source, Speaker, Topic
from .reading.transcripts import read_transcript
from .story import link_restatement_turns, load_story

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_TRANSCRIPT = FIXTURES / "stratos-ama-twitter-spaces-03-08-2023.md"
SEED_COMMITMENTS = FIXTURES / "seed_commitments.json"


@transaction.atomic
def load_seed(story: bool = True) -> dict[str, int]:
    """Load the seed transcript and fixture, adding only objects whose natural key is new, so
    running it again changes nothing and statuses set by admins are kept. Objects are saved as
    they are read, so later ones can refer to earlier ones. With `story`, the later story
    (story.load_story) follows: verdicts and restatements as of February 2024."""
    added = {"topics": 0, "speakers": 0, "commitments": 0, "also said": 0}
    # Topics and speakers first, so the transcript import finds the curated speakers.
    _load_fixture({Topic: "topics", Speaker: "speakers"}, added)
    Speaker.objects.filter(project__isnull=True).update(project=Project.objects.first_or_from_settings())
    seed_slug = source_slug_for(SEED_TRANSCRIPT.name)
    replace = seed_slug if Source.objects.filter(slug=seed_slug).exists() else ""
    result = import_transcript(read_transcript(SEED_TRANSCRIPT, project=chosen_words()), propose=False, replace=replace)
    _load_fixture({Commitment: "commitments", Restatement: "also said"}, added)
    link_turns_by_line(result.source)
    link_restatement_turns(result.source)
    if story:
        added.update(load_story())
    return added


def _load_fixture(models: dict, added: dict) -> None:
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

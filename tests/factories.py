"""Small factories for test data, and the paths of the files tests read. Tests import these;
fixtures live in conftest.py."""

import datetime
import itertools
import os
from pathlib import Path

import pytest

from commitments.models import Commitment, Source, Speaker, Topic

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SEED_FILE = REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"
TRANSCRIPTS = Path(__file__).resolve().parent / "transcripts"

_numbers = itertools.count(1)


def need_shared(present: bool, missing: str) -> None:
    """Skip a test whose ../shared files (corpus, labels, scorer) are missing; under CI=true
    their absence fails the test instead, so a CI run cannot pass without them."""
    if present:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing} not found, and CI=true: ../shared must be beside the repository")
    pytest.skip(f"{missing} not found: ../shared (corpus, labels, scorer) lives beside the repository")


def corpus_files():
    need_shared(CORPUS.is_dir(), CORPUS)
    return sorted(CORPUS.glob("*.md"))


def transcript_text(name: str) -> str:
    """A test transcript from tests/transcripts/."""
    return (TRANSCRIPTS / name).read_text(encoding="utf-8")


def make_source(**fields):
    n = next(_numbers)
    fields.setdefault("slug", f"ama-{n}")
    fields.setdefault("title", f"AMA number {n}")
    fields.setdefault("aired_on", datetime.date(2023, 8, 3))
    return Source.objects.create(**fields)


def make_speaker(name=None, **fields):
    fields.setdefault("is_team", True)
    return Speaker.objects.create(name=name or f"Speaker {next(_numbers)}", **fields)


def make_topic(slug="mainnet", name=None):
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name or slug.title()})
    return topic


def make_commitment(title=None, **fields):
    n = next(_numbers)
    fields.setdefault("title", title or f"Commitment {n}")
    fields.setdefault("slug", f"commitment-{n}")
    fields.setdefault("quote", f"We will deliver thing {n}.")
    if "speaker" not in fields:
        fields["speaker"] = make_speaker()
    if "source" not in fields:
        fields["source"] = make_source()
    return Commitment.objects.create(**fields)

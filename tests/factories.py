"""Small factories for test data, and the paths of the files tests read. Tests import these;
fixtures live in conftest.py."""

import datetime
import itertools
from pathlib import Path

import pytest

from commitments.models import Commitment, Source, Speaker, Topic

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SEED_FILE = REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"
TRANSCRIPTS = Path(__file__).resolve().parent / "transcripts"

_numbers = itertools.count(1)


def corpus_files():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the real-transcript corpus lives in ../shared/corpus beside the repo")
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

import datetime
import itertools
from pathlib import Path

import pytest

from commitments.models import Commitment, Source, Speaker, Topic

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
SEED_FILE = REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"

_numbers = itertools.count(1)


def corpus_files():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} not found: the real-transcript corpus lives in ../shared/corpus beside the repo")
    return sorted(CORPUS.glob("*.md"))


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


@pytest.fixture
def seeded(db):
    from django.core.management import call_command

    call_command("seed", verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("curator", "curator@example.com", "pw-for-tests-only")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test's writes roll back, taking the data version back with them: the next test
    could reach the same version with other data, so it starts with an empty page cache."""
    from django.core.cache import caches
    from django.conf import settings

    caches[settings.PUBLIC_CACHE_ALIAS].clear()
    yield

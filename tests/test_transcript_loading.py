"""Pages that list commitments, changes or turns show a source's title and link, never its
transcript: a source's whole text is loaded only where it is shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import EvidenceSuggestion, Source
from commitments.services import accept_suggestion
from tests.test_evidence import later_import  # noqa: F401  (fixture)

TRANSCRIPT_COLUMN = '"commitments_source"."transcript"'


@pytest.fixture
def delivered_with_evidence(later_import, staff_user):  # noqa: F811
    suggestion = EvidenceSuggestion.objects.get()
    accept_suggestion(suggestion, by=staff_user)
    return suggestion.commitment


def sql_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.django_db
def test_seed_sources_hold_their_transcript(seeded):
    assert len(Source.objects.get().transcript) > 30_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/?source=stratos-ama-twitter-spaces-03-08-2023",
        "/api/commitments/",
        "/feed/",
        "/calendar.ics",
        "/export.csv",
        "/commitments/{slug}/",
        "/api/commitments/{slug}/",
        "/commitments/{slug}/feed/",
    ],
)
def test_public_lists_never_load_a_transcript(client, delivered_with_evidence, url):
    queries = sql_of(client, url.format(slug=delivered_with_evidence.slug))

    assert not [sql for sql in queries if TRANSCRIPT_COLUMN in sql], [sql[:300] for sql in queries if TRANSCRIPT_COLUMN in sql]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/commitments/commitment/",
        "/admin/commitments/commitment/?review__exact=proposed",
        "/admin/commitments/turn/",
        "/admin/commitments/evidencesuggestion/",
        "/admin/commitments/source/",
    ],
)
def test_admin_lists_never_load_a_transcript(staff_client, delivered_with_evidence, url):
    queries = sql_of(staff_client, url)

    assert not [sql for sql in queries if TRANSCRIPT_COLUMN in sql], [sql[:300] for sql in queries if TRANSCRIPT_COLUMN in sql]

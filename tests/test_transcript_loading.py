"""Pages that list commitments, changes or turns show a source's title and link, never its
transcript: a source's whole text is loaded only where it is shown."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

from commitments.models import EvidenceSuggestion, Source
from commitments.services import accept_suggestion

TRANSCRIPT_COLUMN = '"commitments_source"."transcript"'


@pytest.fixture
def delivered_with_evidence(later_import, staff_user):
    suggestion = EvidenceSuggestion.objects.get()
    accept_suggestion(suggestion, by=staff_user)
    return suggestion.commitment


def sql_of(client, url, shows):
    """The SQL a page ran, once it showed `shows` (so an empty page cannot pass)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assertContains(response, shows)
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
    shows = "BEGIN:VEVENT" if url == "/calendar.ics" else "Launch the Stratos mainnet"
    queries = sql_of(client, url.format(slug=delivered_with_evidence.slug), shows)

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
    queries = sql_of(staff_client, url, 'id="result_list"')  # a list with rows

    assert not [sql for sql in queries if TRANSCRIPT_COLUMN in sql], [sql[:300] for sql in queries if TRANSCRIPT_COLUMN in sql]

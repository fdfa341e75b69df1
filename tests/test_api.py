"""The read-only JSON API."""

import pytest

from commitments.models import Commitment
from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db


def test_api_lists_commitments_with_history(client, delivered):
    make_commitment("Hidden", review=Commitment.Review.PROPOSED)

    data = client.get("/api/commitments/").json()

    assert data["count"] == 1 and data["next"] is None
    [item] = data["results"]
    assert item["slug"] == delivered.slug
    assert item["url"] == f"http://testserver/commitments/{delivered.slug}/"
    assert item["status"] == "delivered"
    assert item["quote"] == "We will launch the mainnet."
    assert item["history"][0]["to"] == "delivered"
    assert item["history"][0]["evidence"] == "https://example.com/live"


def test_api_applies_the_status_page_filters_and_paginates(client):
    for n in range(55):
        make_commitment(f"Pending {n}")
    make_commitment("Done", status=Commitment.Status.DELIVERED)

    assert client.get("/api/commitments/", {"status": "delivered"}).json()["count"] == 1
    first = client.get("/api/commitments/").json()
    assert first["count"] == 56 and len(first["results"]) == 50
    assert len(client.get(first["next"]).json()["results"]) == 6


def test_api_refuses_bad_filters_and_writes(client, delivered):
    assert client.get("/api/commitments/", {"status": "nope"}).status_code == 400
    assert client.get("/api/commitments/", {"page": "99"}).status_code == 404
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/api/commitments/").status_code == 405
        assert getattr(client, method)(f"/api/commitments/{delivered.slug}/").status_code == 405
    assert client.get(f"/api/commitments/{delivered.slug}/").json()["title"] == "Launch the mainnet"


def test_api_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    speaker, source = make_speaker("Bin"), make_source()
    for n in range(30):
        change_status(make_commitment(speaker=speaker, source=source), "in_progress", note="Under way")

    with django_assert_max_num_queries(4):
        assert len(client.get("/api/commitments/").json()["results"]) == 30

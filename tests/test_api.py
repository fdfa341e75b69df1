"""The read-only JSON API."""

import datetime

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

    # 6: the first page after a write also reads the project list again (projects.site_projects)
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/commitments/").json()["results"]) == 30


def test_api_carries_restatements_and_happened_dates(client, staff_user):
    from commitments.services import add_restatement

    commitment = make_commitment("Build the CDN layer", due_date=datetime.date(2023, 12, 1), due_precision="month")
    later = make_source(slug="cml", aired_on=datetime.date(2024, 1, 21))
    add_restatement(commitment, "By the end of Q1.", source=later, due_date=datetime.date(2024, 1, 1), due_precision="quarter")
    change_status(commitment, "postponed", by=staff_user, note="Not before Q2", happened_on=datetime.date(2024, 2, 1), happened_precision="month")

    item = client.get(f"/api/commitments/{commitment.slug}/").json()

    assert (item["restated"], item["first_due"], item["first_due_precision"], item["slipped_days"]) == (1, "2023-12-01", "month", 91)
    assert (item["due_date"], item["due_precision"]) == ("2024-01-01", "quarter")
    assert item["reviewed_at"] is not None
    [restatement] = item["restatements"]
    assert (restatement["quote"], restatement["source"], restatement["said_on"], restatement["also_said"]) == (
        "By the end of Q1.", "cml", "2024-01-21", False
    )
    assert (item["history"][0]["happened_on"], item["history"][0]["happened_precision"]) == ("2024-02-01", "month")


def test_api_gives_the_due_period_as_people_say_it(client):
    make_commitment(slug="h1", due_date=datetime.date(2024, 1, 1), due_precision="half", due_text="in H1 2024")

    row = client.get("/api/commitments/").json()["results"][0]

    assert (row["due"], row["due_date"], row["due_precision"]) == ("H1 2024", "2024-01-01", "half")

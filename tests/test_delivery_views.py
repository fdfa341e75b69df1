"""Feeds, API, calendar, badge and charts."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from commitments import charts
from commitments.models import Commitment
from commitments.services import change_status
from tests.conftest import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def delivered(staff_user):
    commitment = make_commitment("Launch the mainnet", topic=make_topic("mainnet", "Mainnet"), quote="We will launch the mainnet.")
    change_status(commitment, "delivered", by=staff_user, note="It is live", evidence_url="https://example.com/live")
    return commitment


def test_atom_feed_lists_status_changes(client, delivered):
    response = client.get("/feed/")

    feed = ET.fromstring(response.content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Launch the mainnet: Delivered"
    assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/commitments/{delivered.slug}/#change-")
    assert "https://example.com/live" in entry.find(f"{ATOM}summary").text


def test_topic_and_commitment_feeds(client, delivered):
    make_commitment("Other", topic=make_topic("cdn", "CDN"))

    assert len(ET.fromstring(client.get("/feed/topic/mainnet/").content).findall(f"{ATOM}entry")) == 1
    assert len(ET.fromstring(client.get("/feed/topic/cdn/").content).findall(f"{ATOM}entry")) == 0
    assert len(ET.fromstring(client.get(f"/commitments/{delivered.slug}/feed/").content).findall(f"{ATOM}entry")) == 1
    assert client.get("/feed/topic/nope/").status_code == 404


def test_pages_link_their_feeds(client, delivered):
    assert 'rel="alternate" type="application/atom+xml"' in client.get("/").content.decode()
    assert f'href="/commitments/{delivered.slug}/feed/"' in client.get(delivered.get_absolute_url()).content.decode()


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


def test_calendar_has_an_event_per_open_due_commitment(client):
    make_commitment("Ship, the; wallet", due_date=datetime.date(2024, 3, 1), due_precision="month", quote="We will ship it " + "very " * 30)
    make_commitment("Done", due_date=datetime.date(2024, 3, 1), due_precision="day", status=Commitment.Status.DELIVERED)

    response = client.get("/calendar.ics")
    text = response.content.decode()

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20240331" in text  # the month's last day
    assert "SUMMARY:Due: Ship\\, the\\; wallet" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # the long description was folded


def test_badge_counts_delivered(client, delivered):
    make_commitment("Pending one")

    response = client.get("/badge.svg")

    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "1 of 2 delivered" in response.content.decode()
    assert "1 of 1 delivered" in client.get("/badge.svg", {"topic": "mainnet"}).content.decode()
    assert client.get("/badge.svg", {"topic": "nope"}).status_code == 404
    ET.fromstring(response.content)


@pytest.mark.parametrize("count", [0, 1, 3000])
def test_charts_are_valid_svg_with_title_and_description(count):
    made = {datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 400): 1 for n in range(count)}
    delivered = {datetime.date(2023, 6, 1): count // 3} if count else {}
    topics = {f"Topic {n % 30}": {"pending": n, "delivered": 1} for n in range(count)} if count else {}

    for svg in (charts.cumulative_chart(made, delivered, datetime.date(2024, 6, 1)), charts.topic_chart(topics)):
        root = ET.fromstring(svg)
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text
        assert len(svg) < 20_000


def test_progress_chart_draws_years_of_daily_deliveries_with_one_step_per_column():
    days = [datetime.date(2015, 1, 1) + datetime.timedelta(days=n) for n in range(4000)]
    made = {day: 2 for day in days}
    delivered = {day: 1 for day in days[::2]}

    root = ET.fromstring(charts.cumulative_chart(made, delivered, days[-1]))
    width = float(root.get("viewBox").split()[2])
    for line in root.iter("{http://www.w3.org/2000/svg}polyline"):
        assert len(line.get("points").split()) <= 2 * width + 2
    made_line = next(root.iter("{http://www.w3.org/2000/svg}polyline"))
    assert made_line.find("{http://www.w3.org/2000/svg}title").text == "made: 8000"


@pytest.mark.parametrize("most", [1, 3000])
def test_topic_chart_keeps_its_text_inside_the_canvas(most):
    topics = {"A topic with a name far longer than any bar label should ever need to be": {"pending": most, "delivered": most}}
    topics.update({f"Topic {n}": {"pending": 1} for n in range(5)})

    root = ET.fromstring(charts.topic_chart(topics))
    width = float(root.get("viewBox").split()[2])
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        # ~0.55 em per character, the mean advance of a sans-serif face
        assert float(text.get("x")) + 0.55 * float(text.get("font-size")) * len(text.text) <= width, text.text


def test_topic_chart_escapes_names_and_groups_the_tail():
    svg = charts.topic_chart({f"<b>{n}</b>": {"pending": 1} for n in range(20)})

    assert "<b>" not in svg
    assert "9 other topics" in svg


def test_status_page_shows_the_charts(client, delivered):
    body = client.get("/").content.decode()

    assert 'aria-labelledby="chart-progress-title chart-progress-desc"' in body
    assert "Commitments per topic, by status" in body

"""The badge and the status page's charts."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from pytest_django.asserts import assertContains

from commitments import charts
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


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

    for svg in (charts.cumulative_chart(made, delivered), charts.topic_chart(topics)):
        root = ET.fromstring(svg)
        assert root.find("{http://www.w3.org/2000/svg}title").text
        assert root.find("{http://www.w3.org/2000/svg}desc").text
        assert len(svg) < 20_000


def test_progress_chart_draws_years_of_daily_deliveries_with_one_step_per_column():
    days = [datetime.date(2015, 1, 1) + datetime.timedelta(days=n) for n in range(4000)]
    made = {day: 2 for day in days}
    delivered = {day: 1 for day in days[::2]}

    root = ET.fromstring(charts.cumulative_chart(made, delivered))
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
        # measured with Verdana's advance widths, wider than the system-ui face the chart uses
        assert float(text.get("x")) + charts.text_width(text.text, float(text.get("font-size"))) <= width, text.text


def test_topic_chart_escapes_names_and_groups_the_tail():
    svg = charts.topic_chart({f"<b>{n}</b>": {"pending": 1} for n in range(25)})

    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "6 other topics" in svg


def test_topic_chart_puts_the_grouped_tail_and_no_topic_last_even_when_biggest():
    counts = {f"Topic {n:02}": {"pending": 1} for n in range(25)}
    counts["Mainnet"] = {"delivered": 2, "pending": 1}
    counts[None] = {"pending": 40}

    names = [name for name, _ in charts.topic_rows(counts)]

    assert names[0] == "Mainnet"
    assert names[-2:] == ["7 other topics", "No topic"]


def test_status_page_links_to_the_charts_of_what_it_shows(client, delivered):
    # The charts cost more to draw than the table; they live on /charts/, one link away.
    assertContains(client.get("/"), '<a href="/charts/">Charts of all promises</a>', html=False)
    filtered = client.get("/", {"topic": "mainnet", "page": "1"})
    assertContains(filtered, '<a href="/charts/?topic=mainnet">Charts of the 1 matching promise</a>', html=False)

    body = client.get("/charts/").content.decode()
    assert 'aria-labelledby="chart-progress-title chart-progress-desc"' in body
    assert "Commitments per topic, by status" in body


def test_the_time_axis_ends_at_the_last_event_not_today():
    made = {datetime.date(2023, 8, 3): 4}
    delivered = {datetime.date(2024, 2, 27): 1}

    root = ET.fromstring(charts.cumulative_chart(made, delivered))
    ns = "{http://www.w3.org/2000/svg}"
    labels = [text.text for text in root.iter(f"{ns}text") if re.fullmatch(r"[A-Z][a-z]{2} \d{4}", text.text or "")]
    assert labels[0] == "Aug 2023" and labels[-1] == "Feb 2024"
    right_edge = max(float(p.split(",")[0]) for line in root.iter(f"{ns}polyline") for p in line.get("points").split())
    last_tick = max(float(line.get("x1")) for line in root.iter(f"{ns}line") if line.get("y2") != line.get("y1"))
    assert right_edge == pytest.approx(last_tick, abs=0.1)  # the lines stop at the last tick, the last event

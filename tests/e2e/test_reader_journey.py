"""A reader asks: what did they promise about the mainnet, the CDN and bridges, and did they
deliver? Answered from the first screen, on a desktop and on a phone, in at most three clicks."""

import re

import pytest
from django.core.management import call_command

from commitments.models import Commitment

from tests.e2e.helpers import DESKTOP, PHONE, Clicks, in_viewport, screenshot, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = "table.commitments tbody tr"


@pytest.fixture
def seeded_site(transactional_db):
    call_command("seed", verbosity=0)


@pytest.mark.parametrize("device, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_reader_answers_the_mainnet_cdn_bridges_question_from_the_first_screen(page, seeded_site, device, viewport):
    page.set_viewport_size(viewport)
    page.goto(page.base + "/")
    clicks = Clicks(page)

    # The first screen: the project named, the counts, and the first five promises.
    assert page.locator(".site-name .project").inner_text() == "Stratos"
    assert in_viewport(page, page.locator(".scoreline"))
    first_rows = page.locator(ROWS)
    for index in range(5):
        assert in_viewport(page, first_rows.nth(index).locator("td").first), f"row {index + 1} is below the first screen"
    assert "Overdue" in first_rows.first.inner_text()  # overdue first
    screenshot(page, f"reader-{device}-1-first-screen")

    for name in ("Mainnet", "CDN and streaming", "Bridges and cross-chain"):
        clicks.click(page.locator(".topic-chips a.chip", has_text=name))
        page.wait_for_url(re.compile(r"#results$"))
        page.wait_for_load_state()

    assert clicks.count <= 3
    assert page.url.count("topic=") == 3
    rows = page.locator(ROWS)
    assert rows.count() == Commitment.objects.published().filter(topic__slug__in=["mainnet", "cdn", "bridges"]).count() >= 5
    topics = {rows.nth(i).locator("td[data-label=Topic]").inner_text() for i in range(rows.count())}
    assert topics == {"Mainnet", "CDN and streaming", "Bridges and cross-chain"}
    # The answer is on screen where the page landed: each of the first five promises with its status.
    for index in range(5):
        row = rows.nth(index)
        assert in_viewport(page, row.locator("td").first), f"answer row {index + 1} needs a scroll"
        assert in_viewport(page, row.locator(".status").first)
        assert row.locator(".status").first.inner_text() in Commitment.Status.labels
    # The rest is a short scroll away, not a long one.
    last = rows.nth(rows.count() - 1).bounding_box()
    assert last["y"] + last["height"] <= 2.2 * viewport["height"]
    assert f"{rows.count()} of 29 promises match" in page.locator(".scoreline").inner_text()
    screenshot(page, f"reader-{device}-2-answer")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert page.console_errors == []


def test_scoreboard_counts_are_links_that_filter(page, seeded_site):
    page.set_viewport_size(DESKTOP)
    page.goto(page.base + "/")

    page.click(".scoreline a.score-overdue")
    page.wait_for_url(re.compile(r"overdue=yes#results$"))

    rows = page.locator(ROWS)
    # 3 past their stated due, and 7 whose condition (the mainnet launch) was met in Sep 2023.
    assert rows.count() == 10
    assert all("Overdue" in rows.nth(i).inner_text() for i in range(10))
    assert in_viewport(page, rows.nth(2).locator("td").first)
    # The charts, one link away, follow the filter.
    page.click("text=Charts of the 10 matching promises")
    assert "10 commitments made" in page.locator("#chart-progress-desc").text_content()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?topic=mainnet&topic=cdn&topic=bridges#results",
        "/charts/",
        "/about/",
        "/corrections/",
        "/commitments/launch-mainnet/",
        "/sources/stratos-ama-twitter-spaces-03-08-2023/",
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(page, seeded_site, path):
    page.goto(page.base + path)

    assert serious_violations(page) == []

"""A reader on a site of two projects: `/` lists both, and each project's status page lists only
its own promises, on a desktop and on a phone."""

import datetime

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Project
from tests.factories import make_commitment, make_source, make_speaker

from tests.e2e.helpers import DESKTOP, PHONE, screenshot, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = "table.commitments tbody tr"


@pytest.fixture
def two_projects(transactional_db):
    call_command("seed", verbosity=0)
    nebula = Project.objects.create(name="Nebula", slug="nebula", curators="The Nebula desk")
    source = make_source(slug="nebula-ama-2024", title="Nebula community call", project=nebula, aired_on=datetime.date(2024, 3, 7))
    speaker = make_speaker("Alex Moreno", project=nebula)
    for title, month in (("Release the Nebula mobile wallet", 6), ("Open the Nebula grants round", 9)):
        make_commitment(title, source=source, speaker=speaker, due_date=datetime.date(2031, month, 1), due_precision="month")
    return Project.objects.order_by("id").first(), nebula


@pytest.mark.parametrize("device, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_root_lists_both_projects_and_each_status_page_only_its_own(page, two_projects, device, viewport):
    first, nebula = two_projects
    page.set_viewport_size(viewport)
    page.goto(page.base + "/")
    cards = page.locator(".project-card")
    assert cards.count() == 2
    assert first.name in cards.nth(0).inner_text() and "Nebula" in cards.nth(1).inner_text()
    assert "Nebula community call" in cards.nth(1).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"projects-{device}-1-index")

    cards.nth(1).locator("h2 a").click()
    page.wait_for_url(f"{page.base}/p/nebula/")
    assert page.locator(".site-name .project").inner_text() == "Nebula"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    rows = page.locator(ROWS)
    titles = {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())}
    assert rows.count() == 2
    assert all("Nebula" in title for title in titles), titles
    assert serious_violations(page) == []
    screenshot(page, f"projects-{device}-2-nebula")

    page.goto(page.base + "/")
    cards.nth(0).locator("h2 a").click()
    page.wait_for_url(f"{page.base}/p/{first.slug}/")
    assert page.locator(".site-name .project").inner_text() == first.name
    text = page.locator("main").inner_text()
    assert "Nebula" not in text
    assert page.locator(ROWS).count() == min(25, Commitment.objects.published().for_project(first).count())
    screenshot(page, f"projects-{device}-3-first")
    assert page.console_errors == []

"""An admin accepts a delivery, then tries an older in-progress report: the verdict stands."""

import datetime

import pytest
from django.core.management import call_command

from commitments.models import Commitment, EvidenceSuggestion, Source, Turn
from tests.e2e.helpers import DESKTOP, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def suggest(commitment, kind, aired_on, sentence):
    source = Source.objects.create(slug=f"ama-{aired_on}", title=f"AMA of {aired_on:%b %d, %Y}", aired_on=aired_on, public=True)
    turn = Turn.objects.create(source=source, position=1, speaker=commitment.speaker, text=sentence, line_start=1, line_end=1)
    return EvidenceSuggestion.objects.create(
        commitment=commitment, turn=turn, kind=kind, sentence=sentence, happened_on=aired_on, ref=f"r-{aired_on}"
    )


def test_an_older_in_progress_report_cannot_reverse_a_delivery(page, transactional_db, admin_login):
    call_command("seed", story=False, verbosity=0)
    mainnet = Commitment.objects.get(slug="launch-mainnet")
    older = suggest(mainnet, EvidenceSuggestion.Kind.PROGRESS, datetime.date(2024, 2, 27), "We are still working on the mainnet.")
    suggest(mainnet, EvidenceSuggestion.Kind.DELIVERED, datetime.date(2024, 5, 10), "The mainnet is live.")
    page.set_viewport_size(DESKTOP)
    admin_login(page)

    page.goto(f"{page.base}/admin/commitments/commitment/{mainnet.pk}/change/")
    with page.expect_navigation():
        page.click("text=Accept: mark delivered")
    assert "marked delivered" in page.locator(".messagelist").inner_text()
    row = page.locator("#suggestions-group tr", has_text="still working on the mainnet")
    assert "Superseded" in row.inner_text()
    assert row.locator("button", has_text="Accept").count() == 0
    screenshot(page, "verdict-1-superseded")

    page.goto(f"{page.base}/admin/commitments/evidencesuggestion/")
    page.check(f"input[name=_selected_action][value='{older.pk}']")
    page.select_option("select[name=action]", "accept_suggestions")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert "Accepted 0 suggestion(s)" in page.locator(".messagelist").inner_text()

    page.goto(f"{page.base}/commitments/launch-mainnet/")
    assert "Delivered" in page.locator(".status-line").inner_text()
    history = page.locator("ol.history").inner_text()
    assert "In progress" not in history
    assert "→ Delivered" in history
    screenshot(page, "verdict-2-public")
    assert page.console_errors == []

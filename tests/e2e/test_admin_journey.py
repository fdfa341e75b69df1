"""An admin imports a transcript and reviews ten proposals in at most twelve clicks; accepts a
delivery suggestion; and handles a reader's correction sent from the public page."""

import re
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from commitments.models import Commitment, Correction
from tests.e2e.helpers import DESKTOP, PHONE, Clicks, import_in_admin, in_viewport, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

SEED_TRANSCRIPT = settings.BASE_DIR / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"


def test_admin_imports_a_transcript_and_reviews_ten_proposals_in_twelve_clicks(page, transactional_db, admin_login):
    page.set_viewport_size(DESKTOP)
    admin_login(page)
    screenshot(page, "admin-1-home")
    assert "Import a transcript" in page.locator("#review-summary").inner_text()

    page.click("#review-summary >> text=Import a transcript")
    page.set_input_files("#id_file", str(SEED_TRANSCRIPT))
    page.click("input[type=submit][value=Import]")
    page.wait_for_url(re.compile(r"/admin/commitments/importjob/\d+/change/"))  # the import job's page
    proposed = Commitment.objects.proposed().count()
    assert proposed >= 10
    assert f"{proposed} commitment(s) proposed" in page.locator(".field-outcome").inner_text()
    screenshot(page, "admin-2-after-import")

    clicks = Clicks(page)
    clicks.click(page.locator(".field-next_steps a", has_text="in the queue"))
    page.wait_for_url(re.compile(r"review__exact=proposed&source__id__exact=\d+"))
    first_row = page.locator("#result_list tbody tr").first
    for cell in ("field-short_title", "field-quote_excerpt", "field-speaker", "field-due", "field-topic"):
        assert first_row.locator(f"td.{cell}, th.{cell}").inner_text().strip(), cell
    assert in_viewport(page, first_row.locator("button", has_text="Accept"))
    screenshot(page, "admin-3-queue")

    for n in range(10):
        row = page.locator("#result_list tbody tr").first
        title = row.locator(".field-short_title").inner_text()
        clicks.click(row.locator("button", has_text="Accept" if n % 5 else "Reject"))
        page.wait_for_load_state()
        assert title[:40] in page.locator(".messagelist").inner_text()

    assert clicks.count <= 12
    assert Commitment.objects.proposed().count() == proposed - 10
    assert Commitment.objects.published().count() == 8
    assert Commitment.objects.filter(review=Commitment.Review.REJECTED).count() == 2
    screenshot(page, "admin-4-queue-after-ten")

    page.set_viewport_size(PHONE)
    page.reload()
    screenshot(page, "admin-5-queue-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert page.console_errors == []


def test_admin_accepts_a_suggestion_shown_first_on_the_commitments_page(page, transactional_db, admin_login, tmp_path):
    call_command("seed", story=False, verbosity=0)
    page.set_viewport_size(DESKTOP)
    admin_login(page)
    import_in_admin(page, tmp_path)
    page.click(".field-next_steps a:has-text('suggestion(s) from later AMAs')")  # on the import job's page
    page.click("#result_list tbody tr th a")  # the suggestion
    mainnet = Commitment.objects.get(slug="launch-mainnet")
    page.goto(f"{page.base}/admin/commitments/commitment/{mainnet.pk}/change/")
    suggestion = page.locator("#suggestions-group")
    assert in_viewport(page, suggestion.locator("button", has_text="Accept: mark delivered"))
    screenshot(page, "admin-6-suggestion-first")
    page.click("text=Accept: mark delivered")
    assert "marked delivered" in page.locator(".messagelist").inner_text()

    page.set_viewport_size(PHONE)
    page.goto(f"{page.base}/admin/commitments/commitment/{mainnet.pk}/change/")
    screenshot(page, "admin-7-commitment-phone", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_a_readers_correction_is_sent_accepted_and_shown(page, transactional_db, admin_login):
    call_command("seed", story=False, verbosity=0)
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/commitments/launch-mainnet/")
    page.fill("#id_what_is_wrong", "The mainnet launched on September 12, 2023.")
    page.fill("#id_source_url", "https://example.org/stratos-mainnet-live")
    time.sleep(3)  # a person reads the form before sending it; the signed time stamp checks that
    page.click("text=Send the correction")
    assert "your correction was sent" in page.locator(".thanks").inner_text()
    assert in_viewport(page, page.locator(".thanks"))
    screenshot(page, "correction-1-sent-phone")

    page.set_viewport_size(DESKTOP)
    admin_login(page)
    page.click("#review-summary a:has-text('reader correction')")
    page.click("#result_list tbody tr th a")
    page.fill("#id_public_note", "Marked delivered on Sep 12, 2023, with the announcement as evidence.")
    screenshot(page, "correction-2-admin")
    page.click("button:has-text('Accept')")
    assert "accepted" in page.locator(".messagelist").inner_text()
    assert Correction.objects.get().state == Correction.State.ACCEPTED

    page.goto(page.base + "/commitments/launch-mainnet/")
    assert "Marked delivered on Sep 12, 2023" in page.locator("ol.history").inner_text()
    page.goto(page.base + "/corrections/")
    assert "Marked delivered on Sep 12, 2023" in page.locator(".corrections-log").inner_text()
    screenshot(page, "correction-3-public-log")

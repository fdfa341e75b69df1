"""What a reader and an admin do, in a real browser."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from commitments.models import Commitment
from tests.e2e.helpers import import_in_admin

pytestmark = pytest.mark.django_db(transaction=True)

LATER_AMA = """---
title: AMA on Twitter 03.03.2024
author: DevRawl
description: Stratos AMA on Twitter Spaces with Bin Zhu and Claire Bearzh, aired on March 3, 2024.
---

## Bridges

<o>Speaker</o>

When does the Solana bridge come?

<bin>Bin</bin>

We will launch the bridge to Solana next month. Thanks for asking.
"""


@pytest.fixture
def seeded_site(transactional_db):
    call_command("seed", story=False, verbosity=0)


def test_reader_filters_sorts_opens_a_commitment_reads_the_transcript_and_downloads_the_csv(page, seeded_site):
    page.goto(page.base + "/")
    assert "29 promises" in page.locator(".scoreline").inner_text()

    page.click("text=Search and more filters")
    page.check("input[name=topic][value=liquidity]")
    page.check("input[name=status][value=pending]")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"topic=liquidity.*#results$"))
    titles = page.locator("table.commitments tbody tr td:first-child a").all_inner_texts()
    assert sorted(titles) == ["Deepen the Uniswap liquidity pool after mainnet", "Work with more market makers after mainnet"]

    page.click("th >> text=Commitment")
    page.wait_for_url(re.compile(r"sort=title"))
    assert page.locator("table.commitments tbody tr td:first-child a").all_inner_texts() == sorted(titles)

    with page.expect_download() as download_info:
        page.click("text=Download these rows as CSV")
    rows = list(csv.DictReader(io.StringIO(open(download_info.value.path(), encoding="utf-8").read())))
    assert sorted(row["title"] for row in rows) == sorted(titles)
    assert {row["topic"] for row in rows} == {"Liquidity"}

    page.click("text=Deepen the Uniswap liquidity pool after mainnet")
    assert "make the pool deeper" in page.locator("blockquote").inner_text()
    page.click("text=Read it in the transcript")
    page.wait_for_url(re.compile(r"/sources/stratos-ama-twitter-spaces-03-08-2023/#turn-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor} mark", has_text="make the pool deeper").is_visible()
    assert page.console_errors == []


def test_admin_marks_a_commitment_delivered_and_the_reader_sees_it_with_history(page, seeded_site, admin_login):
    admin_login(page)
    commitment = Commitment.objects.get(slug="launch-mainnet")
    page.goto(f"{page.base}/admin/commitments/commitment/{commitment.pk}/change/")
    page.select_option("#id_status", "delivered")
    page.fill("#id_status_note", "Mainnet went live in September")
    page.fill("#id_evidence_url", "https://example.com/mainnet-is-live")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/commitments/commitment/$"))

    page.goto(page.base + commitment.get_absolute_url())
    assert page.locator(".status-line").inner_text().startswith("Status: Delivered")
    history = page.locator("ol.history").inner_text()
    assert "No news yet → Delivered" in history
    assert "Mainnet went live in September" in history
    assert page.locator("ol.history li.timeline-change a").get_attribute("href") == "https://example.com/mainnet-is-live"
    assert page.console_errors == []


def test_admin_imports_a_transcript_and_accepts_a_proposal(page, transactional_db, admin_login, tmp_path):
    transcript = tmp_path / "later-ama.md"
    transcript.write_text(LATER_AMA, encoding="utf-8")
    admin_login(page)

    page.goto(page.base + "/admin/commitments/source/")
    page.click("text=Import a transcript")
    page.set_input_files("#id_file", str(transcript))
    page.click("input[type=submit][value=Import]")
    page.wait_for_url(re.compile(r"/admin/commitments/importjob/\d+/change/"))  # the import job's page
    assert "1 commitment(s) proposed" in page.locator(".field-outcome").inner_text()
    page.click(".field-next_steps a:has-text('in the queue')")
    page.wait_for_url(re.compile(r"review__exact=proposed"))

    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "accept")
    page.click("button[name=index]")
    assert "Accepted 1 commitment(s)" in page.locator(".messagelist").inner_text()

    page.goto(page.base + "/")
    assert "Launch the bridge to Solana" in page.locator("table.commitments").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize(
    "path",
    ["/", "/commitments/launch-mainnet/", "/sources/stratos-ama-twitter-spaces-03-08-2023/", "/?topic=mainnet&status=pending"],
)
def test_pages_fit_a_phone_without_console_errors(page, seeded_site, path):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(page.base + path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []


def test_admin_accepts_a_delivery_report_from_a_later_ama_in_one_click(page, seeded_site, admin_login, tmp_path):
    admin_login(page)
    import_in_admin(page, tmp_path)
    assert "1 suggestion(s) about open commitments" in page.locator(".field-outcome").inner_text()  # the import job's page

    mainnet = Commitment.objects.get(slug="launch-mainnet")
    page.goto(f"{page.base}/admin/commitments/commitment/{mainnet.pk}/change/")
    assert "our Stratos mainnet was launched" in page.locator("#suggestions-group").inner_text()
    page.click("text=Accept: mark delivered")
    assert "marked delivered" in page.locator(".messagelist").inner_text()

    page.goto(page.base + mainnet.get_absolute_url())
    assert page.locator(".status-line").inner_text().startswith("Status: Delivered")
    page.click("text=Evidence: AMA on Twitter 27.10.2023")
    page.wait_for_url(re.compile(r"/sources/later-launch-report/#turn-1$"))
    page.goto(page.base + "/")
    assert "1 delivered (3%)" in page.locator(".score-delivered").inner_text()
    assert page.console_errors == []

"""The admin pages a curator works in pass axe-core with no serious or critical violation."""

import datetime

from django.core.management import call_command

from commitments.models import Commitment, EvidenceSuggestion, Turn
from commitments.services import change_status
from tests.e2e.helpers import serious_violations


def test_the_commitment_change_page_has_no_serious_accessibility_violation(page, transactional_db, admin_login):
    call_command("seed", verbosity=0)
    commitment = Commitment.objects.get(slug="launch-mainnet")
    other = Commitment.objects.exclude(pk=commitment.pk).first()
    commitment.depends_on.add(other)
    turn = Turn.objects.filter(source=commitment.source).first()
    EvidenceSuggestion.objects.create(commitment=commitment, turn=turn, sentence="Mainnet is live.", score=1, kind="delivered")
    if not commitment.history.exists():
        change_status(commitment, "in_progress", note="Under way", happened_on=datetime.date(2023, 8, 10))
    admin_login(page)

    page.goto(f"{page.base}/admin/commitments/commitment/{commitment.pk}/change/")
    page.wait_for_selector("#commitment_form")

    found = serious_violations(page)
    assert found == [], "\n".join(found)
    # The clear button still clears the dependencies once moved out of the list.
    page.click(".field-depends_on .select2-selection__clear")
    page.keyboard.press("Escape")
    page.click("#content h1")
    page.wait_for_selector(".select2-container--open", state="detached")
    assert page.eval_on_selector("#id_depends_on", "select => select.selectedOptions.length") == 0
    assert page.locator(".field-depends_on .select2-selection__clear").count() == 0
    found = serious_violations(page)
    assert found == [], "\n".join(found)


def test_the_commitment_list_and_review_queue_have_no_serious_accessibility_violation(page, transactional_db, admin_login):
    call_command("seed", verbosity=0)
    Commitment.objects.filter(slug="launch-mainnet").update(review=Commitment.Review.PROPOSED)
    admin_login(page)

    for url in ("/admin/commitments/commitment/", "/admin/commitments/commitment/?review__exact=proposed"):
        page.goto(page.base + url)
        page.wait_for_selector("#changelist")
        assert serious_violations(page) == [], url

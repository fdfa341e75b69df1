"""The admin's autocomplete drop-down (select2), open with its results listed or with only a
message, passes axe-core with no serious or critical violation: its option text keeps its
contrast, and a list holding only "No results found" is not called a listbox."""

import pytest
from django.core.management import call_command

from commitments.models import Commitment
from tests.e2e.helpers import serious_violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_autocomplete_dropdown_has_no_serious_accessibility_violation(page, transactional_db, admin_login, scheme):
    page.emulate_media(color_scheme=scheme)
    call_command("seed", verbosity=0)
    commitment = Commitment.objects.get(slug="launch-mainnet")
    admin_login(page)

    page.goto(f"{page.base}/admin/commitments/commitment/{commitment.pk}/change/")
    page.wait_for_selector("#commitment_form")
    page.click(".field-depends_on .select2-selection")
    page.wait_for_selector(".select2-container--open .select2-results__option:not(.loading-results)")
    page.keyboard.press("ArrowDown")  # a highlighted option as well as plain ones

    found = serious_violations(page)
    assert found == [], "\n".join(found)


def test_the_autocomplete_message_for_no_results_keeps_its_contrast(page, transactional_db, admin_login):
    call_command("seed", verbosity=0)
    commitment = Commitment.objects.get(slug="launch-mainnet")
    admin_login(page)

    page.goto(f"{page.base}/admin/commitments/commitment/{commitment.pk}/change/")
    page.wait_for_selector("#commitment_form")
    page.click(".field-depends_on .select2-selection")
    page.keyboard.type("zzzz no such promise")
    page.wait_for_selector(".select2-container--open .select2-results__message")

    found = serious_violations(page)
    assert found == [], "\n".join(found)
    # the options come back: a listbox again
    page.fill(".select2-container--open .select2-search__field", "")
    page.wait_for_selector(".select2-container--open .select2-results__option[role=option]")
    assert page.get_attribute(".select2-container--open ul.select2-results__options", "role") == "listbox"
    found = serious_violations(page)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("field", ["speaker", "source", "topic", "turn"])
def test_a_single_choice_dropdown_names_its_search_field(page, transactional_db, admin_login, field):
    call_command("seed", verbosity=0)
    commitment = Commitment.objects.get(slug="launch-mainnet")
    admin_login(page)

    page.goto(f"{page.base}/admin/commitments/commitment/{commitment.pk}/change/")
    page.wait_for_selector("#commitment_form")
    page.click(f".field-{field} .select2-selection")
    page.wait_for_selector(".select2-container--open .select2-results__option:not(.loading-results)")

    found = serious_violations(page)
    assert found == [], "\n".join(found)
    label = page.text_content(f"label[for=id_{field}]").rstrip(":").strip()
    assert page.get_attribute(".select2-search--dropdown .select2-search__field", "aria-label") == f"Search {label.lower()}"

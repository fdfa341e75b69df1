"""After a later AMA is imported and its suggestion accepted, a reader reaches that AMA's changes
page from the status page's first screen in one click and sees the change with its evidence."""

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Source
from tests.e2e.helpers import DESKTOP, PHONE, import_in_admin, in_viewport, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_reaches_the_later_amas_changes_from_the_first_screen(page, transactional_db, admin_login, tmp_path, browser):
    call_command("seed", story=False, verbosity=0)
    page.set_viewport_size(DESKTOP)
    admin_login(page)
    import_in_admin(page, tmp_path)
    mainnet = Commitment.objects.get(slug="launch-mainnet")
    page.goto(f"{page.base}/admin/commitments/commitment/{mainnet.pk}/change/")
    page.click("text=Accept: mark delivered")
    assert "marked delivered" in page.locator(".messagelist").inner_text()
    later = Source.objects.get(title="AMA on Twitter 27.10.2023")

    reader = browser.new_page(viewport=PHONE)  # no admin session: the public, cached pages
    for size, name in ((PHONE, "phone"), (DESKTOP, "desktop")):
        reader.set_viewport_size(size)
        reader.goto(page.base + "/")
        link = reader.locator("a.latest-changes", has_text="Latest changes")
        assert link.get_attribute("title") == "What changed after the AMA on Twitter 27.10.2023"
        assert in_viewport(reader, link)
        link.click()  # the one click
        assert reader.url.endswith(f"/sources/{later.slug}/changes/")
        delivered = reader.locator("section", has=reader.locator("h2", has_text="Delivered (1)"))
        item = delivered.locator("li", has_text="Launch").first
        assert "→ Delivered" in item.inner_text()
        evidence = item.locator(".evidence a")
        assert evidence.get_attribute("href").startswith(f"/sources/{later.slug}/#turn-")
        assert reader.evaluate("document.documentElement.scrollWidth") <= size["width"] + 1
        screenshot(reader, f"changes-after-later-ama-{name}", full_page=True)
    reader.close()


def test_the_atom_feed_opens_as_a_readable_page(page, transactional_db):
    call_command("seed", verbosity=0)
    for size, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.goto(page.base + "/feed/")
        heading = page.locator("h1")
        assert "what changed" in heading.inner_text()
        assert "This is an Atom feed" in page.locator(".about").inner_text()
        assert page.locator("ol li a").count() >= 10
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"] + 1
        screenshot(page, f"feed-as-page-{name}", full_page=False)

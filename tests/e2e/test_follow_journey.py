"""A reader follows a promise by e-mail from a phone: the form on the promise's page, the
confirmation link from the message, then one message when its status changes."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from commitments.models import Commitment
from commitments.services import change_status
from tests.e2e.helpers import PHONE, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_follows_a_promise_by_email_and_confirms(page, transactional_db):
    call_command("seed", story=False, verbosity=0)
    cdn = Commitment.objects.get(slug="build-cdn-layer")
    page.set_viewport_size(PHONE)
    page.goto(page.base + cdn.get_absolute_url())
    form = page.locator("form.follow-form")
    assert form.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    screenshot(page, "follow-form-phone")
    form.get_by_label("Your e-mail").fill("reader@example.org")
    form.get_by_role("button", name="Follow by e-mail").click()
    assert "Check your inbox" in page.locator("main").inner_text()

    call_command("send_notifications", verbosity=0)
    [confirmation] = mail.outbox
    link = re.search(r"http://\S+?(/follow/confirm/\S+?/)", confirmation.body).group(1)
    page.goto(page.base + link)
    assert f"You follow “{cdn.title}”" in page.locator("h1").inner_text()
    screenshot(page, "follow-confirmed-phone")

    change_status(cdn, "in_progress", note="Reported under way")
    call_command("send_notifications", verbosity=0)
    assert [message.subject for message in mail.outbox[1:]] == [f"{cdn.title}: now in progress"]

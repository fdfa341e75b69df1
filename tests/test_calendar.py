"""The iCalendar of open commitments' due dates."""

import datetime

import pytest

from commitments.models import Commitment
from commitments.services import change_status, set_dependencies
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


def test_calendar_has_an_event_per_open_due_commitment(client):
    make_commitment("Ship, the; wallet", due_date=datetime.date(2024, 3, 1), due_precision="month", quote="We will ship it " + "very " * 30)
    make_commitment("Done", due_date=datetime.date(2024, 3, 1), due_precision="day", status=Commitment.Status.DELIVERED)

    response = client.get("/calendar.ics")
    text = response.content.decode()

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20240331" in text  # the month's last day
    assert "SUMMARY:Due: Ship\\, the\\; wallet" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "\r\n " in text  # the long description was folded


def test_calendar_includes_a_conditional_promise_once_its_clock_started(client):
    mainnet = make_commitment("Launch the mainnet")
    unlock = make_commitment("Unlock team tokens", condition="after the mainnet launch")
    waiting = make_commitment("Bridge after the audit", condition="after the audit")
    set_dependencies(unlock, [mainnet])
    set_dependencies(waiting, [make_commitment("Finish the audit")])

    before = client.get("/calendar.ics").content.decode()
    change_status(mainnet, Commitment.Status.DELIVERED, note="Mainnet is live", happened_on=datetime.date(2023, 9, 12))
    after = client.get("/calendar.ics").content.decode()

    assert "Unlock team tokens" not in before
    assert "SUMMARY:Clock started: Unlock team tokens" in after
    assert "DTSTART;VALUE=DATE:20230912" in after
    assert "SUMMARY:Due: Unlock team tokens" in after  # the clock's estimated due date
    assert "DTSTART;VALUE=DATE:20231212" in after
    assert "Bridge after the audit" not in after  # still waiting


def test_a_title_with_bare_carriage_returns_stays_one_line_of_one_event(client):
    make_commitment("Ship\rEND:VEVENT\rBEGIN:VEVENT", due_date=datetime.date(2024, 3, 1), due_precision="day", quote="One\rtwo\r\nthree")

    text = client.get("/calendar.ics").content.decode()
    unfolded = text.replace("\r\n ", "").split("\r\n")

    assert unfolded.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Due: Ship\\nEND:VEVENT\\nBEGIN:VEVENT" in unfolded
    assert "\r" not in text.replace("\r\n", "")  # no line break but the calendar's own CRLF

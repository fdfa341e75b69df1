"""The iCalendar of open commitments' due dates."""

import datetime

import pytest

from commitments.models import Commitment
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

import datetime

import pytest

from commitments.models import Commitment, StatusChange
from commitments.services import StatusChangeError, change_status, set_review
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


def test_marking_delivered_records_history_with_user_note_and_evidence(staff_user):
    commitment = make_commitment()

    change = change_status(
        commitment, "delivered", by=staff_user, note="Announced on stage", evidence_url="https://example.com/post"
    )

    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    assert commitment.delivered_on is not None
    assert (change.from_status, change.to_status) == ("pending", "delivered")
    assert change.changed_by == staff_user
    assert change.note == "Announced on stage"
    assert change.evidence_url == "https://example.com/post"
    assert list(commitment.history.all()) == [change]


def test_delivery_date_can_be_given_and_is_cleared_when_reopened(staff_user):
    commitment = make_commitment()

    change_status(commitment, "delivered", by=staff_user, delivered_on=datetime.date(2023, 9, 12))
    assert Commitment.objects.get(pk=commitment.pk).delivered_on == datetime.date(2023, 9, 12)

    change_status(commitment, "in_progress", by=staff_user)
    assert Commitment.objects.get(pk=commitment.pk).delivered_on is None


def test_setting_the_same_status_writes_nothing():
    commitment = make_commitment()

    assert change_status(commitment, "pending") is None
    assert not StatusChange.objects.exists()


def test_unknown_status_is_refused():
    commitment = make_commitment()

    with pytest.raises(StatusChangeError, match="Unknown status 'done'"):
        change_status(commitment, "done")
    assert not StatusChange.objects.exists()


def test_status_and_history_are_written_together_or_not_at_all(monkeypatch):
    commitment = make_commitment()

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Commitment, "save", fail)
    with pytest.raises(RuntimeError):
        change_status(commitment, "delivered")

    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert not StatusChange.objects.exists()


def test_current_status_equals_last_history_row():
    commitment = make_commitment()
    for status in ["in_progress", "delivered", "missed", "pending", "dropped"]:
        change_status(commitment, status)

    commitment.refresh_from_db()
    assert commitment.history.latest().to_status == commitment.status == "dropped"
    assert [c.to_status for c in commitment.history.all()] == ["in_progress", "delivered", "missed", "pending", "dropped"]


def test_accepting_proposals_publishes_them():
    proposed = make_commitment(review=Commitment.Review.PROPOSED)

    assert set_review([proposed], Commitment.Review.ACCEPTED) == 1
    assert list(Commitment.objects.published()) == [proposed]

import datetime

import pytest
from django.utils import timezone

from commitments.models import Commitment, StatusChange
from commitments.services import StatusChangeError, change_status, mark_reviewed, set_review
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


def test_marking_delivered_records_history_with_user_note_and_evidence(staff_user):
    commitment = make_commitment()

    change = change_status(
        commitment, "delivered", by=staff_user, note="Announced on stage", evidence_url="https://example.com/post"
    )

    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    assert commitment.delivered_on == timezone.localdate()
    assert (change.from_status, change.to_status) == ("pending", "delivered")
    assert change.changed_by == staff_user
    assert change.note == "Announced on stage"
    assert change.evidence_url == "https://example.com/post"
    assert list(commitment.history.all()) == [change]


def test_the_happened_date_is_the_delivery_date_and_is_cleared_when_reopened(staff_user):
    commitment = make_commitment()

    change = change_status(
        commitment, "delivered", by=staff_user, note="Live", happened_on=datetime.date(2023, 9, 1), happened_precision="month"
    )
    delivered = Commitment.objects.get(pk=commitment.pk)
    assert (change.happened_on, change.happened_precision) == (datetime.date(2023, 9, 1), "month")
    assert (delivered.delivered_on, delivered.delivered_precision) == (datetime.date(2023, 9, 1), "month")
    assert delivered.delivered_display == "Sep 2023"

    change_status(commitment, "in_progress", by=staff_user, note="Only the testnet is live")
    reopened = Commitment.objects.get(pk=commitment.pk)
    assert (reopened.delivered_on, reopened.delivered_precision) == (None, "")


def test_a_change_happened_today_unless_told_otherwise():
    commitment = make_commitment()

    change = change_status(commitment, "stalled", note="No word for six months")

    assert (change.happened_on, change.happened_precision) == (timezone.localdate(), "day")
    assert change.changed_at.date() == timezone.localdate()


@pytest.mark.parametrize("status", ["in_progress", "stalled", "postponed", "partly_delivered", "delivered", "broken", "dropped"])
def test_every_verdict_but_no_news_needs_a_reason(status):
    commitment = make_commitment()

    with pytest.raises(StatusChangeError, match="needs a written reason"):
        change_status(commitment, status, note="  ")
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert not StatusChange.objects.exists()


def test_reopening_to_no_news_needs_no_reason():
    commitment = make_commitment(status="broken")

    assert change_status(commitment, "pending").to_status == "pending"


def test_an_unknown_happened_precision_is_refused():
    commitment = make_commitment()

    with pytest.raises(StatusChangeError, match="Unknown precision 'decade'"):
        change_status(commitment, "delivered", note="Live", happened_precision="decade")


def test_each_change_and_a_review_without_change_record_when_it_was_reviewed():
    commitment = make_commitment()
    assert commitment.reviewed_at is None

    change = change_status(commitment, "in_progress", note="Testnet running")
    assert Commitment.objects.get(pk=commitment.pk).reviewed_at == change.changed_at

    mark_reviewed(commitment)
    reviewed = Commitment.objects.get(pk=commitment.pk)
    assert reviewed.reviewed_at > change.changed_at
    assert reviewed.status == "in_progress"
    assert reviewed.history.count() == 1


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
        change_status(commitment, "delivered", note="Live")

    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert not StatusChange.objects.exists()


def test_current_status_equals_last_history_row():
    commitment = make_commitment()
    verdicts = ["in_progress", "stalled", "postponed", "partly_delivered", "delivered", "broken", "pending", "dropped"]
    for status in verdicts:
        change_status(commitment, status, note=f"Now {status}")

    commitment.refresh_from_db()
    assert commitment.history.latest().to_status == commitment.status == "dropped"
    assert [c.to_status for c in commitment.history.all()] == verdicts


def test_accepting_proposals_publishes_them():
    proposed = make_commitment(review=Commitment.Review.PROPOSED)

    assert set_review([proposed], Commitment.Review.ACCEPTED) == 1
    assert list(Commitment.objects.published()) == [proposed]


def test_a_change_cannot_have_happened_after_today():
    commitment = make_commitment()

    with pytest.raises(StatusChangeError, match="after today"):
        change_status(commitment, "delivered", note="Live", happened_on=timezone.localdate() + datetime.timedelta(days=1))
    assert not StatusChange.objects.exists()

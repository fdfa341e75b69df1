import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from commitments.models import Commitment, StatusChange, format_happened
from commitments.reading.periods import format_period
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 5, 15)
P = Commitment.Precision


@pytest.mark.parametrize(
    "due, precision, overdue",
    [
        (datetime.date(2024, 5, 14), P.DAY, True),
        (datetime.date(2024, 5, 15), P.DAY, False),
        (datetime.date(2024, 5, 6), P.WEEK, True),  # the week of May 6 ended on the 12th
        (datetime.date(2024, 5, 13), P.WEEK, False),  # this week
        (datetime.date(2024, 4, 1), P.MONTH, True),
        (datetime.date(2024, 5, 1), P.MONTH, False),  # May is not over
        (datetime.date(2024, 1, 1), P.QUARTER, True),
        (datetime.date(2024, 4, 1), P.QUARTER, False),
        (datetime.date(2023, 12, 31), P.YEAR, True),
        (datetime.date(2024, 1, 1), P.YEAR, False),
    ],
)
def test_overdue_means_the_due_period_has_ended(due, precision, overdue):
    commitment = make_commitment(due_date=due, due_precision=precision)

    assert commitment.is_overdue(TODAY) is overdue
    assert Commitment.objects.overdue(TODAY).filter(pk=commitment.pk).exists() is overdue


@pytest.mark.parametrize("status", [Commitment.Status.DELIVERED, Commitment.Status.BROKEN, Commitment.Status.PARTLY, Commitment.Status.DROPPED])
def test_closed_commitments_are_never_overdue(status):
    commitment = make_commitment(due_date=datetime.date(2020, 1, 1), due_precision=P.DAY, status=status)

    assert not commitment.is_overdue(TODAY)
    assert not Commitment.objects.overdue(TODAY).exists()


def test_in_progress_past_due_is_overdue():
    make_commitment(due_date=datetime.date(2020, 1, 1), due_precision=P.DAY, status=Commitment.Status.IN_PROGRESS)

    assert Commitment.objects.overdue(TODAY).count() == 1


def test_commitment_without_due_date_is_not_overdue():
    commitment = make_commitment(condition="after the mainnet launch")

    assert not commitment.is_overdue(TODAY)
    assert not Commitment.objects.overdue(TODAY).exists()


def test_due_soon_is_within_thirty_days_and_open():
    soon = make_commitment(due_date=TODAY + datetime.timedelta(days=10), due_precision=P.DAY)
    make_commitment(due_date=TODAY + datetime.timedelta(days=40), due_precision=P.DAY)
    make_commitment(due_date=TODAY + datetime.timedelta(days=5), due_precision=P.DAY, status=Commitment.Status.DELIVERED)

    assert list(Commitment.objects.due_soon(TODAY)) == [soon]


def test_published_hides_proposed_and_rejected():
    accepted = make_commitment()
    make_commitment(review=Commitment.Review.PROPOSED)
    make_commitment(review=Commitment.Review.REJECTED)

    assert list(Commitment.objects.published()) == [accepted]


def test_scoreboard_counts_each_status_and_share_delivered():
    make_commitment(status=Commitment.Status.DELIVERED)
    make_commitment(status=Commitment.Status.NO_NEWS, due_date=datetime.date(2020, 1, 1), due_precision=P.DAY)
    make_commitment(status=Commitment.Status.NO_NEWS)
    make_commitment(status=Commitment.Status.DROPPED)

    board = Commitment.objects.scoreboard(TODAY)

    assert board["total"] == 4
    assert board["delivered"] == 1
    assert board["pending"] == 2
    assert board["dropped"] == 1
    assert board["overdue"] == 1
    assert board["share_delivered"] == 25


def test_scoreboard_of_nothing_is_zero():
    assert Commitment.objects.scoreboard(TODAY)["share_delivered"] == 0


def test_deleting_a_source_or_speaker_with_commitments_is_refused():
    source, speaker = make_source(), make_speaker("Bin")
    make_commitment(source=source, speaker=speaker)

    with pytest.raises(ProtectedError):
        source.delete()
    with pytest.raises(ProtectedError):
        speaker.delete()


def test_history_rows_cannot_be_edited_or_deleted():
    commitment = make_commitment()
    change = StatusChange.objects.create(commitment=commitment, from_status="pending", to_status="delivered")

    change.note = "rewritten"
    with pytest.raises(ValidationError):
        change.save()
    with pytest.raises(ValidationError):
        change.delete()
    assert StatusChange.objects.get(pk=change.pk).note == ""


@pytest.mark.parametrize(
    "due, precision, text",
    [
        (datetime.date(2023, 8, 15), P.DAY, "Aug 15, 2023"),
        (datetime.date(2023, 8, 7), P.WEEK, "week of Aug 7, 2023"),
        (datetime.date(2023, 9, 1), P.MONTH, "Sep 2023"),
        (datetime.date(2024, 4, 1), P.QUARTER, "Q2 2024"),
        (datetime.date(2024, 1, 1), P.YEAR, "2024"),
        (datetime.date(2023, 12, 31), P.YEAR, "by the end of 2023"),
        (datetime.date(2024, 7, 1), P.HALF, "H2 2024"),
        (datetime.date(2023, 11, 3), P.ESTIMATED, "by about Nov 3, 2023 (estimated)"),
    ],
)
def test_due_dates_are_shown_at_their_precision(due, precision, text):
    assert format_period(due, precision) == text


@pytest.mark.parametrize("status", [Commitment.Status.STALLED, Commitment.Status.POSTPONED, Commitment.Status.NO_NEWS])
def test_open_verdicts_past_their_due_period_are_overdue(status):
    commitment = make_commitment(due_date=datetime.date(2020, 1, 1), due_precision=P.DAY, status=status)

    assert commitment.is_overdue(TODAY)
    assert list(Commitment.objects.overdue(TODAY)) == [commitment]


def test_scoreboard_counts_every_verdict_of_the_scale():
    for status in Commitment.Status.values:
        make_commitment(status=status)

    board = Commitment.objects.scoreboard(TODAY)

    assert [board[status] for status in Commitment.Status.values] == [1] * 8
    assert board["total"] == 8


@pytest.mark.parametrize(
    "day, precision, shown",
    [
        (datetime.date(2023, 9, 12), P.DAY, "Sep 12, 2023"),
        (datetime.date(2023, 9, 1), P.MONTH, "Sep 2023"),
        (datetime.date(2023, 8, 1), P.QUARTER, "Q3 2023"),
        (datetime.date(2023, 1, 1), P.YEAR, "2023"),
        (None, P.DAY, ""),
    ],
)
def test_a_happened_date_is_shown_as_exactly_as_it_is_known(day, precision, shown):
    assert format_happened(day, precision) == shown


def test_slipped_days_compare_the_ends_of_the_first_and_current_due_periods():
    commitment = make_commitment(
        due_date=datetime.date(2024, 12, 31), due_precision=P.YEAR, restated_count=1,
        first_due_date=datetime.date(2023, 12, 1), first_due_precision=P.MONTH,
    )

    assert commitment.slipped_days == 366
    assert commitment.first_due_display == "Dec 2023"


def test_a_commitment_never_restated_has_its_due_as_first_due_and_no_slip():
    commitment = make_commitment(due_date=datetime.date(2023, 12, 1), due_precision=P.MONTH)

    assert commitment.first_due_display == "Dec 2023"
    assert commitment.slipped_days is None


def test_scoreboard_counts_overdue_and_due_soon_by_the_rules_each_commitment_follows():
    for n, (due, precision) in enumerate(
        [(datetime.date(2024, 5, 14), P.DAY), (datetime.date(2024, 5, 20), P.DAY), (datetime.date(2024, 5, 1), P.MONTH),
         (datetime.date(2024, 4, 1), P.MONTH), (datetime.date(2024, 1, 1), P.QUARTER), (datetime.date(2023, 1, 1), P.YEAR),
         (datetime.date(2024, 6, 3), P.WEEK), (datetime.date(2024, 5, 6), P.WEEK), (datetime.date(2024, 5, 10), "")]
    ):
        for status in (Commitment.Status.NO_NEWS, Commitment.Status.DELIVERED):
            make_commitment(due_date=due, due_precision=precision, status=status)
    make_commitment(condition="after the mainnet")

    for today in (TODAY, datetime.date(2024, 5, 1), datetime.date(2024, 7, 1), datetime.date(2025, 1, 1)):
        board = Commitment.objects.scoreboard(today)
        every = list(Commitment.objects.all())
        assert board["overdue"] == Commitment.objects.overdue(today).count() == sum(c.is_overdue(today) for c in every)
        assert board["due_soon"] == Commitment.objects.due_soon(today).count()
    # On Wed May 15, 2024: May 14, April, Q1, 2023, the week of May 6 and May 10 have passed;
    # May 20 and the week of June 3 fall within 30 days.
    assert Commitment.objects.scoreboard(TODAY)["overdue"] == 6
    assert Commitment.objects.scoreboard(TODAY)["due_soon"] == 2


def test_a_sliced_page_fetched_by_ids_keeps_its_order_and_its_related_rows():
    made = [make_commitment(f"Promise {n:02}") for n in range(6)]

    page = Commitment.objects.order_by("-title")[1:4].fetched_by_ids()

    assert [c.title for c in page] == ["Promise 04", "Promise 03", "Promise 02"]
    assert page[0].source.title == made[4].source.title  # loaded with the row, not one query each

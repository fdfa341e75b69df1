import datetime

import pytest

from commitments.reading import periods
from commitments.models import Commitment
from tests.factories import make_commitment

D = datetime.date


@pytest.mark.parametrize(
    "precision, first, last",
    [
        (periods.DAY, D(2024, 5, 15), D(2024, 5, 15)),
        (periods.WEEK, D(2024, 5, 13), D(2024, 5, 19)),
        (periods.MONTH, D(2024, 5, 1), D(2024, 5, 31)),
        (periods.QUARTER, D(2024, 4, 1), D(2024, 6, 30)),
        (periods.HALF, D(2024, 1, 1), D(2024, 6, 30)),
        (periods.YEAR, D(2024, 1, 1), D(2024, 12, 31)),
        (periods.ESTIMATED, D(2024, 5, 15), D(2024, 5, 15)),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_day(precision, first, last):
    assert periods.first_day(D(2024, 5, 15), precision) == first
    assert periods.last_day(D(2024, 5, 15), precision) == last


def test_february_ends_on_the_29th_in_a_leap_year():
    assert periods.last_day(D(2024, 2, 3), periods.MONTH) == D(2024, 2, 29)
    assert periods.last_day(D(2023, 2, 3), periods.MONTH) == D(2023, 2, 28)


def test_a_period_has_ended_only_after_its_last_day():
    assert not periods.has_ended(D(2024, 4, 1), periods.QUARTER, D(2024, 6, 30))
    assert periods.has_ended(D(2024, 4, 1), periods.QUARTER, D(2024, 7, 1))
    assert not periods.has_ended(D(2024, 1, 1), periods.HALF, D(2024, 6, 30))


@pytest.mark.parametrize("precision", [value for value, _ in periods.PRECISIONS])
def test_ended_before_is_has_ended_as_a_comparison(precision):
    """The database's form (due_date < ended_before[p]) gives the same answer as has_ended."""
    today = D(2024, 5, 15)
    for offset in range(-400, 400, 3):
        due = today + datetime.timedelta(days=offset)
        due = periods.first_day(due, precision)
        assert (due < periods.ended_before(today)[precision]) == periods.has_ended(due, precision, today)


def test_month_names_and_abbreviations_in_any_case():
    assert periods.month_number("Sept") == 9
    assert periods.month_number("may") == 5
    assert periods.month_number("DEC") == 12
    with pytest.raises(KeyError):
        periods.month_number("Smarch")


def test_a_single_day_is_written_one_way():
    assert periods.format_day(D(2023, 8, 15)) == "Aug 15, 2023"
    assert periods.format_day(None) == ""


def test_due_soon_is_inside_the_window_and_not_ended():
    today = D(2024, 5, 15)
    assert periods.is_due_soon(today + datetime.timedelta(days=periods.DUE_SOON_DAYS), periods.DAY, today)
    assert not periods.is_due_soon(today + datetime.timedelta(days=periods.DUE_SOON_DAYS + 1), periods.DAY, today)
    assert not periods.is_due_soon(D(2024, 5, 14), periods.DAY, today)


@pytest.mark.django_db
def test_the_overdue_query_agrees_with_the_period_rule():
    today = D(2024, 5, 15)
    made = []
    for precision, _ in periods.PRECISIONS:
        for due in (D(2024, 1, 1), D(2024, 4, 1), D(2024, 5, 1), D(2024, 5, 13), D(2024, 5, 14), D(2024, 5, 15)):
            made.append(make_commitment(due_date=due, due_precision=precision))
    overdue = set(Commitment.objects.overdue(today).values_list("pk", flat=True))
    for commitment in made:
        assert (commitment.pk in overdue) == commitment.is_overdue(today), (commitment.due_precision, commitment.due_date)
    assert overdue, "some of these periods have ended"


def test_overdue_by_says_how_long_ago_the_due_period_ended():
    today = datetime.date(2024, 9, 15)
    assert periods.overdue_by(datetime.date(2024, 2, 1), "month", today) == "6 months"
    assert periods.overdue_by(datetime.date(2024, 9, 3), "day", today) == "12 days"
    assert periods.overdue_by(datetime.date(2021, 1, 1), "year", today) == "2 years"
    assert periods.overdue_by(datetime.date(2024, 9, 1), "month", today) == ""

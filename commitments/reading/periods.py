"""Due periods: the precision values, a period's first and last day, whether it has ended, how it
is written, month names and the due-soon window. Pure Python (no Django): the models, the time
phrases, the transcripts, the calendar, the exports, the filters and the templates all read this
one module, so a period means the same thing everywhere.

A due date is stored as a day inside its period together with the period's precision: a week by
its Monday, a month by its 1st, a quarter or a half-year by its first day, a year by January 1st
(or December 31st when it was said as "the end of" the year). An "estimated" date is the default
horizon of a vague phrase ("very soon"): one day, the day it becomes overdue.
"""

import datetime

DAY, WEEK, MONTH, QUARTER, HALF, YEAR, ESTIMATED = "day", "week", "month", "quarter", "half", "year", "estimated"

PRECISIONS: tuple[tuple[str, str], ...] = (
    (DAY, "Day"),
    (WEEK, "Week"),
    (MONTH, "Month"),
    (QUARTER, "Quarter"),
    (HALF, "Half-year"),
    (YEAR, "Year"),
    (ESTIMATED, "Estimated (vague phrase)"),
)

# A commitment is "due soon" while its due date lies within this many days from today.
DUE_SOON_DAYS = 30

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# How pages write a month: "Aug 2023", "Aug 15, 2023".
SHORT_MONTH_NAMES = tuple(name[:3] for name in MONTH_NAMES)
# Lower-case name or abbreviation -> month number.
MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{short.lower(): [name[:3] for name in MONTH_NAMES].index(short[:3]) + 1 for short in MONTH_ABBREVIATIONS},
}
# Capitalised alternation, full names first: "Sept" before "Sep". Add re.IGNORECASE where case does not matter.
MONTH_PATTERN = "|".join(MONTH_NAMES + MONTH_ABBREVIATIONS)


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation, any case ("Sept" -> 9). Raises KeyError otherwise."""
    return MONTHS[name.lower().rstrip(".")]


def month_last_day(date: datetime.date) -> datetime.date:
    following = (date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def quarter_of(date: datetime.date) -> int:
    return (date.month - 1) // 3 + 1


def half_of(date: datetime.date) -> int:
    return 1 if date.month <= 6 else 2


def first_day(date: datetime.date, precision: str) -> datetime.date:
    """The first day of the period of `precision` that holds `date`."""
    if precision == WEEK:
        return date - datetime.timedelta(days=date.weekday())
    if precision == MONTH:
        return date.replace(day=1)
    if precision == QUARTER:
        return datetime.date(date.year, 3 * quarter_of(date) - 2, 1)
    if precision == HALF:
        return datetime.date(date.year, 1 if half_of(date) == 1 else 7, 1)
    if precision == YEAR:
        return datetime.date(date.year, 1, 1)
    return date


def last_day(date: datetime.date, precision: str) -> datetime.date:
    """The last day of the period of `precision` that holds `date`: the day it becomes overdue after."""
    if precision == WEEK:
        return first_day(date, WEEK) + datetime.timedelta(days=6)
    if precision == MONTH:
        return month_last_day(date)
    if precision == QUARTER:
        return month_last_day(datetime.date(date.year, 3 * quarter_of(date), 1))
    if precision == HALF:
        return datetime.date(date.year, 6, 30) if half_of(date) == 1 else datetime.date(date.year, 12, 31)
    if precision == YEAR:
        return datetime.date(date.year, 12, 31)
    return date


def has_ended(date: datetime.date, precision: str, today: datetime.date) -> bool:
    """The period holding `date` ended before `today`."""
    return last_day(date, precision) < today


def overdue_by(date: datetime.date, precision: str, today: datetime.date) -> str:
    """How long ago the period holding `date` ended, in words: "12 days", "7 months", "2 years";
    "" when it has not ended."""
    end = last_day(date, precision)
    if end >= today:
        return ""
    days = (today - end).days
    months = (today.year - end.year) * 12 + today.month - end.month - (today.day < end.day)
    if months >= 24:
        return f"{months // 12} years"
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def ended_before(today: datetime.date) -> dict[str, datetime.date]:
    """For each precision, the day before which a stored due date's period has ended on `today`
    (the first day of today's period): has_ended(d, p, today) == (d < ended_before(today)[p]).
    The database form of has_ended."""
    return {precision: first_day(today, precision) for precision, _ in PRECISIONS}


def due_soon_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The due dates that count as due soon on `today` (both ends included). The window starts
    today, so no period holding one of its days has ended."""
    return today, today + datetime.timedelta(days=DUE_SOON_DAYS)


def is_due_soon(date: datetime.date, precision: str, today: datetime.date) -> bool:
    start, end = due_soon_window(today)
    return start <= date <= end and not has_ended(date, precision, today)


def format_day(date: datetime.date | None) -> str:
    """"Aug 15, 2023": how every page writes a single day."""
    if date is None:
        return ""
    return f"{SHORT_MONTH_NAMES[date.month - 1]} {date.day}, {date.year}"


def format_month(date: datetime.date) -> str:
    """"Aug 2023"."""
    return f"{SHORT_MONTH_NAMES[date.month - 1]} {date.year}"


def format_period(date: datetime.date | None, precision: str) -> str:
    """A due period as people say it: "Aug 15, 2023", "week of Aug 14, 2023", "Aug 2023",
    "Q2 2024", "H1 2024", "2024", "by the end of 2024", "by about Nov 3, 2023 (estimated)"."""
    if date is None:
        return ""
    if precision == WEEK:
        return f"week of {format_day(first_day(date, WEEK))}"
    if precision == MONTH:
        return format_month(date)
    if precision == QUARTER:
        return f"Q{quarter_of(date)} {date.year}"
    if precision == HALF:
        return f"H{half_of(date)} {date.year}"
    if precision == YEAR:
        return f"by the end of {date.year}" if (date.month, date.day) == (12, 31) else str(date.year)
    if precision == ESTIMATED:
        return f"by about {format_day(date)} (estimated)"
    return format_day(date)


"""Due dates and conditions in spoken sentences, resolved against the air date.

dateparser's search_dates reads "We" as Wednesday and "may" as May, so the phrases are found
here with explicit patterns, then resolved with dateparser (RELATIVE_BASE = the air date,
future preferred) or plain date arithmetic. A resolved date lies inside its period: a week is
given by its Monday, a month by its 1st, a quarter by its first day, a year by January 1st;
"end of" phrases give the period's last day.
"""

import datetime
import re
from dataclasses import dataclass

import dateparser

from .periods import DAY, MONTH, MONTH_PATTERN, QUARTER, WEEK, YEAR, first_day, last_day, month_last_day, month_number

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a few": 3, "few": 3,
}
ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUMBER = r"(\d{1,2}|a couple of|a couple|couple of|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Month names are matched case-sensitively (capitalised), so "may" and "march" as words
# are never months; "May" and "March" also need a day, a year or a lead-in word.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("month_day", re.compile(rf"\b(?:on |by |before |until )?(?:the )?(?P<month>{MONTH_PATTERN})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>20\d\d))?(?![\d:])")),
    ("day_month", re.compile(rf"\b(?:on |by )?(?:the )?(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{MONTH_PATTERN})\b(?:,? (?P<year>20\d\d))?")),
    ("end_of_period", re.compile(r"(?i)\b(?:by |before |at |until |towards? )?the end of (?P<which>the|this|next) (?P<unit>year|month|quarter|week)\b|\b(?:by )?(?P<ye>year[- ]end|end of year)\b")),
    ("end_of_year", re.compile(r"(?i)\b(?:by |before |at )?the end of (?P<year>20\d\d)\b")),
    ("quarter", re.compile(r"(?i)\b(?:in |by |during |before |for )?(?:the )?(?:(?P<q>Q[1-4])|(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th) quarter)(?: of)?(?: (?P<year>20\d\d)| (?P<rel>this|next) year)?\b")),
    ("part_month", re.compile(rf"\b(?:(?i:in |by |before |until |from |around )?(?P<part>(?i:early|mid|late|the beginning of|the start of|the end of|end of|the middle of)) |(?i:in |by |before |until |around |from ))-?(?P<month>{MONTH_PATTERN})\b(?: (?P<year>20\d\d))?")),
    ("month_year", re.compile(rf"\b(?P<month>{MONTH_PATTERN}) (?P<year>20\d\d)\b")),
    ("relative", re.compile(r"(?i)\b(?P<which>next|this|coming) (?P<unit>week|month|quarter|year)\b")),
    ("later_this", re.compile(r"(?i)\blater (?P<which>this|next) (?P<unit>week|month|quarter|year)\b")),
    ("in_n", re.compile(rf"(?i)\b(?:in|within|after) (?:the next |another )?{NUMBER} (?P<unit>day|week|month|year)s?\b(?! ago)")),
    ("tomorrow", re.compile(r"(?i)\b(?P<word>tomorrow|tonight)\b")),
    ("weekday", re.compile(rf"\b(?:(?i:next|this|on|coming) )(?P<weekday>{WEEKDAYS})\b")),
    ("year", re.compile(r"(?i)\b(?:in|by|before|during|until|within|for) (?:early |mid |late |the end of )?(?P<year>20\d\d)\b")),
]


def _any_of(patterns: list[tuple[str, re.Pattern]]) -> re.Pattern:
    """One pattern that finds where any of `patterns` could match: a quick first test."""
    parts = []
    for _, pattern in patterns:
        text = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)
        parts.append("(?i:" + text[4:] + ")" if text.startswith("(?i)") else "(?:" + text + ")")
    return re.compile("|".join(parts))


# Where any time phrase could start; find_due reads no further in a sentence without one.
ANY_TIME_PHRASE = _any_of(PATTERNS)

CONDITION = re.compile(
    r"(?i)\b(?P<phrase>(?:right |soon |shortly |immediately )?(?:after|once|when|until|as soon as|following)\b"
    r"(?: the| our| we| it| they| that| this)?[^,.;:!?()]{1,70}?)"
    r"(?=[,.;:!?()]|\s+(?:and|then|so|but|we|I|you|they|because)\b|$)"
)
CONDITION_EVENTS = re.compile(
    r"(?i)\b(mainnet|main net|testnet|launch\w*|ready|complete\w*|done|finish\w*|live|release\w*|"
    r"listed|listing|available|approv\w*|audit\w*|deliver\w*|implement\w*|deploy\w*|integrat\w*|"
    r"open\w*|announc\w*|component|version|upgrade\w*)\b"
)
CONDITION_NOISE = re.compile(
    r"(?i)\b(after that|when you|once you|when someone|when people|when they need|until now|until today|"
    r"when we talk|after answering)\b"
)


@dataclass(frozen=True)
class Due:
    text: str
    date: datetime.date
    precision: str


def find_due(sentence: str, aired_on: datetime.date) -> Due | None:
    """The first time phrase in the sentence that resolves to a date on or after the air date
    (a past date is no due date), or None."""
    if not ANY_TIME_PHRASE.search(sentence):
        return None
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            found.append((match.start(), kind, match))
    for start, kind, match in sorted(found, key=lambda item: item[0]):
        if kind == "year" and re.search(r"(?i)\bfrom 20\d\d\W*$", sentence[: match.start()]):
            continue  # "from 2021 until 2023" tells a past span
        resolved = resolve(kind, match, aired_on)
        if resolved is None:
            continue
        date, precision = resolved
        if last_day(date, precision) < aired_on:
            continue
        return Due(text=phrase_text(match), date=date, precision=precision)
    return None


def phrase_text(match: re.Match) -> str:
    return re.sub(r"(?i)^on ", "", match.group(0).strip())


def find_condition(sentence: str) -> str | None:
    """A condition as spoken ("after the mainnet launch", "once testing is complete")."""
    for match in CONDITION.finditer(sentence):
        phrase = " ".join(match.group("phrase").split())
        if CONDITION_NOISE.search(phrase) or not CONDITION_EVENTS.search(phrase):
            continue
        if re.search(r"(?i)\b(?:ago|last (?:year|month|week))\b", phrase):
            continue
        return phrase[0].lower() + phrase[1:]
    return None


# --- Resolution ----------------------------------------------------------------------------


def resolve(kind: str, match: re.Match, aired_on: datetime.date) -> tuple[datetime.date, str] | None:
    groups = match.groupdict()
    try:
        if kind in ("month_day", "day_month"):
            year = groups.get("year")
            phrase = f"{groups['month']} {groups['day']}" + (f" {year}" if year else "")
            date = parse(phrase, aired_on)
            return (date, DAY) if date else None
        if kind == "month_year":
            return datetime.date(int(groups["year"]), month_number(groups["month"]), 1), MONTH
        if kind == "part_month":
            month = month_number(groups["month"])
            if groups.get("year"):
                year = int(groups["year"])
            else:
                year = aired_on.year if month >= aired_on.month else aired_on.year + 1
            start = datetime.date(year, month, 1)
            part = (groups.get("part") or "").lower()
            return (month_last_day(start), MONTH) if "end" in part else (start, MONTH)
        if kind == "end_of_period":
            if groups.get("ye"):
                return datetime.date(aired_on.year, 12, 31), YEAR
            unit, step = groups["unit"].lower(), 1 if groups["which"].lower() == "next" else 0
            return last_day(shift(aired_on, unit, step), unit), unit
        if kind == "end_of_year":
            return datetime.date(int(groups["year"]), 12, 31), YEAR
        if kind == "quarter":
            number = int(groups["q"][1]) if groups.get("q") else ORDINAL_QUARTERS[groups["ord"].lower()]
            if groups.get("year"):
                year = int(groups["year"])
            elif groups.get("rel"):
                year = aired_on.year + (1 if groups["rel"].lower() == "next" else 0)
            else:
                year = aired_on.year
                if last_day(datetime.date(year, 3 * number - 2, 1), QUARTER) < aired_on:
                    year += 1
            return datetime.date(year, 3 * number - 2, 1), QUARTER
        if kind in ("relative", "later_this"):
            unit = groups["unit"].lower()
            step = 1 if groups["which"].lower() in ("next", "coming") else 0
            if kind == "relative" and groups["which"].lower() == "coming" and unit != "week":
                step = 1
            date = parse(f"in {step} {unit}", aired_on) if step else aired_on
            return first_day(date or shift(aired_on, unit, step), unit), unit
        if kind == "in_n":
            word = match.group(1).lower()
            count = int(word) if word.isdigit() else NUMBER_WORDS[word]
            unit = groups["unit"].lower()
            date = parse(f"in {count} {unit}s", aired_on)
            if date is None:
                return None
            precision = DAY if unit == "day" else unit
            return first_day(date, precision), precision
        if kind == "tomorrow":
            return aired_on + datetime.timedelta(days=1 if groups["word"].lower() == "tomorrow" else 0), DAY
        if kind == "weekday":
            date = parse(match.group(0).replace("on ", "").replace("coming ", "next "), aired_on)
            return (date, DAY) if date else None
        if kind == "year":
            return datetime.date(int(groups["year"]), 1, 1), YEAR
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def parse(phrase: str, aired_on: datetime.date) -> datetime.date | None:
    base = datetime.datetime.combine(aired_on, datetime.time(12, 0))
    parsed = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed else None


def shift(date: datetime.date, unit: str, step: int) -> datetime.date:
    if unit == "week":
        return date + datetime.timedelta(weeks=step)
    if unit == "year":
        return date.replace(year=date.year + step, day=min(date.day, 28))
    months = step * (3 if unit == "quarter" else 1)
    index = date.year * 12 + date.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- Past time phrases: when a reported thing happened ---------------------------------------

PAST_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("month_day", re.compile(rf"\b(?P<month>{MONTH_PATTERN})\.? (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>20\d\d))?(?![\d:])")),
    ("day_month", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{MONTH_PATTERN})\b(?:,? (?P<year>20\d\d))?")),
    ("month", re.compile(
        rf"\b(?:(?i:in|since|during|around|by|from|of|until|early|mid|late|the end of|the beginning of) )"
        rf"(?P<month>{MONTH_PATTERN})\b(?: (?P<year>20\d\d)| (?P<rel>(?i:last|this)) year)?|\b(?P<month2>{MONTH_PATTERN}) (?P<year2>20\d\d)\b"
    )),
    ("quarter", re.compile(r"(?i)\b(?:in |during |by )?(?:the )?(?P<q>Q[1-4])(?: of)?(?: (?P<year>20\d\d)| (?P<rel>last|this) year)?\b")),
    ("year", re.compile(r"(?i)\b(?:in|since|during) (?:early |mid |late )?(?P<year>20\d\d)\b")),
    ("ago", re.compile(
        rf"(?i)\b(?:more than |about |around |over |nearly |almost |just |only |less than )?{NUMBER}(?:,? (?:two|three|four|five|six|\d{{1,2}}))? "
        r"(?P<unit>day|week|month|year)s? ago\b"
    )),
    ("last", re.compile(r"(?i)\b(?P<which>last|earlier this|this past|past) (?P<unit>week|month|quarter|year)\b")),
    ("yesterday", re.compile(r"(?i)\byesterday\b")),
]
PAST_ORDER = {kind: order for order, (kind, _) in enumerate(PAST_PATTERNS)}


def find_happened(sentence: str, aired_on: datetime.date) -> Due | None:
    """When a report says something happened: its own time phrase resolved into the past of
    the air date ("we launched it last month" on 2024-06-14 is May 2024, month precision).
    An absolute phrase ("in September 2023") wins over a relative one ("two months ago").
    None when the sentence names no past time."""
    found = []
    for kind, pattern in PAST_PATTERNS:
        for match in pattern.finditer(sentence):
            resolved = resolve_past(kind, match, aired_on)
            if resolved is not None and resolved[0] <= aired_on:
                found.append((PAST_ORDER[kind], match.start(), match, resolved))
    if not found:
        return None
    _, _, match, (date, precision) = min(found, key=lambda item: item[:2])
    return Due(text=match.group(0).strip(), date=date, precision=precision)


def resolve_past(kind: str, match: re.Match, aired_on: datetime.date) -> tuple[datetime.date, str] | None:
    groups = match.groupdict()
    try:
        if kind in ("month_day", "day_month", "month"):
            month = month_number(groups.get("month") or groups["month2"])
            year = groups.get("year") or groups.get("year2")
            if year:
                year = int(year)
            elif (groups.get("rel") or "").lower() == "last":
                year = aired_on.year - 1
            else:
                year = aired_on.year if month <= aired_on.month else aired_on.year - 1
            if kind == "month":
                return datetime.date(year, month, 1), MONTH
            return datetime.date(year, month, int(groups["day"])), DAY
        if kind == "quarter":
            number = int(groups["q"][1])
            year = int(groups["year"]) if groups.get("year") else aired_on.year - ((groups.get("rel") or "").lower() == "last")
            start = datetime.date(year, 3 * number - 2, 1)
            return (start, QUARTER) if groups.get("year") or start <= aired_on else (start.replace(year=year - 1), QUARTER)
        if kind == "year":
            return datetime.date(int(groups["year"]), 1, 1), YEAR
        if kind == "ago":
            word = match.group(1).lower()
            count = int(word) if word.isdigit() else NUMBER_WORDS[word]
            unit = groups["unit"].lower()
            if unit == "day":
                return aired_on - datetime.timedelta(days=count), DAY
            if unit == "week":
                return first_day(aired_on - datetime.timedelta(weeks=count), WEEK), WEEK
            return first_day(shift(aired_on, "month" if unit == "month" else "year", -count), unit), unit
        if kind == "last":
            unit, which = groups["unit"].lower(), groups["which"].lower()
            step = 0 if which == "earlier this" else -1
            return first_day(shift(aired_on, unit, step), unit), unit
        if kind == "yesterday":
            return aired_on - datetime.timedelta(days=1), DAY
    except (ValueError, KeyError, OverflowError):
        return None
    return None

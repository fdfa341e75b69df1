"""Due dates and conditions in spoken sentences, resolved against the air date.

dateparser's search_dates reads "We" as Wednesday and "may" as May, so the phrases are found
here with explicit patterns, then resolved with dateparser (RELATIVE_BASE = the air date,
future preferred) or plain date arithmetic. A resolved date lies inside its period: a week is
given by its Monday, a month by its 1st, a quarter by its first day, a year by January 1st;
"end of" phrases give the period's last day.
"""

import datetime
import functools
import re
from dataclasses import dataclass

import dateparser

from .periods import (
    DAY,
    ESTIMATED,
    HALF,
    MONTH,
    MONTH_PATTERN,
    QUARTER,
    WEEK,
    YEAR,
    first_day,
    last_day,
    month_last_day,
    month_number,
)
from .text import Caseless

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
}
ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUMBER = r"(\d{1,2}|a couple of|a couple|couple of|couple|a few|few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
# Days said as words: "July fifteenth", "the twenty-first of June".
DAY_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
        "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), start=1
    )
}
DAY_WORDS |= {f"twenty-{word}": 20 + number for word, number in list(DAY_WORDS.items())[:9]}
DAY_WORDS |= {"thirtieth": 30, "thirty-first": 31}
DAY_WORD = r"(?i:" + "|".join(sorted(DAY_WORDS, key=len, reverse=True)) + r")"


def day_number(day: str) -> int:
    """"15", "15th" or "fifteenth" -> 15."""
    return DAY_WORDS.get(day.lower()) or int(re.sub(r"\D", "", day))


SEASONS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}  # the month a season ends in
HOLIDAYS = {"christmas": (12, 25), "new year": (12, 31), "thanksgiving": (11, 28), "halloween": (10, 31)}

# How long "soon" is: the default horizon of each vague phrase, in months after the statement,
# published on the methodology page and changeable with the VAGUE_DUE_HORIZONS setting. The due
# date is then stored with precision "estimated" and the spoken words, so "very soon" can become
# overdue. (As Track My Mayor rules: "immediately", "in the coming weeks" and "soon" are due three
# months after the statement, "in the coming months" six.)
VAGUE_HORIZONS: dict[str, int] = {
    "immediately": 1,
    "right away": 1,
    "in the coming days": 1,
    "in the next few days": 1,
    "very soon": 3,
    "shortly": 3,
    "soon": 3,
    "in the coming weeks": 3,
    "in the next few weeks": 3,
    "in the near future": 6,
    "in the coming months": 6,
    "in the next few months": 6,
}
# A team's next call is taken to be two weeks away (most project calls are weekly or every two
# weeks), and a sprint two weeks long.
MEETING_WEEKS = 2
SPRINT_WEEKS = 2
VAGUE_PHRASE_RULES: tuple[tuple[str, str], ...] = (
    ("later this year, this year, by the end of the year", "the last day of the year (precision: year)"),
    ("this spring / summer / fall / autumn / winter", "the last day of the season (estimated)"),
    ("before Christmas", "December 25 of that year (day)"),
    ("H1 / H2, the first / second half of the year", "the half-year (precision: half)"),
    ("by the next call, by the time we meet next, before the next community call", "two weeks after the statement (estimated)"),
    ("a sprint (in two sprints, next sprint)", "two weeks"),
    ("the week after, the week after next", "the second week after the statement (week)"),
    ("this weekend, over the weekend, next weekend", "that Sunday (day)"),
    ("early / mid / late next week", "its Tuesday / Wednesday / Friday (estimated)"),
    ("by / before / until Friday", "the first Friday after the statement (day)"),
    ("two weeks from now", "two weeks after the statement (week)"),
    ("early / mid / late Q3", "the quarter's first / second / third month (month)"),
    ("a date already past in the air year (\"July 30th\" said in August)", "the past date: no due date"),
)

# Month names are matched case-sensitively (capitalised), so "may" and "march" as words
# are never months; "May" and "March" also need a day, a year or a lead-in word.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("month_day", re.compile(rf"\b(?:on |by |before |until )?(?:the )?(?P<month>{MONTH_PATTERN})\.? (?P<day>\d{{1,2}}(?:st|nd|rd|th)?|{DAY_WORD})\b(?:,? (?P<year>20\d\d))?(?![\d:])")),
    ("day_month", re.compile(rf"\b(?:on |by )?(?:the )?(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?|(?P<day_word>{DAY_WORD}) of )(?P<month>{MONTH_PATTERN})\b(?:,? (?P<year>20\d\d))?")),
    # "by the end of the month", "by end of month", "end-of-year"
    ("end_of_period", re.compile(r"(?i)\b(?:by |before |at |until |towards? )?(?:the )?end[ -]of[ -](?:(?P<which>the|this|next) )?(?P<unit>year|month|quarter|week)\b(?! \d)|\b(?:by )?(?P<ye>year[- ]end)\b")),
    ("end_of_year", re.compile(r"(?i)\b(?:by |before |at )?the end of (?P<year>20\d\d)\b")),
    ("quarter", re.compile(r"(?i)\b(?:in |by |during |before |for )?(?:(?P<part>early|mid|late|the start of|the beginning of|the middle of)[ -])?(?:the )?(?:(?P<q>Q[1-4])|(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th) quarter)(?: of)?(?: (?P<year>20\d\d)| (?P<rel>this|next) year)?\b")),
    ("part_month", re.compile(rf"\b(?:(?i:in |by |before |until |from |around )?(?P<part>(?i:early|mid|late|the beginning of|the start of|the end of|end of|the middle of))[ -]|(?i:in |by |before |until |around |from ))-?(?P<month>{MONTH_PATTERN})\b(?: (?P<year>20\d\d))?")),
    # "end-of-april" written in lower case: a month name after "end of" is one ("may" and "march" stay words)
    ("end_of_month_name", re.compile(r"(?i)\b(?:by |before |until |around )?end[ -]of[ -](?P<month>january|february|april|june|july|august|september|october|november|december)\b")),
    ("month_year", re.compile(rf"\b(?P<month>{MONTH_PATTERN}) (?P<year>20\d\d)\b")),
    ("relative", re.compile(r"(?i)\b(?P<which>next|this|coming|(?<=within )the) (?P<unit>week|month|quarter|year|sprint)\b")),
    ("later_this", re.compile(r"(?i)\blater (?P<which>this|next) (?P<unit>week|month|quarter|year)\b")),
    ("in_n", re.compile(rf"(?i)\b(?:(?:in|within|after|over|during|take|takes|taking) |(?<!for )(?<!took )(?<!spent )(?<!last )(?<!past )(?<!the )(?=around |roughly |approximately ))(?:just |only |about |around |roughly |approximately )?(?:the next |another |these |the )?{NUMBER}(?: (?:or|to) (?P<upto>\d{{1,2}}|two|three|four|five|six))? (?P<unit>hour|day|week|month|year|sprint)s?\b(?: (?:or|to) (?P<later>\d{{1,2}}|two|three|four|five|six)\b)?(?! ago)(?! of\b)")),
    # "in the next day or so", "over the next week", "within the next month"
    ("next_unit", re.compile(r"(?i)\b(?:in|within|over|during) the (?:next|coming) (?P<unit>day|week|month|sprint)\b")),
    # The team's next meeting, two weeks on: "by the time we meet next", "before the next community call"
    ("next_meeting", re.compile(
        r"(?i)\b(?:by|before|until|ahead of|on|at|in|for|during) (?:the |our )?next (?:\w+ )?(?:call|meeting|ama|session|sync|stand-?up|town ?hall)\b"
        r"|\bby the time (?:we|you|i) (?:see each other|see you|meet|talk|speak|get together|are back|hop on)(?: again)?"
        r"(?: (?:on |at |in |for |during )?(?:the |our )?next\b(?: (?:\w+ )?(?:call|meeting|ama|session|sync|time)\b)?)"
    )),
    # "this weekend", "over the weekend", "next weekend": its Sunday
    ("weekend", re.compile(r"(?i)\b(?:this|next|over the|on the|during the|by the) weekend\b")),
    # "early next week" is its Tuesday, "late next week" its Friday (estimated)
    ("part_week", re.compile(r"(?i)\b(?P<part>early|late|mid|end of|the end of)[ -](?P<which>next|this) week\b")),
    # "the week after next", and "the week after" said after "next week"
    ("week_after", re.compile(r"(?i)\bthe week after(?: next)?\b(?! (?:the|that|this|our|we|it|launch|mainnet)\b)")),
    # "we are less than a month away from launch", "two weeks away"
    ("away", re.compile(rf"(?i)\b(?:less than |about |around |only |just |roughly )?{NUMBER} (?P<unit>day|week|month|year)s? away\b")),
    # "today" alone tells the present ("we have 10 validators today"); "later today" is to come
    ("tomorrow", re.compile(r"(?i)\b(?P<word>tomorrow|tonight|later today|by (?:the end of )?today)\b(?!['’]s)")),
    ("weekday", re.compile(rf"\b(?:(?i:next|this|on|coming) )(?P<weekday>{WEEKDAYS})\b")),
    # "by Friday", "before Thursday": the first such day after the call
    ("by_weekday", re.compile(rf"\b(?i:by|before|until) (?P<weekday>{WEEKDAYS})\b")),
    # "two weeks from now"
    ("from_now", re.compile(rf"(?i)\b{NUMBER} (?P<unit>day|week|month)s? from now\b")),
    ("year", re.compile(r"(?i)\b(?:in|by|before|during|until|within|for) (?:early |mid |late |the end of )?(?P<year>20\d\d)\b")),
    ("half", re.compile(r"(?i)\b(?:in |by |during |before |for )?(?:the )?(?:(?P<h>H[12])|(?P<ord>first|second) half)(?: of)?(?: (?:the )?(?P<year>20\d\d)| (?P<rel>this|next) year| the year)?\b")),
    ("season", re.compile(r"(?i)\b(?:this|next|the coming|in the|by|before) (?P<season>spring|summer|fall|autumn|winter)\b")),
    ("holiday", re.compile(r"(?i)\b(?:before|by|for|around|until) (?P<holiday>christmas|new year|thanksgiving|halloween)\b")),
] 


def horizons_with(overrides: dict[str, int] | None = None) -> dict[str, int]:
    """VAGUE_HORIZONS with a setting's changes (a phrase set to 0 gets no due date)."""
    return {**VAGUE_HORIZONS, **(overrides or {})}


def due_rules_table(overrides: dict[str, int] | None = None) -> list[tuple[str, str]]:
    """How spoken time phrases become due dates, one (phrase, rule) row each: for the
    methodology page, which an admin reads."""
    rows = [
        (f"“{phrase}”", f"{months} month{'s' if months != 1 else ''} after the statement (estimated)" if months
         else "no due date")
        for phrase, months in horizons_with(overrides).items()
    ]
    return rows + [(phrase.replace('\\"', '"'), rule) for phrase, rule in VAGUE_PHRASE_RULES]


# Vague phrases, tried only when a sentence names no date: longest first ("very soon" before "soon").
VAGUE = Caseless(
    r"(?i)\b(?P<phrase>" + "|".join(re.escape(p) for p in sorted(VAGUE_HORIZONS, key=len, reverse=True)) + r")\b"
)


def _any_of(patterns: list[tuple[str, re.Pattern]]) -> re.Pattern:
    """One pattern that finds where any of `patterns` could match: a quick first test."""
    parts = []
    for _, pattern in patterns:
        text = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)
        parts.append("(?i:" + text[4:] + ")" if text.startswith("(?i)") else "(?:" + text + ")")
    return re.compile("|".join(parts))


# Where any time phrase could start; find_due reads no further in a sentence without one.
ANY_TIME_PHRASE = _any_of(PATTERNS)
# A word every time phrase holds (a month, a unit, "next", a year...): a quicker first test still.
TIME_WORDS = frozenset(
    [name.lower() for name in MONTH_PATTERN.split("|")]
    + """q1 q2 q3 q4 h1 h2 quarter half next this coming later tomorrow tonight end day days week weeks month
    months year years sprint sprints hour hours today weekend now monday tuesday wednesday thursday friday saturday sunday""".split()
    + list(SEASONS) + [word for holiday in HOLIDAYS for word in holiday.split()]
    + [str(year) for year in range(2000, 2100)]
)
WORD_OR_NUMBER = re.compile(r"[a-z0-9]+")


def might_name_a_date(sentence: str) -> bool:
    return not TIME_WORDS.isdisjoint(WORD_OR_NUMBER.findall(sentence.lower()))

CONDITION = Caseless(
    r"(?i)\b(?P<phrase>(?:right |soon |shortly |immediately )?(?:after|once|when|until|as soon as|following|"
    # "closer to launch", "ahead of the mainnet", "in the lead-up to the release", "earlier than the launch"
    r"(?:closer|close|right|just|shortly) (?:to|before)|ahead of|prior to|in the lead-?up to|in time for|earlier than)\b"
    r"(?: the| our| we| it| they| that| this)?[^,.;:!?()]{1,70}?)"
    # "reviewed and merged" is one event: "and" ends it only before a new clause or a new thing
    r"(?=[,.;:!?()]|\s+and\s+(?!(?:\w+ed|done|ready|complete|completed|live|approved)\b)|\s+(?:then|so|but|we|I|you|they|because)\b|$)"
)
# The same, up to the clause's end: "when we close and close to the launch date".
CONDITION_TO_PUNCTUATION = Caseless(
    r"(?i)\b(?P<phrase>(?:right |soon |shortly |immediately )?(?:after|once|when|until|as soon as|following|"
    r"(?:closer|close|right|just|shortly) (?:to|before)|ahead of|prior to|in the lead-?up to|in time for|earlier than)\b"
    r"[^,.;:!?()]{1,90}?)(?=[,.;:!?()]|$)"
)
# Conditions said other ways, each a promise's "if": "should prices rise", "subject to a vote",
# "based on demand", "upon its completion", "for the launch", "depending on the audit",
# "assuming everything goes smoothly", "provided the vote passes", "if the new layer has a token".
CONDITION_FORMS = Caseless(
    r"(?i)\b(?P<phrase>(?:should (?:the |our |we |it |they |prices? |demand |\w+ )?\w*\s?(?:rise|fall|increase|drop|go up|go down|"
    r"change|happen|pass|grow|double|be approved|get approved|succeed|allow)\b"
    r"|subject to|based on|upon|depending on|dependent on|depends on|contingent on|assuming|provided(?: that)?|"
    r"as long as|unless|in case|if)\b[^,.;:!?()]{0,90}?)(?=[,.;:!?()]|\s+(?:then|so|but|we|I|you|they|because)\b|$)"
    r"|\b(?P<event>for the (?:mainnet|launch|listing|release|upgrade|snapshot|event|conference)\b[^,.;:!?()]{0,40}?)(?=[,.;:!?()]|$)"
)
CONDITION_EVENTS = Caseless(
    r"(?i)\b(mainnet|main net|testnet|launch\w*|ready|complete\w*|done|finish\w*|live|release\w*|"
    r"listed|listing|available|approv\w*|audit\w*|deliver\w*|implement\w*|deploy\w*|integrat\w*|"
    r"open\w*|announc\w*|component|version|upgrade\w*|\w*build\w*|requir\w*|request\w*|partner\w*|"
    r"accomplish\w*|satisf\w*|shape|stable|traction|volume|usage|demand|feedback|snapshot|vote|phase|stage|"
    r"conference|is up|are up|grows?|higher|bigger|more|review\w*|merged|submitted|tested|testing|fixed|resolved|sorted)\b"
)
CONDITION_NOISE = re.compile(
    r"(?i)\b(after that|when you|once you|when someone|when people|when they need|until now|until today|"
    r"when we talk|after answering)\b"
)
# "if you upload", "based on that", "upon request": no event the promise waits for.
LOOSE_CONDITION_NOISE = re.compile(
    r"(?i)^(?:if|in case|unless|as long as|assuming|provided(?: that)?) (?:you|anyone|someone|somebody|any of you|i)\b"
    r"|^(?:based on|depending on|dependent on|depends on|upon) (?:that|this|it|what|which|how|the fact)\b"
    r"|^if (?:not|so|possible|necessary|needed|any)\b|^(?:if|unless) (?:it|that|this) (?:is|was|makes|'s)\b"
)


@dataclass(frozen=True)
class Due:
    text: str
    date: datetime.date
    precision: str


def find_due(sentence: str, aired_on: datetime.date, horizons: dict[str, int] | None = None) -> Due | None:
    """The first time phrase in the sentence that resolves to a date on or after the air date
    (a past date is no due date); else a vague phrase ("very soon") at its default horizon
    (`horizons`, months after the air date: VAGUE_HORIZONS unless a setting changes them); or None."""
    return named_due(sentence, aired_on) or vague_due(sentence, aired_on, horizons)


def vague_due(sentence: str, aired_on: datetime.date, horizons: dict[str, int] | None = None) -> Due | None:
    horizons = VAGUE_HORIZONS if horizons is None else horizons
    match = VAGUE.search(sentence)
    months = horizons.get(match.group("phrase").lower()) if match else None
    if not months:
        return None
    index = aired_on.year * 12 + aired_on.month - 1 + months
    date = datetime.date(index // 12, index % 12 + 1, min(aired_on.day, 28))
    return Due(text=match.group("phrase"), date=date, precision=ESTIMATED)


# "in August/September": the later of two months joined by a slash is the one promised.
MONTH_PAIR = re.compile(rf"\b(?:{MONTH_PATTERN})\s*/\s*(?=(?:{MONTH_PATTERN})\b)")


# Between two time phrases, words that put the second in place of the first: "today or tomorrow",
# "this week, but early next week", "the end of this month or sometime next month".
LATER_INSTEAD = re.compile(
    r"(?i)\W*(?:or|but|but (?:probably|maybe|more likely|likely|rather)|or (?:maybe|probably|even|rather))\s+"
    r"(?:(?:sometime|some time|around|maybe|probably|rather|likely|the)\s+)*"
)


# A promise's sentence is read for its date when it is proposed, when its rule asks whether it
# names one, and as the sentence after another promise: once is enough.
@functools.lru_cache(maxsize=4096)
def named_due(sentence: str, aired_on: datetime.date) -> Due | None:
    sentence = MONTH_PAIR.sub("", sentence)
    if not might_name_a_date(sentence) or not ANY_TIME_PHRASE.search(sentence):
        return None
    found = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            found.append((match.start(), kind, match))
    chosen = None
    for start, kind, match in sorted(found, key=lambda item: item[0]):
        if kind == "year" and re.search(r"(?i)\bfrom 20\d\d\W*$", sentence[: match.start()]):
            continue  # "from 2021 until 2023" tells a past span
        if chosen and start < chosen[0].end():
            continue  # "this month" inside "the end of this month"
        if chosen and not LATER_INSTEAD.fullmatch(sentence[chosen[0].end() : start]):
            break
        resolved = resolve(kind, match, aired_on)
        if resolved is None:
            continue
        date, precision = resolved
        if last_day(date, precision) < aired_on:
            continue
        chosen = (match, Due(text=phrase_text(match), date=date, precision=precision))
    return chosen[1] if chosen else None


def phrase_text(match: re.Match) -> str:
    return re.sub(r"(?i)^on ", "", match.group(0).strip())


def find_condition(sentence: str, temporal_only: bool = False) -> str | None:
    """A condition as spoken ("after the mainnet launch", "once testing is complete", "should
    prices rise", "subject to a vote"). `temporal_only`: only an event waited for ("after",
    "once", "when", "until", "as soon as", "following" with the event named)."""
    for match in CONDITION.finditer(sentence):
        phrase = " ".join(match.group("phrase").split())
        if CONDITION_NOISE.search(phrase) or not CONDITION_EVENTS.search(phrase):
            continue
        if re.search(r"(?i)\b(?:ago|last (?:year|month|week))\b", phrase):
            continue
        return phrase[0].lower() + phrase[1:]
    if temporal_only:
        return None
    for pattern in (CONDITION_TO_PUNCTUATION, CONDITION_FORMS):
        for match in pattern.finditer(sentence):
            phrase = " ".join((match.group("phrase") or match.group("event") or "").split())
            if not phrase or CONDITION_NOISE.search(phrase) or LOOSE_CONDITION_NOISE.search(phrase):
                continue
            if pattern is CONDITION_TO_PUNCTUATION and not CONDITION_EVENTS.search(phrase) or len(phrase.split()) < 2:
                continue
            return phrase[0].lower() + phrase[1:]
    return None


# --- Resolution ----------------------------------------------------------------------------


def resolve(kind: str, match: re.Match, aired_on: datetime.date) -> tuple[datetime.date, str] | None:
    groups = match.groupdict()
    try:
        if kind in ("month_day", "day_month"):
            # A day without a year is in the air year, even when it has passed ("July 30th" said in
            # August is the past July 30th, so no due date), not next year's.
            year = int(groups["year"]) if groups.get("year") else aired_on.year
            return datetime.date(year, month_number(groups["month"]), day_number(groups["day"] or groups["day_word"])), DAY
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
            unit, step = groups["unit"].lower(), 1 if (groups.get("which") or "").lower() == "next" else 0
            return last_day(ahead(aired_on, step, unit), unit), unit
        if kind == "end_of_year":
            return datetime.date(int(groups["year"]), 12, 31), YEAR
        if kind == "next_meeting":
            return aired_on + datetime.timedelta(weeks=MEETING_WEEKS), ESTIMATED
        if kind == "weekend":
            sunday = aired_on + datetime.timedelta(days=(6 - aired_on.weekday()) % 7)
            if "next" in match.group(0).lower():
                sunday += datetime.timedelta(weeks=1)
            return sunday, DAY
        if kind == "part_week":
            monday = aired_on - datetime.timedelta(days=aired_on.weekday())
            if groups["which"].lower() == "next":
                monday += datetime.timedelta(weeks=1)
            part = groups["part"].lower()
            if "end" in part:
                return monday + datetime.timedelta(days=6), WEEK
            return monday + datetime.timedelta(days={"early": 1, "mid": 2, "late": 4}[part]), ESTIMATED
        if kind == "week_after":
            return stored_day(aired_on + datetime.timedelta(weeks=2), WEEK), WEEK
        if kind == "next_unit":
            unit = groups["unit"].lower()
            if unit == "sprint":
                return stored_day(aired_on + datetime.timedelta(weeks=SPRINT_WEEKS), WEEK), WEEK
            date = ahead(aired_on, 1, unit)
            return (date, DAY) if unit == "day" else (stored_day(date, unit), unit)
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
            part = (groups.get("part") or "").lower()
            if part:  # "early Q3" is July, "mid Q3" August, "late Q3" September ("the end of Q3" stays the quarter)
                month = 3 * number - 2 + (0 if part in ("early", "the start of", "the beginning of") else 1 if part in ("mid", "the middle of") else 2)
                if not groups.get("year") and not groups.get("rel") and month_last_day(datetime.date(year, month, 1)) < aired_on:
                    year += 1  # "early Q3" said in September is next year's
                return datetime.date(year, month, 1), MONTH
            return datetime.date(year, 3 * number - 2, 1), QUARTER
        if kind in ("relative", "later_this"):
            unit = groups["unit"].lower()
            if unit == "sprint":  # "next sprint": the sprint after this one
                step = 1 if groups["which"].lower() in ("next", "coming") else 0
                return stored_day(aired_on + datetime.timedelta(weeks=SPRINT_WEEKS * step), WEEK), WEEK
            step = 1 if groups["which"].lower() in ("next", "coming") else 0
            if kind == "relative" and groups["which"].lower() == "coming" and unit != "week":
                step = 1
            date = ahead(aired_on, step, unit)
            if unit == YEAR and step == 0:
                return datetime.date(date.year, 12, 31), YEAR  # "this year", "later this year": by its end
            return stored_day(date, unit), unit
        if kind == "end_of_month_name":
            month = month_number(groups["month"])
            year = aired_on.year if month >= aired_on.month else aired_on.year + 1
            return month_last_day(datetime.date(year, month, 1)), MONTH
        if kind == "by_weekday":
            wanted = WEEKDAYS.split("|").index(groups["weekday"].capitalize())
            return aired_on + datetime.timedelta(days=(wanted - aired_on.weekday() - 1) % 7 + 1), DAY
        if kind in ("in_n", "away", "from_now"):
            word = (groups.get("later") or groups.get("upto") or match.group(1)).lower()  # "a week or two": the later
            count = int(word) if word.isdigit() else NUMBER_WORDS[word]
            unit = groups["unit"].lower()
            if unit == "hour":  # "in the next 24 hours": the day those hours end on
                return aired_on + datetime.timedelta(days=count // 24), DAY
            if unit == "sprint":
                count, unit = count * SPRINT_WEEKS, "week"
            date = ahead(aired_on, count, unit)
            precision = DAY if unit == "day" else unit
            return stored_day(date, precision), precision
        if kind == "tomorrow":
            return aired_on + datetime.timedelta(days=1 if groups["word"].lower() == "tomorrow" else 0), DAY  # today, tonight: the air date
        if kind == "weekday":
            date = parse(match.group(0).replace("on ", "").replace("coming ", "next "), aired_on)
            return (date, DAY) if date else None
        if kind == "year":
            return datetime.date(int(groups["year"]), 1, 1), YEAR
        if kind == "half":
            number = int(groups["h"][1]) if groups.get("h") else (1 if groups["ord"].lower() == "first" else 2)
            year = int(groups["year"]) if groups.get("year") else aired_on.year + (
                1 if (groups.get("rel") or "").lower() == "next" else 0
            )
            return datetime.date(year, 1 if number == 1 else 7, 1), HALF
        if kind == "season":
            end_month = SEASONS[groups["season"].lower()]
            year = aired_on.year + (1 if end_month < aired_on.month or "next" in match.group(0).lower() else 0)
            return month_last_day(datetime.date(year, end_month, 1)), ESTIMATED
        if kind == "holiday":
            month, day = HOLIDAYS[groups["holiday"].lower()]
            date = datetime.date(aired_on.year, month, day)
            return (date if date >= aired_on else date.replace(year=aired_on.year + 1)), DAY
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def stored_day(date: datetime.date, precision: str) -> datetime.date:
    """The day a period is stored by: a week by its last day (the day it is due), any other
    period by its first."""
    return last_day(date, WEEK) if precision == WEEK else first_day(date, precision)


@functools.lru_cache(maxsize=4096)
def parse(phrase: str, aired_on: datetime.date) -> datetime.date | None:
    """Cached: a long transcript says the same few phrases ("in 2 months") against one air date."""
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


def ahead(date: datetime.date, count: int, unit: str) -> datetime.date:
    """The day `count` units after `date` ("in 2 months" from August 3 is October 3), a month's
    day kept where the month has it (January 31 + 1 month is February 28 or 29)."""
    if unit == "day":
        return date + datetime.timedelta(days=count)
    if unit == "week":
        return date + datetime.timedelta(weeks=count)
    months = count * {"month": 1, "quarter": 3, "year": 12}[unit]
    index = date.year * 12 + date.month - 1 + months
    first = datetime.date(index // 12, index % 12 + 1, 1)
    return first.replace(day=min(date.day, month_last_day(first).day))


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
            return datetime.date(year, month, day_number(groups["day"])), DAY
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
            return first_day(ahead(aired_on, -count, "month" if unit == "month" else "year"), unit), unit
        if kind == "last":
            unit, which = groups["unit"].lower(), groups["which"].lower()
            step = 0 if which == "earlier this" else -1
            return first_day(ahead(aired_on, step, unit), unit), unit
        if kind == "yesterday":
            return aired_on - datetime.timedelta(days=1), DAY
    except (ValueError, KeyError, OverflowError):
        return None
    return None

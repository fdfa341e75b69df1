"""Due dates and conditions resolved against the air date (pure Python)."""

import datetime

import pytest

from commitments.reading.timephrases import VAGUE_HORIZONS, find_condition, find_due

AIRED = datetime.date(2023, 8, 3)  # a Thursday


@pytest.mark.parametrize(
    "sentence, text, due, precision",
    [
        ("The conference in Toronto will be on August 15th.", "August 15th", "2023-08-15", "day"),
        ("We will ship the wallet next month.", "next month", "2023-09-01", "month"),
        ("We will ship the wallet next week.", "next week", "2023-08-13", "week"),  # a week by its last day
        ("We will open it in two months.", "in two months", "2023-10-01", "month"),
        ("We will deliver it by the end of the year.", "by the end of the year", "2023-12-31", "year"),
        ("We will deploy version twelve in early March.", "in early March", "2024-03-01", "month"),
        ("We will release the SDK in Q2.", "in Q2", "2024-04-01", "quarter"),
        ("We will release the SDK in the second quarter.", "in the second quarter", "2024-04-01", "quarter"),
        ("We will launch the database next year.", "next year", "2024-01-01", "year"),
        ("We will publish the report tomorrow.", "tomorrow", "2023-08-04", "day"),
        ("We will open the bridge in 3 weeks.", "in 3 weeks", "2023-08-27", "week"),
        ("We will list on August 15 at the conference.", "August 15", "2023-08-15", "day"),
        ("We will list on the 15th of August.", "the 15th of August", "2023-08-15", "day"),
        ("We will launch in May 2024.", "in May 2024", "2024-05-01", "month"),
        ("The grants will open in Q4 this year.", "in Q4 this year", "2023-10-01", "quarter"),
        ("We will ship it later this year.", "later this year", "2023-12-31", "year"),  # by its end, not Jan 1
        ("This year we will list on two more exchanges.", "This year", "2023-12-31", "year"),
        ("We will ship it in just two weeks.", "in just two weeks", "2023-08-20", "week"),
        ("We will ship it within a week or two.", "within a week or two", "2023-08-20", "week"),
        ("The upgrade lands by mid-September.", "by mid-September", "2023-09-01", "month"),
        ("We will launch the bridge in H1 2024.", "in H1 2024", "2024-01-01", "half"),
        ("We will launch it in the second half of the year.", "in the second half of the year", "2023-07-01", "half"),
        ("We will open the grants before Christmas.", "before Christmas", "2023-12-25", "day"),
        ("We will ship the wallet this fall.", "this fall", "2023-11-30", "estimated"),
        ("We will finish the audit by the end of this quarter.", "by the end of this quarter", "2023-09-30", "quarter"),
        ("We will finish it over the next couple weeks.", "over the next couple weeks", "2023-08-20", "week"),
        ("We will have the release out in the next 24 hours.", "in the next 24 hours", "2023-08-04", "day"),
        ("The fix goes out within 48 hours.", "within 48 hours", "2023-08-05", "day"),
        ("We will post the notes in a few hours.", "in a few hours", "2023-08-03", "day"),
    ],
)
def test_time_phrases_resolve_against_the_air_date(sentence, text, due, precision):
    found = find_due(sentence, AIRED)

    assert (found.text, found.date.isoformat(), found.precision) == (text, due, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "We may launch the wallet.",  # "may" is not May
        "We will march forward together.",  # nor is "march"
        "We have more than 10 validators today.",
        "It took from 2021 until 2023 to get here.",
        "We launched the testnet in January 2022.",  # a past date is no due date
        "We held the event on July 30th.",  # a day already past in the air year is not next year's
        "Our uptime is 24/7 and version 2.0 is out.",
    ],
)
def test_words_that_look_like_dates_are_not_due_dates(sentence):
    assert find_due(sentence, AIRED) is None


@pytest.mark.parametrize(
    "sentence, condition",
    [
        ("We will start to unlock some tokens after mainnet launch.", "after mainnet launch"),
        ("Gate will integrate our native tokens after the mainnet is launched.", "after the mainnet is launched"),
        ("Then when the computing component is ready, we will start the database.", "when the computing component is ready"),
        ("We will open it to everyone once testing is complete.", "once testing is complete"),
        ("They won't have any movement until our product is fully ready.", "until our product is fully ready"),
        ("We will list on more exchanges when the mainnet is ready.", "when the mainnet is ready"),
        ("After all these issues are reviewed and merged, we'll send out the notes.", "after all these issues are reviewed and merged"),
        ("Once all items have been submitted for testing, we will re-sync.", "once all items have been submitted for testing"),
    ],
)
def test_conditions_are_kept_as_spoken(sentence, condition):
    assert find_condition(sentence) == condition


@pytest.mark.parametrize("sentence", ["After that we will see.", "When you cross the chain, you pay less.", "We will launch it."])
def test_sentences_without_a_condition(sentence):
    assert find_condition(sentence) is None


@pytest.mark.parametrize(
    "sentence, phrase, due",
    [
        ("We will launch the explorer very soon.", "very soon", "2023-11-03"),
        ("We will ship it soon.", "soon", "2023-11-03"),
        ("We will add more validators in the coming weeks.", "in the coming weeks", "2023-11-03"),
        ("We will list on more exchanges in the coming months.", "in the coming months", "2024-02-03"),
        ("The docs will be released in the coming days.", "in the coming days", "2023-09-03"),
        ("We will share the report shortly.", "shortly", "2023-11-03"),
        ("We will build it in the near future.", "in the near future", "2024-02-03"),
    ],
)
def test_vague_phrases_get_their_default_horizon_as_estimated(sentence, phrase, due):
    found = find_due(sentence, AIRED)

    assert (found.text, found.date.isoformat(), found.precision) == (phrase, due, "estimated")


def test_a_setting_changes_a_vague_horizon_and_a_named_date_wins():
    assert find_due("We will ship it soon.", AIRED, horizons={"soon": 1}).date == datetime.date(2023, 9, 3)
    assert find_due("We will ship it soon.", AIRED, horizons={}) is None
    assert find_due("We will ship it soon, in Q4.", AIRED).precision == "quarter"


def test_every_vague_phrase_has_a_horizon_in_the_published_table():
    assert set(VAGUE_HORIZONS) >= {
        "very soon", "shortly", "in the near future", "soon", "in the coming weeks", "in the coming months",
    }
    assert all(isinstance(months, int) and months > 0 for months in VAGUE_HORIZONS.values())


# Meeting language, said on Thursday 2021-09-02: the next call is two weeks on (estimated), a sprint two weeks.
MEETING_AIRED_ON = datetime.date(2021, 9, 2)


@pytest.mark.parametrize(
    "sentence, text, due, precision",
    [
        ("By the time we see each other next community call, the app will be live.",
         "By the time we see each other next community call", "2021-09-16", "estimated"),
        ("We will have the fix by the time we meet next call.", "by the time we meet next call", "2021-09-16", "estimated"),
        ("The report will be out by the time we meet next.", "by the time we meet next", "2021-09-16", "estimated"),
        ("We will publish the numbers before the next community call.", "before the next community call", "2021-09-16", "estimated"),
        ("We should have it by the next call.", "by the next call", "2021-09-16", "estimated"),
        ("We will close the audit by end of next week.", "by end of next week", "2021-09-12", "week"),
        ("The bridge will ship within two sprints.", "within two sprints", "2021-10-03", "week"),
        ("We will add the filter next sprint.", "next sprint", "2021-09-19", "week"),
        ("We will push it over the next few weeks.", "over the next few weeks", "2021-09-26", "week"),
        ("It will be resolved in the next day or so.", "in the next day", "2021-09-03", "day"),
        ("We will try it over the next week or so.", "over the next week", "2021-09-12", "week"),
        ("We launch the first pool next week and the second one the week after.", "next week", "2021-09-12", "week"),
        ("The second pool comes the week after.", "the week after", "2021-09-19", "week"),
        ("The vault opens in early Q4.", "in early Q4", "2021-10-01", "month"),
        ("The vault opens in late Q4.", "in late Q4", "2021-12-01", "month"),
        ("The vault opens in early Q3.", "in early Q3", "2022-07-01", "month"),  # July has passed: next year's
        ("The vault opens by the end of Q4.", "Q4", "2021-10-01", "quarter"),  # the quarter, as before
        ("We will post the recording later today.", "later today", "2021-09-02", "day"),
        ("Voting will get enabled sometime this weekend.", "this weekend", "2021-09-05", "day"),
        ("We will ship it over the weekend.", "over the weekend", "2021-09-05", "day"),
        ("It will go live early next week.", "early next week", "2021-09-07", "estimated"),
        ("It will go live late next week.", "late next week", "2021-09-10", "estimated"),
        # days said as words, and a second phrase said in place of the first
        ("The vault opens on October fifteenth or so.", "October fifteenth", "2021-10-15", "day"),
        ("We list it on the twenty-first of October.", "the twenty-first of October", "2021-10-21", "day"),
        ("It was supposed to be this week, but early next week.", "early next week", "2021-09-07", "estimated"),
        ("It either comes today or tomorrow.", "tomorrow", "2021-09-03", "day"),
        ("The video comes out around the end of this month or sometime next month.", "next month", "2021-10-01", "month"),
    ],
)
def test_meeting_time_phrases_resolve_against_the_air_date(sentence, text, due, precision):
    found = find_due(sentence, MEETING_AIRED_ON)
    assert found is not None
    assert (found.text, found.date.isoformat(), found.precision) == (text, due, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "We talked about it on the last call.",
        "The week after the launch was busy.",  # the week after an event is no date
        "We meet on the same week every month.",
        "Over the past few weeks we tested everything.",
        "Within these three months of September, October and November, we test it.",  # a span, not a deadline
    ],
)
def test_meeting_words_that_name_no_date_to_come(sentence):
    assert find_due(sentence, MEETING_AIRED_ON) is None


@pytest.mark.parametrize(
    "sentence, condition",
    [
        ("More details will get released closer to launch.", "closer to launch"),
        ("That should happen closer to the date of launch.", "closer to the date of launch"),
        ("The simulator will come slightly earlier than the launch, so you can try it.", "earlier than the launch"),
        ("We will publish the guide ahead of the mainnet.", "ahead of the mainnet"),
        ("We will open the portal in time for the release.", "in time for the release"),
    ],
)
def test_conditions_said_as_closer_to_or_ahead_of_an_event(sentence, condition):
    assert find_condition(sentence) == condition


@pytest.mark.parametrize("sentence", ["I am close to my family.", "We will do it ahead of schedule.", "We will wait ahead of time."])
def test_closeness_to_no_event_is_no_condition(sentence):
    assert find_condition(sentence) is None


def test_a_duration_the_work_takes_is_its_due_date():
    due = find_due("The audit will take a couple of weeks.", AIRED)

    assert (due.text, due.date.isoformat(), due.precision) == ("take a couple of weeks", "2023-08-20", "week")  # a week by its last day


def test_a_time_to_come_said_as_around_a_number_of_weeks():
    due = find_due("It should be available soonish, probably around two or three weeks.", AIRED)

    assert (due.text, due.date.isoformat(), due.precision) == ("around two or three weeks", "2023-08-27", "week")


@pytest.mark.parametrize(
    "sentence", ["It took around two weeks.", "We worked for around two weeks on it.", "That was around two weeks ago."]
)
def test_around_a_number_of_weeks_in_the_past_names_no_due_date(sentence):
    assert find_due(sentence, AIRED) is None


@pytest.mark.parametrize("unit", ["day", "week", "month", "year"])
def test_counted_units_ahead_are_stored_as_dateparser_read_them(unit):
    from commitments.reading.timephrases import ahead, parse, stored_day

    for start in (datetime.date(2023, 1, 31), datetime.date(2023, 8, 3), datetime.date(2024, 2, 29), datetime.date(2023, 12, 30)):
        for count in (1, 2, 3, 7, 13):
            expected = stored_day(parse(f"in {count} {unit}s", start), unit)
            assert stored_day(ahead(start, count, unit), unit) == expected, (start, count)

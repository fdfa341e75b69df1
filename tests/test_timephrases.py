"""Due dates and conditions resolved against the air date (pure Python)."""

import datetime

import pytest

from commitments.timephrases import find_condition, find_due

AIRED = datetime.date(2023, 8, 3)  # a Thursday


@pytest.mark.parametrize(
    "sentence, text, due, precision",
    [
        ("The conference in Toronto will be on August 15th.", "August 15th", "2023-08-15", "day"),
        ("We will ship the wallet next month.", "next month", "2023-09-01", "month"),
        ("We will ship the wallet next week.", "next week", "2023-08-07", "week"),
        ("We will open it in two months.", "in two months", "2023-10-01", "month"),
        ("We will deliver it by the end of the year.", "by the end of the year", "2023-12-31", "year"),
        ("We will deploy version twelve in early March.", "in early March", "2024-03-01", "month"),
        ("We will release the SDK in Q2.", "in Q2", "2024-04-01", "quarter"),
        ("We will release the SDK in the second quarter.", "in the second quarter", "2024-04-01", "quarter"),
        ("We will launch the database next year.", "next year", "2024-01-01", "year"),
        ("We will publish the report tomorrow.", "tomorrow", "2023-08-04", "day"),
        ("We will open the bridge in 3 weeks.", "in 3 weeks", "2023-08-21", "week"),
        ("We will list on August 15 at the conference.", "August 15", "2023-08-15", "day"),
        ("We will list on the 15th of August.", "the 15th of August", "2023-08-15", "day"),
        ("We will launch in May 2024.", "in May 2024", "2024-05-01", "month"),
        ("The grants will open in Q4 this year.", "in Q4 this year", "2023-10-01", "quarter"),
        ("We will ship it later this year.", "later this year", "2023-01-01", "year"),
        ("We will finish the audit by the end of this quarter.", "by the end of this quarter", "2023-09-30", "quarter"),
    ],
)
def test_time_phrases_resolve_against_the_air_date(sentence, text, due, precision):
    found = find_due(sentence, AIRED)

    assert (found.text, found.date.isoformat(), found.precision) == (text, due, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        "We may launch soon.",  # "may" is not May
        "We will march forward together.",  # nor is "march"
        "We have more than 10 validators today.",
        "It took from 2021 until 2023 to get here.",
        "We launched the testnet in January 2022.",  # a past date is no due date
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
    ],
)
def test_conditions_are_kept_as_spoken(sentence, condition):
    assert find_condition(sentence) == condition


@pytest.mark.parametrize("sentence", ["After that we will see.", "When you cross the chain, you pay less.", "We will launch it."])
def test_sentences_without_a_condition(sentence):
    assert find_condition(sentence) is None

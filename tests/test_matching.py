"""What later sentences say of earlier promises (commitments/reading/evidence.py, pure Python)."""

import datetime

import pytest

from commitments.reading.evidence import Subject, kind_of, match_statements, team_statements
from commitments.reading.text import ProjectWords
from commitments.reading.timephrases import find_happened

PROMISED_ON = datetime.date(2023, 8, 3)
PROJECT = ProjectWords(("Stratos",), ("STOS",))
LATER = datetime.date(2024, 6, 14)

SUBJECTS = [
    Subject("mainnet", "Launch the Stratos mainnet", "Yeah, we will launch the mainnet. It's coming.", "", PROMISED_ON),
    Subject(
        "unlock",
        "Unlock team tokens after the mainnet launch",
        "We didn't unlock a single token for the team up to now, we will start to unlock some tokens after mainnet launch.",
        "after mainnet launch",
        PROMISED_ON,
    ),
    Subject(
        "listings",
        "More exchange listings after the mainnet",
        "We think we will have more listing coming after the mainnet, not before mainnet.",
        "after the mainnet",
        PROMISED_ON,
    ),
    Subject("cdn", "Build the CDN layer", "For example, we will build the CDN layer for videos.", "", PROMISED_ON),
    Subject(
        "validators",
        "More than 10 validator providers at mainnet launch",
        "We will have more than 10 validator provider participate when the mainnet is launched.",
        "when the mainnet is launched",
        PROMISED_ON,
    ),
    Subject(
        "fiat",
        "Cooperate with a third party for fiat payments",
        "So for the Fiat, we will cooperate with third party.",
        "",
        PROMISED_ON,
    ),
    Subject("computing", "Build the computing component", "And we will start to build our computing component.", "", PROMISED_ON),
    Subject("database", "Build the database component after computing", "Then we will work on the database component.",
            "when the computing component is ready", PROMISED_ON),
    Subject("funding", "Open a new funding round, with vesting, after mainnet",
            "When the mainnet is launched, we will open the new round of funding with some investors.",
            "when the mainnet is launched", PROMISED_ON),
]


def said(*sentences, aired_on=LATER, subjects=SUBJECTS):
    statements = team_statements([(0, [" ".join(sentences)], [10])])
    return {(s.commitment, s.kind) for s in match_statements(statements, subjects, aired_on, PROJECT)}


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("So as you know, our Stratos mainnet was launched more than a month ago and is live.", "delivered"),
        ("We launched the bridge to Ethereum last week.", "delivered"),
        ("Our token has been listed on two more exchanges.", "delivered"),
        ("We have around 50 validators online.", "delivered"),
        ("The Android wallet is now live; the first version only supports storage.", "partly"),
        ("We're currently focused on developing the CDN layer.", "progress"),
        ("The team is still working on the bridge.", "progress"),
        ("We will deliver the decentralized CDN by the end of Q1.", "restated"),
        ("We're not rushing to deliver the computing component.", "postponed"),
        ("We have decided to postpone the token sale.", "postponed"),
        ("Now it's not that good time for new round fundraising.", "postponed"),
        ("We have decided not to build the database component.", "dropped"),
        ("The bridge plan has been cancelled.", "dropped"),
        ("We have not launched the CDN yet.", None),
        ("Has the mainnet launched?", None),
        ("The weather was nice.", None),
    ],
)
def test_a_sentence_says_which_kind_of_news_it_is(sentence, kind):
    assert kind_of(sentence) == kind


def test_a_delivery_report_is_matched_to_its_promise():
    assert said("Stratos mainnet is just launched 2 months ago.") == {("mainnet", "delivered")}


def test_a_title_never_shrinks_to_one_generic_word():
    # "Unlock team tokens" minus its common words is "unlock": a sentence about other tokens
    # that unlocked is not about the team's.
    tropos = "When we launched the mainnet, a million $STOS of Tropos incentive rewards were unlocked."
    assert ("unlock", "delivered") not in said(tropos)
    assert ("unlock", "delivered") in said("We have unlocked the first team tokens this month, as planned.") | said(
        "We unlocked some team tokens last month."
    )


def test_a_sentence_about_another_thing_that_shares_a_word_is_not_a_match():
    # "third party" alone is not "fiat payments through a third party"
    assert said("The third party and our team are working on the dApps.") == set()
    assert said("We have three kinds of nodes, forming the meta layer.") == set()


def test_listings_that_existed_before_the_promise_do_not_deliver_more_listings():
    assert said("Stratos tokens are listed on several exchanges, but there are no futures listings.") == set()
    assert said("We listed $STOS on two exchanges in 2021.") == set()


def test_a_report_aired_before_the_promise_cannot_deliver_it():
    before = datetime.date(2023, 7, 1)
    assert said("Our Stratos mainnet was launched last month.", aired_on=before) == set()
    assert said("Our Stratos mainnet was launched last month.", aired_on=LATER) == {("mainnet", "delivered")}


def test_a_count_reported_is_a_delivery_of_the_count_promised():
    assert said("The chain is very stable, we have around 50 validators, 28 are online.") == {("validators", "delivered")}
    assert said("We have 8 validators now.") == {("validators", "partly")}


def test_one_sentence_can_speak_of_two_promises_each_in_its_own_clause():
    found = said("Since our mainnet was launched, we won't rush to work on the computing component or the database component.")
    assert found == {("mainnet", "delivered"), ("computing", "postponed"), ("database", "postponed")}


def test_the_quote_counts_beside_the_title():
    assert said("Now it's not that good time for a new round of funding with investors.") == {("funding", "postponed")}


def test_a_restatement_carries_its_new_due_date_and_condition():
    [restated] = match_statements(
        team_statements([(3, ["We will deliver the decentralized CDN by the end of Q1."], [42])]),
        SUBJECTS,
        datetime.date(2024, 1, 21),
        PROJECT,
    )
    assert (restated.commitment, restated.kind, restated.line, restated.turn) == ("cdn", "restated", 42, 3)
    assert (restated.new_due_date, restated.new_due_precision) == (datetime.date(2024, 1, 1), "quarter")
    assert restated.matched == ("CDN",)
    [conditional] = match_statements(
        team_statements([(0, ["Once the storage network is ready, we will start to launch the computing component."], [1])]),
        SUBJECTS,
        LATER,
        PROJECT,
    )
    assert (conditional.kind, conditional.new_condition) == ("restated", "once the storage network is ready")


def test_the_happened_date_comes_from_the_report_else_the_air_date():
    [dated] = match_statements(team_statements([(0, ["We launched the Stratos mainnet last month."], [1])]), SUBJECTS, LATER, PROJECT)
    assert (dated.happened_on, dated.happened_precision, dated.happened_by_air_date) == (
        datetime.date(2024, 5, 1), "month", False
    )
    [undated] = match_statements(team_statements([(0, ["Our Stratos mainnet is now live."], [1])]), SUBJECTS, LATER, PROJECT)
    assert (undated.happened_on, undated.happened_precision, undated.happened_by_air_date) == (LATER, "day", True)


@pytest.mark.parametrize(
    "sentence, aired_on, expected",
    [
        ("we launched it last month", LATER, (datetime.date(2024, 5, 1), "month")),
        ("it went live in September", datetime.date(2024, 2, 27), (datetime.date(2023, 9, 1), "month")),
        ("our main net was ready in September last year", datetime.date(2024, 2, 27), (datetime.date(2023, 9, 1), "month")),
        ("launched in September 2023, actually four months ago", datetime.date(2024, 1, 12), (datetime.date(2023, 9, 1), "month")),
        ("launched more than a month ago", datetime.date(2023, 10, 27), (datetime.date(2023, 9, 1), "month")),
        ("we held an AMA a week ago", datetime.date(2024, 2, 27), (datetime.date(2024, 2, 19), "week")),
        ("we shipped it yesterday", LATER, (datetime.date(2024, 6, 13), "day")),
        ("we may ship it", LATER, None),
        ("we will launch it next month", LATER, None),
    ],
)
def test_past_time_phrases_resolve_into_the_past_of_the_air_date(sentence, aired_on, expected):
    found = find_happened(sentence, aired_on)
    assert (found and (found.date, found.precision)) == expected


# --- Ranking and the conversation around a sentence ---------------------------------------------

RANKED = [
    Subject("launch", "Launch the mainnet", "We will launch the mainnet this year.", "", PROMISED_ON),
    Subject(
        "announce",
        "Announce the mainnet launch date at the Toronto conference",
        "We will announce the mainnet launch date at the conference in Toronto.",
        "",
        PROMISED_ON,
    ),
    Subject("cdn", "Build the CDN layer", "We will build the CDN layer for videos.", "", PROMISED_ON),
    Subject(
        "dapp-grants",
        "Grants with milestone plans for dApp builders",
        "We will give a grant to any third party that builds a dApp, with a plan for each milestone.",
        "",
        PROMISED_ON,
    ),
]


def matched(*sentences, subjects=RANKED):
    statements = team_statements([(0, [" ".join(sentences)], [10])])
    return match_statements(statements, subjects, LATER, PROJECT)


def test_a_sentence_goes_to_the_promise_it_names_whole_not_to_one_that_shares_a_word():
    found = matched("We launched the mainnet in September.")

    assert [(s.commitment, s.kind) for s in found] == [("launch", "delivered")]


def test_a_sentence_that_points_back_is_matched_through_the_sentence_before_and_says_so():
    found = matched("We talked about the CDN layer earlier.", "Our team is actively working on that.")

    assert [(s.commitment, s.kind, s.question) for s in found] == [
        ("cdn", "progress", "We talked about the CDN layer earlier.")
    ]
    assert found[0].matched == ("CDN", "layer")


def test_a_delivery_is_never_read_through_the_sentence_before():
    assert matched("We talked about the CDN layer earlier.", "That is already available to everyone.") == []


def test_a_delivery_needs_the_titles_own_words_not_only_the_quotes():
    # "third party" and "grant" are in the quote; "milestone", "dApp" and "builders" are not said.
    found = matched("We have two third parties working with us on grants now.")

    assert [(s.commitment, s.kind) for s in found if s.kind in ("delivered", "partly")] == []


def test_a_promise_is_ranked_by_its_topic_as_well_as_its_title():
    from commitments.reading.evidence import signature

    video = Subject(
        "video", "Build the video layer", "We will build the video layer.", "", PROMISED_ON,
        signature("Build the video layer", "We will build the video layer.", "", "CDN and streaming"),
    )
    storage = Subject("storage", "Improve video storage", "We will improve video storage.", "", PROMISED_ON)

    found = matched("Video streaming will move to our own nodes next year.", subjects=[*RANKED, video, storage])

    assert [s.commitment for s in found][:1] == ["video"]

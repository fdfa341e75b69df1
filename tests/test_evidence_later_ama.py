"""A made-up later AMA (tests/transcripts/later-ama-forms.md) saying what became of earlier
promises in the ways later AMAs do: a promise named by what it does, progress as present work or
nearly done, deferrals tied to conditions, re-promises with a new horizon, deliveries said as a
state, a part delivered or released on trial, and answers that never repeat the promise's words. Each team sentence's expected suggestions."""

import datetime
from pathlib import Path

import pytest

from commitments.reading.evidence import Subject, match_statements, team_statements
from commitments.reading.text import ProjectWords, split_sentences
from commitments.reading.transcripts import read_transcript

TRANSCRIPT = Path(__file__).parent / "transcripts" / "later-ama-forms.md"
PROJECT = ProjectWords(("Quillon",), ("QLN",))
MADE = datetime.date(2023, 6, 1)

SUBJECTS = [
    Subject("video", "Build the video layer", "We will build the video layer so people can stream videos and music from our own nodes.", "", MADE),
    Subject("listings", "List the token on more exchanges", "We will list the token on more exchanges after the mainnet.", "after the mainnet", MADE),
    Subject("fiat", "Fiat payments through third-party providers", "We will work with third-party providers so people can pay in fiat.", "", MADE),
    Subject("wallet", "Release the mobile wallet", "We will release the mobile wallet next year.", "", MADE),
    Subject("staking", "Launch the staking dashboard", "We will launch a staking dashboard where holders can stake their tokens.", "", MADE),
    Subject("bridge", "Launch the cross-chain bridge", "We will launch a bridge to other chains.", "", MADE),
    Subject("grants", "Open a grants program for developers", "We will open a grants program for developers who build apps on the network.", "", MADE),
    Subject("explorer", "Launch the block explorer", "We will launch a block explorer for the network.", "", MADE),
    Subject("apps", "Launch the creator apps", "We will launch three apps for creators.", "", MADE),
]

# Every team sentence of the transcript, with the (promise, kind) pairs it should be suggested as.
EXPECTED = {
    "Streaming now runs on our own nodes.": {("video", "delivered")},
    "Creators upload new clips every day.": set(),
    "That is something we're actively working on.": {("fiat", "progress")},
    "We have applied to several payment providers for it.": {("fiat", "progress")},
    "Our team is integrating it right now.": {("wallet", "progress")},
    "I can't promise a date, but it should be ready in a couple of months.": {("wallet", "restated")},
    "We'll wait for a better market before we release it.": {("staking", "postponed")},
    "Honestly, it's not the right moment yet.": {("bridge", "postponed")},
    "We are pausing the grants program for now.": {("grants", "postponed")},
    "The block explorer is already available to everyone.": {("explorer", "delivered")},
    "We've been running the block explorer for months.": {("explorer", "delivered")},
    "We've been running tests on the cross-chain bridge for months.": {("bridge", "progress")},
    "The token should be listed on two more exchanges in the next few months.": {("listings", "restated")},
    "We are in talks with both of them.": {("listings", "progress")},
    "We have already launched two of the three creator apps.": {("apps", "partly")},
    "We're very close.": {("wallet", "progress")},
    "About 80% of the work is done.": {("wallet", "progress")},
    "It's on testnet now, mainnet later.": {("bridge", "partly")},
    "Thank you all.": set(),
    "The staking dashboard should be live next year, if the market recovers.": {("staking", "restated")},
}


def read_suggestions():
    transcript = read_transcript(TRANSCRIPT, project=PROJECT)
    turns = transcript.turns
    rows = []
    for number, turn in enumerate(turns):
        if turn.speaker != "Mara":
            continue
        before = turns[number - 1] if number else None
        asked = " ".join(s for p in before.paragraphs for s in split_sentences(p) if s.endswith("?")) if before else ""
        rows.append((turn.index, turn.paragraphs, turn.paragraph_lines, " ".join(filter(None, (turn.section, asked)))))
    statements = team_statements(rows)
    return statements, match_statements(statements, SUBJECTS, transcript.aired_on, PROJECT)


def test_the_transcript_has_exactly_the_sentences_the_expectations_name():
    statements, _ = read_suggestions()

    assert [s.sentence for s in statements] == list(EXPECTED)


@pytest.mark.parametrize("sentence", list(EXPECTED))
def test_each_sentence_of_a_later_ama_is_suggested_as_expected(sentence):
    _, suggestions = read_suggestions()

    assert {(s.commitment, s.kind) for s in suggestions if s.sentence == sentence} == EXPECTED[sentence]


def test_no_sentence_of_the_later_ama_is_read_as_a_delivery_it_does_not_report():
    _, suggestions = read_suggestions()
    deliveries = ("delivered", "partly")
    reported = {(s.commitment, s.sentence, s.kind) for s in suggestions if s.kind in deliveries}

    assert reported <= {(c, sentence, kind) for sentence, pairs in EXPECTED.items() for c, kind in pairs if kind in deliveries}


def test_every_suggestion_says_which_words_or_question_matched():
    _, suggestions = read_suggestions()

    assert suggestions and all(s.matched for s in suggestions)


def test_a_question_may_name_a_promise_by_one_word_no_other_promise_has_but_the_sentence_before_may_not():
    from commitments.reading.evidence import Statement

    asked = Statement(0, 1, "We are pausing that for now.", question="Any update on the bridge?")
    said_before = Statement(0, 1, "It is on hold for now.", before="The bridge came up in the last call.")

    assert [(s.commitment, s.kind) for s in match_statements([asked], SUBJECTS, datetime.date(2024, 9, 10), PROJECT)] == [
        ("bridge", "postponed")
    ]
    assert match_statements([said_before], SUBJECTS, datetime.date(2024, 9, 10), PROJECT) == []


def test_a_rare_title_word_said_as_the_thing_spoken_of_names_the_promise_alone():
    from commitments.reading.evidence import Statement

    subjects = [Subject("airdrop", "Airdrop for stakers", "We will airdrop new tokens to stakers.", "", MADE), *SUBJECTS]
    later = datetime.date(2024, 9, 10)

    named = match_statements([Statement(0, 1, "We are pausing the airdrop for now.")], subjects, later, PROJECT)
    in_passing = match_statements([Statement(0, 1, "We are pausing every airdrop for now.")], subjects, later, PROJECT)

    assert [(s.commitment, s.kind, s.matched) for s in named] == [("airdrop", "postponed", ("airdrop",))]
    assert in_passing == []


def test_progress_and_a_part_done_are_matched_to_the_promise_named_by_what_it_does():
    from commitments.reading.evidence import Statement

    later = datetime.date(2024, 9, 10)
    said = [
        Statement(0, 1, "We are testing video streaming on our own nodes right now."),
        Statement(0, 2, "Streaming from our own nodes is already available for some creators.", question="How is the video layer going?"),
        Statement(0, 3, "We've applied to several payment providers so people can pay in fiat."),
        Statement(0, 4, "About half of the creator apps are already live."),
    ]

    found = match_statements(said, SUBJECTS, later, PROJECT)

    assert [(s.line, s.commitment, s.kind) for s in found] == [
        (1, "video", "progress"),
        (2, "video", "partly"),
        (3, "fiat", "progress"),
        (4, "apps", "partly"),
    ]


def test_a_part_done_by_another_party_is_no_partial_delivery_of_ours():
    from commitments.reading.evidence import Statement

    said = [
        Statement(0, 1, "Other networks already offer video streaming to some creators on their own nodes."),
        Statement(0, 2, "Streaming from our own nodes is already available for some creators."),  # no title word, no question
        Statement(0, 3, "They released the first phase of their own cross-chain bridge."),
        Statement(0, 4, "Other networks already launched a block explorer."),
        Statement(0, 5, "The mobile wallet of our partner is live for some users."),
        Statement(0, 6, "Our partners' staking dashboard is already live."),
    ]
    ours = [Statement(0, 7, "We launched the staking dashboard, so holders can stake their tokens.")]

    assert [s for s in match_statements(said, SUBJECTS, datetime.date(2024, 9, 10), PROJECT) if s.kind in ("delivered", "partly")] == []
    assert [(s.commitment, s.kind) for s in match_statements(ours, SUBJECTS, datetime.date(2024, 9, 10), PROJECT)] == [("staking", "delivered")]



def test_a_part_done_with_more_to_follow_is_partly_even_when_the_rest_is_its_own_clause():
    from commitments.reading.evidence import Statement

    said = [Statement(0, 1, "We've launched two of the creator apps so far, and more will follow.")]
    split = [Statement(0, 2, "We launched the creator apps on the web, the mobile versions will follow next year.")]

    assert [(s.commitment, s.kind) for s in match_statements(said, SUBJECTS, datetime.date(2024, 9, 10), PROJECT)] == [("apps", "partly")]
    assert [(s.commitment, s.kind) for s in match_statements(split, SUBJECTS, datetime.date(2024, 9, 10), PROJECT)] == [("apps", "partly")]


def test_a_part_said_in_the_sentence_after_the_promise_is_named_is_read_through_that_sentence():
    said = team_statements([(0, ("We launched the cross-chain bridge to other chains in May. For now it only supports one chain.",), (7,))])

    found = match_statements(said, SUBJECTS, datetime.date(2024, 9, 10), PROJECT)

    assert [(s.sentence, s.commitment, s.kind) for s in found] == [
        ("We launched the cross-chain bridge to other chains in May.", "bridge", "delivered"),
        ("For now it only supports one chain.", "bridge", "partly"),
    ]


def test_the_quick_first_test_never_drops_a_statement_the_ranking_would_match():
    from commitments.reading.evidence import OpenPromises, kind_of, signature

    statements, _ = read_suggestions()
    promises = OpenPromises(PROJECT)
    for subject in SUBJECTS:
        promises.add(signature(subject.title, subject.quote, subject.condition))
    ranked = [s for s in statements if kind_of(s.sentence) and promises.rank(s, kind_of(s.sentence))]
    passed = [s for s in statements if promises.may_speak_of_any(s)]

    assert ranked and set(ranked) <= set(passed)
    assert "Thank you all." not in {s.sentence for s in passed}

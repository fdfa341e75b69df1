"""Tests generated from the table of kinds of news (commitments/reading/kinds.py): each rule's
examples are read as its kind, and its counter-examples are not."""

import pytest

from commitments.reading.evidence import kind_of
from commitments.reading.kinds import RULES, Kind

EXAMPLES = [pytest.param(rule, sentence, id=f"{rule.name}: {sentence}") for rule in RULES for sentence in rule.examples]
NOT_EXAMPLES = [
    pytest.param(rule, sentence, id=f"{rule.name}: {sentence}") for rule in RULES for sentence in rule.not_examples
]


@pytest.mark.parametrize("rule, sentence", EXAMPLES)
def test_each_rule_matches_its_examples_and_they_read_as_its_kind(rule, sentence):
    assert rule.pattern.search(sentence)
    assert kind_of(sentence) == rule.kind


@pytest.mark.parametrize("rule, sentence", NOT_EXAMPLES)
def test_a_rules_counter_examples_do_not_read_as_its_kind(rule, sentence):
    assert kind_of(sentence) != rule.kind


def test_every_kind_has_a_rule_and_every_rule_examples_and_a_unique_name():
    assert {rule.kind for rule in RULES} == set(Kind.ALL)
    assert all(rule.examples and rule.not_examples for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


# --- Matching through the question a sentence answers -------------------------------------------

import datetime  # noqa: E402

from commitments.reading.evidence import Statement, Subject, match_statements, team_statements  # noqa: E402

MADE = datetime.date(2023, 1, 10)
AIRED = datetime.date(2023, 9, 1)
SUBJECTS = [
    Subject(1, "Launch the cross-chain bridge", "We will launch the cross-chain bridge next quarter.", made_on=MADE),
    Subject(2, "Host monthly community calls", "We will host community calls every month.", made_on=MADE),
    Subject(3, "Publish the security audit report", "The audit report will be published in spring.", made_on=MADE),
    Subject(4, "Open a developer grants program", "We will open developer grants this year.", made_on=MADE),
]


def answer(question, *sentences):
    return team_statements([(0, (" ".join(sentences),), (12,), question)])


def test_an_answer_that_never_names_the_promise_is_matched_through_the_question_and_says_so():
    found = match_statements(answer("Any update on the cross-chain bridge?", "We are pausing that for now."), SUBJECTS, AIRED)

    assert [(s.commitment, s.kind) for s in found] == [(1, "postponed")]
    assert found[0].question == "Any update on the cross-chain bridge?"
    assert set(found[0].matched) >= {"bridge"}


def test_a_delivery_is_never_read_through_the_question():
    found = match_statements(answer("Any update on the cross-chain bridge?", "It is already available to everyone."), SUBJECTS, AIRED)

    assert found == []


def test_only_the_first_sentences_of_an_answer_take_the_question_as_context():
    statements = answer(
        "Any update on the cross-chain bridge?",
        "Good question.",
        "Let me explain our history first.",
        "We started in a small office.",
        "We are pausing that for now.",
    )

    assert [s.question for s in statements][-1] == ""
    assert match_statements(statements, SUBJECTS, AIRED) == []


def test_a_sentence_that_names_the_promise_is_matched_by_its_own_words_not_the_question():
    statements = [Statement(0, 3, "The security audit report will be published in the next couple of months.", "", "How is the bridge going?")]

    found = match_statements(statements, SUBJECTS, AIRED)

    assert [(s.commitment, s.kind, s.question) for s in found] == [(3, "restated", "")]


def test_the_admin_marks_the_question_words_a_suggestion_was_matched_through():
    from commitments.admin import EvidenceSuggestionInline
    from commitments.models import EvidenceSuggestion

    suggestion = EvidenceSuggestion(
        sentence="We are pausing that for now.", matched_words=["bridge"], matched_question="Any update on the bridge?"
    )

    shown = EvidenceSuggestionInline.marked_sentence(None, suggestion)

    assert "matched through the question or the sentence before: Any update on the <mark>bridge</mark>?" in shown


def test_progress_said_without_the_promises_words_is_matched_through_the_question():
    close = match_statements(answer("How is the cross-chain bridge going?", "We're very close."), SUBJECTS, AIRED)
    share = match_statements(answer("Any news on the cross-chain bridge?", "It's about 80% done."), SUBJECTS, AIRED)

    assert [(s.commitment, s.kind) for s in close] == [(1, "progress")]
    assert [(s.commitment, s.kind) for s in share] == [(1, "progress")]


def test_a_part_released_on_trial_is_read_through_the_question_as_partly_delivered():
    found = match_statements(answer("Any update on the cross-chain bridge?", "It's on testnet now, mainnet later."), SUBJECTS, AIRED)

    assert [(s.commitment, s.kind) for s in found] == [(1, "partly")]
    assert found[0].question == "Any update on the cross-chain bridge?"


def test_a_part_done_is_read_through_the_question_only_when_the_answer_is_ours_or_about_it():
    theirs = match_statements(
        answer("Any update on the cross-chain bridge?", "Other projects launched the first phase of theirs on testnet."), SUBJECTS, AIRED
    )

    assert theirs == []


def test_a_part_done_and_the_next_part_are_told_apart_in_one_sentence():
    subjects = [
        Subject(5, "Build the storage layer", "We will build the storage layer first.", made_on=MADE),
        Subject(6, "Build the computing layer", "Then we will build the computing layer.", made_on=MADE),
    ]
    said = [Statement(0, 3, "Our storage layer is done, the computing layer is next.")]

    found = match_statements(said, subjects, AIRED)

    assert {(s.commitment, s.kind) for s in found} == {(5, "delivered"), (6, "restated")}


def test_a_part_done_of_something_else_the_answer_names_is_not_read_through_the_question():
    other = match_statements(answer("Any update on the cross-chain bridge?", "We launched the beta of our wallet last week."), SUBJECTS, AIRED)
    same = match_statements(answer("Any update on the cross-chain bridge?", "We released the beta last week."), SUBJECTS, AIRED)

    assert other == []
    assert [(s.commitment, s.kind) for s in same] == [(1, "partly")]


# --- The question a turn answers, in a call where teammates ask each other -----------------------

CALL_NOTES = """# Team call 12

### Meeting Date/Time: Thursday 2024/3/7 at 14:00 UTC

## Bridge

**Ana Lind**
* Ben, any update on the cross-chain bridge?

**Ben Okoro**
* We're very close. The last audit findings are fixed.

**Ana Lind**
* Great, thanks Ben. Next up is the wallet.

**Ben Okoro**
* The wallet is live.
"""


def test_a_teammates_question_is_the_context_of_the_answer():
    from commitments.importers import question_before
    from commitments.reading.transcripts import parse_transcript

    turns = parse_transcript(CALL_NOTES, "team-call-12.md").turns
    assert [turn.speaker for turn in turns][:2] == ["Ana Lind", "Ben Okoro"]

    asked = question_before(turns, 1)

    assert "any update on the cross-chain bridge?" in asked.lower()
    found = match_statements(answer(asked, "We're very close."), SUBJECTS, AIRED)
    assert [(s.commitment, s.kind) for s in found] == [(1, "progress")]


def test_a_speakers_own_question_is_not_the_context_of_what_they_say_next():
    from commitments.importers import question_before
    from commitments.reading.transcripts import parse_transcript

    asking = parse_transcript(CALL_NOTES, "team-call-12.md").turns[0]

    asked = question_before([asking, asking], 1)

    assert "bridge?" not in asked.lower()

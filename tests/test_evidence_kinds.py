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

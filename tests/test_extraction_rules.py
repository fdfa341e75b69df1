"""Tests generated from the extraction rule table: each rule's examples are proposed by that rule,
and its counter-examples are not proposed at all."""

import datetime

import pytest

from commitments.extraction import (
    DELIVERY_ING,
    RULES,
    commitment_strength,
    matching_rule,
    present_participle,
    rules_for,
    third_person,
)
from commitments.text import ProjectWords

AIRED_ON = datetime.date(2023, 8, 3)

EXAMPLES = [pytest.param(rule, sentence, id=f"{rule.name}: {sentence}") for rule in RULES for sentence in rule.examples]
NOT_EXAMPLES = [
    pytest.param(rule, sentence, id=f"{rule.name}: {sentence}") for rule in RULES for sentence in rule.not_examples
]


@pytest.mark.parametrize("rule, sentence", EXAMPLES)
def test_each_rule_proposes_its_examples(rule, sentence):
    found = matching_rule(sentence, AIRED_ON)

    assert found is not None and found[0].name == rule.name, found and found[0].name
    assert commitment_strength(sentence, AIRED_ON) is not None


@pytest.mark.parametrize("rule, sentence", NOT_EXAMPLES)
def test_no_rule_proposes_a_rules_counter_examples(rule, sentence):
    assert commitment_strength(sentence, AIRED_ON) is None


def test_every_rule_has_examples_and_a_unique_name():
    assert all(rule.examples for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize(
    "verb, ing, third",
    [
        ("release", "releasing", "releases"),
        ("ship", "shipping", "ships"),
        ("begin", "beginning", "begins"),
        ("launch", "launching", "launches"),
        ("go live", "going", "goes live"),
        ("open", "opening", "opens"),
    ],
)
def test_verb_forms_are_derived_from_the_delivery_verbs(verb, ing, third):
    assert present_participle(verb) == ing
    assert third_person(verb) == third
    assert ing in DELIVERY_ING.split("|")


def test_the_project_name_speaks_for_the_team_only_when_configured():
    sentence = "Acme will offer very competitive storage prices to video websites."

    assert commitment_strength(sentence, AIRED_ON) is None
    assert commitment_strength(sentence, AIRED_ON, ProjectWords(names=("Acme",))) == "firm"


def test_the_front_matter_adds_project_words():
    words = ProjectWords(names=("Stratos",)).with_front_matter({"project": "Acme, Acme Network", "ticker": "ACM"})

    assert words.names == ("Stratos", "Acme", "Acme Network")
    assert words.tickers == ("ACM",)
    assert rules_for(words) is rules_for(ProjectWords(("Stratos", "Acme", "Acme Network"), ("ACM",)))

"""Tests generated from the extraction rule table: each rule's examples are proposed by that rule,
and its counter-examples are not proposed at all."""

import datetime

import pytest

from commitments.reading.extraction import (
    RULES,
    commitment_strength,
    matching_rule,
    rules_for,
    short_title,
    third_person,
)
from commitments.reading.text import DELIVERY_ING, ProjectWords, present_participle

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


@pytest.mark.parametrize(
    "sentence, strength",
    [
        # how the product works, said with "will"
        ("If a node goes offline, this will be shown on the dashboard.", None),
        ("When you upload a video, we will slice it every 10 MB.", None),
        ("Hash code will be saved there, as no one can change the ledger.", None),
        # vision and generic goals
        ("This year we will deliver many exciting updates.", None),
        ("We're committed to delivering solid progress step by step.", None),
        # the host's housekeeping and giveaways
        ("This section is going to end here.", None),
        ("We will announce the giveaway winners on Twitter.", None),
        ("I'll share a few examples.", None),
        # negations of change, past plans
        ("At present we won't change the token supply.", None),
        ("Initially we planned to launch the bridge in 2022.", None),
        ("We won't start the computation phase before storage has real users.", "firm"),
        # promises said without "will"
        ("In that case we would definitely support it.", "firm"),
        ("Our strategy is to list the token on more exchanges after the mainnet.", "firm"),
        ("We are also preparing a grants program for builders.", "firm"),
        ("We're actively adding support for the Polygon bridge.", "firm"),
        ("Users will be able to stake from the mobile wallet.", "firm"),
        ("They'll receive the airdrop after the snapshot.", "firm"),
        ("Holders will get airdrops when we launch a new layer token.", "firm"),
        # hedged stays soft
        ("Maybe later we could partner up with more market makers.", "soft"),
        ("Later, we really would like to list the token on some decent exchanges.", "soft"),
    ],
)
def test_the_kinds_of_sentence_an_ama_holds(sentence, strength):
    assert commitment_strength(sentence, AIRED_ON) == strength


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("Actually, we will launch the new Big-Dipper explorer very soon.", "Launch the new Big-Dipper explorer"),
        ("The bridge to Solana will be launched next month.", "Launch the bridge to Solana"),
        ("We're launching the mobile wallet next month.", "Launch the mobile wallet"),
        ("We will unlock some team tokens when the mainnet is launched.", "Unlock some team tokens"),
        # "it" names nothing: the quote's clause is the title
        ("It will be ready with this version as well.", "It will be ready with this version"),
        ("The new explorer is coming after the upgrade.", "Deliver the new explorer"),
        ("You should expect us to be opening up the grant forms over the coming weeks.", "Open up the grant forms over the coming weeks"),
        ("Then putting in a proposal for rewards for the pool's participants.", "Put in a proposal for rewards for the pool's participants"),
    ],
)
def test_short_imperative_titles(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_a_title_has_at_most_ten_words():
    sentence = (
        "We will build a decentralized storage marketplace for video creators, musicians, photographers, "
        "writers and every other kind of content producer in the world."
    )
    assert len(short_title(sentence, AIRED_ON).split()) <= 10


@pytest.mark.parametrize(
    "sentence, title",
    [
        # An -ing form after "will be" becomes the imperative.
        ("We'll be hosting more community calls like this next quarter.", "Host more community calls"),
        # A second promise joined by "and we" is left out of the first one's title.
        ("We will talk to our auditors and we will publish the report.", "Talk to our auditors"),
        # A title cut at ten words ends before its last joining word ("to pick the"), not mid-phrase.
        (
            "We will use three separate scoring models from our research partners to pick the final winners.",
            "Use three separate scoring models from our research partners",
        ),
    ],
)
def test_titles_end_on_a_whole_phrase(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


@pytest.mark.parametrize(
    "sentence, title",
    [
        # No action to lead with: the quote's main clause, whole, without the filler before it;
        # when the team is its subject, its action is the title.
        ("So we are working on the decentralized file sharing app.", "Work on the decentralized file sharing app"),
        # the thing that will come is what is delivered
        ("But the wallet will come first.", "Deliver the wallet first"),
    ],
)
def test_a_title_that_cannot_be_made_comes_from_the_quote(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


@pytest.mark.parametrize(
    "sentence",
    [
        "And when we launch, the staking dashboard will be accelerated.",
        "The third one, we will be working on the bridge in the exchange.",
        "But I know the community really hopes we can list the token on larger exchanges.",
    ],
)
def test_a_title_never_starts_with_a_joining_word(sentence):
    title = short_title(sentence, AIRED_ON)
    assert title.split()[0].lower() not in {"and", "but", "so", "when", "with", "is"}, title
    assert title.split()[-1].lower() not in {"and", "or", "to", "the", "a", "from"}, title

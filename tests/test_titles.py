"""Titles a reader would publish as is: the team's action as a short imperative, or the quote's
clause, whole, when the action is another party's, denied, or names nothing."""

import datetime

import pytest

from commitments.reading.extraction import RULES, propose_commitments, short_title
from commitments.reading.titles import tidy, title_for, well_made
from commitments.reading.transcripts import parse_transcript

AIRED_ON = datetime.date(2024, 2, 12)


def titles_of(text: str) -> list[str]:
    transcript = parse_transcript(
        "---\ntitle: AMA\ndescription: Orbit AMA with Ada, aired on February 12, 2024.\n---\n"
        f"\n<ada>Ada</ada>\n\n{text}\n",
        "test.md",
    )
    return [candidate.title for candidate in propose_commitments(transcript, team_speakers={"Ada"})]


@pytest.mark.parametrize(
    "title, tidied",
    [
        # "as well" adds nothing once the title stands alone
        ("Include the new fee report in version three as well", "Include the new fee report in version three"),
        ("Work with the bridge partners too", "Work with the bridge partners"),
        # "to them" points at someone named elsewhere: the action is whole without it
        ("Provide a live demonstration to them", "Provide a live demonstration"),
        ("Improve the storage layer for them", "Improve the storage layer"),
        # ... but not when nothing would be left
        ("Talk with them", "Talk with them"),
        # "an" before a vowel, "a" before a word said with a consonant
        ("Launch a exciting rewards program", "Launch an exciting rewards program"),
        ("Ship a one-time migration tool", "Ship a one-time migration tool"),
        ("Build a user dashboard", "Build a user dashboard"),
    ],
)
def test_a_title_stands_alone(title, tidied):
    assert tidy(title) == tidied


@pytest.mark.parametrize(
    "sentence, title",
    [
        # another party's action is not titled as the team's
        ("The wallet vendor confirmed the plan, they will add our token after the upgrade.", "They will add our token"),
        ("Once the pilot ends, they will send us their usage reports.", "They will send us their usage reports"),
        ("As we grow, users can run relay nodes or host archive copies, and later even more.", "Users can run relay nodes or host archive copies"),
        ("Once the relay layer is live, you will earn extra fees because traffic pays.", "You will earn extra fees"),
    ],
)
def test_another_partys_action_keeps_its_subject(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_a_denied_predicate_read_by_a_rule_is_titled_with_its_denial():
    will = next(rule for rule in RULES if rule.name == "will")
    sentence = "As I said, we won't rush to work on the next module, like the compute layer."
    found = (will, " rush to work on the next module, like the compute layer.")
    assert title_for(sentence, sentence, found, (None, None)) == "We won't rush to work on the next module"


def test_a_denied_action_is_not_titled_as_a_promise():
    sentence = "As I said, since the relay and the indexer were launched, we won't rush to work on the next module, like the compute layer."
    assert short_title(sentence, AIRED_ON) == "We won't rush to work on the next module"


@pytest.mark.parametrize(
    "sentence, title",
    [
        # "them" stands for the things named earlier in the same sentence
        (
            "The design team is focused on these two prototypes, aiming to ship some of them by the end of Q3.",
            "Ship some of these two prototypes",
        ),
        # a capitalised name ending in "s" is no plural thing
        ("They build on top of the Orbis, we will support them.", "We will support them"),
    ],
)
def test_them_is_read_as_the_things_named_before_it(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_it_is_read_as_the_thing_asked_about_just_before():
    text = "The third one answers a common question: when will the light client be ready? It will be ready with this version as well."
    assert "Make the light client ready with this version" in titles_of(text)


def test_it_stays_in_a_quote_title_when_nothing_was_asked():
    text = "We talked about many things today. It will be ready with this version as well."
    assert "It will be ready with this version" in titles_of(text)


@pytest.mark.parametrize(
    "sentence, title",
    [
        # a verb that needs its object takes the thing its relative clause is about
        (
            "We finished the two new indexers for the upgrade, which we'll deploy on the testnet after the audit.",
            "Deploy the two new indexers for the upgrade",
        ),
    ],
)
def test_an_action_without_its_object_takes_the_thing_it_is_about(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_an_action_without_its_object_and_no_thing_is_not_a_title():
    title = short_title("Then we will deploy on the testnet in early March.", AIRED_ON)
    assert title != "Deploy on the testnet", title


@pytest.mark.parametrize(
    "text, title",
    [
        # a demonstrative's noun named with more words just before
        (
            "The relay layer is meant for larger media companies that need cheap delivery. "
            "We're actively preparing to meet the needs of these companies.",
            "Meet the needs of the larger media companies",
        ),
        (
            "For example, we will build the indexing layer. People want to search their files. We will build that layer.",
            "Build the indexing layer",
        ),
    ],
)
def test_a_demonstrative_is_read_as_the_thing_named_before_it(text, title):
    assert title in titles_of(text)


def test_a_demonstrative_with_nothing_named_before_stays():
    assert short_title("We're preparing to meet the needs of these companies.", AIRED_ON) == "Meet the needs of these companies"


def test_them_after_a_quantified_plural_names_the_things():
    sentence = "Most game studios we spoke with use a cloud drive, and we can help them to move their saved games to the network."
    assert short_title(sentence, AIRED_ON) == "Help game studios to move their saved games"


@pytest.mark.parametrize(
    "title, tidied",
    [
        ("Keep you all updated", "Keep the community updated"),
        ("Keep you updated on the audit", "Keep the community updated on the audit"),
        # "you" elsewhere is left alone
        ("Show your node its rewards", "Show your node its rewards"),
    ],
)
def test_the_listeners_in_a_title_are_the_community(title, tidied):
    assert tidy(title) == tidied


@pytest.mark.parametrize(
    "title, made",
    [
        # "have" a thing is no action; "have" a thing in a state is
        ("Have a grant for the plugin developers", False),
        ("Have some traction", False),
        ("Have the relay network ready", True),
        ("Have the indexer up first on the testnet", True),
        # a noun is no verb to start with
        ("Collaboration partners build new wallets", False),
        # a subordinate clause is no action
        ("Since the chain went live", False),
        ("Settlement layer then convert the fees", False),
        ("Mention the grants in the newsletter", True),
        ("Handle the migration for every holder", True),
        # a verb that needs its object does not go without it
        ("Deploy on the testnet", False),
        ("Deploy the light client on the testnet", True),
    ],
)
def test_what_a_title_may_start_with(title, made):
    assert well_made(title) is made


def test_a_possession_is_titled_from_the_quote():
    assert short_title("We will have a grant for the plugin developers.", AIRED_ON) == "We will have a grant for the plugin developers"


@pytest.mark.parametrize(
    "sentence, title",
    [
        # a number's thousands separator is no clause break
        ("In the future, they can support 100,000 nodes across the world.", "They can support 100,000 nodes across the world"),
        # a clause from the quote ends where its sentence ends, never on a bare verb
        ("The link between the two ledgers will seamlessly allow for this.", "The link between the two ledgers will seamlessly allow for this"),
        # ... before a second clause
        ("The settlement service will then batch the payments nightly and then send them to the vault.", "The settlement service will then batch the payments nightly"),
    ],
)
def test_a_title_from_the_quote_is_a_whole_clause(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_a_condition_that_is_all_a_clause_names_stays():
    assert short_title("We will do it after the mainnet launch.", AIRED_ON) == "We will do it after the mainnet launch"


def test_it_is_read_as_the_thing_the_sentence_before_is_about():
    text = "The indexer rewrite is mostly done. We will ship it to the testnet next week."
    assert "Ship the indexer rewrite to the testnet" in titles_of(text)


def test_a_demonstrative_determiner_is_not_read_as_it():
    text = "The meetup in Lisbon will be on May 3rd. We will announce that date on the forum."
    assert not any("Lisbon date" in title for title in titles_of(text)), titles_of(text)


def test_a_third_party_team_at_work_keeps_its_subject():
    sentence = "A third-party team is currently working on the explorer plugin so users can browse blocks offline."
    assert short_title(sentence, AIRED_ON) == "A third-party team is currently working on the explorer plugin"


def test_a_clause_keeps_the_relative_clause_that_says_who():
    sentence = "We will have a bug bounty for anyone who finds issues in the bridge contracts."
    assert short_title(sentence, AIRED_ON) == "We will have a bug bounty for anyone who finds issues in the bridge contracts"


@pytest.mark.parametrize(
    "text, title",
    [
        # the one plural thing of the sentence before
        ("The grant partners asked about the SDK. We will support them during the migration.", "Support the grant partners during the migration"),
        # a counted thing: "all three of them" is "all three of the options"
        ("We looked at three bridges. We will support all three of them next year.", "Support all three of the bridges"),
    ],
)
def test_them_is_read_as_the_one_plural_thing_said_just_before(text, title):
    assert title in titles_of(text)


def test_them_stays_when_two_plural_things_were_said_before():
    text = "The grant partners asked the wallet teams about the SDK. We will support them during the migration."
    assert "We will support them during the migration" in titles_of(text)


def test_a_long_clause_from_the_quote_ends_before_its_first_joining_word():
    sentence = "A partner team is currently working on the backend to allow users to upload and download files securely."
    assert short_title(sentence, AIRED_ON) == "A partner team is currently working on the backend"


@pytest.mark.parametrize(
    "sentence, title",
    [
        # an event is held, with the article the sentence gave it
        ("There will be a community call about the fees.", "Hold a community call about the fees"),
        # a passive made active with the verb of its participle
        ("The fee calculator will be tested by the team in July.", "Test the fee calculator"),
        ("The onboarding guide will be updated after the release.", "Update the onboarding guide"),
        # "it" is the thing the sentence's first clause is about
        ("The payments module is almost finished, and we'll release it next month.", "Release the payments module"),
        # "which we will test": test what the relative clause is about
        (
            "We're also working on a new onboarding flow, which we will test with ten customers in July.",
            "Test a new onboarding flow with ten customers",
        ),
    ],
)
def test_more_actions_a_reader_would_publish(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_an_adverb_before_the_verb_is_left_out():
    sentence = "In the future, when we launch the compute layer, we will be able to directly process the files you store."
    assert short_title(sentence, AIRED_ON) == "Process the files you store"


def test_node_operators_who_gain_keep_their_subject():
    sentence = "With this feature, relay node operators will also get a share of the fees."
    assert short_title(sentence, AIRED_ON) == "Relay node operators will also get a share of the fees"


@pytest.mark.parametrize(
    "sentence, predicate, title",
    [
        # "they" after the team's own people is the team
        ("Our developers are busy, but they will ship the bridge.", " ship the bridge.", "Ship the bridge"),
        # "will not only" is no denial
        ("We will not only launch the wallet but also the explorer.", " launch the wallet but also the explorer.", "Launch the wallet"),
    ],
)
def test_the_team_is_not_taken_for_another_party(sentence, predicate, title):
    will = next(rule for rule in RULES if rule.name == "will")
    assert title_for(sentence, sentence, (will, predicate), (None, None)) == title


def test_a_verb_ending_in_ly_leads():
    assert tidy("Multiply the staking rewards") == "Multiply the staking rewards"
    assert well_made("Multiply the staking rewards")


def test_it_is_not_read_as_the_team_spoken_of_before():
    text = "The team is very excited. We will release it next week after the audit."
    assert not any("team" in title.lower() for title in titles_of(text)), titles_of(text)


def test_a_demonstrative_is_not_read_with_a_verb_before_its_noun():
    text = "Next month we will ship features for the wallet. We will announce these features at the meetup."
    assert not any("ship features" in title for title in titles_of(text)), titles_of(text)


def test_a_title_never_runs_past_the_end_of_a_sentence():
    # notes often start a sentence in lower case, so the sentence was not split there
    sentence = "We will be testing the relay on the shadow fork tomorrow. as far as I know the build is up."
    assert short_title(sentence, AIRED_ON) == "Test the relay on the shadow fork"


@pytest.mark.parametrize(
    "sentence, title",
    [
        # words said twice while the speaker looks for the next ones are said once
        ("I'll take a, I'll take a second look at the library.", "Take a second look at the library"),
        # hedges of speech are no part of the action
        ("I'll just kind of describe the high level outline of the format.", "Describe the high level outline of the format"),
        ("Uh, we will, um, publish the test vectors on the forum.", "Publish the test vectors on the forum"),
    ],
)
def test_the_noise_of_speech_is_left_out(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


@pytest.mark.parametrize(
    "sentence, title",
    [
        # a place or time pointed at with "that" names nothing once the title stands alone
        ("We will announce the new fee schedule at that meetup.", "Announce the new fee schedule"),
        ("We will pick an epoch on that date.", "Pick an epoch"),
    ],
)
def test_a_closing_phrase_that_points_elsewhere_is_left_out(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_a_verb_with_its_third_person_s_is_no_imperative():
    assert not well_made("Makes peer discovery way easier")
    assert not well_made("Gets the indexer ready")
    assert well_made("Process the stored files")
    assert well_made("Discuss the fee schedule")


@pytest.mark.parametrize(
    "sentence, title",
    [
        # "all the people who hold the token, you will get": the people named just before are the subject
        (
            "And if the new layer has its own token, all the people who hold the token, you will get a share of the fees.",
            "All the people who hold the token will get a share of the fees",
        ),
        ("Later on, the node operators, they will earn the relay fees.", "The node operators will earn the relay fees"),
    ],
)
def test_a_subject_named_before_its_pronoun_is_the_subject(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_it_is_what_the_same_verb_acted_on_just_before():
    text = "We will announce the final fee schedule in Lisbon. Just not today, we will announce it at that meetup."
    assert titles_of(text).count("Announce the final fee schedule") == 1, titles_of(text)


def test_looking_into_a_thing_is_titled_with_its_preposition():
    assert short_title("We're looking into the missing peers on the devnet.", AIRED_ON) == "Look into the missing peers on the devnet"


def test_a_title_from_the_quote_drops_a_closing_as_well():
    assert short_title("We will announce that on the forum as well.", AIRED_ON) == "We will announce that on the forum"


def test_a_greeting_is_no_part_of_a_title_from_the_quote():
    sentence = (
        "Yes hi this is sam from the wallet team we have been working on some fixes and the focus is now on "
        "the light client support so hopefully we'll get it working in a couple of weeks."
    )
    assert short_title(sentence, AIRED_ON) == "We have been working on some fixes"


@pytest.mark.parametrize(
    "sentence, title",
    [
        # to have a new thing is to deliver it; to have a thing is no action ("We will have a grant ...")
        ("So hopefully in a month or so we will be able to have the new website.", "Deliver the new website"),
        ("We will have a new staking page next month.", "Deliver a new staking page"),
    ],
)
def test_having_a_new_thing_is_delivering_it(sentence, title):
    assert short_title(sentence, AIRED_ON) == title


def test_they_are_the_names_said_together_just_before():
    text = "Next week we will contact Northwind and Contoso and offer the new API to them. Hopefully, they could integrate the new API soon."
    assert "Northwind and Contoso could integrate the new API" in titles_of(text), titles_of(text)


def test_they_stay_when_two_groups_of_names_were_said_before():
    text = (
        "We talked with Northwind and Contoso, and later with Fabrikam and Tailspin, about the API. "
        "Hopefully, they could integrate the new API soon."
    )
    assert "They could integrate the new API" in titles_of(text), titles_of(text)


def test_a_system_where_the_team_acts_is_a_system_to_act():
    sentence = "Instead, we're implementing a system where we batch the uploads and store them in the cache layer."
    assert short_title(sentence, AIRED_ON) == "Implement a system to batch the uploads"


def test_an_if_that_says_what_is_checked_stays_in_the_title():
    sentence = "I'll take a, I'll take a second look to see if I missed something, but I, I'm not aware of anything."
    assert short_title(sentence, AIRED_ON) == "Take a second look to see if I missed something"

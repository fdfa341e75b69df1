"""Proposing commitments from transcripts (pure Python)."""

import datetime

import pytest

from commitments.reading.extraction import guess_team_speakers, guess_topic, propose_commitments, split_sentences
from commitments.reading.transcripts import parse_transcript, read_transcript
from tests.factories import SEED_FILE, corpus_files

# One distinctive fragment per promise the team made in the seed AMA.
SEED_PROMISES = [
    "announce the mainnet launch date in Toronto",
    "announce that date as August 15th",
    "we will launch the mainnet",
    "bounty program",
    "grant for the third party developers",
    "build the CDN layer",
    "extra reward",
    "third party bridge",
    "Ethereum first",
    "unlock some tokens after mainnet launch",
    "new round of funding",
    "more listing coming after the mainnet",
    "integrate our native tokens",
    "more than 10 validator provider",
    "make the pool deeper",
    "more market makers",
    "build the computing component",
    "database component",
    "we will cooperate with third party",
    "move most of the tokens to our native chain",
    "airdrops",
]
RECALL_FLOOR = 0.85


def transcript_of(*turns, description="Stratos AMA with Bin Zhu and Claire Bearzh, aired on August 03, 2023."):
    body = "\n".join(f"\n<{tag}>{speaker}</{tag}>\n\n{text}\n" for tag, speaker, text in turns)
    return parse_transcript(f"---\ntitle: AMA\ndescription: {description}\n---\n{body}", "test.md")


def texts(transcript):
    return [candidate.text for candidate in propose_commitments(transcript)]


def test_recall_of_the_curated_seed_promises():
    candidates = propose_commitments(read_transcript(SEED_FILE))
    found = [p for p in SEED_PROMISES if any(p.lower() in c.text.lower() for c in candidates)]
    recall = len(found) / len(SEED_PROMISES)

    print(f"\nseed recall {recall:.2f} ({len(found)}/{len(SEED_PROMISES)}), {len(candidates)} candidates")
    assert recall >= RECALL_FLOOR, sorted(set(SEED_PROMISES) - set(found))


def test_toronto_sentence_is_due_on_august_15th():
    candidates = propose_commitments(read_transcript(SEED_FILE))
    toronto = next(c for c in candidates if "announce that date as August 15th" in c.text)

    assert toronto.as_dict("seed.md", datetime.date(2023, 8, 3)) == {
        "source": "seed.md",
        "aired_on": "2023-08-03",
        "speaker": "Bin",
        "section": "Mainnet and Marketing",
        "line": 75,
        "text": "We will announce that date as August 15th.",
        "strength": "firm",
        "topic": "marketing",
        "due_text": "August 15th",
        "due_date": "2023-08-15",
        "due_precision": "day",
        "condition": None,
        "title": "Announce that date",
    }


def test_team_token_unlock_waits_for_the_mainnet():
    candidates = propose_commitments(read_transcript(SEED_FILE))
    unlock = next(c for c in candidates if "unlock some tokens after mainnet launch" in c.text)

    assert unlock.condition == "after mainnet launch"
    assert unlock.topic == "token-unlocks"
    assert unlock.strength == "firm"


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("We will build the CDN layer.", "firm"),
        ("We'll open the grants program in Q3.", "firm"),
        ("We are going to list the token on two more exchanges.", "firm"),
        ("We plan to release the mobile wallet next month.", "firm"),
        ("The bridge to Solana will be launched next month.", "firm"),
        ("The new explorer is coming after the upgrade.", "firm"),
        ("Maybe we will integrate with Polkadot later.", "soft"),
        ("Probably we will use third party solutions for fiat payments.", "soft"),
        ("We may open a second grants round next year.", "soft"),
        ("We hope we can list on Binance after mainnet.", "soft"),
        ("We hope to launch the bridge next quarter.", "soft"),
        ("We'd like to list on more exchanges after mainnet.", "soft"),
        ("We are considering a buyback program.", "soft"),
        ("We're exploring a partnership with Filecoin.", "soft"),
        ("We are talking to Gate about integrating the native token.", "firm"),
        # a date disclaimed is a question retold, not a promise
        ("It's challenging to predict when we'll be able to get listed on the top exchanges.", None),
        ("We can't promise a date, but we will ship the wallet this year.", "soft"),
        ("We are considering a buyback program, and we will decide next month.", "soft"),
        ("Android is first, iOS will be the next.", "firm"),
        ("The CDN service may be launched on the resource nodes next year.", "soft"),
    ],
)
def test_future_statements_are_proposed_firm_or_soft(sentence, strength):
    candidates = propose_commitments(transcript_of(("bin", "Bin", sentence)))

    assert [c.strength for c in candidates] == ([strength] if strength else [])


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("Our next step is to launch the bridge to Polygon.", "firm"),
        ("The plan is to open the grants program after mainnet.", "firm"),
        ("Our goal is to have 50 validators at launch.", "firm"),
        ("We're launching the mobile wallet next month.", "firm"),
        ("We are releasing the SDK in Q4.", "firm"),
        ("Version twelve goes live on mainnet next Tuesday.", "firm"),
        ("The upgrade is scheduled for the second quarter.", "firm"),
        ("The explorer is set to launch next week.", "firm"),
        ("The bridge is planned for early next year.", "firm"),
        ("Staking rewards are due in September.", "firm"),
        ("The wallet is expected to be released in March.", "soft"),
        ("The CDN should be live by Q1.", "soft"),
        ("We are preparing the listing on Gate.", "firm"),
        ("We target a mainnet launch in Q3.", "firm"),
        ("We're committed to listing on two more exchanges this year.", "firm"),
        ("Our team is focused on three use cases, aiming to deliver some of them by the end of Q1.", "firm"),
        ("A new block explorer is on the horizon.", "firm"),
        ("Coming soon: the new block explorer.", "firm"),
        ("Expect the new website in a month or so.", "firm"),
        ("Stay tuned for the airdrop announcement next week.", "firm"),
    ],
)
def test_plans_said_without_will_are_proposed(sentence, strength):
    candidates = propose_commitments(transcript_of(("bin", "Bin", sentence)))

    assert [c.strength for c in candidates] == [strength]


@pytest.mark.parametrize(
    "sentence",
    [
        "We launched the bridge last month.",  # past, with a past date
        "We were launching the bridge back then.",
        "We are working hard every day.",  # present, no date to come
        "Users are launching their dApps next month.",  # others' plans
        "You should be able to launch it next month.",
        "The price is expected to rise next month.",  # market
        "The first step is for anyone using a camera.",  # descriptions, not plans
        "The campaign is targeted for two major audiences.",
        "Both of them should be compensated.",
        "Stratos is due to the fact that storage is cheap.",
        "We hope everyone enjoyed the session.",  # wishes for the listeners
        "I hope you all have a great day.",
        "We like to keep things simple.",
        "What I'm saying is when do you think we're going to start onboarding people.",  # a question, unmarked
        "I'd like to invite Bin to share the recent updates.",  # the host's words
        "We would like to open the floor to the community.",
    ],
)
def test_present_and_descriptive_look_alikes_are_not_proposed(sentence):
    assert texts(transcript_of(("bin", "Bin", sentence))) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We launched the validator program last month.",  # past
        "We have more than 10 validator providers.",  # present
        "Maybe Bitcoin will crash next month.",  # market prediction
        "The price will go back down after a week.",
        "We will wait one more minute and then start.",  # housekeeping
        "I'll put you on speaker.",
        "We will answer your questions after the updates.",
        "We'll be ready to jump right into all the questions.",
        "We will keep building.",  # empty pledges
        "We will continue to build together, stay together.",
        "We will be very excited to do it.",
        "So we will see.",
        "Will you launch the mainnet next month?",  # a question
        "Decentralized storage will probably never compete with centralized storage.",  # predictions
        "So the GPU will be much more efficient to get the data.",
        "One day when the network will be bigger.",
        "Miners may choose to invest further in the network.",  # what others may do
        "Countries or government entities may attempt to control it.",
        "But with centralized storage, you won't have that privilege.",
        "They won't have any movement until our product is fully ready.",
    ],
)
def test_non_commitments_are_not_proposed(sentence):
    assert texts(transcript_of(("bin", "Bin", sentence))) == []


def test_community_speakers_are_not_read_for_commitments():
    transcript = transcript_of(("o", "Speaker", "We will build a CDN layer for you."), ("bin", "Bin", "Thanks."))

    assert texts(transcript) == []


def test_team_speakers_come_from_the_front_matter():
    transcript = transcript_of(
        ("claire", "Akif", "Hello."),
        ("bin", "Bin Zhu", "Hi."),
        ("o", "Claire", "Question."),
        description="Telegram AMA hosted by Akif with Bin Zhu, on December 1, 2023.",
    )

    assert guess_team_speakers(transcript) == {"Bin Zhu"}


def test_explicit_team_speakers_override_the_guess():
    transcript = transcript_of(("o", "Guest", "We will ship the SDK next month."))

    assert [c.speaker for c in propose_commitments(transcript, team_speakers={"Guest"})] == ["Guest"]


def test_identical_sentences_are_proposed_once():
    transcript = transcript_of(("bin", "Bin", "We will build the CDN layer."), ("bin", "Bin", "We will build the CDN layer."))

    assert len(texts(transcript)) == 1


@pytest.mark.parametrize(
    "sentence, topic",
    [
        ("We will build the CDN layer.", "cdn"),
        ("We will unlock team tokens after the mainnet.", "token-unlocks"),
        ("We will list the token on more exchanges.", "listings"),
        ("We will increase the Uniswap pool.", "liquidity"),
        ("We will start the computing component.", "computing"),
        ("We will think about it.", None),
    ],
)
def test_topic_guess(sentence, topic):
    assert guess_topic(sentence) == topic


def test_sentences_split_on_terminal_punctuation_only():
    assert split_sentences("We will ship it, e.g. the SDK. Then the wallet! Done? Yes") == [
        "We will ship it, e.g. the SDK.",
        "Then the wallet!",
        "Done?",
        "Yes",
    ]


def test_every_corpus_file_yields_candidates_without_error():
    for path in corpus_files():
        transcript = read_transcript(path)
        candidates = propose_commitments(transcript)
        if transcript.turns:
            assert all(c.text for c in candidates), path.name
        for candidate in candidates:
            assert candidate.due_date is None or candidate.due_date >= transcript.aired_on - datetime.timedelta(days=366)


# --- Titles a reader would publish ------------------------------------------------------------

TITLE_DAY = datetime.date(2021, 8, 3)


@pytest.mark.parametrize(
    "sentence, title",
    [
        # the team's own clause, when no rule made a title, gives its action
        ("So probably we will start with the smaller exchange.", "Start with the smaller exchange"),
        ("The third one, we will be working on the bridge in the exchange.", "Work on the bridge in the exchange"),
        ("After that, we will start working on the indexer this year, and then the explorer.", "Work on the indexer"),
        ("Probably we will be using third party solutions for the payments as well.", "Use third party solutions for the payments"),
        ("So we open the store first and later on we will start working on the search and the feeds.", "Work on the search and the feeds"),
        ("The current roadmap, we really want to deliver some apps that will be powered by the network.", "Deliver some apps that will be powered by the network"),
        # an aside in parentheses is left out, not a place to cut
        ("For shops, we will offer a very competitive (90% off) price to them.", "Offer a very competitive price"),
        # a second verb left with only a pronoun by the ten-word cut goes
        (
            "We're actively preparing to meet the needs of these enterprises and provide them with the infrastructure they require.",
            "Meet the needs of these enterprises",
        ),
        # the thing named before the team's clause is what its verb acts on
        ("There are several programs we will announce at the same time.", "Announce several programs at the same time"),
        ("This is the third feature we will deliver.", "Deliver the third feature"),
        # a thing named as what it is, then what will be done to it; who will do it left out
        ("The rewards program is a unique feature that will be launched by the team compared with others.", "Launch the rewards program"),
        ("The bridge to the other chain will be launched by January.", "Launch the bridge to the other chain"),
        ("Maybe after a couple of weeks the explorer will come.", "Deliver the explorer"),
        # the verb said again for a second thing ends the title
        ("We will build the indexer also build some apps on top of it.", "Build the indexer"),
        # the team's action said on after a comma with an -ing form
        ("And we will start working, looking for more partners in the region.", "Look for more partners in the region"),
        ("We will be giving away some badges to early users.", "Give away some badges to early users"),
        # a verb of its own after "make sure" is part of the action
        ("We will make sure everything is ready before the vote.", "Make sure everything is ready before the vote"),
        # a verb with its particle is said once; a hyphenated verb leads
        ("We'll be rolling out the new staking dashboard in Q3.", "Roll out the new staking dashboard"),
        ("We plan to open-source the SDK after the audit.", "Open-source the SDK"),
        # a time is no place to cut
        ("I'll also be speaking on a panel today at 2:30 ET.", "Speak on a panel today at 2:30 ET"),
        ("Your ideas help, especially as we're looking into potential partnerships for streaming.", "Look into potential partnerships for streaming"),
        # a feasibility study of an action is titled by that action
        (
            "We're considering whether it's feasible to create a light version of the wallet or even a browser plugin.",
            "Consider creating a light version of the wallet",
        ),
        # an object that is a whole thing stays
        ("We will help them to migrate their archives from the old cloud.", "Help them to migrate their archives from the old cloud"),
        ("We will have more to share about the bridge next week.", "Share more about the bridge"),
    ],
)
def test_good_titles(sentence, title):
    from commitments.reading.extraction import short_title

    assert short_title(sentence, TITLE_DAY) == title


@pytest.mark.parametrize(
    "sentence, weak",
    [
        # an object of only vague words names nothing
        ("All the value will be supported by our product.", "Support all the value"),
        ("We will support all the value.", "Support all the value"),
        ("We will announce it at that conference.", "Announce it at that conference"),
        ("We will talk with them, and invite them to the testnet.", "Talk with them"),
        ("We will combine all three of them together.", "Combine all three of them together"),
        ("Some exchanges will come to talk to us.", "Deliver some exchanges"),
        ("We will build something on top of the chain.", "Build something"),
        ("But we will have a plan and we will announce it.", "Have a plan"),
        ("In the future the nodes can support 100.", "Support 100"),
        # a participle or a clause of its own is not an imperative
        ("I really hope that we are going to be driven by our traffic.", "Driven by our traffic"),
    ],
)
def test_weak_titles_are_not_made(sentence, weak):
    from commitments.reading.extraction import short_title

    title = short_title(sentence, TITLE_DAY)
    assert not title.lower().startswith(weak.lower()), title
    # the quote's clause instead, whole
    assert title.lower().rstrip(".") in " ".join(sentence.split()).lower().rstrip("."), title


@pytest.mark.parametrize(
    "sentence, title",
    [
        # a clause cut at a comma mid-phrase is joined to the rest of the phrase
        ("Right now they are ready and they will start to build something like, the shared drive.", "They will start to build something like the shared drive"),
        # a second clause of the team's is left out
        ("We're not sure we will support all three of them or we support two of them.", "We're not sure we will support all three of them"),
    ],
)
def test_titles_from_the_quote_end_on_a_phrase(sentence, title):
    from commitments.reading.extraction import short_title

    assert short_title(sentence, TITLE_DAY) == title


@pytest.mark.parametrize(
    "sentence",
    [
        # a goal, not something delivered
        "We also aim to become a high-quality video library or network where people can publish their best clips.",
        "Our goal is to persuade them to partner with us by highlighting not only the lower costs but also the speed.",
        "We aim to illustrate why they should consider the network and how it can lower their costs.",
        # every word of the action promises nothing concrete
        "I'm committed to providing clear and honest updates, without adding any fluff.",
        "The network is a long-term project, and we're committed to delivering solid progress step by step.",
    ],
)
def test_goals_and_empty_actions_are_not_proposed(sentence):
    assert texts(transcript_of(("bin", "Bin", sentence))) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We will launch the staking dashboard next month.",
        # an empty action with a date to come is still checked against that date
        "We're determined to make progress in this regard, and I'm hopeful it could happen in 2024.",
    ],
)
def test_concrete_or_dated_actions_are_still_proposed(sentence):
    assert texts(transcript_of(("bin", "Bin", sentence))) == [sentence]


@pytest.mark.parametrize(
    "title, made",
    [
        ("Launch the rewards program", True),
        ("Make sure everything is ready", True),
        ("Open-source the SDK", True),
        # a clause of its own, a participle, an adjective, an object that names nothing
        ("Rewards program is a unique be launched", False),
        ("Driven by our traffic", False),
        ("Potential partnerships for streaming", False),
        ("Support all the value", False),
        ("Announce it at the conference", False),
        ("Share more about the bridge", True),
    ],
)
def test_a_title_a_reader_would_publish(title, made):
    from commitments.reading.titles import well_made

    assert well_made(title) is made

import pytest
from django.core.management import call_command

from commitments.models import Commitment, Restatement, Source, StatusChange, Turn
from commitments.importers import import_transcript
from commitments.services import change_status
from commitments.reading.transcripts import read_transcript
from tests.factories import SEED_FILE

pytestmark = pytest.mark.django_db

# The promises the seed AMA must contain: a distinctive fragment of each quote.
REQUIRED_QUOTES = {
    "mainnet date announced in Toronto": "announce the mainnet launch date in Toronto",
    "Toronto conference on August 15th": "August 15th",
    "the mainnet launch": "launch the mainnet",
    "bounty program": "bounty program",
    "grants for third-party developers": "grant for the third party developers",
    "CDN layer": "build the CDN layer",
    "CDN rewards for resource nodes": "extra reward",
    "third-party bridges": "third party bridge",
    "Ethereum first": "Ethereum first",
    "team token unlocks": "unlock some tokens after mainnet launch",
    "new funding round with vesting": "new round of funding",
    "more exchange listings": "more listing coming after the mainnet",
    "Gate integrates the native token": "integrate our native tokens after the mainnet is launched",
    "more than 10 validators": "more than 10 validator provider",
    "deeper Uniswap pool": "make the pool deeper",
    "more market makers": "more market makers",
    "computing component": "build our computing component",
    "database component": "database component",
    "fiat payments through third parties": "third party",
    "native chain": "move most of the tokens to our native chain",
    "airdrops to STOS holders": "airdrops",
}


def test_seed_loads_the_ama_into_an_empty_database(seeded):
    source = Source.objects.get(slug="stratos-ama-twitter-spaces-03-08-2023")

    assert source.aired_on.isoformat() == "2023-08-03"
    assert source.title == "AMA on Twitter 03.08.2023"
    assert source.turns.count() > 50
    assert Commitment.objects.published().count() >= 20
    assert not Commitment.objects.exclude(status="pending").exists()


@pytest.mark.parametrize("promise, fragment", REQUIRED_QUOTES.items())
def test_seed_contains_each_required_promise(seeded, promise, fragment):
    quotes = [*Commitment.objects.published().values_list("quote", flat=True), *Restatement.objects.values_list("quote", flat=True)]

    assert any(fragment.lower() in quote.lower() for quote in quotes), promise


def test_toronto_announcement_is_due_on_august_15th(seeded):
    commitment = Commitment.objects.get(quote__icontains="announce the mainnet launch date in Toronto")

    assert commitment.due_date.isoformat() == "2023-08-15"
    assert commitment.due_precision == "day"
    assert commitment.speaker.name == "Bin"


def test_seed_quotes_are_verbatim_and_linked_to_their_turn(seeded):
    for said in [*Commitment.objects.select_related("turn"), *Restatement.objects.select_related("turn")]:
        assert said.turn is not None, said
        assert said.quote in " ".join(said.turn.text.split()), said


# Pairs of seed rows that recorded one promise twice: the first is kept, the second's quote is "also said".
DUPLICATES = {
    "announce-mainnet-date-in-toronto": "The conference in Toronto will be on August 15th.",
    "more-listings-after-mainnet": "Then we will start to listing our tokens on more exchanges.",
    "fiat-payments-through-third-parties": "So for the Fiat, we will cooperate with third party.",
    "new-funding-round-with-vesting": "We have planned to have the new grant fund raising after mainnet is launched.",
}


def test_a_promise_said_twice_in_the_seed_is_one_commitment_with_an_also_said_quote(seeded):
    assert Commitment.objects.count() == 29
    for slug, fragment in DUPLICATES.items():
        commitment = Commitment.objects.get(slug=slug)
        [also] = commitment.restatements.all()
        assert also.also_said and fragment in also.quote
        assert (also.source, also.speaker.name) == (commitment.source, "Bin")
        assert commitment.restated_count == 0
    for slug in ("toronto-conference-august-15", "list-on-more-exchanges", "fiat-cooperate-with-third-party", "fund-raising-with-foundation-tokens"):
        assert not Commitment.objects.filter(slug=slug).exists()


def test_seed_due_words_and_conditions_are_as_spoken_in_their_turn(seeded):
    for commitment in Commitment.objects.select_related("turn"):
        spoken = " ".join(commitment.turn.text.split()).lower()
        for words in (commitment.due_text, commitment.condition):
            assert words.lower() in spoken, (commitment.slug, words)


def test_team_token_unlocks_wait_for_the_mainnet_launch(seeded):
    unlock = Commitment.objects.get(quote__icontains="unlock some tokens after mainnet launch")

    assert "mainnet" in unlock.condition.lower()


def test_running_seed_twice_changes_nothing(seeded, staff_user):
    delivered = Commitment.objects.first()
    change_status(delivered, "delivered", by=staff_user, note="Live")
    counts = (Commitment.objects.count(), Turn.objects.count(), StatusChange.objects.count(), Restatement.objects.count())

    call_command("seed", story=False, verbosity=0)

    assert (Commitment.objects.count(), Turn.objects.count(), StatusChange.objects.count(), Restatement.objects.count()) == counts
    assert Commitment.objects.get(pk=delivered.pk).status == "delivered"


def test_seed_fixture_loads_with_loaddata_into_an_empty_database():
    """Natural keys make the fixture load into any database, with the source present."""
    import_transcript(read_transcript(SEED_FILE), propose=False)
    call_command("loaddata", "seed_commitments.json", verbosity=0)

    assert Commitment.objects.count() >= 20

"""The seed's later story (fixtures/seed_story.json): the real picture as of February 2024."""

import datetime
import json

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains

from commitments.models import Commitment, Restatement, Source, StatusChange, Turn
from commitments.services import change_status
from commitments.story import SEED_STORY
from tests.factories import CORPUS, need_shared

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(db):
    call_command("seed", verbosity=0)


def test_after_the_seed_the_mainnet_was_delivered_in_september_2023(client, story):
    mainnet = Commitment.objects.get(slug="launch-mainnet")
    change = mainnet.history.get()

    assert (mainnet.status, mainnet.delivered_on, mainnet.delivered_precision) == ("delivered", datetime.date(2023, 9, 1), "month")
    assert change.evidence_turn.source.title == "Bin Zhu on CoinMarketLeague Twitter Space 21.01.2024"
    assert "The Stratos Mainnet was launched in September 2023" in change.note
    response = client.get(mainnet.get_absolute_url())
    assertContains(response, 'in <time datetime="2023-09-01">Sep 2023</time></p>')
    assertContains(response, "The Stratos Mainnet was launched in September 2023")
    assertContains(response, f'<a href="{change.evidence_turn.get_absolute_url()}" rel="nofollow noopener">Evidence: Bin Zhu on CoinMarketLeague')


def test_the_story_tells_each_verdict_as_of_february_2024(story):
    verdicts = dict(Commitment.objects.values_list("slug", "status"))

    assert {slug for slug, status in verdicts.items() if status == "delivered"} == {
        "launch-mainnet", "grants-for-third-party-developers", "gate-integrates-native-token",
        "more-than-10-validators-at-mainnet", "host-more-community-events",
    }
    assert {slug for slug, status in verdicts.items() if status == "partly_delivered"} == {
        "grants-for-dapp-builders", "more-listings-after-mainnet",
    }
    assert {slug for slug, status in verdicts.items() if status == "postponed"} == {
        "build-computing-component", "build-database-component", "new-funding-round-with-vesting",
    }
    assert verdicts["build-cdn-layer"] == verdicts["deeper-uniswap-pool"] == "in_progress"
    assert list(verdicts.values()).count("pending") == 13


def test_every_verdict_of_the_story_has_a_reason_a_happened_date_and_its_sentence(story):
    for change in StatusChange.objects.select_related("evidence_turn__source"):
        assert change.note.strip(), change
        assert change.happened_on is not None and change.happened_on <= datetime.date(2024, 2, 29), change
        assert change.evidence_turn is not None, change
        quoted = change.note.rsplit("“", 1)[1].rstrip("”")
        assert quoted in " ".join(change.evidence_turn.text.split()), change
        assert change.evidence_turn.source.aired_on >= datetime.date(2023, 10, 1), change


def test_restated_promises_move_their_due_and_keep_the_first(client, story):
    cdn = Commitment.objects.get(slug="build-cdn-layer")
    listings = Commitment.objects.get(slug="more-listings-after-mainnet")

    assert (cdn.restated_count, cdn.due_date, cdn.due_precision, cdn.due_text) == (2, datetime.date(2024, 1, 1), "quarter", "by the end of Q1")
    assert cdn.first_due == (None, "")
    assert (listings.due_date, listings.due_precision, listings.due_text) == (datetime.date(2024, 1, 1), "year", "in 2024")
    assertContains(client.get(cdn.get_absolute_url()), "Restated 2 times, first due with no date, now due Q1 2024.")


def test_running_the_seed_again_keeps_the_story_and_an_admins_verdict(story, staff_user):
    cdn = Commitment.objects.get(slug="build-cdn-layer")
    change_status(cdn, "stalled", by=staff_user, note="No news since February")
    counts = (StatusChange.objects.count(), Restatement.objects.count(), Turn.objects.count(), Source.objects.count())

    call_command("seed", verbosity=0)

    assert (StatusChange.objects.count(), Restatement.objects.count(), Turn.objects.count(), Source.objects.count()) == counts
    assert Commitment.objects.get(slug="build-cdn-layer").status == "stalled"


def test_the_story_stores_sentences_not_transcripts(story):
    for turn in Turn.objects.exclude(source__slug="stratos-ama-twitter-spaces-03-08-2023"):
        assert len(turn.text) < 600, turn


def test_each_story_sentence_is_verbatim_in_its_corpus_file_at_its_line():
    need_shared(CORPUS.is_dir(), CORPUS)
    story = json.loads(SEED_STORY.read_text(encoding="utf-8"))
    files = {source["slug"]: source for source in story["sources"]}
    for event in story["events"]:
        source = files[event["source"]]
        lines = (CORPUS / source["file_name"]).read_text(encoding="utf-8").split("\n")
        assert event["quote"][:60] in " ".join(lines[event["line"] - 1].split()), event
        assert source["title"] in "\n".join(lines[:10]), source


def test_a_story_source_page_shows_its_quoted_sentences(client, story):
    response = client.get("/sources/bin-zhu-cml-space/")

    assertContains(response, "Bin Zhu on CoinMarketLeague Twitter Space 21.01.2024")
    assertContains(response, "The Stratos Mainnet was launched in September 2023, and the decentralized storage followed suit 28 days later.")


def test_importing_a_story_source_file_fills_it_in_and_keeps_the_evidence_on_its_turn(story):
    need_shared(CORPUS.is_dir(), CORPUS)
    sources = Source.objects.count()

    call_command("import_transcript", str(CORPUS / "bin-zhu-cml-space.md"), verbosity=0)

    assert Source.objects.count() == sources
    source = Source.objects.get(slug="bin-zhu-cml-space")
    assert source.checksum and len(source.transcript) > 10_000
    change = Commitment.objects.get(slug="launch-mainnet").history.get()
    turn = Turn.objects.get(pk=change.evidence_turn_id)
    assert (turn.source, turn.line_start > 0) == (source, True)
    assert "The Stratos Mainnet was launched in September 2023" in turn.text and len(turn.text) > 600
    assert not source.turns.filter(line_start=0).exists()
    cdn = Restatement.objects.get(commitment__slug="build-cdn-layer", source=source)
    assert cdn.turn is not None and cdn.quote in " ".join(cdn.turn.text.split())


def test_a_source_only_restated_from_is_public(client, story):
    response = client.get("/sources/bin-zhu-quickswap-space/")

    assertContains(response, "We will deliver the decentralized CDN very soon.")
    assert Turn.objects.get(source__slug="bin-zhu-quickswap-space", position=3).speaker.name == "Bin"

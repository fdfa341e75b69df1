"""A later transcript's sentences about open commitments become suggestions of their kind."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pytest_django.asserts import assertContains

from commitments import services
from commitments.importers import import_transcript_file
from commitments.models import Commitment, EvidenceSuggestion, Restatement

LATER_AMA = """---
title: AMA on Twitter 12.01.2024
description: Stratos AMA on Twitter Spaces with Bin Zhu, aired on January 12, 2024.
---

## Updates

<bin>Bin</bin>

Stratos main network, just launched in September 2023, actually four months ago.

<bin>Bin</bin>

Actually Stratos is working on that. We will deliver the decentralized CDN by the end of Q1.

<bin>Bin</bin>

Now it's not that good time for new round fundraising.

<bin>Bin</bin>

A million $STOS of Tropos incentive rewards were unlocked at genesis.
"""


def import_later(text=LATER_AMA, name="stratos-ama-12-01-2024.md"):
    return import_transcript_file(text.encode(), name)


def pending():
    return {
        (s.commitment.slug, s.kind)
        for s in EvidenceSuggestion.objects.pending().select_related("commitment")
    }


@pytest.mark.django_db
def test_each_sentence_about_an_open_commitment_becomes_a_suggestion_of_its_kind(seeded):
    result = import_later()

    assert pending() == {
        ("launch-mainnet", "delivered"),
        ("build-cdn-layer", "restated"),
        ("new-funding-round-with-vesting", "postponed"),
    }
    assert result.suggested == 3
    delivered = EvidenceSuggestion.objects.get(kind="delivered")
    assert (delivered.happened_on.isoformat(), delivered.happened_precision, delivered.happened_by_air_date) == (
        "2023-09-01", "month", False
    )
    assert delivered.line == 10 and "launched" in delivered.matched_words
    restated = EvidenceSuggestion.objects.get(kind="restated")
    assert (restated.new_due_date.isoformat(), restated.new_due_precision, restated.new_due_text) == (
        "2024-01-01", "quarter", "Q1"
    )
    postponed = EvidenceSuggestion.objects.get(kind="postponed")
    assert (postponed.happened_on.isoformat(), postponed.happened_by_air_date) == ("2024-01-12", True)
    # "unlocked" Tropos rewards are not the team's tokens
    assert not EvidenceSuggestion.objects.filter(commitment__slug="unlock-team-tokens-after-mainnet").exists()


@pytest.mark.django_db
def test_a_candidate_that_restates_an_open_commitment_is_not_proposed_again(seeded):
    result = import_later()

    assert result.restated >= 1
    assert not Commitment.objects.filter(quote__contains="deliver the decentralized CDN").exists()
    assert EvidenceSuggestion.objects.filter(kind="restated", sentence__contains="deliver the decentralized CDN").exists()


@pytest.mark.django_db
def test_a_source_aired_before_the_promise_suggests_nothing(seeded):
    earlier = LATER_AMA.replace("aired on January 12, 2024", "aired on July 12, 2023").replace("12.01.2024", "12.07.2023")

    import_later(earlier, "earlier.md")

    assert pending() == set()


@pytest.mark.django_db
def test_a_dismissed_suggestion_is_never_proposed_again(seeded, staff_user):
    import_later()
    dismissed = EvidenceSuggestion.objects.get(kind="delivered")
    services.dismiss_suggestion(dismissed, by=staff_user)

    # an edited version of the file replaces the source
    import_transcript_file(
        LATER_AMA.replace("## Updates", "## Updates, edited").encode(), "stratos-ama-12-01-2024.md",
        replace=dismissed.turn.source.slug,
    )

    assert EvidenceSuggestion.objects.filter(commitment__slug="launch-mainnet").count() == 1
    assert EvidenceSuggestion.objects.get(pk=dismissed.pk).state == "dismissed"
    assert ("launch-mainnet", "delivered") not in pending()


@pytest.mark.django_db
def test_list_suggestions_prints_the_pending_ones_as_json(seeded, capsys):
    import_later()
    EvidenceSuggestion.objects.filter(commitment__slug="new-funding-round-with-vesting").update(state="dismissed")

    call_command("list_suggestions", "--format", "json")
    rows = json.loads(capsys.readouterr().out)

    assert [row["commitment"] for row in rows] == ["launch-mainnet", "build-cdn-layer"]
    assert rows[0] == {
        "commitment": "launch-mainnet",
        "kind": "delivered",
        "source": "stratos-ama-12-01-2024.md",
        "line": 10,
        "text": "Stratos main network, just launched in September 2023, actually four months ago.",
        "happened": "2023-09-01",
        "happened_precision": "month",
        "new_due": None,
        "new_condition": None,
        "score": rows[0]["score"],
    }
    assert rows[0]["score"] > 0
    assert (rows[1]["kind"], rows[1]["new_due"], rows[1]["happened"]) == ("restated", "2024-01-01", None)


@pytest.mark.django_db
def test_list_suggestions_filters_by_source_and_reads_as_text(seeded, capsys):
    import_later()
    import_later(LATER_AMA.replace("12.01.2024", "13.01.2024").replace("January 12", "January 13"), "other.md")

    call_command("list_suggestions", "--source", "other")
    text = capsys.readouterr().out

    assert "other.md:10  Delivered: launch-mainnet, happened 2023-09-01 (month)" in text
    assert "stratos-ama-12-01-2024.md" not in text
    assert text.rstrip().endswith("3 pending suggestion(s).")


@pytest.mark.django_db
def test_list_suggestions_names_the_known_sources_for_an_unknown_one(seeded):
    with pytest.raises(CommandError, match="no such source. Known sources: stratos-ama-twitter-spaces-03-08-2023"):
        call_command("list_suggestions", "--source", "nope")


@pytest.mark.django_db
def test_the_commitment_admin_shows_each_suggestion_with_its_kind_marked_words_and_dates(seeded, staff_client):
    import_later()
    commitment = Commitment.objects.get(slug="build-cdn-layer")
    suggestion = EvidenceSuggestion.objects.get(commitment=commitment)

    response = staff_client.get(f"/admin/commitments/commitment/{commitment.pk}/change/")

    assertContains(response, "We will deliver the decentralized <mark>CDN</mark> by the end of Q1.", html=False)
    assertContains(response, "now due Q1 2024")
    assertContains(response, f'formaction="/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/"')
    assertContains(response, "Accept: record the restatement")
    delivered = EvidenceSuggestion.objects.get(commitment__slug="launch-mainnet", kind="delivered")
    page = staff_client.get(f"/admin/commitments/commitment/{delivered.commitment_id}/change/")
    assertContains(page, "happened Sep 2023")


@pytest.mark.django_db
def test_a_promise_said_again_within_one_ama_is_an_also_said_quote_not_a_second_commitment(seeded):
    text = LATER_AMA + (
        "\n<bin>Bin</bin>\n\nWe will launch the Solana bridge wallet in March.\n\n"
        "<bin>Bin</bin>\n\nAs I said, the Solana bridge wallet will launch in March.\n"
    )

    result = import_later(text)

    [bridge] = Commitment.objects.filter(quote__contains="Solana bridge wallet")
    assert bridge.quote == "We will launch the Solana bridge wallet in March."
    [again] = Restatement.objects.filter(commitment=bridge)
    assert again.also_said and again.quote == "As I said, the Solana bridge wallet will launch in March."
    assert result.also_said == 1

"""Importing an edited version of a transcript keeps every decision an admin made on the first."""

import pytest
from django.core.management import call_command

from commitments import services
from commitments.models import Commitment, EvidenceSuggestion, StatusChange, Turn
from tests.factories import transcript_text

pytestmark = pytest.mark.django_db

LATER = transcript_text("stratos-ama-twitter-spaces-27-10-2023-test.md")
REPORT = "So as you know, our Stratos mainnet was launched more than a month ago and is live."
# A turn inserted before the delivery report moves every turn after it by one position.
INSERTED = LATER.replace(
    "## Updates\n", "## Updates\n\n<claire>Claire</claire>\n\nWelcome everyone, thanks for joining.\n"
)


@pytest.fixture
def later(seeded, tmp_path):
    path = tmp_path / "stratos-ama-27-10-2023.md"

    def import_version(text, replace=True):
        path.write_text(text, encoding="utf-8")
        call_command("import_transcript", str(path), *(["--replace", "stratos-ama-27-10-2023"] if replace else []))

    import_version(LATER, replace=False)
    return import_version


def test_a_dismissed_suggestion_survives_an_edited_reimport_and_is_not_proposed_again(later, staff_user):
    suggestion = EvidenceSuggestion.objects.get()
    services.dismiss_suggestion(suggestion, by=staff_user)

    later(INSERTED)

    assert list(EvidenceSuggestion.objects.values_list("pk", "state")) == [(suggestion.pk, "dismissed")]
    assert REPORT in EvidenceSuggestion.objects.get().turn.text


def test_a_dismissed_suggestion_is_not_proposed_again_when_its_turn_was_edited(later, staff_user):
    services.dismiss_suggestion(EvidenceSuggestion.objects.get(), by=staff_user)

    later(LATER.replace("and is live.", "and is live. Thanks to the whole team."))

    assert list(EvidenceSuggestion.objects.values_list("state", flat=True)) == ["dismissed"]


def test_an_evidence_turn_keeps_its_own_text_after_an_edited_reimport(later, staff_user):
    services.accept_suggestion(EvidenceSuggestion.objects.get(), by=staff_user)
    evidence = StatusChange.objects.get().evidence_turn
    text = evidence.text

    later(INSERTED)

    evidence.refresh_from_db()
    assert evidence.text == text
    assert REPORT in evidence.text
    assert evidence.source.turns.count() == 3
    assert evidence.get_absolute_url().endswith("#turn-2")  # it moved down with its speech


def test_an_evidence_turn_whose_speech_was_edited_is_kept_as_it_was(later, staff_user):
    services.accept_suggestion(EvidenceSuggestion.objects.get(), by=staff_user)
    evidence = StatusChange.objects.get().evidence_turn
    text = evidence.text

    later(INSERTED.replace("and is live.", "and is live on every node."))

    evidence.refresh_from_db()
    assert evidence.text == text
    turns = list(evidence.source.turns.order_by("position"))
    assert [t.text[:40] for t in turns[:3]] == [
        "Welcome everyone, thanks for joining.",
        "So as you know, our Stratos mainnet was ",
        "Other projects launched their mainnet to",
    ]
    assert "on every node" in turns[1].text
    assert turns[3] == evidence  # kept after the file's turns, where no line of the file lands


def test_a_commitment_keeps_its_turn_when_turns_move(later):
    commitment = Commitment.objects.get(quote="We will build the mobile wallet app next year.")
    assert "We will build the mobile wallet app" in commitment.turn.text

    later(INSERTED)

    commitment.refresh_from_db()
    assert "We will build the mobile wallet app" in commitment.turn.text
    assert commitment.turn.line_start <= commitment.line <= commitment.turn.line_end


def test_an_accepted_commitment_whose_sentence_was_edited_keeps_its_turn(later):
    commitment = Commitment.objects.get(quote="We will build the mobile wallet app next year.")
    commitment.review = Commitment.Review.ACCEPTED
    commitment.save()

    later(INSERTED.replace("We will build the mobile wallet app next year.", "We will build the mobile wallet app in 2024."))

    commitment.refresh_from_db()
    assert "We will build the mobile wallet app next year." in commitment.turn.text
    assert Commitment.objects.filter(quote="We will build the mobile wallet app in 2024.").get().turn.position == 2


def test_turns_no_one_points_at_follow_the_file(later):
    later(INSERTED)
    later(LATER)

    source = Turn.objects.get(text__startswith="So as you know").source
    assert [t.text[:20] for t in source.turns.order_by("position")] == ["So as you know, our ", "Other projects launc"]


def test_a_proposal_found_again_moves_to_the_edited_turn_and_the_old_turn_goes(later):
    proposal = Commitment.objects.get(quote="We will build the mobile wallet app next year.")

    later(LATER.replace("Other projects launched their mainnet too.", "Others launched theirs too."))

    proposal.refresh_from_db()
    assert proposal.turn.text.startswith("Others launched theirs too.")
    assert proposal.turn.source.turns.count() == 2


def test_a_turn_only_a_restatement_points_at_keeps_its_text(later):
    turn = Turn.objects.get(text__startswith="Other projects launched")
    restatement = services.add_restatement(
        Commitment.objects.get(slug="launch-mainnet"), "We will build the CDN layer next year.", source=turn.source, turn=turn
    )
    Commitment.objects.filter(turn=turn).update(turn=None, line=None)  # only the restatement points at it

    later(LATER.replace("Other projects launched their mainnet too.", "Others launched theirs too."))

    restatement.refresh_from_db()
    assert restatement.turn.text.startswith("Other projects launched their mainnet too.")

import datetime

import pytest

from commitments.models import Commitment, EvidenceSuggestion, Restatement, Turn
from commitments.services import SuggestionError, accept_suggestion, add_restatement, dismiss_suggestion
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db

P = Commitment.Precision


def cdn():
    return make_commitment(
        "Build the CDN layer", due_date=datetime.date(2023, 12, 1), due_precision=P.MONTH, due_text="by December",
        source=make_source(aired_on=datetime.date(2023, 8, 3)),
    )


def test_a_restatement_moves_the_current_due_and_keeps_the_first():
    commitment = cdn()
    original_quote = commitment.quote
    later = make_source(aired_on=datetime.date(2024, 1, 21))

    add_restatement(
        commitment, "We aim to deliver some of them by the end of Q1.", source=later,
        due_date=datetime.date(2024, 3, 31), due_precision=P.QUARTER, due_text="by the end of Q1",
    )

    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.due_date, commitment.due_precision, commitment.due_text) == (
        datetime.date(2024, 3, 31), "quarter", "by the end of Q1"
    )
    assert (commitment.first_due_date, commitment.first_due_precision) == (datetime.date(2023, 12, 1), "month")
    assert commitment.restated_count == 1
    assert commitment.first_due_display == "Dec 2023"
    assert commitment.slipped_days == 91
    assert commitment.quote == original_quote


def test_the_latest_restatement_by_air_date_gives_the_current_due_whatever_the_order_recorded():
    commitment = cdn()
    january, june = make_source(aired_on=datetime.date(2024, 1, 21)), make_source(aired_on=datetime.date(2024, 6, 1))

    add_restatement(commitment, "In 2024.", source=june, due_date=datetime.date(2024, 12, 31), due_precision=P.YEAR)
    add_restatement(commitment, "By the end of Q1.", source=january, due_date=datetime.date(2024, 3, 31), due_precision=P.QUARTER)

    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.due_date, commitment.restated_count) == (datetime.date(2024, 12, 31), 2)
    assert commitment.first_due_date == datetime.date(2023, 12, 1)


def test_a_restatement_with_a_condition_replaces_the_timing():
    commitment = cdn()

    add_restatement(
        commitment, "When more data is stored, we will start.", source=make_source(aired_on=datetime.date(2023, 11, 28)),
        condition="when more data is stored",
    )

    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.due_date, commitment.due_text, commitment.condition) == (None, "", "when more data is stored")
    assert commitment.slipped_days is None


def test_a_restatement_that_says_nothing_of_timing_keeps_the_due():
    commitment = cdn()

    add_restatement(commitment, "We will deliver the CDN.", source=make_source(aired_on=datetime.date(2024, 1, 12)))

    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.due_date, commitment.restated_count) == (datetime.date(2023, 12, 1), 1)


def test_also_said_is_a_quote_not_a_restatement():
    commitment = cdn()

    also = add_restatement(
        commitment, "The CDN comes in 2025.", source=commitment.source, also_said=True,
        due_date=datetime.date(2025, 12, 31), due_precision=P.YEAR,
    )

    commitment = Commitment.objects.get(pk=commitment.pk)
    assert also.also_said
    assert (commitment.due_date, commitment.restated_count) == (datetime.date(2023, 12, 1), 0)


def test_the_same_sentence_restated_twice_is_recorded_once():
    commitment = cdn()
    later = make_source(aired_on=datetime.date(2024, 1, 21))

    first = add_restatement(commitment, "By the end of  Q1.", source=later, due_date=datetime.date(2024, 3, 31), due_precision=P.QUARTER)
    again = add_restatement(commitment, "By the end of Q1.", source=later, due_date=datetime.date(2024, 3, 31), due_precision=P.QUARTER)

    assert first == again
    assert Restatement.objects.count() == 1
    assert Commitment.objects.get(pk=commitment.pk).restated_count == 1


def suggestion(commitment, kind, sentence, aired_on=datetime.date(2023, 10, 27), **fields):
    source = make_source(aired_on=aired_on, title="AMA of October")
    turn = Turn.objects.create(source=source, position=0, speaker=make_speaker(), text=sentence, line_start=5, line_end=5)
    return EvidenceSuggestion.objects.create(commitment=commitment, turn=turn, sentence=sentence, kind=kind, **fields)


@pytest.mark.parametrize(
    "kind, status",
    [("delivered", "delivered"), ("partly", "partly_delivered"), ("progress", "in_progress"),
     ("postponed", "postponed"), ("dropped", "dropped")],
)
def test_accepting_a_verdict_suggestion_changes_status_with_the_turn_reason_and_happened_date(staff_user, kind, status):
    commitment = make_commitment("Launch the mainnet")
    made = suggestion(
        commitment, kind, "We launched it in September.", happened_on=datetime.date(2023, 9, 1), happened_precision="month"
    )

    change = accept_suggestion(made, by=staff_user)

    assert Commitment.objects.get(pk=commitment.pk).status == status
    assert (change.evidence_turn, change.changed_by) == (made.turn, staff_user)
    assert (change.happened_on, change.happened_precision) == (datetime.date(2023, 9, 1), "month")
    assert change.note == "Reported in AMA of October (Oct 27, 2023): “We launched it in September.”"
    assert EvidenceSuggestion.objects.get(pk=made.pk).state == "accepted"


def test_a_suggestion_without_a_happened_date_happened_by_its_source_air_date(staff_user):
    made = suggestion(make_commitment(), "delivered", "It is live.")

    change = accept_suggestion(made, by=staff_user)

    assert (change.happened_on, change.happened_precision) == (datetime.date(2023, 10, 27), "day")


def test_accepting_a_restated_suggestion_records_a_restatement(staff_user):
    commitment = cdn()
    made = suggestion(
        commitment, "restated", "Hopefully it could happen in 2024.", aired_on=datetime.date(2024, 2, 12),
        new_due_date=datetime.date(2024, 12, 31), new_due_precision="year", new_due_text="in 2024",
    )

    restatement = accept_suggestion(made, by=staff_user)

    assert (restatement.turn, restatement.source, restatement.quote) == (made.turn, made.turn.source, made.sentence)
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert (commitment.due_date, commitment.due_text, commitment.status) == (datetime.date(2024, 12, 31), "in 2024", "pending")
    assert not commitment.history.exists()


def test_a_decided_suggestion_cannot_be_accepted_or_dismissed_again(staff_user):
    commitment = make_commitment()
    dismissed = suggestion(commitment, "delivered", "It is live.")
    dismiss_suggestion(dismissed, by=staff_user)

    with pytest.raises(SuggestionError, match="already dismissed"):
        accept_suggestion(dismissed, by=staff_user)
    assert EvidenceSuggestion.objects.get(pk=dismissed.pk).state == "dismissed"
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"

"""Clocks that run: a promise that waits for another gets an estimated due date when the other
is delivered, so it can become overdue; "Last reviewed" is the last curator decision about it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.asserts import assertContains

from commitments.models import Commitment, EvidenceSuggestion, StatusChange, Turn
from commitments.services import (
    accept_suggestion, add_restatement, change_status, dismiss_suggestion, set_dependencies, set_review,
)
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db


def waiting_pair():
    mainnet = make_commitment("Launch the mainnet")
    bridge = make_commitment("Open the bridge", condition="after the mainnet launch")
    bridge.depends_on.add(mainnet)
    return mainnet, bridge


def test_delivering_what_a_promise_waits_for_gives_it_an_estimated_due_date_three_months_later(client):
    mainnet, bridge = waiting_pair()

    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2023, 12, 14), "estimated")
    assert bridge.is_overdue(today=datetime.date(2024, 2, 1))
    assert not bridge.is_overdue(today=datetime.date(2023, 12, 1))
    assertContains(client.get(bridge.get_absolute_url()), "by about Dec 14, 2023 (estimated)")


def test_the_clock_starts_when_the_last_of_two_is_delivered_from_its_date():
    mainnet, bridge = waiting_pair()
    audit = make_commitment("Finish the audit")
    bridge.depends_on.add(audit)

    change_status(audit, "delivered", note="Done", happened_on=datetime.date(2023, 10, 2))
    bridge.refresh_from_db()
    assert bridge.due_date is None

    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))
    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2024, 1, 2), "estimated")


def test_a_promise_with_its_own_due_date_keeps_it():
    mainnet, bridge = waiting_pair()
    Commitment.objects.filter(pk=bridge.pk).update(due_date=datetime.date(2024, 6, 30), due_precision="quarter")

    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2024, 6, 30), "quarter")


def test_progress_on_what_it_waits_for_starts_no_clock():
    mainnet, bridge = waiting_pair()

    change_status(mainnet, "in_progress", note="Testnet up", happened_on=datetime.date(2023, 9, 14))

    bridge.refresh_from_db()
    assert bridge.due_date is None


def test_linking_a_promise_to_one_already_delivered_starts_its_clock():
    mainnet = make_commitment("Launch the mainnet")
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))
    bridge = make_commitment("Open the bridge")

    set_dependencies(bridge, [mainnet])

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2023, 12, 14), "estimated")


def test_the_horizon_follows_the_setting_for_soon(settings):
    settings.VAGUE_DUE_HORIZONS = {"soon": 6}
    mainnet, bridge = waiting_pair()

    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))

    bridge.refresh_from_db()
    assert bridge.due_date == datetime.date(2024, 3, 14)


def test_the_seed_story_puts_a_promise_waiting_for_the_mainnet_on_the_clock(client):
    """Issue: "a conditional promise whose condition was met in Sep 2023 stays No news yet and can
    never become overdue"."""
    call_command("seed", verbosity=0)

    unlock = Commitment.objects.get(slug="unlock-team-tokens-after-mainnet")
    assert unlock.clock_started_on == datetime.date(2023, 9, 1)
    assert (unlock.due_date, unlock.due_precision) == (datetime.date(2023, 12, 1), "estimated")
    assert unlock.overdue
    assertContains(client.get(unlock.get_absolute_url()), "by about Dec 1, 2023 (estimated)")


def later_suggestion(commitment, kind="progress", sentence="We are working on the bridge."):
    source = make_source(aired_on=datetime.date(2023, 10, 27), title="AMA of October")
    turn = Turn.objects.create(source=source, position=0, speaker=make_speaker(), text=sentence, line_start=5, line_end=5)
    return EvidenceSuggestion.objects.create(commitment=commitment, turn=turn, sentence=sentence, kind=kind)


def reviewed_on(commitment):
    return timezone.localtime(Commitment.objects.get(pk=commitment.pk).reviewed_at)


def test_dismissing_a_suggestion_is_a_review(staff_user):
    commitment = make_commitment("Open the bridge")
    suggestion = later_suggestion(commitment)

    dismiss_suggestion(suggestion, by=staff_user)

    assert reviewed_on(commitment) == timezone.localtime(EvidenceSuggestion.objects.get().decided_at)


def test_accepting_a_restatement_suggestion_is_a_review(staff_user):
    commitment = make_commitment("Open the bridge")
    suggestion = later_suggestion(commitment, kind="restated", sentence="The bridge comes next month.")

    accept_suggestion(suggestion, by=staff_user)

    assert reviewed_on(commitment) == timezone.localtime(EvidenceSuggestion.objects.get().decided_at)


def test_accepting_or_rejecting_a_proposal_is_a_review():
    accepted = make_commitment("Open the bridge", review=Commitment.Review.PROPOSED)
    rejected = make_commitment("Seamlessly allow", review=Commitment.Review.PROPOSED)
    before = timezone.now()

    set_review([accepted], Commitment.Review.ACCEPTED)
    set_review([rejected], Commitment.Review.REJECTED)

    assert reviewed_on(accepted) >= before and reviewed_on(rejected) >= before


def test_a_restatement_recorded_without_a_decision_is_no_review():
    commitment = make_commitment("Open the bridge")

    add_restatement(commitment, "The bridge comes in Q3.", source=make_source(aired_on=datetime.date(2023, 10, 27)))

    assert Commitment.objects.get(pk=commitment.pk).reviewed_at is None


def test_last_reviewed_on_a_story_page_is_its_last_decision_not_the_load_date(client):
    call_command("seed", verbosity=0)
    commitment = Commitment.objects.filter(history__isnull=False).distinct().first()
    last = StatusChange.objects.filter(commitment=commitment).latest()

    response = client.get(commitment.get_absolute_url())

    day = timezone.localtime(last.changed_at).date()
    assert day < timezone.localdate()
    assertContains(response, f'Last reviewed <time datetime="{timezone.localtime(last.changed_at).isoformat()}">')


def test_undoing_the_delivery_removes_the_due_date_the_clock_set():
    mainnet, bridge = waiting_pair()
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))

    change_status(mainnet, "in_progress", note="Rolled back: the chain halted", happened_on=datetime.date(2023, 9, 20))

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (None, "")
    assert bridge.clock_started_on is None
    assert not bridge.is_overdue(today=datetime.date(2024, 2, 1))


def test_delivering_again_restarts_the_clock_from_the_new_delivery():
    mainnet, bridge = waiting_pair()
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))
    change_status(mainnet, "in_progress", note="Rolled back", happened_on=datetime.date(2023, 9, 20))

    change_status(mainnet, "delivered", note="Live again", happened_on=datetime.date(2023, 11, 2))

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2024, 2, 2), "estimated")


def test_undoing_the_delivery_keeps_a_due_date_a_curator_set():
    mainnet, bridge = waiting_pair()
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))
    Commitment.objects.filter(pk=bridge.pk).update(due_date=datetime.date(2024, 6, 30), due_precision="quarter")

    change_status(mainnet, "in_progress", note="Rolled back", happened_on=datetime.date(2023, 9, 20))

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (datetime.date(2024, 6, 30), "quarter")


def test_a_later_report_that_undoes_the_delivery_removes_the_clock_due(staff_user):
    mainnet, bridge = waiting_pair()
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))
    suggestion = later_suggestion(mainnet, kind="progress", sentence="The mainnet is being relaunched.")

    accept_suggestion(suggestion, by=staff_user)

    bridge.refresh_from_db()
    assert Commitment.objects.get(pk=mainnet.pk).status == "in_progress"
    assert bridge.due_date is None


def test_unlinking_what_started_the_clock_removes_the_due_date_it_set():
    mainnet, bridge = waiting_pair()
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 14))

    set_dependencies(bridge, [])

    bridge.refresh_from_db()
    assert (bridge.due_date, bridge.due_precision) == (None, "")

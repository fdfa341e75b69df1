"""The current verdict follows happened dates: an older report never reverses a later verdict."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from commitments import services
from commitments.models import Commitment, EvidenceSuggestion, StatusChange, Turn

from .factories import corpus_files, make_commitment, make_source


def make_suggestion(commitment, kind, aired_on, position):
    source = make_source(title=f"AMA {aired_on}", aired_on=aired_on)
    turn = Turn.objects.create(source=source, position=position, speaker=commitment.speaker, text="We are working on it.", line_start=position, line_end=position)
    return EvidenceSuggestion.objects.create(
        commitment=commitment, turn=turn, kind=kind, sentence="We are working on it.", happened_on=aired_on, ref=f"s{position}"
    )


@pytest.mark.django_db
def test_an_older_in_progress_report_cannot_undo_a_later_delivery(staff_user):
    commitment = make_commitment(status=Commitment.Status.NO_NEWS)
    older = make_suggestion(commitment, EvidenceSuggestion.Kind.PROGRESS, datetime.date(2024, 2, 27), 1)
    delivered = make_suggestion(commitment, EvidenceSuggestion.Kind.DELIVERED, datetime.date(2024, 5, 10), 2)
    services.accept_suggestion(delivered, by=staff_user)

    assert older.is_superseded()
    with pytest.raises(services.SuggestionError, match="older than the current verdict"):
        services.accept_suggestion(older, by=staff_user)

    commitment.refresh_from_db()
    older.refresh_from_db()
    assert commitment.status == Commitment.Status.DELIVERED
    assert older.state == EvidenceSuggestion.State.PROPOSED
    assert [(c.from_status, c.to_status) for c in commitment.history.all()] == [(Commitment.Status.NO_NEWS, Commitment.Status.DELIVERED)]


@pytest.mark.django_db
def test_a_later_report_still_changes_the_verdict(staff_user):
    commitment = make_commitment(status=Commitment.Status.NO_NEWS)
    older = make_suggestion(commitment, EvidenceSuggestion.Kind.PROGRESS, datetime.date(2024, 2, 27), 1)
    later = make_suggestion(commitment, EvidenceSuggestion.Kind.DELIVERED, datetime.date(2024, 5, 10), 2)
    services.accept_suggestion(older, by=staff_user)

    assert not later.is_superseded()
    services.accept_suggestion(later, by=staff_user)

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DELIVERED
    assert commitment.current_verdict_change().to_status == Commitment.Status.DELIVERED


@pytest.mark.django_db
def test_a_verdict_by_hand_dated_before_the_current_one_is_refused(staff_user):
    commitment = make_commitment(status=Commitment.Status.NO_NEWS)
    services.change_status(commitment, "delivered", note="Shipped.", happened_on=datetime.date(2024, 5, 1))

    with pytest.raises(services.StatusChangeError, match="an older report cannot change it"):
        services.change_status(commitment, "in_progress", note="Working.", happened_on=datetime.date(2024, 2, 1))
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.DELIVERED


@pytest.mark.django_db
def test_every_seed_story_timeline_is_in_step_with_its_status():
    call_command("seed", verbosity=0)
    for commitment in Commitment.objects.prefetch_related("history"):
        state = Commitment.Status.NO_NEWS
        for change in sorted(commitment.history.all(), key=lambda c: (c.happened_on, c.changed_at, c.pk)):
            assert change.from_status == state, f"{commitment.slug}: {change} out of {state}"
            state = change.to_status
        assert commitment.status == state, commitment.slug


@pytest.mark.django_db
def test_the_admin_shows_an_older_open_suggestion_as_superseded_without_an_accept_button(client, staff_user):
    commitment = make_commitment(status=Commitment.Status.NO_NEWS)
    older = make_suggestion(commitment, EvidenceSuggestion.Kind.PROGRESS, datetime.date(2024, 2, 27), 1)
    delivered = make_suggestion(commitment, EvidenceSuggestion.Kind.DELIVERED, datetime.date(2024, 5, 10), 2)
    services.accept_suggestion(delivered, by=staff_user)
    client.force_login(staff_user)

    response = client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))

    assertContains(response, "Superseded: the current verdict (delivered) happened later, May 10, 2024.")
    assertNotContains(response, reverse("admin:commitments_evidencesuggestion_accept", args=[older.pk]))
    assertContains(response, reverse("admin:commitments_evidencesuggestion_dismiss", args=[older.pk]))


@pytest.mark.django_db
def test_accepting_every_corpus_suggestion_in_any_order_leaves_each_status_at_its_latest_verdict(staff_user):
    files = corpus_files()
    call_command("seed", verbosity=0)
    call_command("import_transcript", *map(str, files), verbosity=0)
    suggestions = list(EvidenceSuggestion.objects.pending().select_related("commitment", "turn__source"))
    assert len(suggestions) > 10
    random.Random(22).shuffle(suggestions)

    refused = 0
    for suggestion in suggestions:
        try:
            services.accept_suggestion(suggestion, by=staff_user)
        except (services.SuggestionError, services.StatusChangeError):
            refused += 1

    changed = Commitment.objects.filter(history__isnull=False).distinct().prefetch_related("history")
    assert changed
    for commitment in changed:
        latest = max(commitment.history.all(), key=lambda c: (c.happened_on, c.changed_at, c.pk))
        assert commitment.status == latest.to_status, commitment.slug
    print(f"{len(suggestions)} suggestions, {refused} refused, {changed.count()} commitments changed")
    assert refused < len(suggestions)


@pytest.mark.django_db
def test_the_seed_story_is_recorded_and_reviewed_on_its_historical_dates():
    call_command("seed", verbosity=0)

    changes = list(StatusChange.objects.select_related("commitment", "evidence_turn__source"))
    assert changes
    for change in changes:
        assert timezone.localtime(change.changed_at).date() == change.evidence_turn.source.aired_on
    for commitment in Commitment.objects.filter(history__isnull=False).distinct():
        assert commitment.reviewed_at.date() <= max(c.changed_at for c in commitment.history.all()).date() < timezone.localdate()

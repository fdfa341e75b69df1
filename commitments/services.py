"""The state changes an admin makes: status, review, dependencies, evidence suggestions
accepted or dismissed. Views, admin actions and commands call these; each runs in one
transaction, so a status and its history row are written together or not at all. Importing
transcripts is in importers.py."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Commitment, EvidenceSuggestion, StatusChange, Turn


class StatusChangeError(ValueError):
    pass


@transaction.atomic
def change_status(
    commitment: Commitment,
    to: str,
    by=None,
    note: str = "",
    evidence_url: str = "",
    evidence_turn: Turn | None = None,
    delivered_on: datetime.date | None = None,
) -> StatusChange | None:
    """Move `commitment` to status `to` and append the history row. Returns None when the
    commitment already has that status (nothing is written)."""
    if to not in Commitment.Status.values:
        raise StatusChangeError(f"Unknown status {to!r}: use one of {', '.join(Commitment.Status.values)}.")
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status == to:
        commitment.status = locked.status
        return None
    change = StatusChange.objects.create(
        commitment=locked,
        from_status=locked.status,
        to_status=to,
        changed_by=by,
        note=note,
        evidence_url=evidence_url,
        evidence_turn=evidence_turn,
    )
    locked.status = to
    if to == Commitment.Status.DELIVERED:
        locked.delivered_on = delivered_on or timezone.localdate()
    else:
        locked.delivered_on = None
    locked.save(update_fields=["status", "delivered_on", "updated_at"])
    commitment.status, commitment.delivered_on = locked.status, locked.delivered_on
    return change


def set_review(commitments, review: str) -> int:
    """Accept or reject proposed commitments; returns how many changed."""
    if review not in Commitment.Review.values:
        raise ValueError(f"Unknown review state {review!r}.")
    return Commitment.objects.filter(pk__in=[c.pk for c in commitments]).exclude(
        review=review
    ).update(review=review, updated_at=timezone.now())


class DependencyError(ValueError):
    pass


def check_dependencies(commitment: Commitment, depends_on) -> None:
    """Refuse dependencies that would make a commitment wait for itself, directly or not."""
    cycle = commitment.dependency_cycle(depends_on)
    if cycle:
        raise DependencyError(
            f"“{commitment.title}” cannot wait for that: it would make a cycle ({' → '.join(cycle)})."
        )


@transaction.atomic
def set_dependencies(commitment: Commitment, depends_on) -> None:
    depends_on = list(depends_on)
    check_dependencies(commitment, depends_on)
    commitment.depends_on.set(depends_on)


class SuggestionError(ValueError):
    pass


def _decide(suggestion, state: str, by) -> EvidenceSuggestion:
    """Lock the suggestion and record the decision; refuse one already decided."""
    locked = EvidenceSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.state != EvidenceSuggestion.State.PROPOSED:
        raise SuggestionError(
            f"This suggestion was already {locked.get_state_display().lower()}; nothing was changed."
        )
    locked.state, locked.decided_by, locked.decided_at = state, by, timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    suggestion.state, suggestion.decided_by, suggestion.decided_at = locked.state, by, locked.decided_at
    return locked


@transaction.atomic
def accept_suggestion(suggestion, by) -> StatusChange | None:
    """Mark the commitment delivered with the suggested turn as evidence. Raises
    SuggestionError when the suggestion was already accepted or dismissed."""
    _decide(suggestion, EvidenceSuggestion.State.ACCEPTED, by)
    source = suggestion.turn.source
    return change_status(
        suggestion.commitment,
        Commitment.Status.DELIVERED,
        by=by,
        note=f"Reported in {source.title}: “{suggestion.sentence}”",
        evidence_turn=suggestion.turn,
        delivered_on=source.aired_on,
    )


@transaction.atomic
def dismiss_suggestion(suggestion, by) -> None:
    """Raises SuggestionError when the suggestion was already accepted or dismissed."""
    _decide(suggestion, EvidenceSuggestion.State.DISMISSED, by)

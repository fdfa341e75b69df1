"""The state changes an admin makes: status, review, dependencies, evidence suggestions
accepted or dismissed. Views, admin actions and commands call these; each runs in one
transaction, so a status and its history row are written together or not at all. Importing
transcripts is in importers.py."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from following.notify import queue_change

from . import caching
from .reading import periods, timephrases
from .models import format_happened, Commitment, EvidenceSuggestion, Restatement, Source, Speaker, StatusChange, Turn, source_text


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
    happened_on: datetime.date | None = None,
    happened_precision: str = Commitment.Precision.DAY,
    recorded_at: datetime.datetime | None = None,
) -> StatusChange | None:
    """Move `commitment` to verdict `to` and append the history row. Every verdict but "no news
    yet" needs a reason in `note`. `happened_on` (default today) at `happened_precision` is when
    it happened in the world; a delivery's is the commitment's delivered_on. `recorded_at` (default
    now) is when the decision was made: a story loaded from history gives its own. Returns None when
    the commitment already has that status (nothing is written)."""
    if to not in Commitment.Status.values:
        raise StatusChangeError(f"Unknown status {to!r}: use one of {', '.join(Commitment.Status.values)}.")
    if to != Commitment.Status.NO_NEWS and not note.strip():
        label = Commitment.Status(to).label.lower()
        raise StatusChangeError(f"Say why the commitment is {label}: every verdict but “no news yet” needs a written reason.")
    happened_precisions = [value for value, _ in Commitment.HAPPENED_PRECISIONS]
    if happened_precision not in happened_precisions:
        raise StatusChangeError(f"Unknown precision {happened_precision!r}: use one of {', '.join(happened_precisions)}.")
    if happened_on is not None and happened_on > timezone.localdate():
        raise StatusChangeError(f"It cannot have happened on {happened_on:%Y-%m-%d}: that is after today.")
    caching.lock_data_version()
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status == to:
        commitment.status = locked.status
        return None
    happened_on = happened_on or timezone.localdate()
    now = recorded_at or timezone.now()
    check_not_older(locked, happened_on, happened_precision)
    undelivered = locked.status == Commitment.Status.DELIVERED and to != Commitment.Status.DELIVERED
    clocked = clock_set_dues(Commitment.objects.filter(depends_on=locked)) if undelivered else []
    change = StatusChange.objects.create(
        commitment=locked,
        from_status=locked.status,
        to_status=to,
        changed_at=now,
        changed_by=by,
        note=note.strip(),
        evidence_url=evidence_url,
        evidence_turn=evidence_turn,
        happened_on=happened_on,
        happened_precision=happened_precision,
    )
    locked.status = to
    delivered = to == Commitment.Status.DELIVERED
    locked.delivered_on = happened_on if delivered else None
    locked.delivered_precision = happened_precision if delivered else ""
    locked.reviewed_at = max(now, locked.reviewed_at or now)
    locked.save(update_fields=["status", "delivered_on", "delivered_precision", "reviewed_at", "updated_at"])
    for name in ("status", "delivered_on", "delivered_precision", "reviewed_at"):
        setattr(commitment, name, getattr(locked, name))
    if delivered:
        start_clocks(Commitment.objects.filter(depends_on=locked))
    stop_clocks(clocked)
    queue_change(locked, status_change=change)
    return change


# A condition met starts the clock of the promise that waited for it: it is then due as if the
# team had said it would come "soon" on the day the condition was met (VAGUE_HORIZONS, with the
# VAGUE_DUE_HORIZONS setting's changes), an estimated date that can pass.
CONDITION_MET_PHRASE = "soon"


def start_clocks(dependants) -> list[Commitment]:
    """Give each of `dependants` that has no due date, once everything it waits for is
    delivered, a due date at the default horizon after the last of those deliveries (precision
    "estimated"). Called inside the transaction that delivers a commitment or links one, under
    the rows' locks; returns the commitments that got a due date."""
    started = []
    for dependant in dependants.filter(due_date=None).select_for_update().prefetch_related("depends_on"):
        due = clock_due(dependant)
        if due is None:
            continue
        dependant.due_date, dependant.due_precision = due.date, due.precision
        dependant.save(update_fields=["due_date", "due_precision", "updated_at"])
        started.append(dependant)
    return started


def clock_due(dependant: Commitment):
    """The due date start_clocks gives `dependant` as its dependencies stand now, or None."""
    met_on = dependant.clock_started_on
    horizons = timephrases.horizons_with(settings.VAGUE_DUE_HORIZONS)
    return timephrases.vague_due(CONDITION_MET_PHRASE, met_on, horizons) if met_on else None


def clock_set_dues(dependants) -> list[Commitment]:
    """Those of `dependants` (locked here) whose due date is the one their clock set, not a
    curator's or a transcript's: read before what they wait for stops being delivered."""
    clocked = []
    for dependant in dependants.exclude(due_date=None).select_for_update().prefetch_related("depends_on"):
        due = clock_due(dependant)
        if due is not None and (dependant.due_date, dependant.due_precision) == (due.date, due.precision):
            clocked.append(dependant)
    return clocked


def stop_clocks(clocked: list[Commitment]) -> None:
    """A condition no longer met (its delivery undone) takes back the due date its clock set:
    the promise waits again, with no due, until start_clocks runs anew."""
    for dependant in clocked:
        dependant.due_date, dependant.due_precision = None, ""
        dependant.save(update_fields=["due_date", "due_precision", "updated_at"])


def check_not_older(commitment: Commitment, happened_on: datetime.date | None, happened_precision: str) -> None:
    """Refuse a verdict that happened before the current one: the status follows the latest
    event by happened date. (change_status calls this under the row's lock; forms call it to
    say so beside the field.)"""
    current = commitment.current_verdict_change()
    if current is not None and happened_on is not None and happened_on < current.happened_on:
        raise StatusChangeError(
            f"The current verdict ({current.get_to_status_display().lower()}) happened {current.happened_display}, "
            f"after {format_happened(happened_on, happened_precision)}: an older report cannot change it."
        )


def mark_reviewed(commitment: Commitment) -> None:
    """Reviewed, no change: the verdict stands as of now."""
    now = timezone.now()
    Commitment.objects.filter(pk=commitment.pk).update(reviewed_at=now, updated_at=now)
    commitment.reviewed_at = now


@transaction.atomic
def add_restatement(
    commitment: Commitment,
    quote: str,
    source: Source,
    speaker: Speaker | None = None,
    turn: Turn | None = None,
    line: int | None = None,
    due_date: datetime.date | None = None,
    due_precision: str = "",
    due_text: str = "",
    condition: str = "",
    also_said: bool = False,
) -> Restatement:
    """Record a later statement of `commitment`. The original quote stays; the first
    restatement keeps the original due in first_due_*, and the latest one (by air date) that
    speaks of timing (a date, words like "very soon", or a condition) becomes the current due.
    `also_said` records a repeat within one source: a quote, no new due. Saying the same
    sentence again in the same source adds nothing and returns the existing row."""
    if due_precision and due_precision not in Commitment.Precision.values:
        raise ValueError(f"Unknown precision {due_precision!r}: use one of {', '.join(Commitment.Precision.values)}.")
    if due_date is not None and not due_precision:
        due_precision = Commitment.Precision.DAY
    caching.lock_data_version()
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    quote = " ".join(quote.split())
    existing = Restatement.objects.filter(commitment=locked, source=source, quote=quote).first()
    if existing is not None:
        return existing
    restatement = Restatement.objects.create(
        commitment=locked, quote=quote, source=source, speaker=speaker, turn=turn, line=line,
        due_date=due_date, due_precision=due_precision, due_text=due_text, condition=condition, also_said=also_said,
    )
    if also_said:
        return restatement
    changed = ["restated_count", "updated_at"]
    if not locked.restated_count:
        locked.first_due_date, locked.first_due_precision, locked.first_due_text = (
            locked.due_date, locked.due_precision, locked.due_text
        )
        changed += ["first_due_date", "first_due_precision", "first_due_text"]
    locked.restated_count += 1
    later = (
        Restatement.objects.filter(commitment=locked, also_said=False, source__aired_on__gt=source.aired_on)
        .exclude(due_date=None, due_text="", condition="")
        .exists()
    )
    if not later and (due_date or due_text or condition):
        locked.due_date, locked.due_precision, locked.due_text, locked.condition = (
            due_date, due_precision if due_date else "", due_text, condition
        )
        changed += ["due_date", "due_precision", "due_text", "condition"]
    locked.save(update_fields=changed)
    for name in changed:
        setattr(commitment, name, getattr(locked, name))
    queue_change(locked, restatement=restatement)
    return restatement


@transaction.atomic
def add_also_said(repeats: list[Restatement]) -> list[Restatement]:
    """Record many repeats within one source at once (an import's "also said" quotes: a quote,
    no new due), under one lock of the data version and of their commitments. A quote already
    recorded for its commitment and source, or twice in `repeats`, is written once."""
    if not repeats:
        return []
    caching.lock_data_version()
    pks = sorted({row.commitment_id for row in repeats})
    list(Commitment.objects.select_for_update().filter(pk__in=pks).values_list("pk", flat=True))
    sources = {row.source_id for row in repeats}
    seen = set(
        Restatement.objects.filter(commitment__in=pks, source__in=sources).values_list("commitment_id", "source_id", "quote")
    )
    rows = []
    for row in repeats:
        row.quote, row.also_said = " ".join(row.quote.split()), True
        key = (row.commitment_id, row.source_id, row.quote)
        if key not in seen:
            seen.add(key)
            rows.append(row)
    return Restatement.objects.bulk_create(rows, batch_size=500)


def set_review(commitments, review: str) -> int:
    """Accept or reject proposed commitments (a curator's decision: they are reviewed now);
    returns how many changed."""
    if review not in Commitment.Review.values:
        raise ValueError(f"Unknown review state {review!r}.")
    now = timezone.now()
    return Commitment.objects.filter(pk__in=[c.pk for c in commitments]).exclude(
        review=review
    ).update(review=review, reviewed_at=now, updated_at=now)


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
    """Link `commitment` to what it waits for; when all of that is already delivered, its clock
    starts (start_clocks); a due date its clock set before is set again from what it waits for
    now, or goes."""
    depends_on = list(depends_on)
    check_dependencies(commitment, depends_on)
    caching.lock_data_version()
    clocked = clock_set_dues(Commitment.objects.filter(pk=commitment.pk))
    commitment.depends_on.set(depends_on)
    stop_clocks(clocked)  # started again below from what it waits for now
    if clocked:
        commitment.due_date, commitment.due_precision = None, ""
    for started in start_clocks(Commitment.objects.filter(pk=commitment.pk)):
        commitment.due_date, commitment.due_precision = started.due_date, started.due_precision


class SuggestionError(ValueError):
    pass


def _decide(suggestion, state: str, by) -> EvidenceSuggestion:
    """Lock the suggestion and record the decision; refuse one already decided."""
    caching.lock_data_version()
    locked = EvidenceSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.state != EvidenceSuggestion.State.PROPOSED:
        raise SuggestionError(
            f"This suggestion was already {locked.get_state_display().lower()}; nothing was changed."
        )
    locked.state, locked.decided_by, locked.decided_at = state, by, timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    # A decision about a suggestion is a review of its commitment.
    Commitment.objects.filter(pk=locked.commitment_id).update(reviewed_at=locked.decided_at, updated_at=locked.decided_at)
    suggestion.state, suggestion.decided_by, suggestion.decided_at = locked.state, by, locked.decided_at
    return locked


SUGGESTED_VERDICTS = {
    EvidenceSuggestion.Kind.DELIVERED: Commitment.Status.DELIVERED,
    EvidenceSuggestion.Kind.PARTLY: Commitment.Status.PARTLY,
    EvidenceSuggestion.Kind.PROGRESS: Commitment.Status.IN_PROGRESS,
    EvidenceSuggestion.Kind.POSTPONED: Commitment.Status.POSTPONED,
    EvidenceSuggestion.Kind.DROPPED: Commitment.Status.DROPPED,
}


@transaction.atomic
def accept_suggestion(suggestion: EvidenceSuggestion, by) -> StatusChange | Restatement | None:
    """Apply a suggestion by its kind: a restatement is recorded as one; every other kind
    moves the commitment to its verdict with the turn as evidence, the sentence as the reason
    and the suggested happened date (else the source's air date). Raises SuggestionError,
    changing nothing, when the suggestion was already accepted or dismissed."""
    locked = _decide(suggestion, EvidenceSuggestion.State.ACCEPTED, by)
    turn = Turn.objects.select_related("source", "speaker").defer(*source_text("source")).get(pk=locked.turn_id)
    source = turn.source
    if locked.kind == EvidenceSuggestion.Kind.RESTATED:
        return add_restatement(
            locked.commitment,
            quote=locked.sentence,
            source=source,
            speaker=turn.speaker,
            turn=turn,
            due_date=locked.new_due_date,
            due_precision=locked.new_due_precision,
            due_text=locked.new_due_text,
            condition=locked.new_condition,
        )
    if locked.is_superseded():
        raise SuggestionError(
            "This suggestion is older than the current verdict, which stands; nothing was changed. Dismiss it "
            "or record the verdict by hand."
        )
    return change_status(
        locked.commitment,
        SUGGESTED_VERDICTS[locked.kind],
        by=by,
        note=f"Reported in {source.title} ({periods.format_day(source.aired_on)}): “{locked.sentence}”",
        evidence_turn=turn,
        happened_on=locked.happened_on or source.aired_on,
        happened_precision=locked.happened_precision or Commitment.Precision.DAY,
    )


@transaction.atomic
def dismiss_suggestion(suggestion: EvidenceSuggestion, by) -> None:
    """Raises SuggestionError when the suggestion was already accepted or dismissed."""
    _decide(suggestion, EvidenceSuggestion.State.DISMISSED, by)

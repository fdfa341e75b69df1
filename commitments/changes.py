"""What changed: verdicts, restatements and accepted corrections as one list, for the site-wide
Changes page and for the changes a source reported ("After the AMA of Feb 27, 2024").

Each query names its joins (select_related), so a page costs a fixed number of queries
however many changes it lists."""

import datetime
from dataclasses import dataclass, field

from .models import Commitment, Correction, Restatement, Source, StatusChange, format_happened, slipped_days

VERDICT, RESTATEMENT, CORRECTION = "verdict", "restatement", "correction"
STATUS_LABELS = dict(Commitment.Status.choices)
# How the changes a source reported are grouped, in the order its page lists them.
SOURCE_GROUPS = (
    ("delivered", "Delivered"),
    ("partly_delivered", "Partly delivered"),
    ("slipped", "Restated with a later due date"),
    ("restated", "Restated"),
    ("postponed", "Postponed"),
    ("dropped", "Dropped or broken"),
    ("other", "Other status changes"),
)


@dataclass
class Change:
    kind: str
    on: datetime.date
    precision: str
    commitment: Commitment
    summary: str
    note: str = ""
    evidence: str = ""
    source: Source | None = None
    group: str = "other"
    anchor: str = field(default="")

    @property
    def on_display(self) -> str:
        return format_happened(self.on, self.precision)


def verdicts():
    return StatusChange.objects.filter(commitment__review=Commitment.Review.ACCEPTED).select_related(
        "commitment", "evidence_turn__source"
    ).defer("evidence_turn__source__transcript", "evidence_turn__source__metadata", "evidence_turn__text")


def restatements():
    return Restatement.objects.filter(commitment__review=Commitment.Review.ACCEPTED, also_said=False).select_related(
        "commitment", "source", "turn"
    ).defer("source__transcript", "source__metadata", "turn__text")


def from_verdict(change: StatusChange) -> Change:
    group = change.to_status if change.to_status in ("delivered", "partly_delivered", "postponed") else "other"
    if change.to_status in ("dropped", "broken"):
        group = "dropped"
    return Change(
        VERDICT, change.happened_on or change.changed_at.date(), change.happened_precision, change.commitment,
        f"{STATUS_LABELS.get(change.from_status, change.from_status)} → {STATUS_LABELS.get(change.to_status, change.to_status)}",
        change.note, change.evidence_link, change.evidence_turn.source if change.evidence_turn_id else None,
        group, f"change-{change.pk}",
    )


def from_restatement(restatement: Restatement) -> Change:
    said = restatement.due_display if restatement.due_date else restatement.condition
    commitment = restatement.commitment
    slip = slipped_days(
        1,
        commitment.first_due_date or commitment.due_date,
        commitment.first_due_precision if commitment.first_due_date else commitment.due_precision,
        restatement.due_date, restatement.due_precision or Commitment.Precision.DAY,
    )
    slipped = bool(slip and slip > 0)
    return Change(
        RESTATEMENT, restatement.source.aired_on, Commitment.Precision.DAY, restatement.commitment,
        f"Restated{': due ' + said if restatement.due_date else (': ' + said if said else '')}",
        restatement.quote, restatement.link, restatement.source, "slipped" if slipped else "restated",
        f"restated-{restatement.pk}",
    )


def from_correction(correction: Correction) -> Change:
    return Change(
        CORRECTION, correction.decided_at.date(), Commitment.Precision.DAY, correction.commitment,
        "Correction accepted", correction.public_note or correction.what_is_wrong, correction.source_url,
        None, "other", f"correction-{correction.pk}",
    )


def newest_first(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda change: (change.on, change.kind), reverse=True)


def site_changes(topic: str | None = None, since: datetime.date | None = None, project=None) -> list[Change]:
    """Every verdict, restatement and accepted correction, newest happened date first; only
    a topic's (by slug) and only those that happened on or after `since` when given; only a
    project's when given."""
    changes_q, restated_q = verdicts(), restatements()
    corrections_q = Correction.objects.accepted().filter(commitment__review=Commitment.Review.ACCEPTED).select_related("commitment")
    if project is not None:
        own = Commitment.objects.for_project(project)
        changes_q, restated_q, corrections_q = (
            q.filter(commitment__in=own) for q in (changes_q, restated_q, corrections_q)
        )
    if topic:
        changes_q = changes_q.filter(commitment__topic__slug=topic)
        restated_q = restated_q.filter(commitment__topic__slug=topic)
        corrections_q = corrections_q.filter(commitment__topic__slug=topic)
    if since:
        changes_q = changes_q.filter(happened_on__gte=since)
        restated_q = restated_q.filter(source__aired_on__gte=since)
        corrections_q = corrections_q.filter(decided_at__date__gte=since)
    return newest_first(
        [from_verdict(c) for c in changes_q]
        + [from_restatement(r) for r in restated_q]
        + [from_correction(c) for c in corrections_q]
    )


def source_changes(source: Source) -> list[tuple[str, str, list[Change]]]:
    """What a source reported about earlier promises, grouped (delivered, partly, restated with a
    slip, postponed, dropped...): (group, heading, changes) for each group that has any."""
    changes = [from_verdict(c) for c in verdicts().filter(evidence_turn__source=source)]
    changes += [from_restatement(r) for r in restatements().filter(source=source)]
    grouped = {key: [] for key, _ in SOURCE_GROUPS}
    for change in newest_first(changes):
        grouped[change.group].append(change)
    return [(key, heading, grouped[key]) for key, heading in SOURCE_GROUPS if grouped[key]]


def latest_reporting_source(project=None) -> Source | None:
    """The newest source (by air date) that reported a change: a verdict's evidence or a
    restatement of a public commitment; such a source is public (Source.objects.public()).
    Read from the changes with their source joined, two queries."""
    fields = ("slug", "title", "aired_on")
    verdict = (
        StatusChange.objects.filter(commitment__review=Commitment.Review.ACCEPTED, evidence_turn__isnull=False)
        .filter(commitment__in=Commitment.objects.for_project(project))
        .select_related("evidence_turn__source").only(*(f"evidence_turn__source__{name}" for name in fields), "evidence_turn__id")
        .order_by("-evidence_turn__source__aired_on", "-evidence_turn__source__pk").first()
    )
    restated = (
        Restatement.objects.filter(commitment__review=Commitment.Review.ACCEPTED, also_said=False)
        .filter(commitment__in=Commitment.objects.for_project(project))
        .select_related("source").only(*(f"source__{name}" for name in fields))
        .order_by("-source__aired_on", "-source__pk").first()
    )
    found = [source for source in (verdict and verdict.evidence_turn.source, restated and restated.source) if source]
    return max(found, key=lambda source: (source.aired_on, source.pk), default=None)

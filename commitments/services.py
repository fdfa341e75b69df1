"""The functions that change state. Views, admin actions and commands call these; each runs in
one transaction, so a status and its history row are written together or not at all."""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Commitment, EvidenceSuggestion, Restatement, Source, Speaker, StatusChange, Topic, Turn, unique_slug
from .topics import TOPICS_BY_SLUG


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
) -> StatusChange | None:
    """Move `commitment` to verdict `to` and append the history row. Every verdict but "no news
    yet" needs a reason in `note`. `happened_on` (default today) at `happened_precision` is when
    it happened in the world; a delivery's is the commitment's delivered_on. Returns None when
    the commitment already has that status (nothing is written)."""
    if to not in Commitment.Status.values:
        raise StatusChangeError(f"Unknown status {to!r}: use one of {', '.join(Commitment.Status.values)}.")
    if to != Commitment.Status.NO_NEWS and not note.strip():
        label = Commitment.Status(to).label.lower()
        raise StatusChangeError(f"Say why the commitment is {label}: every verdict but “no news yet” needs a written reason.")
    if happened_precision not in Commitment.Precision.values:
        raise StatusChangeError(
            f"Unknown precision {happened_precision!r}: use one of {', '.join(Commitment.Precision.values)}."
        )
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status == to:
        commitment.status = locked.status
        return None
    happened_on = happened_on or timezone.localdate()
    now = timezone.now()
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
    locked.reviewed_at = now
    locked.save(update_fields=["status", "delivered_on", "delivered_precision", "reviewed_at", "updated_at"])
    for name in ("status", "delivered_on", "delivered_precision", "reviewed_at"):
        setattr(commitment, name, getattr(locked, name))
    return change


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
    return restatement


def set_review(commitments, review: str) -> int:
    """Accept or reject proposed commitments; returns how many changed."""
    if review not in Commitment.Review.values:
        raise ValueError(f"Unknown review state {review!r}.")
    return Commitment.objects.filter(pk__in=[c.pk for c in commitments]).exclude(
        review=review
    ).update(review=review, updated_at=timezone.now())


# --- Importing transcripts -------------------------------------------------------------


@dataclass
class ImportResult:
    source: Source | None
    created: bool = False
    updated: bool = False
    proposed: int = 0
    kept: int = 0
    suggested: int = 0
    turns: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def unchanged(self):
        return not (self.created or self.updated)


def source_slug_for(file_name: str) -> str:
    stem = re.sub(r"\.(md|markdown|txt)$", "", file_name, flags=re.IGNORECASE)
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-")[:120] or "source"


def import_ref_for(source_slug: str, sentence: str) -> str:
    digest = hashlib.sha1(" ".join(sentence.split()).lower().encode()).hexdigest()[:16]
    return f"{source_slug[:170]}:{digest}"


def _topic(slug: str | None) -> Topic | None:
    if not slug:
        return None
    info = TOPICS_BY_SLUG.get(slug)
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": info.name if info else slug})
    return topic


def _title_for(sentence: str) -> str:
    words = " ".join(sentence.split())
    return words if len(words) <= 90 else words[:87].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def import_transcript(transcript, team_speakers: set[str] | None = None, propose: bool = True) -> ImportResult:
    """Store a parsed transcript as a source with its speakers and turns, and its candidate
    commitments as proposed. Re-importing the same file changes nothing; an edited file
    replaces the turns and proposes only sentences not seen before, so commitments an admin
    accepted or rejected are kept as they are."""
    from .extraction import guess_team_speakers, propose_commitments

    slug = source_slug_for(transcript.name)
    source = Source.objects.filter(slug=slug).first()
    result = ImportResult(source=source, turns=len(transcript.turns), warnings=list(transcript.warnings))
    if source is not None and source.checksum == transcript.checksum:
        result.kept = source.commitments.count()
        return result

    fields = {
        "title": transcript.title or transcript.name,
        "aired_on": transcript.aired_on,
        "author": transcript.author,
        "description": transcript.description,
        "url": _url_from(transcript.metadata),
        "file_name": transcript.name,
        "transcript": transcript.text,
        "checksum": transcript.checksum,
        "metadata": _jsonable(transcript.metadata),
    }
    if source is None:
        source = Source.objects.create(slug=slug, **fields)
        result.created = True
    else:
        for name, value in fields.items():
            setattr(source, name, value)
        source.save()
        result.updated = True
    result.source = source

    known_team = set(Speaker.objects.filter(is_team=True).values_list("name", flat=True))
    team = team_speakers if team_speakers is not None else guess_team_speakers(transcript) | (
        known_team & set(transcript.speakers)
    )
    speakers = {}
    for name in transcript.speakers:
        speaker, _ = Speaker.objects.get_or_create(name=name, defaults={"is_team": name in team})
        speakers[name] = speaker

    # Turns are rebuilt from the file; commitments point at them again below by line.
    Commitment.objects.filter(source=source).update(turn=None)
    source.turns.filter(evidence_for__isnull=True).delete()
    kept_turns = {t.position: t for t in source.turns.all()}
    turns = {}
    for turn in transcript.turns:
        values = {
            "speaker": speakers[turn.speaker],
            "section": turn.section[:300],
            "text": turn.text,
            "line_start": turn.line_start,
            "line_end": turn.line_end,
            "spoken_at": turn.spoken_at or "",
        }
        if turn.index in kept_turns:
            row = kept_turns[turn.index]
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        else:
            row = Turn.objects.create(source=source, position=turn.index, **values)
        turns[turn.index] = row

    existing = dict(Commitment.objects.filter(source=source).values_list("import_ref", "pk"))
    candidates = propose_commitments(transcript, team_speakers=team) if propose else []
    new_commitments = []
    for candidate in candidates:
        ref = import_ref_for(slug, candidate.text)
        turn = turns.get(candidate.turn_index)
        if ref in existing:
            Commitment.objects.filter(pk=existing[ref]).update(turn=turn, line=candidate.line)
            result.kept += 1
            continue
        commitment = Commitment.objects.create(
            slug=unique_slug(Commitment, f"{slug[:40]} {candidate.text[:50]}", max_length=100),
            title=_title_for(candidate.text),
            quote=candidate.text,
            speaker=speakers[candidate.speaker],
            source=source,
            topic=_topic(candidate.topic),
            turn=turn,
            line=candidate.line,
            review=Commitment.Review.PROPOSED,
            strength=candidate.strength,
            due_date=candidate.due_date,
            due_precision=candidate.due_precision or "",
            due_text=candidate.due_text or "",
            condition=candidate.condition or "",
            import_ref=ref,
        )
        new_commitments.append(commitment)
        result.proposed += 1
    link_conditions(new_commitments, source)
    link_turns_by_line(source)
    result.suggested = suggest_evidence(source)
    return result


def link_conditions(commitments, source: Source) -> None:
    """Propose "waits for" links: a condition that names another commitment's subject
    ("after the mainnet launch") links to it; the admin reviews them with the proposal."""
    from .evidence import condition_terms, match_condition, terms

    conditional = [c for c in commitments if c.condition and condition_terms(c.condition)]
    if not conditional:
        return
    # A title can hold every term of a condition only if it contains each as text: the
    # database narrows the candidates to those, and Python checks them word by word.
    names_a_condition = Q()
    for commitment in conditional:
        every_term = Q()
        for term in condition_terms(commitment.condition):
            every_term &= Q(title__icontains=term)
        names_a_condition |= every_term
    others = [
        (pk, terms(title))
        for pk, title in Commitment.objects.filter(Q(review=Commitment.Review.ACCEPTED) | Q(source=source))
        .filter(names_a_condition)
        .values_list("pk", "title")
    ]
    for commitment in conditional:
        target = match_condition(commitment.condition, [(pk, t) for pk, t in others if pk != commitment.pk])
        if target is not None and not commitment.dependency_cycle([Commitment(pk=target)]):
            commitment.depends_on.add(target)


def link_turns_by_line(source: Source) -> None:
    """Point each of the source's commitments that has a line at the turn holding that line."""
    turns = list(source.turns.order_by("line_start"))
    for commitment in source.commitments.filter(line__isnull=False):
        holder = next(
            (t for t in turns if t.line_start <= commitment.line <= t.line_end), None
        )
        if holder is not None and commitment.turn_id != holder.pk:
            Commitment.objects.filter(pk=commitment.pk).update(turn=holder)


def _url_from(metadata: dict) -> str:
    for key in ("url", "link", "audio", "source"):
        value = metadata.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value[:500]
    return ""


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


class _DryRun(Exception):
    def __init__(self, result):
        self.result = result


def import_transcript_file(
    data: bytes, name: str, aired_on: datetime.date | None = None, dry_run: bool = False
) -> ImportResult:
    """Parse and import one file in one transaction. Raises transcripts.TranscriptError for a
    file that cannot be read; with dry_run, everything is rolled back and the counts returned."""
    from .transcripts import parse_transcript

    transcript = parse_transcript(data, name, aired_on=aired_on)
    try:
        with transaction.atomic():
            result = import_transcript(transcript)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as rolled_back:
        return rolled_back.result
    return result


def describe_import(result: ImportResult, dry_run: bool = False) -> str:
    """One line for a person: what importing a file did."""
    source = result.source
    if result.unchanged:
        what = "unchanged (same checksum)"
    else:
        what = "created" if result.created else "updated"
        what += f": {result.turns} turn(s), {result.proposed} commitment(s) proposed"
        if result.kept:
            what += f", {result.kept} already known"
        if result.suggested:
            what += f", {result.suggested} delivery report(s) suggested as evidence"
    prefix = "would be " if dry_run and not result.unchanged else ""
    line = f"{source.file_name or source.slug}: {prefix}{what} — “{source.title}”, aired {source.aired_on:%Y-%m-%d}"
    if result.warnings:
        line += f" ({len(result.warnings)} warning(s): {'; '.join(result.warnings)})"
    return line


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


def suggest_evidence(source: Source) -> int:
    """Propose the source's delivery reports as evidence for open, public commitments made
    before it aired. Returns how many new suggestions were made."""
    from .evidence import delivery_reports, match_reports
    from .models import EvidenceSuggestion

    turns = {t.pk: t for t in source.turns.filter(speaker__is_team=True)}
    reports = delivery_reports([(pk, turn.text) for pk, turn in turns.items()])
    if not reports:
        return 0
    # Only a source that reports a delivery reads the open commitments (an OR of the reported
    # terms in SQL was measured slower than matching the titles in Python).
    subjects = (
        Commitment.objects.published()
        .open()
        .filter(source__aired_on__lt=source.aired_on)
        .values_list("pk", "title", "condition")
    )
    matches = match_reports(reports, subjects)
    open_commitments = Commitment.objects.in_bulk({match.commitment for match in matches})
    created = 0
    for match in matches:
        _, made = EvidenceSuggestion.objects.get_or_create(
            commitment=open_commitments[match.commitment],
            turn=turns[match.turn],
            defaults={"sentence": match.sentence, "score": match.score},
        )
        created += made
    return created


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
    and the suggested happened date (else the source's air date). Returns None, changing
    nothing, when the suggestion was already accepted or dismissed."""
    locked = (
        EvidenceSuggestion.objects.select_for_update()
        .select_related("turn__source", "turn__speaker")
        .get(pk=suggestion.pk)
    )
    if locked.state != EvidenceSuggestion.State.PROPOSED:
        suggestion.state = locked.state
        return None
    turn, source = locked.turn, locked.turn.source
    if locked.kind == EvidenceSuggestion.Kind.RESTATED:
        outcome = add_restatement(
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
    else:
        outcome = change_status(
            locked.commitment,
            SUGGESTED_VERDICTS[locked.kind],
            by=by,
            note=f"Reported in {source.title} ({source.aired_on:%b} {source.aired_on.day}, {source.aired_on.year}): “{locked.sentence}”",
            evidence_turn=turn,
            happened_on=locked.happened_on or source.aired_on,
            happened_precision=locked.happened_precision or Commitment.Precision.DAY,
        )
    now = timezone.now()
    EvidenceSuggestion.objects.filter(pk=locked.pk).update(
        state=EvidenceSuggestion.State.ACCEPTED, decided_by=by, decided_at=now
    )
    suggestion.state, suggestion.decided_by, suggestion.decided_at = EvidenceSuggestion.State.ACCEPTED, by, now
    return outcome


@transaction.atomic
def dismiss_suggestion(suggestion: EvidenceSuggestion, by) -> bool:
    """Dismiss a proposed suggestion; False when it was already decided."""
    now = timezone.now()
    dismissed = EvidenceSuggestion.objects.filter(pk=suggestion.pk, state=EvidenceSuggestion.State.PROPOSED).update(
        state=EvidenceSuggestion.State.DISMISSED, decided_by=by, decided_at=now
    )
    if dismissed:
        suggestion.state, suggestion.decided_by, suggestion.decided_at = EvidenceSuggestion.State.DISMISSED, by, now
    return bool(dismissed)

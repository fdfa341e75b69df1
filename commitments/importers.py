"""The import pipeline: transcript files in, sources, speakers, turns, proposed commitments and
evidence suggestions out. The `import_transcript` command, the admin upload and the `seed`
command call these; each returns a result that says what it did."""

import bisect
import datetime
import functools
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .reading.evidence import (
    OpenPromises,
    Statement,
    condition_terms,
    kind_of,
    match_condition,
    match_groups,
    signature,
    team_statements,
    terms,
)
from .reading.extraction import split_sentences
from .models import Commitment, EvidenceSuggestion, ImportJob, ImportJobFile, Project, Restatement, Source, Speaker, StatusChange, Topic, Turn, slug_for, unique_slug
from .reading.proposing import propose as reading_propose
from .reading.roster import PROPOSED, SpeakerVerdict, describe_speakers, team_silence
from .services import add_also_said
from .reading.text import ProjectWords
from .reading.topics import TOPICS_BY_SLUG
from .reading.transcripts import TranscriptError, parse_transcript, read_bytes

SOURCE_SLUG_LENGTH = Source._meta.get_field("slug").max_length

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    source: Source | None
    created: bool = False
    updated: bool = False
    proposed: int = 0
    kept: int = 0
    suggested: int = 0
    restated: int = 0
    also_said: int = 0
    turns: int = 0
    unassigned: int = 0  # paragraphs the reader could give to no speaker
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False
    replace_implied: bool = False  # the file name was imported before with other content
    slug_taken_by: Source | None = None  # a new source's wanted slug was this other source's
    # Each speaker of the file: team or not, and why (roster.SpeakerVerdict).
    speakers: list[SpeakerVerdict] = field(default_factory=list)

    @property
    def team_silent(self) -> bool:
        return team_silence(self.speakers) is not None

    @property
    def unchanged(self):
        return not (self.created or self.updated)


@dataclass
class FileImport:
    """One file of a batch: its result, or the error that kept it out."""

    name: str
    result: ImportResult | None = None
    error: str = ""


def source_slug_for(file_name: str, title: str = "") -> str:
    """The slug a file's source is named by: its name without the extension, written in Latin
    letters ("Интервью 2023.md" is "intervyu-2023"), else its title's, else "source"."""
    stem = re.sub(r"\.(md|markdown|txt)$", "", file_name, flags=re.IGNORECASE)
    return slug_for(stem, SOURCE_SLUG_LENGTH - 4) or slug_for(title, SOURCE_SLUG_LENGTH - 4) or "source"


def import_ref_for(source_slug: str, sentence: str) -> str:
    digest = hashlib.sha1(" ".join(sentence.split()).lower().encode()).hexdigest()[:16]
    return f"{source_slug[:170]}:{digest}"


def title_for(sentence: str) -> str:
    words = " ".join(sentence.split())
    return words if len(words) <= 90 else words[:87].rsplit(" ", 1)[0] + "…"


def _topic(slug: str | None) -> Topic | None:
    if not slug:
        return None
    info = TOPICS_BY_SLUG.get(slug)
    topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": info.name if info else slug})
    return topic


def _source_to_update(transcript, replace: str) -> Source | None:
    """The source this file is a version of: the one `replace` names, or the one imported
    from the same file (same name and checksum); None for a new source."""
    sources = Source.objects.defer("transcript", "metadata")
    if replace:
        source = sources.filter(slug=replace).first()
        if source is None:
            raise TranscriptError(
                f"{transcript.name}: there is no source {replace!r} to replace; give the slug of an imported source"
            )
        return source
    # A source known by its file name only (the seed story's: quoted sentences, no transcript yet)
    # is filled in by that file.
    same_file = Q(checksum=transcript.checksum) | Q(checksum="", transcript="")
    return sources.filter(same_file, file_name=transcript.name).first()


def _earlier_version(transcript) -> Source | None:
    """The source imported before from a file of this name with other content: this file is its
    new version (a replacement is implied), never a second source."""
    return Source.objects.defer("transcript", "metadata").filter(file_name=transcript.name).order_by("-pk").first()


def check_lengths(transcript) -> None:
    """Refuse a value longer than the column it is stored in, naming the field and its line,
    and a NUL character in the front matter (PostgreSQL cannot store one; the body's NUL bytes
    are refused when the file is read)."""
    name = transcript.name
    for key, value in _front_matter_strings(transcript.metadata):
        if "\x00" in value:
            raise TranscriptError(
                f"{name}: the front matter's `{key}` holds a NUL character (\\0), which cannot be stored; remove it"
            )
    _check(Source, "file_name", name, f"{name}: the file name")
    _check(Source, "title", transcript.title, f"{name}: the title (front matter `title`)")
    _check(Source, "author", transcript.author, f"{name}: the author (front matter `author`)")
    for turn in transcript.turns:
        where = f"{name}, line {turn.line_start}:"
        _check(Speaker, "name", turn.speaker, f"{where} the speaker name")
        _check(Turn, "section", turn.section, f"{where} the section heading")
        _check(Turn, "spoken_at", turn.spoken_at or "", f"{where} the time")


def _front_matter_strings(value, key: str = ""):
    """Every key and string in the front matter, each with the top-level key it is under."""
    if isinstance(value, dict):
        for inner, item in value.items():
            yield key or str(inner), str(inner)
            yield from _front_matter_strings(item, key or str(inner))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _front_matter_strings(item, key)
    elif isinstance(value, str):
        yield key, value


def project_for(transcript, chosen: str = "", source: Source | None = None) -> Project:
    """The project a file is filed under: the one chosen (--project, the upload form), else the
    front matter's `project:` when it names one, else the source's it replaces, else the first."""
    wanted = chosen or transcript.metadata.get("project") or ""
    if isinstance(wanted, (list, tuple)):
        wanted = wanted[0] if wanted else ""
    if wanted:
        found = Project.objects.named(str(wanted))
        if found is not None:
            return found
        if chosen:
            raise TranscriptError(f"{transcript.name}: there is no project {chosen!r}; give the slug of a project")
    if source is not None and source.project_id:
        return source.project
    return Project.objects.first_or_from_settings()


def fit(model, field: str, value: str) -> str:
    """`value` cut to what the model's column holds."""
    return value[: model._meta.get_field(field).max_length]


def _check(model, field: str, value: str, what: str) -> None:
    limit = model._meta.get_field(field).max_length
    if len(value) > limit:
        raise TranscriptError(
            f"{what} is {len(value):,} characters long (“{value[:40]}…”); the limit is {limit:,}"
        )


@transaction.atomic
def import_transcript(
    transcript, team_speakers: set[str] | None = None, propose: bool = True, replace: str = "", project: str = ""
) -> ImportResult:
    """Store a parsed transcript as a source with its speakers and turns, and its candidate
    commitments as proposed.

    A file is a new source, with a slug of its own, unless it is the same file imported again
    (same name and checksum: nothing changes) or `replace` names the source it is a new version
    of: then it replaces that source's turns and proposes only sentences not seen before, so
    commitments an admin accepted or rejected are kept as they are. Raises TranscriptError,
    before writing anything, for a value longer than its column."""
    check_lengths(transcript)
    source = _source_to_update(transcript, replace)
    implied = None
    if source is None and not replace:
        source = implied = _earlier_version(transcript)
        replace = source.slug if source is not None else ""
    owner = project_for(transcript, project, source)
    result = ImportResult(
        source=source, turns=len(transcript.turns), warnings=list(transcript.warnings), replaced=bool(replace),
        unassigned=transcript.unassigned, replace_implied=implied is not None,
    )
    roster = {speaker.name: speaker for speaker in Speaker.objects.roster_of(owner)}
    unchanged = source is not None and source.checksum == transcript.checksum
    proposal = reading_propose(
        transcript, tuple(s.roster_entry() for s in roster.values()), owner.words(), settings.VAGUE_DUE_HORIZONS,
        team_speakers=team_speakers, candidates=propose and not unchanged,
    )
    result.speakers = proposal.verdicts
    if proposal.silence and team_speakers is None:
        result.warnings.insert(0, proposal.silence)
    if unchanged:
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
        "project": owner,
    }
    if source is None:
        wanted = source_slug_for(transcript.name, transcript.title)
        result.slug_taken_by = Source.objects.filter(slug=wanted).only("slug", "file_name", "title").first()
        source = Source.objects.create(slug=unique_slug(Source, wanted, max_length=SOURCE_SLUG_LENGTH), **fields)
        result.created = True
    else:
        for name, value in fields.items():
            setattr(source, name, value)
        source.save()
        result.updated = True
    result.source = source
    slug = source.slug

    team = proposal.team
    speakers = {verdict.name: _roster_speaker(verdict, roster, owner) for verdict in result.speakers}

    turns = _rebuild_turns(source, transcript, speakers)

    existing = {row.import_ref: row for row in Commitment.objects.filter(source=source).select_related("source")}
    # Quotes an earlier version of this source recorded as restatements ("also said"): not new.
    restated_here = {" ".join(quote.split()) for quote in Restatement.objects.filter(source=source).values_list("quote", flat=True)}
    candidates = proposal.candidates
    turns_by_index = {row.position: row for row in turns}
    project = proposal.project
    suggested_sentences = suggest_evidence(source, transcript, team, turns_by_index, project, result)
    new_commitments = []
    said_here = SaidHere(source.aired_on, project)
    also_said = []  # the repeats among them, written together after the loop
    for candidate in candidates:
        ref = import_ref_for(slug, candidate.text)
        if ref not in existing and " ".join(candidate.text.split()) in restated_here:
            result.kept += 1
            continue
        if ref not in existing and (candidate.turn_index, candidate.text) in suggested_sentences:
            # It restates (or postpones) an open commitment: proposed as that, not as a new one.
            result.restated += 1
            continue
        repeated = said_here.repeated_by(candidate) if ref not in existing else None
        if repeated is not None:
            also_said.append(
                Restatement(
                    commitment=repeated, quote=candidate.text, source=source, speaker=speakers[candidate.speaker],
                    turn=turns_by_index.get(candidate.turn_index), line=candidate.line, also_said=True,
                )
            )
            result.also_said += 1
            continue
        if ref in existing:
            Commitment.objects.filter(pk=existing[ref].pk).update(turn=None, line=candidate.line)
            said_here.add(existing[ref])
            result.kept += 1
            continue
        commitment = Commitment.objects.create(
            slug=unique_slug(Commitment, candidate.title or title_for(candidate.text)),
            title=candidate.title or title_for(candidate.text),
            quote=candidate.text,
            speaker=speakers[candidate.speaker],
            source=source,
            topic=_topic(candidate.topic),
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
        said_here.add(commitment)
        result.proposed += 1
    add_also_said(also_said)
    link_conditions(new_commitments, source)
    link_turns_by_line(source)
    _drop_unused_turns(source)
    return result


def _rebuild_turns(source: Source, transcript, speakers: dict) -> list[Turn]:
    """Make the source's turns those of the file, keeping what an admin's decisions point at.

    A turn of the file whose speaker and text an existing turn has reuses that row (its id,
    and so the suggestions, evidence and commitments pointing at it, move with the speech).
    An existing turn the file no longer holds is deleted, unless a suggestion, a status change
    or a commitment points at it: then it is kept with its own text after the file's turns,
    with no lines (no line of the file lands in it). A commitment whose turn moved keeps its
    place in that turn; the others are linked by line afterwards (link_turns_by_line)."""
    old = list(source.turns.select_related("speaker").order_by("position"))
    pinned = (
        set(Commitment.objects.filter(turn__source=source).values_list("turn", flat=True))
        | set(StatusChange.objects.filter(evidence_turn__source=source).values_list("evidence_turn", flat=True))
        | set(EvidenceSuggestion.objects.filter(turn__source=source).values_list("turn", flat=True))
        | set(Restatement.objects.filter(turn__source=source).values_list("turn", flat=True))
    )
    unused = {}
    for turn in old:
        unused.setdefault((turn.speaker_id, turn.text), []).append(turn)
    matched = {}
    for turn in transcript.turns:
        same = unused.get((speakers[turn.speaker].pk, turn.text))
        if same:
            matched[turn.index] = same.pop(0)
    # A turn that holds only sentences quoted from this file (the seed story's) becomes the
    # file's turn at its position when that turn says them all.
    taken = {row.pk for row in matched.values()}
    by_position = {row.position: row for row in old if row.pk not in taken}
    for turn in transcript.turns:
        quoted = by_position.get(turn.index)
        if turn.index not in matched and quoted and quoted.speaker_id == speakers[turn.speaker].pk:
            said = " ".join(turn.text.split())
            if all(" ".join(p.split()) in said for p in quoted.text.split("\n\n")):
                unused[(quoted.speaker_id, quoted.text)].remove(quoted)
                quoted.text = turn.text
                quoted.save(update_fields=["text"])
                matched[turn.index] = quoted
    reused = {row.pk for row in matched.values()}
    kept = [row for row in old if row.pk not in reused and row.pk in pinned]
    source.turns.exclude(pk__in=reused | {row.pk for row in kept}).delete()
    # Park the remaining rows above every final position, so none collides while they move.
    parked = max([len(transcript.turns) + len(kept), *(row.position + 1 for row in old)])
    source.turns.update(position=F("position") + parked)

    shifts = {}
    rows, new_rows = [], []
    for turn in transcript.turns:
        row = matched.get(turn.index) or Turn(source=source, text=turn.text, speaker=speakers[turn.speaker])
        if row.pk is not None:
            shifts[row.pk] = turn.line_start - row.line_start
        row.position = turn.index
        row.section = turn.section
        row.line_start, row.line_end = turn.line_start, turn.line_end
        row.spoken_at = turn.spoken_at or ""
        (rows if row.pk is not None else new_rows).append(row)
    for number, row in enumerate(kept, start=len(transcript.turns)):
        row.position, row.line_start, row.line_end = number, 0, 0
        rows.append(row)
    Turn.objects.bulk_update(rows, ["position", "section", "line_start", "line_end", "spoken_at"], batch_size=500)
    Turn.objects.bulk_create(new_rows, batch_size=500)  # sets their ids (SQLite and PostgreSQL return them)
    for pk, shift in shifts.items():
        if shift:
            Commitment.objects.filter(source=source, turn=pk, line__isnull=False).update(line=F("line") + shift)
    # The file's turns, as written: the rows in hand (speakers loaded), not read back.
    return sorted((row for row in rows + new_rows if row.line_start > 0), key=lambda row: row.position)


def _drop_unused_turns(source: Source) -> None:
    """Delete the turns kept from an earlier version that nothing points at any more (a
    commitment found again in the file is linked to the file's turn)."""
    source.turns.filter(
        line_start=0,
        commitments__isnull=True,
        evidence_for__isnull=True,
        suggestions__isnull=True,
        restatements__isnull=True,
    ).delete()


def _roster_speaker(verdict: SpeakerVerdict, roster: dict[str, Speaker], project: Project) -> Speaker:
    """The roster's speaker a name in the file is (by name or alias), or a new one; a speaker the
    front matter proposes for the team is marked so for an admin to confirm, never made team."""
    speaker = roster.get(verdict.roster_name or verdict.name)
    if speaker is None:
        speaker, _ = Speaker.objects.get_or_create(name=fit(Speaker, "name", verdict.name), project=project)
    if verdict.status == PROPOSED and not speaker.team_confirmed and not speaker.team_proposed:
        speaker.team_proposed = True
        speaker.save(update_fields=["team_proposed"])
    return speaker


def link_conditions(commitments, source: Source) -> None:
    """Propose "waits for" links: a condition that names another commitment's subject
    ("after the mainnet launch") links to it; the admin reviews them with the proposal."""
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
    """Point each of the source's commitments that has a line but no turn at the turn of the
    file holding that line."""
    turns = list(source.turns.filter(line_start__gt=0).order_by("line_start").values_list("pk", "line_start", "line_end"))
    ends = [line_end for _, _, line_end in turns]  # a file's turns follow one another: their ends ascend too
    for commitment in source.commitments.filter(line__isnull=False, turn__isnull=True).only("pk", "line", "turn"):
        at = bisect.bisect_left(ends, commitment.line)  # the first turn ending on or after the line
        holder = turns[at][0] if at < len(turns) and turns[at][1] <= commitment.line else None
        if holder is not None and commitment.turn_id != holder:
            Commitment.objects.filter(pk=commitment.pk).update(turn=holder)


# A candidate said in a sentence suggested as one of these is that commitment said again.
RESTATING_KINDS = (EvidenceSuggestion.Kind.RESTATED, EvidenceSuggestion.Kind.POSTPONED, EvidenceSuggestion.Kind.DROPPED)


class SaidHere:
    """This source's promises so far, to find the one a candidate says again ("we will deliver
    the CDN by March", then "the CDN comes in March"): a repeat is kept as an "also said" quote.
    The reading is evidence's (OpenPromises.rank, as match_statements reads a later source), over
    an index kept up to date as promises are added, so a candidate costs only the promises
    sharing a title term with it."""

    def __init__(self, aired_on: datetime.date, project: ProjectWords):
        self.aired_on = aired_on
        self.promises = OpenPromises(project)
        self.members: dict[str, list[Commitment]] = {}  # by signature, in the order said

    def add(self, commitment: Commitment) -> None:
        key = commitment.match_terms or signature("", "", "")
        self.members.setdefault(key, []).append(commitment)
        self.promises.add(key)

    def repeated_by(self, candidate) -> Commitment | None:
        """The promise `candidate` says again, or None."""
        statement = Statement(candidate.turn_index, candidate.line, candidate.text)
        if not self.members or not self.promises.may_speak_of_any(statement):
            return None
        kind = kind_of(statement.sentence)
        if kind is None:
            return None
        ranked = self.promises.rank(statement, kind)
        return self.members[ranked[0][1]][0] if ranked else None


def question_before(turns, number: int) -> str:
    """The question a team turn answers: the questions of the turn before it (when someone else
    asked them: a host, or a teammate, as the moderator of a team call does) and the section's
    heading."""
    before = turns[number - 1] if number > 0 else None
    asked = ""
    if before is not None and before.speaker != turns[number].speaker:
        asked = " ".join(s for p in before.paragraphs for s in split_sentences(p) if s.rstrip().endswith("?"))
    return fit(EvidenceSuggestion, "matched_question", " ".join(part for part in (turns[number].section, asked) if part))


def suggest_evidence(source: Source, transcript, team: set[str], turns: dict, project: ProjectWords, result: ImportResult) -> set:
    """Suggest what the source's team sentences say of the open, public commitments made before
    it aired (delivered, partly, progress, restated, postponed, dropped). A suggestion already
    made, or already decided, is not made again. Returns the (turn index, sentence) pairs that
    speak of an open commitment, and counts the new suggestions in `result.suggested`."""
    statements = team_statements(
        (turn.index, turn.paragraphs, turn.paragraph_lines, question_before(transcript.turns, number))
        for number, turn in enumerate(transcript.turns)
        if turn.speaker in team
    )
    if not statements:
        return set()
    # Only this project's promises: a sentence of one project never speaks of another's.
    open_before = Commitment.objects.published().open().filter(
        source__project=source.project_id, source__aired_on__lt=source.aired_on
    )
    # Rows loaded from a fixture (saved raw) have no match terms yet: they get them once here.
    unprofiled = list(open_before.filter(match_terms="").select_related("topic").only("title", "quote", "condition", "topic__name"))
    for commitment in unprofiled:
        commitment.match_terms = signature(commitment.title, commitment.quote, commitment.condition, getattr(commitment.topic, "name", ""))
    Commitment.objects.bulk_update(unprofiled, ["match_terms"], batch_size=2000)
    # Tens of thousands of rows: read as plain tuples, grouped by what they are about (many
    # commitments share a profile), each source's air date read once.
    sql, params = open_before.values_list("pk", "match_terms", "source_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    aired = dict(Source.objects.filter(pk__in={row[2] for row in rows}).values_list("pk", "aired_on"))
    groups = {}
    for pk, match_terms, source_id in rows:
        groups.setdefault(match_terms, []).append((pk, aired[source_id]))
    suggestions = match_groups(statements, groups, source.aired_on, project)
    known = set(
        EvidenceSuggestion.objects.filter(turn__source=source).values_list("commitment_id", "ref")
    )
    rows = []
    for suggestion in suggestions:
        ref = import_ref_for(source.slug, suggestion.sentence)
        if (suggestion.commitment, ref) in known:
            continue
        known.add((suggestion.commitment, ref))
        rows.append(
            EvidenceSuggestion(
                commitment_id=suggestion.commitment,
                turn=turns[suggestion.turn],
                kind=suggestion.kind,
                sentence=suggestion.sentence,
                line=suggestion.line,
                matched_words=list(suggestion.matched),
                matched_question=fit(EvidenceSuggestion, "matched_question", suggestion.question),
                ref=ref,
                score=suggestion.score,
                happened_on=suggestion.happened_on,
                happened_precision=suggestion.happened_precision,
                happened_by_air_date=suggestion.happened_by_air_date,
                new_due_date=suggestion.new_due_date,
                new_due_precision=suggestion.new_due_precision,
                new_due_text=fit(EvidenceSuggestion, "new_due_text", suggestion.new_due_text),
                new_condition=fit(EvidenceSuggestion, "new_condition", suggestion.new_condition),
            )
        )
    EvidenceSuggestion.objects.bulk_create(rows)
    result.suggested += len(rows)
    return {(s.turn, s.sentence) for s in suggestions if s.kind in RESTATING_KINDS}


def _url_from(metadata: dict) -> str:
    for key in ("url", "link", "audio", "source"):
        value = metadata.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return fit(Source, "url", value)
    return ""


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def import_transcript_file(
    data: bytes, name: str, aired_on: datetime.date | None = None, dry_run: bool = False, replace: str = "",
    project: str = "", on_read=None,
) -> ImportResult:
    """Parse and import one file in one transaction. Raises transcripts.TranscriptError for a
    file that cannot be read or stored; with dry_run, everything is rolled back and the counts
    returned. `on_read(turns)`, when given, is called once the file's turns are read."""
    words = chosen_words(project)
    transcript = parse_transcript(data, name, aired_on=aired_on, project=words)
    if transcript.air_date_conflict and aired_on is None:
        transcript = parse_transcript(data, name, aired_on=confirmed_air_date(transcript, replace), project=words)
    if on_read is not None:
        on_read(len(transcript.turns))
    with transaction.atomic():
        result = import_transcript(transcript, replace=replace, project=project)
        if dry_run:
            transaction.set_rollback(True)
    return result


def chosen_words(chosen: str = "") -> ProjectWords:
    """The words of the project a file is read for before it is filed (project_for): the one
    chosen, else the first; the file's own `project:` is added as it is parsed."""
    found = Project.objects.named(chosen) if chosen else None
    found = found or Project.objects.order_by("id").first()
    return found.words() if found is not None else ProjectWords.from_settings(settings)


def confirmed_air_date(transcript, replace: str = "") -> datetime.date:
    """The air date of a file whose title and description disagree: the one already stored for it
    (an admin confirmed it on an earlier import or edited it since), in the source it is the same
    file as or replaces. A new file is refused until an admin chooses, with --aired-on or the
    upload's Air date."""
    title_date, description_date = transcript.air_date_conflict
    source = _source_to_update(transcript, replace) or (None if replace else _earlier_version(transcript))
    if source is not None:
        return source.aired_on
    raise TranscriptError(
        f"{transcript.name}: the title says it aired on {title_date:%Y-%m-%d} but the description says "
        f"{description_date:%Y-%m-%d}; import it again with --aired-on {title_date:%Y-%m-%d} (or "
        f"{description_date:%Y-%m-%d}), or choose the Air date in the admin upload"
    )


def import_files(
    files, aired_on: datetime.date | None = None, dry_run: bool = False, replace: str = "", project: str = "",
    on_read=None,
):
    """Import each file (a path, or an uploaded file with a name, a size and read()) in its own
    transaction, yielding a FileImport per file: a file that fails writes nothing, its error
    says why, and the others go on. `replace` (one file only) names the source it replaces.
    `on_read(name, turns)`, when given, is called as each file's turns are read, before it is stored."""
    for file in files:
        name = _file_name(file)
        try:
            result = import_transcript_file(
                read_bytes(file, name), name, aired_on=aired_on, dry_run=dry_run, replace=replace, project=project,
                on_read=None if on_read is None else functools.partial(on_read, name),
            )
        except TranscriptError as error:
            yield FileImport(name, error=str(error))
        except DatabaseError as error:
            # Every bounded value is checked before writing; this is the last line of defence.
            logger.exception("Importing %s failed in the database", name)
            first = " ".join(str(error).split("\n")[0].split())[:200]
            yield FileImport(name, error=f"{name}: the database refused it ({first}); nothing of it was written")
        else:
            yield FileImport(name, result=result)


def queue_import(uploads, by=None, aired_on: datetime.date | None = None, replace: str = "", project: str = "") -> ImportJob:
    """Keep uploaded files (each refused with TranscriptError when over the size limit, before
    anything is kept) in a new job for the worker (commitments/tasks.py) to import."""
    files, refused = [], []
    for upload in uploads:
        name = _file_name(upload)
        try:
            files.append((name, read_bytes(upload, name)))
        except TranscriptError as error:
            refused.append(str(error))
    if not files:
        raise TranscriptError("; ".join(refused))
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=by, file_names=[name for name, _ in files], aired_on=aired_on, replace=replace, project=project,
            error="\n".join(f"Not imported: file {message}" for message in refused),
        )
        ImportJobFile.objects.bulk_create(ImportJobFile(job=job, name=name, data=data) for name, data in files)
    return job


def run_import_job(job_id: int) -> ImportJob:
    """Import a job's files, each in its own transaction, recording the files done, the turns
    read and a line per file as it goes; the job is failed, saying why, when a file is."""
    record = ImportJob.objects.filter(pk=job_id)
    job = record.get()
    if not record.filter(status=ImportJob.Status.QUEUED).update(status=ImportJob.Status.RUNNING):
        return job  # taken already (a task delivered twice, or two workers)
    turns, lines, errors, sources, current = 0, [], job.error.splitlines(), [], ""

    def read(name, count):
        nonlocal turns, current
        turns, current = turns + count, name
        record.update(turns_read=turns)

    files = [ContentFile(bytes(row.data), name=row.name) for row in job.files.all()]
    outcomes = import_files(files, aired_on=job.aired_on, replace=job.replace, project=job.project, on_read=read)
    try:
        for number, outcome in enumerate(outcomes, start=1):
            if outcome.error:
                errors.append(f"Not imported: file {outcome.error}")
            else:
                # "File" first, as the upload's messages said it.
                lines.append("File " + describe_import(outcome.result))
                result = outcome.result
                sources.append({"source": result.source.pk, "proposed": result.proposed, "suggested": result.suggested})
            record.update(files_done=number, result="\n".join(lines), error="\n".join(errors), sources=sources)
    except Exception as error:  # recorded for the admin, then raised for the worker's log
        errors.append(f"The import stopped at {current or 'a file'}, which was rolled back: {error}")
        _finish(record, lines, errors)
        raise
    _finish(record, lines, errors)
    job.refresh_from_db()
    return job


def _finish(record, lines: list[str], errors: list[str]) -> None:
    record.update(
        status=ImportJob.Status.FAILED if errors else ImportJob.Status.DONE, result="\n".join(lines),
        error="\n".join(errors), finished_at=timezone.now(),
    )
    ImportJobFile.objects.filter(job__in=record).update(data=b"")


def _file_name(file) -> str:
    return Path(file).name if isinstance(file, (str, os.PathLike)) else os.path.basename(file.name)


def describe_import(result: ImportResult, dry_run: bool = False) -> str:
    """One line for a person: what importing a file did."""
    source = result.source
    if result.unchanged:
        what = f"unchanged (the same file and checksum as source {source.slug})"
    else:
        what = "created" if result.created else "updated"
        what += f": {result.turns} turn(s), {result.proposed} commitment(s) proposed"
        if result.kept:
            what += f", {result.kept} already known"
        if result.restated:
            what += f", {result.restated} restating an open commitment"
        if result.also_said:
            what += f", {result.also_said} said again (kept as “also said”)"
        if result.suggested:
            what += f", {result.suggested} suggestion(s) about open commitments (deliveries, progress, restatements, postponements)"
        what += f"; {result.unassigned} paragraph(s) given to no speaker"
    prefix = "would be " if dry_run and not result.unchanged else ""
    line = f"{source.file_name or source.slug}: {prefix}{what} — “{source.title}”, aired {source.aired_on:%Y-%m-%d}"
    taken = result.slug_taken_by
    if result.replace_implied and not result.unchanged:
        line += (
            f"; a new version of {source.file_name}, imported before as source {source.slug}: "
            f"it replaces that source (as with replace {source.slug})"
        )
    elif result.replaced and not result.unchanged:
        line += f"; it replaces source {source.slug}"
    elif taken is not None:
        line += (
            f"; a new source, {source.slug}: {taken.slug} is another file's ({taken.file_name or taken.title}); "
            f"to update that source instead, import with replace {taken.slug}"
        )
    elif result.created:
        line += f"; source {source.slug}"
    if result.speakers:
        line += f"; speakers: {describe_speakers(result.speakers)}"
    if result.warnings:
        line += f" ({len(result.warnings)} warning(s): {'; '.join(result.warnings)})"
    return line

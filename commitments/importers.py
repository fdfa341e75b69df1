"""The import pipeline: transcript files in, sources, speakers, turns, proposed commitments and
evidence suggestions out. The `import_transcript` command, the admin upload and the `seed`
command call these; each returns a result that says what it did."""

import datetime
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import serializers
from anyascii import anyascii
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q

from .reading.evidence import (
    Statement,
    Subject,
    condition_terms,
    match_condition,
    match_groups,
    match_statements,
    signature,
    team_statements,
    terms,
)
from .reading.extraction import propose_commitments, split_sentences
from .models import Commitment, EvidenceSuggestion, Project, Restatement, Source, Speaker, StatusChange, Topic, Turn, unique_slug
from .reading.roster import PROPOSED, SpeakerVerdict, describe_speakers, reading_speakers, team_silence, team_verdicts
from .services import add_restatement
from .story import link_restatement_turns, load_story
from .reading.text import ProjectWords
from .reading.topics import TOPICS_BY_SLUG
from .reading.transcripts import TranscriptError, parse_transcript, read_bytes, read_transcript

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_TRANSCRIPT = FIXTURES / "stratos-ama-twitter-spaces-03-08-2023.md"
SEED_COMMITMENTS = FIXTURES / "seed_commitments.json"
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
    return _slug(stem) or _slug(title) or "source"


def _slug(text: str) -> str:
    latin = re.sub(r"['’`]", "", anyascii(text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-")[: SOURCE_SLUG_LENGTH - 4].strip("-")


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
    result.speakers = team_verdicts(transcript, tuple(s.roster_entry() for s in roster.values()))
    silence = team_silence(result.speakers)
    if silence and team_speakers is None:
        result.warnings.insert(0, silence)
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

    team = team_speakers if team_speakers is not None else reading_speakers(result.speakers)
    speakers = {verdict.name: _roster_speaker(verdict, roster, owner) for verdict in result.speakers}

    turns = _rebuild_turns(source, transcript, speakers)

    existing = {row.import_ref: row for row in Commitment.objects.filter(source=source).select_related("source")}
    # Quotes an earlier version of this source recorded as restatements ("also said"): not new.
    restated_here = {" ".join(quote.split()) for quote in Restatement.objects.filter(source=source).values_list("quote", flat=True)}
    candidates = (
        propose_commitments(transcript, team_speakers=team, project=owner.words(), horizons=settings.VAGUE_DUE_HORIZONS)
        if propose
        else []
    )
    turns_by_index = {row.position: row for row in turns}
    project = owner.words().with_front_matter(transcript.metadata)
    suggested_sentences = suggest_evidence(source, transcript, team, turns_by_index, project, result)
    new_commitments = []
    said_here = []  # this source's promises so far, to find one said again
    for candidate in candidates:
        ref = import_ref_for(slug, candidate.text)
        if ref not in existing and " ".join(candidate.text.split()) in restated_here:
            result.kept += 1
            continue
        if ref not in existing and (candidate.turn_index, candidate.text) in suggested_sentences:
            # It restates (or postpones) an open commitment: proposed as that, not as a new one.
            result.restated += 1
            continue
        repeated = said_again(candidate, said_here, source, project) if ref not in existing else None
        if repeated is not None:
            add_restatement(
                repeated, candidate.text, source, speakers[candidate.speaker],
                turn=turns_by_index.get(candidate.turn_index), line=candidate.line, also_said=True,
            )
            result.also_said += 1
            continue
        if ref in existing:
            Commitment.objects.filter(pk=existing[ref].pk).update(turn=None, line=candidate.line)
            said_here.append(existing[ref])
            result.kept += 1
            continue
        commitment = Commitment.objects.create(
            slug=unique_slug(Commitment, candidate.title or title_for(candidate.text), max_length=60),
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
        said_here.append(commitment)
        result.proposed += 1
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
    old = list(source.turns.order_by("position"))
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
    Turn.objects.bulk_create(new_rows, batch_size=500)
    for pk, shift in shifts.items():
        if shift:
            Commitment.objects.filter(source=source, turn=pk, line__isnull=False).update(line=F("line") + shift)
    return list(source.turns.filter(line_start__gt=0).select_related("speaker").order_by("position"))


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
        speaker, _ = Speaker.objects.get_or_create(name=verdict.name[:100], project=project)
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
    turns = list(source.turns.filter(line_start__gt=0).order_by("line_start"))
    for commitment in source.commitments.filter(line__isnull=False, turn__isnull=True):
        holder = next(
            (t for t in turns if t.line_start <= commitment.line <= t.line_end), None
        )
        if holder is not None and commitment.turn_id != holder.pk:
            Commitment.objects.filter(pk=commitment.pk).update(turn=holder)


# A candidate said in a sentence suggested as one of these is that commitment said again.
RESTATING_KINDS = (EvidenceSuggestion.Kind.RESTATED, EvidenceSuggestion.Kind.POSTPONED, EvidenceSuggestion.Kind.DROPPED)


def said_again(candidate, said_here: list[Commitment], source: Source, project: ProjectWords) -> Commitment | None:
    """The promise of this source that `candidate` says again ("we will deliver the CDN by
    March", then "the CDN comes in March"), or None: a repeat is kept as an "also said" quote."""
    if not said_here:
        return None
    statement = Statement(candidate.turn_index, candidate.line, candidate.text)
    subjects = [Subject(c.pk, signature=c.match_terms) for c in said_here]
    found = match_statements([statement], subjects, source.aired_on, project)
    best = max(found, key=lambda s: s.score, default=None)
    return next((c for c in said_here if best is not None and c.pk == best.commitment), None)


def question_before(turns, number: int, team: set[str]) -> str:
    """The question a team turn answers: the questions of the turn before it (when someone else
    asked them) and the section's heading."""
    before = turns[number - 1] if number > 0 else None
    asked = ""
    if before is not None and before.speaker not in team:
        asked = " ".join(s for p in before.paragraphs for s in split_sentences(p) if s.rstrip().endswith("?"))
    return " ".join(part for part in (turns[number].section, asked) if part)[:300]


def suggest_evidence(source: Source, transcript, team: set[str], turns: dict, project: ProjectWords, result: ImportResult) -> set:
    """Suggest what the source's team sentences say of the open, public commitments made before
    it aired (delivered, partly, progress, restated, postponed, dropped). A suggestion already
    made, or already decided, is not made again. Returns the (turn index, sentence) pairs that
    speak of an open commitment, and counts the new suggestions in `result.suggested`."""
    statements = team_statements(
        (turn.index, turn.paragraphs, turn.paragraph_lines, question_before(transcript.turns, number, team))
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
    unprofiled = list(open_before.filter(match_terms="").only("title", "quote", "condition"))
    for commitment in unprofiled:
        commitment.match_terms = signature(commitment.title, commitment.quote, commitment.condition)
    Commitment.objects.bulk_update(unprofiled, ["match_terms"], batch_size=2000)
    # Tens of thousands of rows: read as plain tuples, grouped by what they are about (many
    # commitments share a profile), each source's air date read once.
    sql, params = open_before.values_list("pk", "match_terms", "source_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    aired = dict(Source.objects.filter(pk__in={row[2] for row in rows}).values_list("pk", "aired_on"))
    groups = {}
    for pk, terms, source_id in rows:
        groups.setdefault(terms, []).append((pk, aired[source_id]))
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
                matched_question=suggestion.question[:300],
                ref=ref,
                score=suggestion.score,
                happened_on=suggestion.happened_on,
                happened_precision=suggestion.happened_precision,
                happened_by_air_date=suggestion.happened_by_air_date,
                new_due_date=suggestion.new_due_date,
                new_due_precision=suggestion.new_due_precision,
                new_due_text=suggestion.new_due_text[:200],
                new_condition=suggestion.new_condition[:300],
            )
        )
    EvidenceSuggestion.objects.bulk_create(rows)
    result.suggested += len(rows)
    return {(s.turn, s.sentence) for s in suggestions if s.kind in RESTATING_KINDS}


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


def import_transcript_file(
    data: bytes, name: str, aired_on: datetime.date | None = None, dry_run: bool = False, replace: str = "",
    project: str = "",
) -> ImportResult:
    """Parse and import one file in one transaction. Raises transcripts.TranscriptError for a
    file that cannot be read or stored; with dry_run, everything is rolled back and the counts
    returned."""
    transcript = parse_transcript(data, name, aired_on=aired_on)
    if transcript.air_date_conflict and aired_on is None:
        transcript = parse_transcript(data, name, aired_on=confirmed_air_date(transcript, replace))
    with transaction.atomic():
        result = import_transcript(transcript, replace=replace, project=project)
        if dry_run:
            transaction.set_rollback(True)
    return result


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
    files, aired_on: datetime.date | None = None, dry_run: bool = False, replace: str = "", project: str = ""
):
    """Import each file (a path, or an uploaded file with a name, a size and read()) in its own
    transaction, yielding a FileImport per file: a file that fails writes nothing, its error
    says why, and the others go on. `replace` (one file only) names the source it replaces."""
    for file in files:
        name = _file_name(file)
        try:
            result = import_transcript_file(
                read_bytes(file, name), name, aired_on=aired_on, dry_run=dry_run, replace=replace, project=project
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


# --- The seed ------------------------------------------------------------------------------


@transaction.atomic
def load_seed(story: bool = True) -> dict[str, int]:
    """Load the seed transcript and fixture, adding only objects whose natural key is new, so
    running it again changes nothing and statuses set by admins are kept. Objects are saved as
    they are read, so later ones can refer to earlier ones. With `story`, the later story
    (story.load_story) follows: verdicts and restatements as of February 2024."""
    added = {"topics": 0, "speakers": 0, "commitments": 0, "also said": 0}
    # Topics and speakers first, so the transcript import finds the curated speakers.
    _load_fixture({Topic: "topics", Speaker: "speakers"}, added)
    Speaker.objects.filter(project__isnull=True).update(project=Project.objects.first_or_from_settings())
    seed_slug = source_slug_for(SEED_TRANSCRIPT.name)
    replace = seed_slug if Source.objects.filter(slug=seed_slug).exists() else ""
    result = import_transcript(read_transcript(SEED_TRANSCRIPT), propose=False, replace=replace)
    _load_fixture({Commitment: "commitments", Restatement: "also said"}, added)
    link_turns_by_line(result.source)
    link_restatement_turns(result.source)
    if story:
        added.update(load_story())
    return added


def _load_fixture(models: dict, added: dict) -> None:
    deferred = []
    fixture = SEED_COMMITMENTS.read_text(encoding="utf-8")
    for wrapped in serializers.deserialize("json", fixture, handle_forward_references=True):
        model = type(wrapped.object)
        if model in models and wrapped.object.pk is None:
            wrapped.save()
            added[models[model]] += 1
            if wrapped.deferred_fields:
                deferred.append(wrapped)
    for wrapped in deferred:
        wrapped.save_deferred_fields()

"""A promise said again within one file: importers.SaidHere, kept up to date as promises are
added, reads a candidate exactly as evidence.match_statements over the promises so far would."""

import datetime

from django.conf import settings

from commitments.importers import SaidHere
from commitments.models import Commitment
from commitments.reading.evidence import Statement, Subject, match_statements, signature
from commitments.reading.extraction import propose_commitments
from commitments.reading.text import ProjectWords
from commitments.reading.transcripts import read_transcript
from tests.factories import SEED_FILE

AIRED = datetime.date(2023, 8, 3)


def repeated_by_match_statements(candidate, promises, project):
    """The reading SaidHere keeps in step with: every promise so far, profiled afresh."""
    statement = Statement(candidate.turn_index, candidate.line, candidate.text)
    subjects = [Subject(c.pk, signature=c.match_terms) for c in promises]
    found = match_statements([statement], subjects, AIRED, project)
    best = max(found, key=lambda s: s.score, default=None)
    return next((c for c in promises if best is not None and c.pk == best.commitment), None)


def test_said_here_finds_the_same_repeats_as_matching_every_promise_afresh():
    project = ProjectWords.from_settings(settings)
    candidates = propose_commitments(read_transcript(SEED_FILE), project=project, horizons=settings.VAGUE_DUE_HORIZONS)
    # The seed's candidates twice over, the second time as new promises too: repeats and near-repeats.
    said_here, promises, repeats = SaidHere(AIRED, project), [], 0
    for number, candidate in enumerate(candidates + candidates):
        expected = repeated_by_match_statements(candidate, promises, project) if promises else None
        found = said_here.repeated_by(candidate)
        assert found is expected, candidate.text
        if found is None or number % 3 == 0:
            promise = Commitment(pk=number + 1, match_terms=signature(candidate.title or candidate.text, candidate.text, candidate.condition or ""))
            said_here.add(promise)
            promises.append(promise)
        repeats += found is not None
    assert repeats >= len(candidates) // 2  # the second pass is mostly repeats

"""The models' choices come from the readers' constants, and every status has one line of
meaning on the About page and one colour in the charts: no more, no fewer."""

from commitments import charts, methodology
from commitments.models import Commitment, EvidenceSuggestion
from commitments.reading import evidence, extraction


def test_suggestion_kinds_are_the_evidence_readers_kinds():
    assert set(EvidenceSuggestion.Kind.values) == set(evidence.Kind.ALL)


def test_strengths_are_the_extraction_readers_strengths():
    assert set(Commitment.Strength.values) == {extraction.FIRM, extraction.SOFT}


def test_every_status_has_one_meaning_and_no_stale_key():
    assert set(methodology.STATUS_MEANINGS) == set(Commitment.Status.values)


def test_every_status_has_its_chart_colour():
    assert set(charts.STATUS_COLOURS) == set(Commitment.Status.values)

"""The models' choices come from the readers' constants, and every status has one line of
meaning on the About page and one colour in the charts: no more, no fewer."""

import pytest

from commitments import charts, methodology
from commitments.models import Commitment, EvidenceSuggestion
from commitments.reading import evidence, extraction
from tests.factories import need_shared


def test_suggestion_kinds_are_the_evidence_readers_kinds():
    assert set(EvidenceSuggestion.Kind.values) == set(evidence.Kind.ALL)


def test_strengths_are_the_extraction_readers_strengths():
    assert set(Commitment.Strength.values) == {extraction.FIRM, extraction.SOFT}


def test_every_status_has_one_meaning_and_no_stale_key():
    assert set(methodology.STATUS_MEANINGS) == set(Commitment.Status.values)


def test_every_status_has_its_chart_colour():
    assert set(charts.STATUS_COLOURS) == set(Commitment.Status.values)


def test_missing_shared_files_skip_a_test_locally_and_fail_it_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        need_shared(False, "../shared/corpus")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        need_shared(False, "../shared/corpus")
    need_shared(True, "../shared/corpus")  # present: neither


def test_the_seed_fixture_files_commitments_under_the_readers_topics():
    import json

    from commitments.reading.topics import TOPICS
    from commitments.seed import SEED_COMMITMENTS

    rows = json.loads(SEED_COMMITMENTS.read_text(encoding="utf-8"))
    seeded = [(row["fields"]["slug"], row["fields"]["name"]) for row in rows if row["model"] == "commitments.topic"]
    assert seeded == [(topic.slug, topic.name) for topic in TOPICS]

"""The Done-when measure of issue 11: seed, import the later corpus in air-date order, and score
the pending suggestions against the hand-made answer key (../shared/labels/stratos-story.json).
The same figures: `.venv/bin/python bench/story.py`."""

import io
import json

import pytest
from django.core.management import call_command

from bench.story import import_story, report, score
from tests.factories import CORPUS, need_shared

STORY = CORPUS.parent / "labels" / "stratos-story.json"


@pytest.mark.django_db
def test_suggestions_tell_the_story_of_the_seed_promises():
    need_shared(STORY.is_file() and CORPUS.is_dir(), f"{STORY} or {CORPUS}")
    imported = import_story(CORPUS)
    out = io.StringIO()
    call_command("list_suggestions", "--format", "json", stdout=out)

    figures = score(json.loads(out.getvalue()), json.loads(STORY.read_text(encoding="utf-8")))
    print(f"\nStory score over {len(imported)} later files:\n{report(figures)}")

    assert figures["delivered"]["of"] == 5 and figures["delivered"]["found"] >= 4
    assert figures["restated"]["of"] == 7 and figures["restated"]["found"] >= 5
    assert figures["postponed"]["of"] == 4 and figures["postponed"]["found"] >= 3
    assert len(figures["false_status"]) <= 2


def test_a_suggestion_on_a_labelled_sentence_of_the_right_kind_counts_and_a_false_status_does_not():
    story = {
        "duplicates": [["a", "a-again"]],
        "commitments": {
            "a": {"verdict": "delivered", "mentions": [
                {"file": "x.md", "kind": "delivered", "anchor": "Our mainnet was launched in September."}]},
            "a-again": {"verdict": "delivered", "mentions": [
                {"file": "x.md", "kind": "delivered", "anchor": "Our mainnet was launched in September."}]},
            "b": {"verdict": "unknown", "mentions": []},
        },
    }
    rows = [
        {"commitment": "a-again", "kind": "delivered", "source": "x.md", "line": 3,
         "text": "So, our mainnet was launched in September.", "score": 5},
        {"commitment": "b", "kind": "delivered", "source": "x.md", "line": 9, "text": "Tokens unlocked.", "score": 3},
        {"commitment": "b", "kind": "restated", "source": "x.md", "line": 9, "text": "We will unlock.", "score": 3},
    ]

    figures = score(rows, story)

    assert (figures["delivered"]["of"], figures["delivered"]["found"]) == (1, 1)  # one promise said twice
    assert [s["line"] for s in figures["false_status"]] == [9]
    assert figures["false_status"][0]["kind"] == "delivered"
    assert figures["labelled"] == 1

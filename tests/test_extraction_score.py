"""Extraction measured against the hand labels in ../shared/labels (the same measure as
`make score`): floors that a change to the rules must not break."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import need_shared

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "tools" / "score_extraction.py"
FIRM_RECALL_FLOOR = 0.85
PRECISION_FLOOR = 0.60


@pytest.fixture(scope="module")
def total(tmp_path_factory):
    need_shared(SCORER.is_file() and (SHARED / "labels").is_dir(), SHARED)
    out = tmp_path_factory.mktemp("candidates")
    subprocess.run([sys.executable, str(REPO / "bench" / "candidates.py"), "--labelled", "--out", str(out)],
                   check=True, capture_output=True)
    printed = subprocess.run(
        [sys.executable, str(SCORER), str(SHARED / "labels"), *sorted(map(str, out.glob("*.json")))],
        check=True, capture_output=True, text=True,
    ).stdout
    print(printed)
    line = printed.strip().splitlines()[-1]
    assert line.startswith("TOTAL:"), printed
    return line


def ratio(line: str, name: str) -> float:
    hits, count = line.split(f"{name} ")[1].split("=")[0].split("/")
    return int(hits) / int(count)


def test_recall_of_firm_commitments_stays_above_the_floor(total):
    assert ratio(total, "recall(firm)") >= FIRM_RECALL_FLOOR, total


def test_precision_stays_above_the_floor(total):
    assert ratio(total, "precision") >= PRECISION_FLOOR, total


def test_every_labelled_transcript_yields_candidates(tmp_path):
    need_shared((SHARED / "labels").is_dir(), SHARED / "labels")
    names = set()
    for path in (SHARED / "labels").glob("*labels*.json"):
        names |= set(json.loads(path.read_text())["transcripts"])
    subprocess.run([sys.executable, str(REPO / "bench" / "candidates.py"), "--labelled", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    empty = [name for name in names if not json.loads((tmp_path / f"{name}.json").read_text())]
    assert empty == []

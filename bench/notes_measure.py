"""Import meeting notes of another project (files without front matter) and measure the reading
and the extraction: per file, the share of paragraphs read as turns of a named speaker, the air
date read from the file, and the candidates written as `<file>.json` for
../shared/tools/score_extraction.py. Pure Python: no database. The files and their labels stay
outside the repository.

    .venv/bin/python bench/notes_measure.py --project "Name" --ticker TKR --out /tmp/out notes/*.md
    python3 ../shared/tools/score_extraction.py LABELS_DIR /tmp/out/*.json
"""

import argparse
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from django.conf import settings  # noqa: E402

from commitments.reading.extraction import propose_commitments  # noqa: E402
from commitments.reading.text import ProjectWords  # noqa: E402
from commitments.reading.transcripts import parse_transcript  # noqa: E402


def measure(path: Path, project: ProjectWords, out: Path) -> str:
    transcript = parse_transcript(path.read_bytes(), path.name, project=project)
    assigned = sum(len(turn.paragraphs) for turn in transcript.turns)
    total = assigned + transcript.unassigned
    found = propose_commitments(transcript, project=project, horizons=settings.VAGUE_DUE_HORIZONS)
    rows = [candidate.as_dict(transcript.name, transcript.aired_on) for candidate in found]
    (out / f"{path.name}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    share = assigned / total if total else 0.0
    return (f"{path.name}: aired {transcript.aired_on}, {assigned}/{total} paragraphs as turns ({share:.0%}), "
            f"{len(rows)} candidates, speakers {', '.join(transcript.speakers)}"
            + (f", warnings: {'; '.join(transcript.warnings)}" if transcript.warnings else ""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--project", action="append", default=[], help="the project's name (repeatable)")
    parser.add_argument("--ticker", action="append", default=[], help="the project's token ticker (repeatable)")
    parser.add_argument("--out", type=Path, required=True, help="folder for the <file>.json candidates")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    project = ProjectWords(tuple(args.project), tuple(args.ticker))
    for path in args.files:
        print(measure(path, project, args.out))


if __name__ == "__main__":
    main()

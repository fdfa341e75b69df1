"""The candidates the extractor proposes for the seed and ../shared/corpus, written as
`extract_commitments --format json` writes them (one `<transcript>.json` per file), or compared
with such a folder written earlier. Pure Python: no database.

    .venv/bin/python bench/candidates.py --out DIR            # write DIR/<file>.md.json
    .venv/bin/python bench/candidates.py --compare DIR        # exit 1 when any file differs
    .venv/bin/python bench/candidates.py --labelled --out DIR # only the files ../shared/labels scores
"""

import argparse
import os
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from django.conf import settings  # noqa: E402

from commitments.reading.extraction import propose_commitments  # noqa: E402
from commitments.reading.text import ProjectWords  # noqa: E402
from commitments.reading.transcripts import parse_transcript  # noqa: E402

SHARED = REPO.parent / "shared"
PROJECT = ProjectWords.from_settings(settings)
SEED = REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"


def transcript_files(labelled_only: bool = False) -> list[Path]:
    found = [SEED] + sorted((SHARED / "corpus").glob("*.md"))
    if labelled_only:
        names = labelled_names()
        found = [path for path in found if path.name in names]
    return found


def labelled_names() -> set[str]:
    names = set()
    for path in sorted((SHARED / "labels").glob("*labels*.json")):
        names |= set(json.loads(path.read_text())["transcripts"])
    return names


def candidates(path: Path, project: ProjectWords = PROJECT) -> list[dict]:
    transcript = parse_transcript(path.read_bytes(), path.name, project=project)
    found = propose_commitments(transcript, project=project, horizons=settings.VAGUE_DUE_HORIZONS)
    return [c.as_dict(transcript.name, transcript.aired_on) for c in found]


def write(folder: Path, paths: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        rows = candidates(path)
        (folder / f"{path.name}.json").write_text(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        print(f"{path.name}: {len(rows)} candidate(s)")


def compare(folder: Path, paths: list[Path]) -> int:
    differing = 0
    for path in paths:
        before = json.loads((folder / f"{path.name}.json").read_text())
        now = candidates(path)
        if before == now:
            print(f"{path.name}: identical ({len(now)} candidates)")
            continue
        differing += 1
        gone = [row for row in before if row not in now]
        new = [row for row in now if row not in before]
        print(f"{path.name}: DIFFERS ({len(before)} before, {len(now)} now)")
        for row in gone:
            print(f"  - line {row['line']}: {row['text'][:100]}")
        for row in new:
            print(f"  + line {row['line']}: {row['text'][:100]}")
    return differing


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--labelled", action="store_true", help="only the transcripts ../shared/labels has labels for")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED / 'corpus'} not found: the corpus lives beside the repository in ../shared")
    paths = transcript_files(args.labelled)
    if args.out:
        write(args.out, paths)
    if args.compare:
        sys.exit(1 if compare(args.compare, paths) else 0)


if __name__ == "__main__":
    main()

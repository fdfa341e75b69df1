"""Every title the extractor proposes, per transcript, beside the start of its quote, so a reader can
judge whether each is a short imperative they would publish as is. Pure Python: no database.

    .venv/bin/python bench/titles.py              # the seed and every ../shared/corpus file
    .venv/bin/python bench/titles.py --labelled   # only the files ../shared/labels scores
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from candidates import candidates, transcript_files  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labelled", action="store_true", help="only the labelled transcripts")
    parser.add_argument("files", nargs="*", help="transcripts to read instead of the default set")
    args = parser.parse_args()
    paths = [Path(name) for name in args.files] or transcript_files(labelled_only=args.labelled)
    for path in paths:
        rows = candidates(path)
        print(f"== {path.name}: {len(rows)} proposal(s)")
        for row in rows:
            quote = " ".join(row["text"].split())
            print(f"  {row['title']!r:60}  <- {quote[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

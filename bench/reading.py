"""How long parsing and proposing take, per transcript, for the seed and ../shared/corpus.
Pure Python: no database.

    .venv/bin/python bench/reading.py [--repeat 5]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from commitments.extraction import propose_commitments  # noqa: E402
from commitments.transcripts import parse_transcript  # noqa: E402


def files() -> list[Path]:
    corpus = REPO.parent / "shared" / "corpus"
    found = [REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"]
    if corpus.is_dir():
        found += sorted(corpus.glob("*.md"))
    else:
        print(f"{corpus} not found: measuring the seed only")
    return found


def median_ms(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def run(repeat: int = 5) -> list[dict]:
    rows = []
    for path in files():
        data = path.read_bytes()
        parse_ms, transcript = median_ms(lambda: parse_transcript(data, path.name), repeat)
        propose_ms, candidates = median_ms(lambda: propose_commitments(transcript), repeat)
        rows.append(
            {"file": path.name, "bytes": len(data), "turns": len(transcript.turns), "candidates": len(candidates),
             "parse_ms": parse_ms, "propose_ms": propose_ms}
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    rows = run(parser.parse_args().repeat)
    print(f"{'file':<44}{'KB':>7}{'turns':>7}{'cands':>7}{'parse ms':>10}{'propose ms':>12}")
    for row in rows:
        print(f"{row['file']:<44}{row['bytes'] / 1024:>7.1f}{row['turns']:>7}{row['candidates']:>7}"
              f"{row['parse_ms']:>10.1f}{row['propose_ms']:>12.1f}")
    size = sum(r["bytes"] for r in rows) / 2**20
    seconds = sum(r["parse_ms"] + r["propose_ms"] for r in rows) / 1000
    print(f"{'all ' + str(len(rows)) + ' files':<44}{size * 1024:>7.1f}{sum(r['turns'] for r in rows):>7}"
          f"{sum(r['candidates'] for r in rows):>7}{sum(r['parse_ms'] for r in rows):>10.1f}"
          f"{sum(r['propose_ms'] for r in rows):>12.1f}")
    print(f"\n{size / seconds:.2f} MB/s parsed and proposed")


if __name__ == "__main__":
    main()

"""How long parsing and proposing take, per transcript, for the seed and ../shared/corpus.
Pure Python: no database.

    .venv/bin/python bench/reading.py [--repeat 5]
"""

import argparse
import re
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

from django.conf import settings  # noqa: E402

from commitments.reading.extraction import propose_commitments  # noqa: E402
from commitments.reading.text import ProjectWords  # noqa: E402
from commitments.reading.transcripts import parse_transcript  # noqa: E402


PROJECT = ProjectWords.from_settings(settings)


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
        propose_ms, candidates = median_ms(lambda: propose_commitments(transcript, project=PROJECT, horizons=settings.VAGUE_DUE_HORIZONS), repeat)
        rows.append(
            {"file": path.name, "bytes": len(data), "turns": len(transcript.turns), "candidates": len(candidates),
             "parse_ms": parse_ms, "propose_ms": propose_ms}
        )
    return rows


def one_long_paragraph(size: int = 2 * 1024 * 1024 - 4096) -> bytes:
    """A transcript whose team speaker says one paragraph of `size` bytes: the seed's sentences,
    again and again with no blank line, each copy's sentences numbered so that no two are the
    same (the reader may not save work on repeats). Reading must stay linear in a paragraph's length."""
    seed = (REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md").read_text()
    sentences = " ".join(line.strip() for line in seed.split("\n") if line.strip() and not line.startswith(("<", "#", "-")))
    copies = []
    for number in range(size // (len(sentences) + 1) + 1):
        copies.append(re.sub(r"([.!?])(?=\s|$)", rf" {number}\1", sentences))
    body = " ".join(copies)
    head = "---\ntitle: One long paragraph\ndescription: AMA with Bin, aired on August 3, 2023.\n---\n\n<bin>Bin</bin>\n\n"
    return (head + body).encode()[:size]


def long_paragraph_row() -> dict:
    data = one_long_paragraph()
    cpu = time.process_time()
    started = time.perf_counter()
    transcript = parse_transcript(data, "one-long-paragraph.md")
    parsed = time.perf_counter()
    candidates = propose_commitments(transcript, project=PROJECT, horizons=settings.VAGUE_DUE_HORIZONS)
    done = time.perf_counter()
    return {"file": "(generated) one 2 MB paragraph", "cpu_s": time.process_time() - cpu, "bytes": len(data), "turns": len(transcript.turns),
            "candidates": len(candidates), "parse_ms": (parsed - started) * 1000, "propose_ms": (done - parsed) * 1000}


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
    row = long_paragraph_row()
    print(f"\n{row['file']:<44}{row['bytes'] / 1024:>7.1f}{row['turns']:>7}{row['candidates']:>7}"
          f"{row['parse_ms']:>10.1f}{row['propose_ms']:>12.1f}")
    seconds = (row["parse_ms"] + row["propose_ms"]) / 1000
    print(f"one 2 MB paragraph: {seconds:.2f} s, {row['cpu_s']:.2f} s of CPU (target: under 5 s; on a busy machine the CPU time is the steadier figure)")


if __name__ == "__main__":
    main()

"""Import time per transcript, suggestions included, without the rest of bench/run.py.

    .venv/bin/python bench/import_time.py [--rows 100000] [--repeat 3]

Two figures, each the median of `--repeat` runs in a fresh scratch SQLite database:
- story: the seed (no curated story), then the later corpus files in air-date order, as
  bench/story.py imports them: ms per transcript;
- open promises: the seed and every corpus file imported into `--rows` generated commitments,
  all dated before the transcripts, as bench/run.py measures it: ms per transcript.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def scratch_database(name):
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    path = Path(tempfile.mkdtemp(prefix="ct-import-")) / f"{name}.sqlite3"
    connections.close_all()
    settings.DATABASES["default"]["NAME"] = str(path)
    connections["default"].settings_dict["NAME"] = str(path)
    call_command("migrate", verbosity=0)


def story_run() -> float:
    sys.path.insert(0, str(REPO / "bench"))
    from commitments.importers import import_transcript_file
    from commitments.seed import load_seed
    from commitments.models import Source
    from commitments.reading.transcripts import read_transcript

    scratch_database("story")
    load_seed(story=False)
    seed_aired = Source.objects.order_by("aired_on").values_list("aired_on", flat=True).first()
    dated = sorted((read_transcript(p).aired_on, p.name, p) for p in (SHARED / "corpus").glob("*.md"))
    later = [(aired, path) for aired, _, path in dated if aired > seed_aired]
    started = time.perf_counter()
    for aired, path in later:
        import_transcript_file(path.read_bytes(), path.name, aired_on=aired)
    return (time.perf_counter() - started) / len(later)


def open_promises_run(rows: int) -> float:
    from bench.synthetic import generate
    from commitments.importers import import_transcript_file
    from commitments.models import Source
    from commitments.reading.transcripts import read_transcript

    scratch_database("open")
    generate(rows, seed=rows, prefix="syn")
    Source.objects.filter(slug__startswith="syn").update(aired_on="2020-01-01")
    files = [REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md", *sorted((SHARED / "corpus").glob("*.md"))]
    started = time.perf_counter()
    for path in files:
        import_transcript_file(path.read_bytes(), "bench-" + path.name, aired_on=read_transcript(path).aired_on)
    return (time.perf_counter() - started) / len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED}/corpus not found: the import timing needs ../shared.")
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='ct-import-')}/first.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ["AXES_ENABLED"] = "0"
    import django

    django.setup()
    story = [story_run() for _ in range(args.repeat)]
    print(f"story import        {statistics.median(story) * 1000:.0f} ms per transcript (median of {args.repeat})", flush=True)
    if args.rows:
        opened = [open_promises_run(args.rows) for _ in range(args.repeat)]
        print(f"{args.rows:,} open promises {statistics.median(opened) * 1000:.0f} ms per transcript (median of {args.repeat})")


if __name__ == "__main__":
    main()

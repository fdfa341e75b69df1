"""Benchmarks, each beside its baseline on the same data, in one run. Prints a table.

    .venv/bin/python bench/run.py [--quick] [--repeat 7]

Builds a scratch SQLite database with 10,000 and then 100,000 generated commitments
(1,000 and 10,000 with --quick) and measures:
- the status page (first page, filtered page): median server time and SQL queries, against the
  Django admin change list for the same rows;
- the CSV export of all rows: rows per second and peak memory, against a plain sqlite3 query
  written with the csv module, and against django-tables2's own export (tablib);
- transcript import, suggestions included: seconds per transcript and per MB over the seed and
  ../shared/corpus, into the 100,000 commitments, all dated before the transcripts.
"""

import argparse
import csv
import io
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SCRATCH = Path(tempfile.mkdtemp(prefix="ct-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ["AXES_ENABLED"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.synthetic import generate  # noqa: E402
from commitments.models import Commitment  # noqa: E402
from commitments.importers import import_transcript_file  # noqa: E402
from commitments.reading.transcripts import read_transcript  # noqa: E402

PLAIN_SQL = """
SELECT c.id, c.title, c.status, t.name, s.name, src.title, src.aired_on, c.due_date, c.due_precision,
       c.due_text, c.condition, c.delivered_on, c.quote, c.slug,
       (SELECT h.changed_at FROM commitments_statuschange h WHERE h.commitment_id = c.id
        ORDER BY h.changed_at DESC, h.id DESC LIMIT 1), c.updated_at
FROM commitments_commitment c
JOIN commitments_speaker s ON s.id = c.speaker_id
JOIN commitments_source src ON src.id = c.source_id
LEFT JOIN commitments_topic t ON t.id = c.topic_id
WHERE c.review = 'accepted' ORDER BY c.id
"""


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def page_figures(client, url, repeat):
    client.get(url)  # warm caches and templates
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return timed(lambda: client.get(url), repeat) * 1000, len(queries)


def consume(response):
    rows = 0
    for chunk in response.streaming_content:
        rows += chunk.count(b"\r\n")
    return rows - 1


def csv_app(client):
    return consume(client.get("/export.csv"))


def csv_plain():
    db = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    out = io.StringIO()
    writer = csv.writer(out)
    rows = 0
    for row in db.execute(PLAIN_SQL):
        writer.writerow(row)
        rows += 1
        if rows % 500 == 0:
            out.seek(0)
            out.truncate()
    db.close()
    return rows


def csv_tables2():
    from django_tables2.export import TableExport

    from commitments.tables import CommitmentTable

    table = CommitmentTable(Commitment.objects.published().for_list())
    return TableExport("csv", table).export().count("\r\n") - 1


def throughput_and_memory(function):
    started = time.perf_counter()
    rows = function()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return rows / elapsed, peak / 2**20, rows


def measure_size(rows_wanted, client, admin, repeat, table):
    topic = "mainnet"
    topic_id = __import__("commitments.models", fromlist=["Topic"]).Topic.objects.get(slug=topic).pk
    label = f"{rows_wanted:,} rows"
    first, first_q = page_figures(client, "/", repeat)
    admin_first, admin_first_q = page_figures(admin, f"/{settings.ADMIN_URL}commitments/commitment/", repeat)
    filtered, filtered_q = page_figures(client, f"/?status=pending&topic={topic}&sort=-due", repeat)
    admin_filtered, admin_filtered_q = page_figures(
        admin, f"/{settings.ADMIN_URL}commitments/commitment/?status__exact=pending&topic__id__exact={topic_id}&o=-9", repeat
    )
    table.append((label, "status page, first page", f"{first:.1f} ms, {first_q} queries",
                  f"admin change list {admin_first:.1f} ms, {admin_first_q} queries", first / admin_first, "≤ 2.0×"))
    table.append((label, "status page, filtered", f"{filtered:.1f} ms, {filtered_q} queries",
                  f"admin filtered {admin_filtered:.1f} ms, {admin_filtered_q} queries", filtered / admin_filtered, ""))
    app_rate, app_peak, exported = throughput_and_memory(lambda: csv_app(client))
    plain_rate, plain_peak, _ = throughput_and_memory(csv_plain)
    table.append((label, f"CSV export ({exported:,} rows)", f"{app_rate:,.0f} rows/s, peak {app_peak:.1f} MB",
                  f"plain sqlite3+csv {plain_rate:,.0f} rows/s, peak {plain_peak:.1f} MB", app_rate / plain_rate, "≥ 0.5×, < 50 MB"))
    t2_rate, t2_peak, _ = throughput_and_memory(csv_tables2)
    table.append((label, "CSV export vs django-tables2", f"{app_rate:,.0f} rows/s, peak {app_peak:.1f} MB",
                  f"tables2 TableExport {t2_rate:,.0f} rows/s, peak {t2_peak:.1f} MB", app_rate / t2_rate, ""))
    return {"first_queries": first_q, "first_ratio": first / admin_first, "csv_ratio": app_rate / plain_rate, "csv_peak": app_peak}


def measure_import(table):
    """Import time per transcript into the database as it is (100,000 commitments), every
    generated commitment dated before the transcripts so that each is an open promise the
    import's suggestions are matched against."""
    from commitments.models import EvidenceSuggestion, Source

    Source.objects.filter(slug__startswith="syn").update(aired_on="2020-01-01")
    open_count = Commitment.objects.published().open().count()
    files = [REPO / "fixtures" / "stratos-ama-twitter-spaces-03-08-2023.md"]
    corpus = REPO.parent / "shared" / "corpus"
    files += sorted(corpus.glob("*.md")) if corpus.is_dir() else []
    total_bytes, seconds = 0, []
    for path in files:
        data = path.read_bytes()
        aired_on = read_transcript(path).aired_on  # a file whose dates disagree needs one chosen
        started = time.perf_counter()
        import_transcript_file(data, "bench-" + path.name, aired_on=aired_on)
        seconds.append(time.perf_counter() - started)
        total_bytes += len(data)
    suggested = EvidenceSuggestion.objects.filter(turn__source__slug__startswith="bench-").count()
    note = "" if corpus.is_dir() else " (../shared/corpus absent: seed only)"
    table.append(("transcripts", f"import {len(files)} files, {total_bytes / 1024:.0f} KB{note}",
                  f"{sum(seconds) / len(files) * 1000:.0f} ms per transcript (max {max(seconds) * 1000:.0f} ms)",
                  f"{sum(seconds) / (total_bytes / 2**20):.2f} s per MB; {suggested} suggestions vs {open_count:,} open",
                  None, "≤ 1 s per transcript"))
    return {"import_mean": sum(seconds) / len(files)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 rows instead of 10,000 and 100,000.")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (10_000, 100_000)

    setup_test_environment()
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "", "bench-password")
    client, admin = Client(), Client()
    admin.force_login(user)

    table, figures, made = [], {}, 0
    for size in sizes:
        started = time.perf_counter()
        generate(size - made, seed=size, prefix=f"syn{size}")
        made = size
        print(f"generated {size:,} commitments in {time.perf_counter() - started:.1f} s", flush=True)
        figures[size] = measure_size(size, client, admin, args.repeat, table)
    imported = measure_import(table)

    print(f"\n{'data':<13} {'measure':<32} {'app':<36} {'baseline':<48} {'ratio':>7}  target")
    for data, what, app, baseline, ratio, target in table:
        ratio_text = f"{ratio:.2f}×" if ratio is not None else ""
        print(f"{data:<13} {what:<32} {app:<36} {baseline:<48} {ratio_text:>7}  {target}")

    small, large = figures[sizes[0]], figures[sizes[1]]
    checks = [
        ("status page queries equal at both sizes", small["first_queries"] == large["first_queries"]),
        (f"status page ≤ 2× admin change list at {sizes[1]:,}", large["first_ratio"] <= 2.0),
        (f"CSV ≥ 0.5× plain sqlite3 rows/s at {sizes[1]:,}", large["csv_ratio"] >= 0.5),
        (f"CSV peak memory < 50 MB at {sizes[1]:,}", large["csv_peak"] < 50),
        (f"import ≤ 1 s per transcript, suggestions included, at {sizes[1]:,}", imported["import_mean"] <= 1.0),
    ]
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}")


if __name__ == "__main__":
    main()

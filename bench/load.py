"""Bounded load run against gunicorn on this machine only (127.0.0.1).

Builds a scratch database (the seed plus 10,000 generated commitments), starts gunicorn with
production settings, and drives the status page, a filtered page, commitment pages and the
CSV export with many concurrent clients while a writer process changes statuses. After each
change the writer reads the commitment's page, its API entry and the status page, which it had
read (and so cached) just before: a read that does not show the change is a stale read. Prints
requests per second, p50/p99 latency, errors and stale reads; exits 1 on any. Usage:

    .venv/bin/python bench/load.py [--clients 50] [--seconds 20] [--rows 10000] [--database-url URL]
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

WRITER = """
import http.client, json, random, time, django
django.setup()
from commitments.models import Commitment
from commitments.services import change_status
connection = http.client.HTTPConnection("127.0.0.1", {port}, timeout=30)

def get(path):
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()

pool = list(Commitment.objects.published().filter(slug__startswith="syn-").values_list("pk", "slug", "status"))
rng, changes, stale, deadline = random.Random(7), 0, [], time.monotonic() + {seconds}
rng.shuffle(pool)
for pk, slug, status in pool:
    if time.monotonic() >= deadline:
        break
    page, api = f"/commitments/{{slug}}/", f"/api/commitments/{{slug}}/"
    before = {{path: get(path)[1] for path in (page, "/", api)}}  # now in the page cache
    to = rng.choice([s for s in Commitment.Status.values if s != status])
    change_status(Commitment(pk=pk), to, note="load writer")
    changes += 1
    code, body = get(api)
    if code != 200 or json.loads(body)["status"] != to:
        stale.append(api)
    stale += [path for path in (page, "/") if get(path)[1] == before[path]]
    time.sleep(0.02)
print(json.dumps({{"changes": changes, "stale": stale}}))
"""


PREPARE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed", verbosity=0)
from commitments.models import Commitment
if not Commitment.objects.filter(slug__startswith="syn-").exists():
    import sys; sys.path.insert(0, {repo!r})
    from bench.synthetic import generate
    generate({rows})
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")  # fresh planner statistics after the bulk insert
print(Commitment.objects.count())
"""


def run(env, code):
    done = subprocess.run([PYTHON, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"a preparing step failed:\n{done.stderr.strip()}")
    return done.stdout.strip()


def ensure_postgres_database(url):
    """Create the PostgreSQL database named in `url` when it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    params = {"host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432,
              "user": config["USER"], "password": config["PASSWORD"] or None, "dbname": "postgres"}
    with psycopg.connect(**params, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def wait_until_up(port, deadline=60):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time")


def client(port, stop_at, rng, results, slugs):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        kind = rng.choices(["status", "filtered", "commitment", "csv", "csv_all"], weights=[30, 25, 30, 14, 1])[0]
        path = {
            "status": "/",
            "filtered": f"/?status=pending&topic={rng.choice(['mainnet', 'cdn', 'grants'])}&sort=-due",
            "commitment": f"/commitments/{rng.choice(slugs)}/",
            "csv": f"/export.csv?topic={rng.choice(['cdn', 'airdrops', 'payments'])}&status=broken",
            "csv_all": "/export.csv",
        }[kind]
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        results.append((kind, time.perf_counter() - started, ok))


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8551)
    parser.add_argument("--database-url", help="Default: a scratch SQLite file.")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="ct-load-")
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url or f"sqlite:///{scratch}/load.sqlite3",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "0",
        "SECRET_KEY": "load-test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(REPO),
    }
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        ensure_postgres_database(env["DATABASE_URL"])
    print(f"Preparing {env['DATABASE_URL']} with the seed and {args.rows:,} generated commitments…", flush=True)
    try:
        measure(args, env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(args, env):
    total = run(env, PREPARE.format(rows=args.rows, repo=str(REPO)))
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=env, check=True)
    slugs = run(env, "import django; django.setup()\nfrom commitments.models import Commitment\n"
                     "print(' '.join(Commitment.objects.order_by('?').values_list('slug', flat=True)[:500]))").split()

    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "tracker.wsgi", "--bind", f"127.0.0.1:{args.port}",
         "--workers", str(args.workers), "--log-level", "warning"],
        cwd=REPO, env=env,
    )
    writer = None
    try:
        wait_until_up(args.port)
        print(f"{total} commitments; {args.clients} clients for {args.seconds:.0f} s against gunicorn "
              f"({args.workers} workers) with a status writer running…", flush=True)
        writer = subprocess.Popen([PYTHON, "-c", WRITER.format(seconds=args.seconds, port=args.port)], cwd=REPO, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        results, stop_at = [], time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(args.port, stop_at, random.Random(n), results, slugs))
            for n in range(args.clients)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        writer_out, writer_err = writer.communicate(timeout=60)
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"\n{'requests':<12}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind in ["status", "filtered", "commitment", "csv", "csv_all", "all"]:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        times = [r[1] * 1000 for r in rows]
        errors = sum(1 for r in rows if not r[2])
        print(f"{kind:<12}{len(rows):>8}{len(rows) / elapsed:>9.1f}{percentile(times, .5):>9.1f}"
              f"{percentile(times, .99):>9.1f}{errors:>8}")
    writer_ok, report = writer.returncode == 0, {"stale": []}
    if writer_ok:
        report = json.loads(writer_out)
        print(f"\nwriter: {report['changes']} status changes, each read back at once: "
              f"{len(report['stale'])} stale reads{': ' + ', '.join(report['stale'][:5]) if report['stale'] else ''}")
    else:
        print(f"\nwriter FAILED: {writer_err.strip().splitlines()[-1]}")
    failed = sum(1 for r in results if not r[2])
    print(f"{failed} errors")
    sys.exit(0 if failed == 0 and writer_ok and not report["stale"] else 1)


if __name__ == "__main__":
    main()

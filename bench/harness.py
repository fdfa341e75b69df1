"""What the serving benchmarks (bench/serve.py, bench/load.py) share: a scratch site (its own
environment and database: the seed plus N generated commitments, static files collected) and
the server started on it as `make serve` starts it (deploy/serve.py: nginx in front of
gunicorn, DEBUG=0) on 127.0.0.1, stopped when the measuring is done.

    with scratch_site("load", rows=10_000) as site, serving(site, port=8560, workers=4):
        ...  # requests to http://127.0.0.1:8560/; run(site.env, code) for Django-side work
"""

import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

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


@dataclass(frozen=True)
class ScratchSite:
    env: dict  # the environment every process of the run gets: settings, database, cache
    directory: Path  # removed when the run ends
    commitments: int


@contextmanager
def scratch_site(name: str, rows: int, database_url: str | None = None, redis_url: str | None = None):
    """A site on a scratch database (default: a SQLite file in a temporary directory; a
    PostgreSQL database named in `database_url` is created when missing and kept), holding the
    seed and `rows` generated commitments. The page cache is each worker's memory unless
    `redis_url` is given."""
    directory = Path(tempfile.mkdtemp(prefix=f"ct-{name}-"))
    env = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{directory}/{name}.sqlite3",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(REPO),
        "AXES_ENABLED": "0",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    try:
        if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
            ensure_postgres_database(env["DATABASE_URL"])
        print(f"Preparing {env['DATABASE_URL']} with the seed and {rows:,} generated commitments…", flush=True)
        commitments = int(run(env, PREPARE.format(rows=rows, repo=str(REPO))).splitlines()[-1])  # after the seed's line
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=REPO, env=env, check=True)
        yield ScratchSite(env, directory, commitments)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@contextmanager
def serving(site: ScratchSite, port: int, workers: int | None = None):
    """deploy/serve.py on the site: nginx on 127.0.0.1:`port`, gunicorn with `workers` worker
    processes (default: deploy/serve.py's; THREADS in the environment sets their threads) on the
    next port; returns once /healthz answers, stops both when the block ends."""
    server = subprocess.Popen(
        [PYTHON, "deploy/serve.py"],
        cwd=REPO,
        env={**site.env, "HOST": "127.0.0.1", "PORT": str(port), "APP_PORT": str(port + 1), "WORKERS": str(workers or ""),
             "RUN_DIR": str(site.directory / "run"), "ACCESS_LOG": os.environ.get("BENCH_ACCESS_LOG", "/dev/null")},
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_up(server, port)
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def wait_until_up(server: subprocess.Popen, port: int, deadline: float = 60) -> None:
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        if server.poll() is not None:
            raise SystemExit(f"deploy/serve.py exited with {server.returncode} before answering /healthz")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.3)  # nginx may answer 502 until gunicorn is up
    raise SystemExit(f"the server did not answer /healthz on port {port} within {deadline:.0f} s")


def run(env: dict, code: str) -> str:
    """Run `code` in a Python process with the site's environment; returns what it printed."""
    done = subprocess.run([PYTHON, "-c", code], cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"a step run with the site's settings failed:\n{done.stderr.strip()}")
    return done.stdout.strip()


def percentile(values, share):
    """The value `share` (0 to 1) of the way up the sorted values; NaN when there are none."""
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def ensure_postgres_database(url: str) -> None:
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

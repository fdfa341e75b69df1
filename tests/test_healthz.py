"""/healthz says 503 when the database cannot be written (read-only file or mount, disk full),
and answers at once while another process holds SQLite's write lock (a long import)."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection
from pytest_django.asserts import assertContains

from tests.factories import REPO

PROBE = """
import os, sys, time
sys.path.insert(0, {repo!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings"
import django
django.setup()
{patch}
from django.test import Client
started = time.perf_counter()
response = Client().get("/healthz")
print(response.status_code, round(time.perf_counter() - started, 2), response.content.decode().strip())
"""

FULL_DISK = """
real_statvfs = os.statvfs
def statvfs(path):
    s = real_statvfs(path)
    return os.statvfs_result((s.f_bsize, s.f_frsize, s.f_blocks, 0, 0, s.f_files, s.f_ffree, s.f_favail, s.f_flag, s.f_namemax))
os.statvfs = statvfs
"""


def probe(database, patch=""):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(repo=str(REPO), patch=patch)],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    status, seconds, body = out.stdout.strip().split(" ", 2)
    return int(status), float(seconds), body


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "data" / "db.sqlite3"
    path.parent.mkdir()
    made = sqlite3.connect(path)
    made.execute("PRAGMA journal_mode=WAL")  # as every database the tracker opens
    made.execute("CREATE TABLE t (x)")
    made.close()
    return path


def test_healthz_is_200_when_the_database_can_be_written(database):
    assert probe(database)[::2] == (200, "ok")


def test_healthz_is_503_when_the_disk_is_full(database):
    status, _, body = probe(database, FULL_DISK)

    assert status == 503
    assert "disk" in body and "full" in body


def test_healthz_is_503_on_a_read_only_mount(database):
    if os.geteuid() != 0:
        pytest.skip("needs root to bind-mount the database's directory read-only")
    folder = str(database.parent)
    if subprocess.run(["mount", "-o", "bind,ro", folder, folder], capture_output=True).returncode != 0:
        pytest.skip("this machine refuses mounts (no CAP_SYS_ADMIN): the read-only mount case cannot run here")
    try:
        status, _, body = probe(database)
    finally:
        subprocess.run(["umount", folder], check=True)

    assert status == 503
    assert "read-only" in body


def test_healthz_is_503_for_a_read_only_file(database):
    if os.geteuid() == 0:
        pytest.skip("root may write a read-only file: run as another user for this case")
    database.chmod(0o444)

    status, _, body = probe(database)

    assert status == 503
    assert "read-only" in body


def test_healthz_does_not_wait_for_the_write_lock(database):
    """A long import holds SQLite's write lock; the check must not queue behind it."""
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    try:
        status, seconds, _ = probe(database)
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert status == 200
    assert seconds < 1


@pytest.mark.django_db
def test_healthz_on_the_test_database(client):
    assertContains(client.get("/healthz"), "ok")


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_on_a_read_only_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://...")
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET default_transaction_read_only = off")

    assertContains(response, "read-only", status_code=503)


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_while_a_stuck_transaction_holds_the_data_version(client, settings):
    """Every write takes the data-version row first (commitments/caching.py): while another
    transaction holds it, no write can start, and /healthz must say so within its lock timeout."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no row locks (and /healthz never waits for its write lock)")
    import psycopg

    from commitments import caching

    settings.HEALTHZ_LOCK_TIMEOUT_MS = 200
    assertContains(client.get("/healthz"), "ok")
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}) as stuck:
        stuck.execute(f"SELECT 1 FROM {caching.TABLE} WHERE id = 1 FOR UPDATE")  # open, never committed
        started = time.perf_counter()
        response = client.get("/healthz")
        took = time.perf_counter() - started
        stuck.rollback()

    assertContains(response, "writes blocked", status_code=503)
    assert took < 2, took
    assertContains(client.get("/healthz"), "ok")

"""Several processes change statuses while others read: nothing fails, no history is lost.
On PostgreSQL, writers that lock rows in opposite orders wait for each other instead of
deadlocking over the data-version row (commitments/caching.py)."""

import os
import subprocess
import sys
import threading
import time

import pytest
from django.db import connection, transaction

from commitments import caching
from commitments.models import Commitment, EvidenceSuggestion, Turn
from commitments.services import add_restatement, change_status, dismiss_suggestion
from tests.factories import REPO, make_commitment, make_source, make_speaker
from tests.htmlforms import form_data

WRITERS, CHANGES, READERS = 4, 30, 2
WORKER = str(REPO / "tests" / "concurrency_worker.py")


def database_url(tmp_path):
    """Where the worker processes connect: the test database on PostgreSQL; on SQLite, a
    migrated file database (the test database lives in memory, invisible to other processes)."""
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'concurrency.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env_for(url), check=True, timeout=120)
    return url


def env_for(url):
    return {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "AXES_ENABLED": "0"}


def make_commitments(url, count):
    """`count` commitments by one speaker in one source, where the worker processes read them:
    on SQLite through a process of their own (the test database is in memory)."""
    if connection.vendor == "sqlite":
        setup = (
            "from tests.factories import make_commitment, make_source, make_speaker\n"
            "s, p = make_source(), make_speaker('Bin')\n"
            f"[make_commitment(source=s, speaker=p) for _ in range({count})]"
        )
        subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", setup], cwd=REPO, env=env_for(url), check=True, timeout=60)
    else:
        source, speaker = make_source(), make_speaker("Bin")
        for _ in range(count):
            make_commitment(source=source, speaker=speaker)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_status_changes_lose_nothing(tmp_path):
    url = database_url(tmp_path)
    make_commitments(url, 8)

    processes = [
        subprocess.Popen(
            [sys.executable, WORKER, "write", str(n), str(CHANGES)],
            cwd=REPO, env=env_for(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n in range(WRITERS)
    ] + [
        subprocess.Popen([sys.executable, WORKER, "read", "10"], cwd=REPO, env=env_for(url), stderr=subprocess.PIPE, text=True)
        for _ in range(READERS)
    ]
    outputs = [p.communicate(timeout=180) for p in processes]
    failures = [(p.args[2], err[-2000:]) for p, (out, err) in zip(processes, outputs) if p.returncode != 0]
    assert failures == []
    written = sum(int(out) for out, err in outputs[:WRITERS])

    check = (
        "from commitments.models import Commitment, StatusChange\n"
        "rows = StatusChange.objects.count()\n"
        "notes = StatusChange.objects.filter(note__startswith='writer').count()\n"
        "bad = [c.slug for c in Commitment.objects.all() if c.history.exists() and c.history.latest().to_status != c.status]\n"
        "chained = all(a.to_status == b.from_status for c in Commitment.objects.all() for a, b in zip(c.history.all(), list(c.history.all())[1:]))\n"
        "print(rows, notes, len(bad), chained)"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", check], cwd=REPO, env=env_for(url), capture_output=True, text=True, timeout=60)
    rows, notes, mismatched, chained = out.stdout.split()
    assert int(rows) == int(notes) == written > 0, out.stderr
    assert int(mismatched) == 0
    assert chained == "True"


ADMINS, ADMIN_EDITS = 2, 20


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_admin_change_forms_racing_status_changes_lose_nothing(tmp_path):
    """Admins saving change forms (titles and statuses) while service writers change statuses:
    every status change has its history row, histories chain, and no form undoes a change."""
    url = database_url(tmp_path)
    make_commitments(url, 4)

    processes = [
        subprocess.Popen([sys.executable, WORKER, "write", str(n), str(CHANGES)], cwd=REPO, env=env_for(url),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(WRITERS // 2)
    ] + [
        subprocess.Popen([sys.executable, WORKER, "admin", str(100 + n), str(ADMIN_EDITS)], cwd=REPO, env=env_for(url),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(ADMINS)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    failures = [(p.args[2:4], err[-2000:]) for p, (out, err) in zip(processes, outputs) if p.returncode != 0]
    assert failures == []
    written = sum(int(out) for out, err in outputs)

    check = (
        "from commitments.models import Commitment, StatusChange\n"
        "rows = StatusChange.objects.count()\n"
        "bad = [c.slug for c in Commitment.objects.all() if c.history.exists() and c.history.latest().to_status != c.status]\n"
        "chained = all(a.to_status == b.from_status for c in Commitment.objects.all() for a, b in zip(c.history.all(), list(c.history.all())[1:]))\n"
        "admin_rows = StatusChange.objects.filter(note__startswith='admin').count()\n"
        "print(rows, len(bad), chained, admin_rows)"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", check], cwd=REPO, env=env_for(url), capture_output=True, text=True, timeout=60)
    rows, mismatched, chained, admin_rows = out.stdout.split()
    assert int(rows) == written, out.stderr
    assert int(admin_rows) > 0  # the admin path did save status changes
    assert int(mismatched) == 0
    assert chained == "True"


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only (run with DATABASE_URL=postgres://...): SQLite has no row locks, "
    "its IMMEDIATE transactions queue for the whole database at BEGIN and cannot deadlock",
)


def in_threads(*transactions):
    """Run each function in a thread of its own, on a database connection of its own; returns
    what they raised. A lock wait over 10 s is an error, so a test that goes wrong fails
    instead of hanging."""
    errors = []

    def run(function):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '10s'")
            function()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(function,)) for function in transactions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def wait_until_another_session_waits_for_a_lock():
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            # pg_stat_activity is read once per transaction unless its snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no other session waited for a lock within 10 s")


def retitle(commitment, title):
    Commitment.objects.filter(pk=commitment.pk).update(title=title)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_writers_updating_two_rows_in_opposite_orders_wait_instead_of_deadlocking():
    """First writes X, second writes Y, first writes Y. Without the data-version row first
    would just wait for second; the version row must not turn that into a deadlock."""
    x, y = make_commitment("X"), make_commitment("Y")
    before = caching.read_data_version().number
    first_wrote_x = threading.Event()

    def first():
        with transaction.atomic():
            retitle(x, "X by first")
            first_wrote_x.set()
            wait_until_another_session_waits_for_a_lock()
            retitle(y, "Y by first")

    def second():
        assert first_wrote_x.wait(10)
        with transaction.atomic():
            retitle(y, "Y by second")

    assert in_threads(first, second) == []
    x.refresh_from_db()
    y.refresh_from_db()
    assert (x.title, y.title) == ("X by first", "Y by second")  # second waited for first to commit
    assert caching.read_data_version().number == before + 3


def race_a_writer(write_row, service):
    """Run `service` beside a writer that holds the data version (it has written another row)
    and, once the service waits for a lock, calls `write_row`, a write to the row the service
    locks. A service that locked its row before the data version would deadlock with the
    writer. Returns what the two raised."""
    other = make_commitment("Written alongside")
    writer_holds_the_version = threading.Event()

    def writer():
        with transaction.atomic():
            retitle(other, "Written alongside, again")
            writer_holds_the_version.set()
            wait_until_another_session_waits_for_a_lock()
            write_row()

    def service_after_the_writer():
        assert writer_holds_the_version.wait(10)
        service()

    return in_threads(writer, service_after_the_writer)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_change_status_waits_for_a_writer_of_its_commitment():
    commitment = make_commitment("Launch the mainnet")

    errors = race_a_writer(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(quote="We will launch it in August."),
        lambda: change_status(commitment, Commitment.Status.DELIVERED, note="Live."),
    )

    assert errors == []
    commitment.refresh_from_db()
    assert (commitment.quote, commitment.status) == ("We will launch it in August.", "delivered")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_add_restatement_waits_for_a_writer_of_its_commitment():
    commitment = make_commitment("Launch the mainnet")
    later = make_source(title="Later AMA")

    errors = race_a_writer(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(quote="We will launch it in August."),
        lambda: add_restatement(commitment, "Mainnet comes in Q4.", later, due_text="Q4"),
    )

    assert errors == []
    commitment.refresh_from_db()
    assert (commitment.quote, commitment.restated_count, commitment.due_text) == ("We will launch it in August.", 1, "Q4")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_deciding_a_suggestion_waits_for_a_writer_of_the_suggestion():
    commitment = make_commitment("Launch the mainnet")
    turn = Turn.objects.create(source=make_source(), position=0, speaker=commitment.speaker, text="Mainnet is live.", line_start=1, line_end=1)
    suggestion = EvidenceSuggestion.objects.create(commitment=commitment, turn=turn, sentence="Mainnet is live.", score=1)

    errors = race_a_writer(
        lambda: EvidenceSuggestion.objects.filter(pk=suggestion.pk).update(score=2),
        lambda: dismiss_suggestion(suggestion, by=None),
    )

    assert errors == []
    suggestion.refresh_from_db()
    assert (suggestion.score, suggestion.state) == (2, EvidenceSuggestion.State.DISMISSED)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_the_admin_change_form_waits_for_a_writer_of_its_commitment(staff_client):
    commitment = make_commitment("Launch the mainnet")
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    form = form_data(staff_client.get(url).content.decode())
    form.update(status="delivered", status_note="Live.")

    def save_the_form():
        response = staff_client.post(url, form)
        assert response.status_code == 302, response.content[:2000]

    errors = race_a_writer(
        lambda: Commitment.objects.filter(pk=commitment.pk).update(quote="We will launch it in August."),
        save_the_form,
    )

    assert errors == []
    commitment.refresh_from_db()
    assert (commitment.quote, commitment.status) == ("We will launch it in August.", "delivered")

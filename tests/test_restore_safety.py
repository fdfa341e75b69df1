"""restore cannot damage: every row is matched by its natural key (never by id), a database
holding other rows is refused unless --force, --force only adds and updates the rows the backup
names, timestamps keep their microseconds, and an over-long value is refused before writing."""

import datetime
import json
import os
import subprocess
import sys
import time

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from commitments.models import Commitment, EvidenceSuggestion, Source, StatusChange, Turn
from commitments.services import change_status
from tests.factories import REPO, make_commitment, make_source, make_speaker
from tests.test_backup import snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def backup(tmp_path, name="backup.json"):
    path = tmp_path / name
    call_command("backup", "--output", str(path))
    return path


def build_source(slug, title, turns=3, by=None):
    """A source with turns, an accepted commitment with history, and a suggestion."""
    source = make_source(slug=slug, title=title)
    speaker = make_speaker(f"{title} speaker")
    rows = [
        Turn.objects.create(source=source, position=n, speaker=speaker, text=f"{title} turn {n}", line_start=n, line_end=n)
        for n in range(turns)
    ]
    commitment = make_commitment(f"{title} promise", slug=f"{slug}-promise", source=source, speaker=speaker, turn=rows[0])
    change_status(commitment, "in_progress", by=by, note=f"{title} work started", evidence_turn=rows[1])
    EvidenceSuggestion.objects.create(commitment=commitment, turn=rows[2], sentence=f"{title} shipped", score=0.9)
    return source


def turn_texts():
    return sorted(Turn.objects.values_list("source__slug", "position", "text"))


def test_every_tracker_model_has_a_natural_key():
    """A model without one would be restored by id, over whatever row has that id."""
    from commitments.management.commands.backup import NOT_BACKED_UP

    backed_up = [m for m in apps.get_app_config("commitments").get_models() if m._meta.label not in NOT_BACKED_UP]
    missing = [m.__name__ for m in backed_up if not hasattr(m, "natural_key")]

    assert missing == []


def test_restore_refuses_a_database_holding_other_rows(tmp_path):
    build_source("first-ama", "First AMA")
    path = backup(tmp_path)
    call_command("flush", "--no-input")
    build_source("other-ama", "Other AMA")
    before = snapshot()

    with pytest.raises(CommandError, match="do not match"):
        call_command("restore", str(path))

    assert snapshot() == before


def test_restore_over_the_same_rows_is_allowed_and_changes_nothing(tmp_path, staff_user):
    build_source("first-ama", "First AMA", by=staff_user)
    before = snapshot()
    path = backup(tmp_path)

    call_command("restore", str(path))

    assert snapshot() == before
    assert StatusChange.objects.count() == 1 and EvidenceSuggestion.objects.count() == 1


def test_force_adds_the_backup_beside_unrelated_rows_without_touching_them(tmp_path, staff_user):
    build_source("first-ama", "First AMA", by=staff_user)
    backed_up = turn_texts()
    path = backup(tmp_path)
    call_command("flush", "--no-input")
    build_source("other-ama", "Other AMA", turns=5)  # its rows reuse the ids the backup holds
    other = turn_texts()
    other_history = list(StatusChange.objects.values_list("pk", "commitment__slug", "note"))
    other_suggestions = list(EvidenceSuggestion.objects.values_list("pk", "commitment__slug", "turn__source__slug", "turn__position"))

    call_command("restore", str(path), "--force")

    assert turn_texts() == sorted(backed_up + other)
    assert set(other_history) <= set(StatusChange.objects.values_list("pk", "commitment__slug", "note"))
    assert set(other_suggestions) <= set(
        EvidenceSuggestion.objects.values_list("pk", "commitment__slug", "turn__source__slug", "turn__position")
    )
    restored = StatusChange.objects.get(commitment__slug="first-ama-promise")
    assert (restored.note, restored.evidence_turn.source.slug, restored.changed_by.username) == (
        "First AMA work started", "first-ama", staff_user.username
    )
    assert EvidenceSuggestion.objects.get(commitment__slug="first-ama-promise").turn.text == "First AMA turn 2"


def test_force_twice_adds_nothing_the_second_time(tmp_path):
    build_source("first-ama", "First AMA")
    path = backup(tmp_path)
    call_command("flush", "--no-input")
    build_source("other-ama", "Other AMA")
    call_command("restore", str(path), "--force")
    once = snapshot()

    call_command("restore", str(path), "--force")

    assert snapshot() == once


def test_timestamps_keep_their_microseconds(tmp_path):
    source = build_source("first-ama", "First AMA")
    exact = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
    Source.objects.filter(pk=source.pk).update(created_at=exact)
    path = backup(tmp_path)
    call_command("flush", "--no-input")

    call_command("restore", str(path))

    assert Source.objects.get(slug="first-ama").created_at == exact
    assert "2024-05-06T07:08:09.123456" in path.read_text()


def test_history_timestamps_round_trip_exactly(tmp_path):
    build_source("first-ama", "First AMA")
    recorded = StatusChange.objects.get().changed_at
    path = backup(tmp_path)
    call_command("flush", "--no-input")

    call_command("restore", str(path))

    assert StatusChange.objects.get().changed_at == recorded


def test_an_over_long_value_is_refused_quickly_with_the_field_named(tmp_path):
    build_source("first-ama", "First AMA")
    path = backup(tmp_path)
    rows = json.loads(path.read_text())
    for row in rows:
        if row["model"] == "commitments.source":
            row["fields"]["title"] = "A" * 100_009
    path.write_text(json.dumps(rows))
    call_command("flush", "--no-input")

    started = time.perf_counter()
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))

    assert time.perf_counter() - started < 5
    message = str(refused.value)
    assert "commitments.source" in message and "first-ama" in message
    assert "title" in message and "100,009" in message and "300" in message
    assert not Source.objects.exists()


@pytest.mark.slow
def test_a_sqlite_backup_restores_into_postgresql(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("restores into PostgreSQL: run with DATABASE_URL=postgres://...")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}", "DEBUG": "1"}
    path = tmp_path / "from-sqlite.json"
    script = (
        "from django.core.management import call_command\n"
        "from commitments.models import Commitment\n"
        "from commitments.services import change_status\n"
        "call_command('seed', verbosity=0)\n"
        "c = Commitment.objects.order_by('pk').first()\n"
        "change_status(c, 'delivered', note='Shipped on time', evidence_url='https://example.com/x')\n"
        f"call_command('backup', output={str(path)!r})\n"
        "from tests.test_backup import snapshot\n"
        "import json; print(json.dumps(snapshot(), default=str))\n"
    )
    for command in (["manage.py", "migrate", "-v0"], ["manage.py", "shell", "--no-imports", "-c", script]):
        out = subprocess.run([sys.executable, *command], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-3000:]
    in_sqlite = json.loads(out.stdout.strip().splitlines()[-1])

    call_command("restore", str(path))

    assert json.loads(json.dumps(snapshot(), default=str)) == in_sqlite

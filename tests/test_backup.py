import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from commitments.models import Commitment, Source, StatusChange, Turn
from commitments.services import change_status

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "sources": list(Source.objects.values_list("slug", "checksum")),
        "turns": Turn.objects.count(),
        "commitments": sorted(Commitment.objects.values_list("slug", "status", "review", "turn__position")),
        "dependencies": sorted(Commitment.depends_on.through.objects.values_list("from_commitment__slug", "to_commitment__slug")),
        "history": sorted(StatusChange.objects.values_list("commitment__slug", "from_status", "to_status", "changed_by__username", "evidence_url")),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_the_seeded_data(seeded, tmp_path, staff_user):
    change_status(Commitment.objects.get(slug="launch-mainnet"), "delivered", by=staff_user, note="Live", evidence_url="https://example.com/live")
    before = snapshot()
    path = tmp_path / "backup.json"

    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    assert not Commitment.objects.exists()
    call_command("restore", str(path))

    assert snapshot() == before
    assert get_user_model().objects.filter(username=staff_user.username).exists()


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_takes_new_history(seeded, tmp_path):
    """Sequences follow the restored rows, so new rows do not collide with restored ones."""
    commitment = Commitment.objects.get(slug="launch-mainnet")
    change_status(commitment, "in_progress", note="Under way")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    call_command("restore", str(path))

    change_status(Commitment.objects.get(slug="launch-mainnet"), "delivered", note="Live")

    assert list(Commitment.objects.get(slug="launch-mainnet").history.values_list("to_status", flat=True)) == [
        "in_progress",
        "delivered",
    ]


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_an_admin_made_before_it_and_matches_users_by_name(seeded, tmp_path, django_user_model):
    django_user_model.objects.create_user("admin", password="before-backup-1")
    django_user_model.objects.create_user("editor", password="editor-password-1")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    django_user_model.objects.create_superuser("admin", "", "made-by-ensure-admin-1")  # the same name, another pk
    django_user_model.objects.create_user("other", password="x-other-password-1")

    call_command("restore", str(path))

    assert sorted(django_user_model.objects.values_list("username", flat=True)) == ["admin", "editor", "other"]
    assert django_user_model.objects.get(username="admin").check_password("before-backup-1")


def test_backup_writes_to_standard_output_without_a_file(seeded, capsys):
    call_command("backup")

    out = capsys.readouterr().out

    assert json.loads(out)
    assert '\n "model": "commitments.commitment",\n' in out


def test_restore_with_force_loads_over_existing_data(seeded, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    before = snapshot()

    call_command("restore", str(path), "--force")

    assert snapshot() == before


def test_restore_of_a_missing_file_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="nothing.json: no such file"):
        call_command("restore", str(tmp_path / "nothing.json"))


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    (tmp_path / "seed_commitments").write_text("[]")

    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path / "seed_commitments"))


@pytest.mark.django_db(transaction=True)
def test_a_compressed_backup_round_trips(seeded, tmp_path):
    before = snapshot()
    path = tmp_path / "backup.json.gz"

    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    call_command("restore", str(path))

    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_keep_the_story_restatements_and_happened_dates(tmp_path):
    from commitments.models import Restatement

    call_command("seed", verbosity=0)

    def record():
        return {
            "restatements": sorted(Restatement.objects.values_list("commitment__slug", "source__slug", "quote", "also_said", "turn__position", "due_date")),
            "happened": sorted(StatusChange.objects.values_list("commitment__slug", "to_status", "happened_on", "happened_precision", "note")),
            "due": sorted(Commitment.objects.values_list("slug", "due_date", "first_due_date", "restated_count", "delivered_on", "delivered_precision")),
        }

    before = record()
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    call_command("restore", str(path))

    assert len(before["restatements"]) == 13
    assert record() == before

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


def history_of(slug):
    return list(StatusChange.objects.filter(commitment__slug=slug).order_by("changed_at", "pk").values_list("from_status", "to_status"))


def assert_histories_chain():
    for commitment in Commitment.objects.all():
        status = Commitment.Status.NO_NEWS
        for change in commitment.history.order_by("changed_at", "pk"):
            assert change.from_status == status, commitment.slug
            status = change.to_status
        assert commitment.status == status, commitment.slug


def test_restore_with_force_leaves_a_live_user_alone_and_adds_the_missing_ones(seeded, tmp_path, django_user_model, capsys):
    admin = django_user_model.objects.create_user("admin", password="password-in-backup-1")
    django_user_model.objects.create_user("editor", password="editor-password-1")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    admin.set_password("password-changed-live-1")
    admin.is_superuser = True
    admin.save()
    django_user_model.objects.filter(username="editor").delete()
    capsys.readouterr()

    call_command("restore", str(path), "--force")

    admin.refresh_from_db()
    assert admin.check_password("password-changed-live-1")
    assert admin.is_superuser
    assert django_user_model.objects.get(username="editor").check_password("editor-password-1")
    assert "Users already here, left as they are: admin." in capsys.readouterr().out


def test_restore_with_force_refuses_a_backup_older_than_the_live_history(tmp_path):
    call_command("seed", story=False, verbosity=0)
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    call_command("seed", verbosity=0)  # the later story: verdicts recorded after the backup
    statuses = dict(Commitment.objects.values_list("slug", "status"))
    changes = StatusChange.objects.count()
    assert changes >= 17

    with pytest.raises(CommandError, match=r"history here that the backup does not have") as error:
        call_command("restore", str(path), "--force")

    assert "Nothing was restored" in str(error.value)
    assert dict(Commitment.objects.values_list("slug", "status")) == statuses
    assert StatusChange.objects.count() == changes
    assert_histories_chain()


def test_restore_with_force_names_a_live_change_the_backup_does_not_have(seeded, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    change = change_status(Commitment.objects.get(slug="launch-mainnet"), "in_progress", note="Under way")

    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), "--force")

    message = str(error.value)
    assert f"launch-mainnet: no news yet → in progress recorded {change.changed_at:%Y-%m-%d %H:%M}" in message
    assert "Nothing was restored" in message
    assert history_of("launch-mainnet") == [("pending", "in_progress")]


def test_restore_with_force_refuses_a_different_change_at_the_same_place(seeded, tmp_path):
    commitment = Commitment.objects.get(slug="launch-mainnet")
    change_status(commitment, "in_progress", note="Under way")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    StatusChange.objects.filter(commitment=commitment).delete()  # another history grew here instead
    Commitment.objects.filter(pk=commitment.pk).update(status="pending")
    change_status(commitment, "stalled", note="Nothing heard")

    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), "--force")

    message = str(error.value)
    assert "launch-mainnet: change 1 differs" in message
    assert "here: no news yet → stalled" in message
    assert "backup: no news yet → in progress" in message
    assert history_of("launch-mainnet") == [("pending", "stalled")]


def test_restore_with_force_appends_the_later_history_of_a_backup_so_it_chains(seeded, tmp_path):
    commitment = Commitment.objects.get(slug="launch-mainnet")
    change_status(commitment, "in_progress", note="Under way")
    change_status(commitment, "delivered", note="Live", evidence_url="https://example.com/live")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    StatusChange.objects.filter(commitment=commitment, to_status="delivered").delete()  # the live site is behind
    Commitment.objects.filter(pk=commitment.pk).update(status="in_progress", delivered_on=None, delivered_precision="")

    call_command("restore", str(path), "--force")

    assert history_of("launch-mainnet") == [("pending", "in_progress"), ("in_progress", "delivered")]
    assert Commitment.objects.get(slug="launch-mainnet").status == "delivered"
    assert_histories_chain()


def test_restore_with_force_never_changes_a_status_without_its_history_row(seeded, tmp_path, capsys):
    Commitment.objects.filter(slug="launch-mainnet").update(status="delivered")  # a status with no history row
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    Commitment.objects.filter(slug="launch-mainnet").update(status="pending")
    capsys.readouterr()

    call_command("restore", str(path), "--force")

    assert Commitment.objects.get(slug="launch-mainnet").status == "pending"
    assert not StatusChange.objects.exists()
    assert "launch-mainnet (backup: delivered, here: no news yet)" in capsys.readouterr().out


def test_restore_dry_run_says_what_would_change_and_writes_nothing(seeded, tmp_path, django_user_model, capsys):
    commitment = Commitment.objects.get(slug="launch-mainnet")
    change_status(commitment, "in_progress", note="Under way")
    django_user_model.objects.create_user("admin", password="password-in-backup-1")
    django_user_model.objects.create_user("editor", password="editor-password-1")
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))
    StatusChange.objects.filter(commitment=commitment).delete()
    Commitment.objects.filter(pk=commitment.pk).update(status="pending", title="Changed here")
    django_user_model.objects.filter(username="editor").delete()
    before = snapshot()
    titles = dict(Commitment.objects.values_list("slug", "title"))
    capsys.readouterr()

    call_command("restore", str(path), "--force", "--dry-run")

    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing was written.")
    assert "Would add: 1 status change, 1 user." in out
    assert "launch-mainnet: no news yet → in progress" in out
    assert "Users already here, left as they are: admin." in out
    assert snapshot() == before
    assert dict(Commitment.objects.values_list("slug", "title")) == titles
    assert not django_user_model.objects.filter(username="editor").exists()

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
    change_status(Commitment.objects.get(slug="launch-mainnet"), "delivered", by=staff_user, evidence_url="https://example.com/live")
    before = snapshot()
    path = tmp_path / "backup.json"

    call_command("backup", "--output", str(path))
    call_command("flush", "--no-input")
    assert not Commitment.objects.exists()
    call_command("restore", str(path))

    assert snapshot() == before
    assert get_user_model().objects.filter(username=staff_user.username).exists()


def test_restore_refuses_a_database_that_holds_data(seeded, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", "--output", str(path))

    with pytest.raises(CommandError, match="already holds"):
        call_command("restore", str(path))

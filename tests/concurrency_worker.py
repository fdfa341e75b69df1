"""A process for tests/test_concurrency.py: `write SEED COUNT` changes statuses through the
service function; `read COUNT` fetches the status page and the CSV; `admin SEED COUNT` opens
commitments' change forms in the admin and saves them, half with a new title, half with a new
status, and prints how many status changes it saved. Exits non-zero on any error."""

import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from commitments.models import Commitment  # noqa: E402
from commitments.services import change_status  # noqa: E402


def write(seed: int, count: int) -> None:
    rng = random.Random(seed)
    ids = list(Commitment.objects.values_list("pk", flat=True))
    written = 0
    for _ in range(count):
        commitment = Commitment(pk=rng.choice(ids))
        written += change_status(commitment, rng.choice(Commitment.Status.values), note=f"writer {seed}") is not None
    print(written)


def admin(seed: int, count: int) -> None:
    from django.contrib.auth import get_user_model

    from tests.htmlforms import form_data

    rng = random.Random(seed)
    user, _ = get_user_model().objects.get_or_create(username=f"admin-{seed}", defaults={"is_staff": True, "is_superuser": True})
    client = Client()
    client.force_login(user)
    ids = list(Commitment.objects.values_list("pk", flat=True))
    saved_statuses = 0
    for n in range(count):
        url = f"/admin/commitments/commitment/{rng.choice(ids)}/change/"
        form = form_data(client.get(url).content.decode())
        edits_status = n % 2
        if edits_status:
            form["status"] = rng.choice([s for s in Commitment.Status.values if s != form["status"]])
            form["status_note"] = f"admin {seed}"
        else:
            form["title"] = f"Title {seed}-{n}"
        response = client.post(url, form)
        if response.status_code == 302:
            saved_statuses += edits_status
        elif response.status_code != 200 or "While this form was open, another admin changed" not in response.content.decode():
            raise SystemExit(f"{url} answered {response.status_code}: {response.content[:2000]!r}")
    print(saved_statuses)


def read(count: int) -> None:
    client = Client()
    for n in range(count):
        for url in ("/", "/?status=delivered", "/export.csv?status=pending"):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            if response.streaming:
                b"".join(response.streaming_content)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "admin":
        admin(int(sys.argv[2]), int(sys.argv[3]))
    else:
        read(int(sys.argv[2]))

"""A process for tests/test_concurrency.py: `write SEED COUNT` changes statuses through the
service function; `read COUNT` fetches the status page and the CSV. Exits non-zero on any error."""

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
    else:
        read(int(sys.argv[2]))

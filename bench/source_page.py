"""Source page benchmark: a source of 100,000 turns, its first, middle and last transcript page
through Django's test client (the page cache bypassed), beside /healthz in the same run.

    .venv/bin/python bench/source_page.py [--turns 100000] [--repeat 20] [--database-url sqlite:////tmp/x.sqlite3]

Prints the median and worst time per page and the size of the page sent.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", default=f"sqlite:///{Path(tempfile.mkdtemp()) / 'source-page.sqlite3'}")
    args = parser.parse_args()
    os.environ.update(DATABASE_URL=args.database_url, DJANGO_SETTINGS_MODULE="tracker.settings", AXES_ENABLED="0")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from commitments.models import Source, Speaker, Turn

    call_command("migrate", verbosity=0)
    Source.objects.filter(slug="marathon").delete()
    source = Source.objects.create(slug="marathon", title="A 100,000-turn AMA", aired_on="2024-01-01", public=True)
    speaker, _ = Speaker.objects.get_or_create(name="Bench speaker")
    started = time.perf_counter()
    Turn.objects.bulk_create(
        (
            Turn(source=source, position=n, speaker=speaker, text=f"Turn {n}: we will ship the next release soon. " * 3, line_start=n, line_end=n)
            for n in range(args.turns)
        ),
        batch_size=5000,
    )
    print(f"{args.turns:,} turns written in {time.perf_counter() - started:.1f} s ({args.database_url.split(':')[0]})")
    client = Client()
    last = (args.turns - 1) // Turn.PER_PAGE + 1
    for label, url in [
        ("/healthz", "/healthz"),
        ("page 1", "/sources/marathon/"),
        (f"page {last // 2}", f"/sources/marathon/?page={last // 2}"),
        (f"page {last}", f"/sources/marathon/?page={last}"),
    ]:
        times, size = [], 0
        for n in range(args.repeat):
            started = time.perf_counter()
            # A unique query each time: the public page cache never answers.
            response = client.get(f"{url}{'&' if '?' in url else '?'}nocache={n}")
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            size = len(response.content)
        print(f"{label:>12}: median {statistics.median(times) * 1000:6.1f} ms, worst {max(times) * 1000:6.1f} ms, {size / 1024:7.1f} KiB")
    source.delete()


if __name__ == "__main__":
    main()

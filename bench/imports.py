"""How long `manage.py import_transcript` takes as a transcript grows: synthetic AMAs of 1k, 2k,
4k, 8k and 16k turns (front matter, sections, a host asking, the team answering with promises,
some said again in other words, and chatter), each imported into a fresh database holding the
seed. Prints turns/s per size beside a least-squares line through the points and t(16k)/t(8k),
which stays near 2 when the import grows linearly.

    .venv/bin/python bench/imports.py [--sizes 1000,2000,4000,8000,16000] [--keep DIR]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SIZES = (1000, 2000, 4000, 8000, 16000)

TEAM = [("bin", "Bin"), ("claire", "Claire")]
GUESTS = [(f"u{n}", f"Listener {n}") for n in range(40)]
SECTIONS = ["Exchange Listings", "Validators", "Mainnet", "Bridges", "Grants", "Wallet", "Storage", "Marketing"]
NOUNS = [
    "mainnet", "CDN layer", "grants program", "bridge", "mobile wallet", "computing component",
    "database component", "fiat gateway", "market maker program", "SDK", "staking dashboard",
    "resource-node rewards", "explorer", "governance portal", "hardware node kit", "storage plugin",
]
KINDS = [
    "", "Solana", "Ethereum", "Cosmos", "developer", "enterprise", "community", "validator", "regional",
    "testnet", "v2", "open-source",
]
THINGS = [f"the {kind} {noun}".replace("  ", " ") for kind in KINDS for noun in NOUNS]
VERBS = ["launch", "release", "ship", "open", "deliver", "integrate", "announce"]
WHEN = [
    "next month", "in Q4", "by the end of this year", "very soon", "after the mainnet launch",
    "in the next two weeks", "in September", "early next year", "in a couple of months", "",
]
QUESTIONS = [
    "When will {thing} come?", "Any update on {thing}?", "What is the plan for {thing}?",
    "Is {thing} still on track?", "Can you say more about {thing}?",
]
CHATTER = [
    "Thank you for the question.", "Yeah, I can hear you clearly.", "Great, let's move on.",
    "Okay, sure.", "That's a good point.", "Thanks everyone for joining today.",
    "We really appreciate the community's support.", "Let me check the chat for more questions.",
]
# Openings that make each team sentence its own, as in a real AMA, where sentences hardly ever
# repeat (without them most would be said many times over, and whatever reads a sentence once
# would look faster than it is).
OPENINGS = [
    f"{lead}{aside}"
    for lead in ("", "So ", "And ", "Well, ", "Right, ", "Also, ", "Now, ", "Okay, ")
    for aside in (
        "", "as I said, ", "to be clear, ", "honestly, ", "basically, ", "as you know, ", "in short, ",
        "like I mentioned, ", "for the record, ", "just to add, ", "from our side, ", "in any case, ",
    )
]
REPORTS = [
    "We are actively working on {thing}.", "We launched the first phase of {thing} last month.",
    "{Thing} is already available to everyone.", "We are pausing {thing} for now.",
]


def transcript(turns: int, seed: int = 1) -> str:
    """A Markdown transcript with `turns` turns in the project's front-matter format."""
    rng = random.Random(seed)
    lines = [
        "---",
        f"title: Synthetic AMA {turns} turns 05.03.2024",
        "author: Bench",
        f"description: Stratos AMA on Twitter Spaces with Bin Zhu and Claire Bearzh, aired on March 05, 2024 ({turns} turns).",
        "---",
        "",
    ]
    for number in range(turns):
        if number % 40 == 0:
            lines += [f"## {rng.choice(SECTIONS)} {number // 40 + 1}", ""]
        thing = rng.choice(THINGS)
        if number % 4 == 0:
            tag, name = rng.choice(GUESTS)
            text = rng.choice(QUESTIONS).format(thing=thing)
        elif number % 4 == 1:
            tag, name = rng.choice(TEAM)
            when = rng.choice(WHEN)
            promise = f"We will {rng.choice(VERBS)} {thing}{' ' + when if when else ''}."
            text = f"{rng.choice(CHATTER)} {opened(rng, promise)}"
        elif number % 4 == 2:
            tag, name = rng.choice(TEAM)
            text = opened(rng, rng.choice(REPORTS).format(thing=thing, Thing=thing[0].upper() + thing[1:]))
        else:
            tag, name = rng.choice(GUESTS + TEAM)
            text = rng.choice(CHATTER)
        lines += [f"<{tag}>{name}</{tag}>", "", text, ""]
    return "\n".join(lines)


def opened(rng: random.Random, sentence: str) -> str:
    opening = rng.choice(OPENINGS)
    return f"{opening[0].upper()}{opening[1:]}{sentence[0].lower()}{sentence[1:]}" if opening else sentence


MEASURE = """
import io, sys, time
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("seed", verbosity=0)
out, err = io.StringIO(), io.StringIO()
started = time.perf_counter()
call_command("import_transcript", {path!r}, stdout=out, stderr=err)
print(time.perf_counter() - started)
print(out.getvalue().strip()[:300], file=sys.stderr)
"""


def measure(path: Path, directory: Path) -> float:
    """Seconds `import_transcript` takes for `path` in a fresh SQLite database (migrated and
    seeded first, untimed), run in its own process as the command is."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory}/{path.stem}.sqlite3",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-imports",
        "CACHE_URL": "",
        "REDIS_URL": "",
    }
    done = subprocess.run(
        [PYTHON, "-c", MEASURE.format(path=str(path))], cwd=REPO, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"import of {path.name} failed:\n{done.stderr[-2000:]}")
    return float(done.stdout.strip().splitlines()[-1])


def linear_fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares t = a + b·n through the points: (a seconds, b seconds per turn)."""
    count = len(points)
    mean_n = sum(n for n, _ in points) / count
    mean_t = sum(t for _, t in points) / count
    spread = sum((n - mean_n) ** 2 for n, _ in points)
    slope = sum((n - mean_n) * (t - mean_t) for n, t in points) / spread if spread else 0.0
    return mean_t - slope * mean_n, slope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="turn counts, comma-separated")
    parser.add_argument("--keep", metavar="DIR", help="write the transcripts and databases here and keep them")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ct-imports-"))
    directory.mkdir(parents=True, exist_ok=True)
    points = []
    try:
        for size in sizes:
            path = directory / f"synthetic-ama-{size}.md"
            path.write_text(transcript(size), encoding="utf-8")
            seconds = measure(path, directory)
            points.append((size, seconds))
            print(f"{size:>6} turns  {path.stat().st_size / 1e6:5.2f} MB  {seconds:7.2f} s  {size / seconds:8.0f} turns/s", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    intercept, slope = linear_fit(points)
    print(f"\nLinear fit (least squares): t = {intercept:.3f} s + {slope * 1000:.3f} ms × turns")
    print(f"{'turns':>6}  {'measured s':>10}  {'fit s':>7}  {'turns/s':>8}")
    for size, seconds in points:
        print(f"{size:>6}  {seconds:10.2f}  {intercept + slope * size:7.2f}  {size / seconds:8.0f}")
    times = dict(points)
    if 16000 in times and 8000 in times:
        print(f"\nt(16k)/t(8k) = {times[16000] / times[8000]:.2f} (linear: 2.0; the target is at most 2.5)")
    if 10000 in times:
        print(f"10k turns: {times[10000]:.2f} s (the target is at most 5 s)")


if __name__ == "__main__":
    main()

"""Bounded load run against the server on this machine only (127.0.0.1).

Builds a scratch database (the seed plus 10,000 generated commitments), starts the server as
`make serve` does (deploy/serve.py, through bench/harness.py: nginx in front of gunicorn,
production settings), and drives the status page, a filtered page, commitment pages and the
CSV export with many concurrent clients while a writer process changes statuses. After each
change the writer reads the commitment's page, its API entry and the status page, which it
had read (and so cached) just before: a read that does not show the change is a stale read.
Every fifth change it also moves the commitment to another topic, a write that bumps the
listing version, and reads that topic's chip on the status page: its count must be the new one.
Prints requests per second, p50/p99 latency, errors and stale reads; exits 1 on any.

The readers are wrk's connections (Debian's wrk, C and epoll) by default: 50 Python threads would
spend a core of this machine's two on themselves, and a thread waiting for the interpreter lock
after its answer came would count that wait as the server's latency. `--client python` runs the
readers as Python threads instead, with a breakdown per kind of page. wrk's run is cut into
phases (a cold start with every cache empty, then before, during and after the outage), each
with its own latency figures; "outside" is the higher of the before and after p99s, which is
never below the p99 of the two together.

With --redis-outage the page cache is a redis-server this script starts on a spare port (never
the machine's own Redis), stopped with SIGSTOP for the middle third of the run and resumed with
SIGCONT; it prints p99 outside and during the outage (targets: 0 errors, p99 < 250 ms outside,
< 500 ms during, 0 stale reads). Usage:

    .venv/bin/python bench/load.py [--clients 50] [--seconds 20] [--rows 10000] [--workers N]
        [--database-url URL] [--redis-url redis://127.0.0.1:6379/1 | --redis-outage] [--client wrk|python]
"""

import argparse
import http.client
import json
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PYTHON, REPO, percentile, run, scratch_site, serving  # noqa: E402

WARM_SECONDS = 5

WRITER = """
import http.client, json, random, re, time, django
django.setup()
from commitments.models import Commitment, Topic
from commitments.services import change_status
connection = http.client.HTTPConnection("127.0.0.1", {port}, timeout=30)

def get(path):
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read()

def chip_count(slug):  # the count on the topic's chip (the filter panel is cached under the listing version)
    match = re.search(rf'href="/\\?topic={{slug}}#results">[^<]*<span class="chip-count">(\\d+)</span>', get("/")[1].decode())
    return int(match.group(1)) if match else 0

pool = list(Commitment.objects.published().filter(slug__startswith="syn-").values_list("pk", "slug", "status"))
topics = list(Topic.objects.values_list("pk", "slug"))
rng, changes, moves, stale, deadline = random.Random(7), 0, 0, [], time.monotonic() + {seconds}
rng.shuffle(pool)
for n, (pk, slug, status) in enumerate(pool):
    if time.monotonic() >= deadline:
        break
    page, api = f"/commitments/{{slug}}/", f"/api/commitments/{{slug}}/"
    before = {{path: get(path)[1] for path in (page, "/", api)}}  # now in the page cache
    to = rng.choice([s for s in Commitment.Status.values if s != status])
    change_status(Commitment(pk=pk), to, note="load writer")
    changes += 1
    code, body = get(api)
    if code != 200 or json.loads(body)["status"] != to:
        stale.append(api)
    stale += [path for path in (page, "/") if get(path)[1] == before[path]]
    if n % 5 == 0:  # a write to what the filters list: the topic chips must show it next
        topic_pk, topic_slug = rng.choice(topics)
        chip_count(topic_slug)  # now in the page cache
        Commitment.objects.filter(pk=pk).update(topic_id=topic_pk)
        moves += 1
        if chip_count(topic_slug) != Commitment.objects.published().filter(topic_id=topic_pk).count():
            stale.append(f"/ (topic chip {{topic_slug}})")
    time.sleep(0.02)
print(json.dumps({{"changes": changes, "topic_moves": moves, "stale": stale}}))
"""


# The readers' mix, by weight (of 100): the status page, a filtered page, commitment pages, a
# filtered CSV and the whole CSV. The Python readers and wrk's script draw from the same mix.
MIX = {"status": 30, "filtered": 25, "commitment": 30, "csv": 14, "csv_all": 1}
FILTER_TOPICS = ["mainnet", "cdn", "grants"]
CSV_TOPICS = ["cdn", "airdrops", "payments"]

WRK_SCRIPT = """
local slugs = {{{slugs}}}
local filter_topics = {{{filter_topics}}}
local csv_topics = {{{csv_topics}}}
local threads = 0

local function pick(list) return list[math.random(#list)] end

function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

function init(args)
  math.randomseed(7919 * number)
end

function request()
  local r = math.random(100)
  local path
  if r <= {status} then path = "/"
  elseif r <= {filtered} then path = "/?status=pending&topic=" .. pick(filter_topics) .. "&sort=-due"
  elseif r <= {commitment} then path = "/commitments/" .. pick(slugs) .. "/"
  elseif r <= {csv} then path = "/export.csv?topic=" .. pick(csv_topics) .. "&status=broken"
  else path = "/export.csv" end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{{"requests": %d, "seconds": %.3f, "errors": %d, "p50": %.2f, "p99": %.2f, "max": %.2f}}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout + e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def lua_list(values):
    return ", ".join(json.dumps(value) for value in values)


def wrk_script(slugs) -> str:
    bounds, total = {}, 0
    for kind, weight in MIX.items():
        total += weight
        bounds[kind] = total
    return WRK_SCRIPT.format(slugs=lua_list(slugs), filter_topics=lua_list(FILTER_TOPICS),
                             csv_topics=lua_list(CSV_TOPICS), **bounds)


def wrk_phase(port, script, clients, seconds) -> dict:
    """One wrk run of the mix for `seconds`: its requests, errors (socket errors, timeouts and
    answers other than 2xx/3xx) and latency figures in ms."""
    threads = min(2, clients)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s", "-s", script,
         f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def client(port, stop_at, rng, results, slugs):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop_at:
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        path = {
            "status": "/",
            "filtered": f"/?status=pending&topic={rng.choice(FILTER_TOPICS)}&sort=-due",
            "commitment": f"/commitments/{rng.choice(slugs)}/",
            "csv": f"/export.csv?topic={rng.choice(CSV_TOPICS)}&status=broken",
            "csv_all": "/export.csv",
        }[kind]
        at = time.monotonic()
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        results.append((kind, time.perf_counter() - started, ok, at))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--workers", type=int, help="gunicorn's worker processes (default: deploy/serve.py's)")
    parser.add_argument("--port", type=int, default=8560, help="nginx's port; gunicorn takes the next one")
    parser.add_argument("--database-url", help="Default: a scratch SQLite file.")
    parser.add_argument("--redis-url", help="Share the page cache between workers through Redis.")
    parser.add_argument("--dump", help="Write each request (kind, seconds taken, ok, start time) to this file, one JSON list a line.")
    parser.add_argument("--redis-outage", action="store_true",
                        help="A redis-server of its own as the page cache, stopped (SIGSTOP) for the middle third of the run.")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk",
                        help="who reads: wrk's connections (default) or Python threads (figures per kind of page)")
    args = parser.parse_args()
    if args.client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk not found: `make load` installs it (apt-get install wrk), or use --client python.")
    if args.client == "wrk" and args.dump:
        raise SystemExit("--dump lists each request of the Python readers: use it with --client python.")

    redis = own_redis() if args.redis_outage else None
    try:
        redis_url = f"redis://127.0.0.1:{redis.port}/0" if redis else args.redis_url
        with scratch_site("load", args.rows, args.database_url, redis_url) as site:
            slugs = run(site.env, "import django; django.setup()\nfrom commitments.models import Commitment\n"
                                  "print(' '.join(Commitment.objects.order_by('?').values_list('slug', flat=True)[:500]))").split()
            with serving(site, args.port, args.workers):
                if args.client == "wrk":
                    phases, writer = measure_with_wrk(args, site, slugs, redis)
                else:
                    results, elapsed, writer, outage = measure(args, site, slugs, redis)
    finally:
        if redis:
            redis.send_signal(signal.SIGCONT)
            redis.kill()
            redis.wait()
    if args.client == "wrk":
        sys.exit(print_phases(phases, writer))
    if args.dump:
        with open(args.dump, "w") as file:
            file.writelines(json.dumps(result) + "\n" for result in results)
    sys.exit(print_results(results, elapsed, writer, outage))


def own_redis():
    """redis-server on a spare port, with a memory limit, for this run only."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru", "--dir", tempfile.gettempdir()],
        stdout=subprocess.DEVNULL,
    )
    process.port = port
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit("redis-server did not start")


def outage_timer(redis, start_at, stop_at):
    """SIGSTOP the run's own redis-server at start_at, SIGCONT at stop_at (monotonic times)."""

    def act():
        time.sleep(max(0, start_at - time.monotonic()))
        redis.send_signal(signal.SIGSTOP)
        time.sleep(max(0, stop_at - time.monotonic()))
        redis.send_signal(signal.SIGCONT)

    thread = threading.Thread(target=act, daemon=True)
    thread.start()
    return thread


def start_writer(args, site):
    return subprocess.Popen([PYTHON, "-c", WRITER.format(seconds=args.seconds, port=args.port)], cwd=REPO, env=site.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def phase_plan(seconds: float, outage: bool) -> list[tuple[str, float]]:
    """The run cut into named phases: a cold start (every cache empty), then before, during and
    after the outage (or one warm phase without an outage)."""
    if not outage:
        return [("cold start", WARM_SECONDS), ("warm", max(1, seconds - WARM_SECONDS))]
    third = seconds / 3
    return [("cold start", WARM_SECONDS), ("before outage", max(1, third - WARM_SECONDS)),
            ("during outage", third), ("after outage", third)]


def measure_with_wrk(args, site, slugs, redis=None):
    """wrk reads the mix phase by phase while the writer runs; the run's own redis-server is
    stopped (SIGSTOP) for the phase during the outage. Returns each phase's figures and the
    writer's exit code and output."""
    plan = phase_plan(args.seconds, redis is not None)
    print(f"{site.commitments} commitments; wrk with {args.clients} connections for {args.seconds:.0f} s against nginx and "
          f"gunicorn ({args.workers or 'default'} workers) with a status writer running…", flush=True)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(wrk_script(slugs))
    writer = start_writer(args, site)
    phases = []
    try:
        for name, seconds in plan:
            if name == "during outage":
                redis.send_signal(signal.SIGSTOP)
            try:
                phases.append((name, wrk_phase(args.port, file.name, args.clients, seconds)))
            finally:
                if name == "during outage":
                    redis.send_signal(signal.SIGCONT)
        out, err = writer.communicate(timeout=120)
    finally:
        Path(file.name).unlink()
        if writer.poll() is None:
            writer.kill()
    return phases, subprocess.CompletedProcess(writer.args, writer.returncode, out, err)


def print_phases(phases, writer) -> int:
    """Prints each phase's figures and the targets' figures; returns the exit code: 1 on any
    error or stale read."""
    print(f"\n{'phase':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'errors':>8}")
    for name, figures in phases:
        print(f"{name:<16}{figures['requests']:>9}{figures['requests'] / figures['seconds']:>9.1f}{figures['p50']:>9.1f}"
              f"{figures['p99']:>9.1f}{figures['max']:>9.1f}{figures['errors']:>8}")
    stale = report_writer(writer)
    failed = sum(figures["errors"] for _, figures in phases)
    print(f"{failed} errors")
    by_name = dict(phases)
    if "during outage" in by_name:
        outside = max(by_name["before outage"]["p99"], by_name["after outage"]["p99"])
        print(f"Redis stopped (SIGSTOP) mid-run: p99 outside {outside:.1f} ms (the higher of before and after; the cold "
              f"start {by_name['cold start']['p99']:.1f} ms), during {by_name['during outage']['p99']:.1f} ms")
    return 0 if failed == 0 and stale == 0 else 1


def report_writer(writer) -> int:
    """Prints the writer's figures; returns its stale reads (1 when it failed)."""
    if writer.returncode != 0:
        print(f"\nwriter FAILED: {writer.stderr.strip().splitlines()[-1]}")
        return 1
    report = json.loads(writer.stdout)
    print(f"\nwriter: {report['changes']} status changes and {report['topic_moves']} topic moves, each read back at once: "
          f"{len(report['stale'])} stale reads{': ' + ', '.join(report['stale'][:5]) if report['stale'] else ''}")
    return len(report["stale"])


def measure(args, site, slugs, redis=None):
    """Runs the clients and the writer for args.seconds; returns the clients' results, the time
    they took, and the writer's exit code and output."""
    print(f"{site.commitments} commitments; {args.clients} clients for {args.seconds:.0f} s against nginx and "
          f"gunicorn ({args.workers or 'default'} workers) with a status writer running…", flush=True)
    writer = start_writer(args, site)
    try:
        results, stop_at = [], time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(args.port, stop_at, random.Random(n), results, slugs))
            for n in range(args.clients)
        ]
        started = time.monotonic()
        outage = None
        if redis:
            outage = (started + args.seconds / 3, started + 2 * args.seconds / 3)
            timer = outage_timer(redis, *outage)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if redis:
            timer.join()
        elapsed = time.monotonic() - started
        out, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    return results, elapsed, subprocess.CompletedProcess(writer.args, writer.returncode, out, err), outage


def print_results(results, elapsed, writer, outage=None) -> int:
    """Prints the figures; returns the exit code: 1 on any error or stale read."""
    print(f"\n{'requests':<12}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind in ["status", "filtered", "commitment", "csv", "csv_all", "all"]:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        times = [r[1] * 1000 for r in rows]
        errors = sum(1 for r in rows if not r[2])
        print(f"{kind:<12}{len(rows):>8}{len(rows) / elapsed:>9.1f}{percentile(times, .5):>9.1f}"
              f"{percentile(times, .99):>9.1f}{errors:>8}")
    stale = report_writer(writer)
    failed = sum(1 for r in results if not r[2])
    print(f"{failed} errors")
    if outage:
        during = [r[1] * 1000 for r in results if outage[0] <= r[3] < outage[1]]
        outside = [r[1] * 1000 for r in results if not outage[0] <= r[3] < outage[1]]
        print(f"Redis stopped (SIGSTOP) for {outage[1] - outage[0]:.1f} s mid-run: p99 outside {percentile(outside, .99):.1f} ms "
              f"({len(outside)} requests), during {percentile(during, .99):.1f} ms ({len(during)} requests)")
        # The run starts with every cache empty: the outside figure above counts that cold start; this
        # one leaves out its first WARM_SECONDS, as a site that has served for a while would be.
        warm_from = outage[0] - (outage[1] - outage[0]) + WARM_SECONDS
        warm = [r[1] * 1000 for r in results if r[3] >= warm_from and not outage[0] <= r[3] < outage[1]]
        print(f"p99 outside the outage after the first {WARM_SECONDS} s (caches filled): {percentile(warm, .99):.1f} ms "
              f"({len(warm)} requests)")
    return 0 if failed == 0 and stale == 0 else 1


if __name__ == "__main__":
    main()

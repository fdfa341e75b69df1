"""The page cache cannot be flooded or stall the site: query strings are normalised before they
become keys, entries expire and have a size cap, and a Redis that hangs costs a page at most a
few tens of milliseconds, then is skipped for a while, with one log line per outage."""

import logging
import os
import re
import signal
import socket
import subprocess
import time
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import caching
from tests.test_caching import body


def served_from_cache(client, url, django_assert_num_queries):
    with django_assert_num_queries(1):  # the data version, nothing else
        return client.get(url)


@pytest.mark.django_db
def test_unknown_query_parameters_do_not_make_new_cache_entries(seeded, client, django_assert_num_queries):
    page = body(client.get("/?utm_source=1"))

    for n in range(2, 20):
        response = served_from_cache(client, f"/?utm_source={n}&fbclid=x{n}", django_assert_num_queries)
        assert body(response) == page
    assert body(client.get("/")) == page


@pytest.mark.django_db
def test_parameters_in_another_order_share_one_cache_entry(seeded, client, django_assert_num_queries):
    page = body(client.get("/?topic=mainnet&status=pending&sort=-due"))

    response = served_from_cache(client, "/?sort=-due&status=pending&topic=mainnet", django_assert_num_queries)

    assert body(response) == page


# Each public view's own parameters survive the normalisation: with the parameter, the page
# differs from the page without it.
KNOWN_PARAMETERS = [
    ("/", "status=delivered"),
    ("/", "q=validators"),
    ("/", "sort=-due"),
    ("/", "page=2"),
    ("/", "per_page=50"),
    ("/charts/", "topic=mainnet"),
    ("/export.csv", "topic=mainnet"),
    ("/api/commitments/", "topic=mainnet"),
    ("/badge.svg", "topic=mainnet"),
    ("/changes/", "since=2030-01-01"),
    ("/commitments/launch-mainnet/", "correction=sent"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path,query", KNOWN_PARAMETERS)
def test_the_parameters_a_page_reads_are_kept(seeded, client, path, query):
    plain = client.get(path)
    with_parameter = client.get(f"{path}?{query}&utm_source=x")

    assert plain.status_code == with_parameter.status_code == 200
    page = body(with_parameter)
    assert page != body(plain)
    assert page == body(client.get(f"{path}?{query}"))


@pytest.mark.django_db
def test_a_response_over_the_size_cap_is_kept_only_in_the_process_memory(seeded, client, settings, django_assert_num_queries):
    first = body(client.get("/export.csv"))
    settings.PUBLIC_CACHE_MAX_ENTRY_BYTES = len(first.encode()) - 1
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    caching.local_pages.clear()
    client.get("/export.csv")

    with django_assert_num_queries(1):  # the data version: the CSV is in this process's memory
        again = body(client.get("/export.csv"))

    assert again == first
    shared = caches[django_settings.PUBLIC_CACHE_ALIAS]
    assert not [key for key in shared._cache if "page:" in key]  # never in the shared cache


@pytest.mark.django_db
def test_a_response_over_both_size_caps_is_served_but_not_cached(seeded, client, settings, django_assert_num_queries):
    first = body(client.get("/export.csv"))
    settings.PUBLIC_CACHE_MAX_ENTRY_BYTES = settings.PUBLIC_CACHE_LOCAL_MAX_ENTRY_BYTES = len(first.encode()) - 1
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    caching.local_pages.clear()
    client.get("/export.csv")
    client.get("/badge.svg")

    with django_assert_num_queries(1):  # a page within the cap comes from the cache
        client.get("/badge.svg")
    with CaptureQueriesContext(connection) as queries:
        again = body(client.get("/export.csv"))

    assert again == first
    assert len(queries) > 1  # the CSV was made again: it was not kept


def test_the_size_cap_and_the_lifetime_come_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PUBLIC_CACHE_MAX_ENTRY_BYTES, settings.PUBLIC_CACHE_TTL, settings.PUBLIC_CACHE_REDIS_TIMEOUT_MS, "
        "settings.PUBLIC_CACHE_SKIP_SECONDS)"
    )
    env = {**os.environ, "PUBLIC_CACHE_MAX_ENTRY_KB": "64", "PUBLIC_CACHE_TTL": "120",
           "PUBLIC_CACHE_REDIS_TIMEOUT_MS": "40", "PUBLIC_CACHE_SKIP_SECONDS": "7"}
    out = subprocess.run([os.sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                         cwd=django_settings.BASE_DIR).stdout
    assert out.split() == [str(64 * 1024), "120", "40", "7"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of the test's own on a spare port (never the machine's shared one), so it
    can be stopped and resumed."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 5
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.skip("redis-server did not start")
            time.sleep(0.05)
    yield process, url
    process.send_signal(signal.SIGCONT)
    process.kill()
    process.wait()


@pytest.mark.slow
@pytest.mark.django_db
def test_entries_expire_after_the_set_lifetime(seeded, client, settings, own_redis):
    _, url = own_redis
    settings.PUBLIC_CACHE_TTL = 30
    settings.CACHES = {"default": {"BACKEND": "commitments.caching.FailSafeRedisCache", "LOCATION": url, "TIMEOUT": 3600}}

    client.get("/")

    import redis

    connection = redis.Redis.from_url(url)
    pages = [key for key in connection.keys("*") if b"page:" in key]
    assert pages and all(0 < connection.ttl(key) <= 30 for key in pages)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_hung_redis_costs_a_page_little_and_is_skipped_then_used_again(seeded, client, settings, own_redis, caplog):
    process, url = own_redis
    settings.PUBLIC_CACHE_SKIP_SECONDS = 1
    settings.CACHES = {"default": {"BACKEND": "commitments.caching.FailSafeRedisCache", "LOCATION": url}}
    caplog.set_level(logging.INFO, logger="commitments.caching")
    page = body(client.get("/"))

    process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        first = client.get("/?status=pending")
        first_took = time.monotonic() - started
        started = time.monotonic()
        for n in range(10):
            assert client.get(f"/?page={n % 3 + 1}").status_code == 200
        ten_took = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGCONT)

    assert first.status_code == 200 and "promised, and what was delivered" in body(first)
    assert first_took < 0.6, first_took  # one timeout of ~50 ms, then the cache is skipped
    assert ten_took < 3, ten_took  # no request waits for Redis while it is skipped
    outage = [r.getMessage() for r in caplog.records if r.name == "commitments.caching"]
    assert len(outage) == 1 and "unreachable" in outage[0], outage

    time.sleep(1.2)  # past the skip: the next request tries Redis again and finds it back
    assert body(client.get("/")) == page  # from this process's own copy
    assert client.get("/?status=delivered").status_code == 200  # kept nowhere yet: asks Redis
    messages = [r.getMessage() for r in caplog.records if r.name == "commitments.caching"]
    assert len(messages) == 2 and re.search(r"answers again", messages[1]), messages


@pytest.mark.django_db
def test_a_junk_session_cookie_with_a_unique_query_is_served_from_the_cache(seeded, client, django_assert_num_queries):
    page = body(client.get("/"))
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "made-up-session-key-0123456789"

    with django_assert_num_queries(2):  # the session looked up, then the data version
        response = client.get(f"/?ref={uuid.uuid4().hex}")

    assert "public" in response["Cache-Control"]
    assert body(response) == page


def run_redis_check(url):
    env = {**os.environ, "REDIS_URL": url}
    return subprocess.run([os.sys.executable, "tools/redis_check.py"], env=env, capture_output=True, text=True,
                          cwd=django_settings.BASE_DIR)


@pytest.mark.slow
def test_serving_refuses_a_redis_without_maxmemory_and_accepts_one_with_it(own_redis):
    _, url = own_redis
    import redis

    refused = run_redis_check(url)
    redis.Redis.from_url(url).config_set("maxmemory", "64mb")
    redis.Redis.from_url(url).config_set("maxmemory-policy", "allkeys-lru")
    accepted = run_redis_check(url)

    assert refused.returncode == 1 and "maxmemory is 0" in refused.stderr
    assert accepted.returncode == 0, accepted.stderr


@pytest.mark.django_db
def test_an_outage_is_logged_once_for_the_site_not_once_per_process(tmp_path, monkeypatch, settings, caplog):
    """Each gunicorn worker has its own Outage; they share a marker file, so the site's log
    says once that Redis is gone and once that it is back."""
    monkeypatch.setattr(caching.tempfile, "gettempdir", lambda: str(tmp_path))
    caplog.set_level(logging.INFO, logger="commitments.caching")
    workers = [caching.Outage("127.0.0.1:6390/0") for _ in range(3)]

    for _ in range(2):  # each worker fails, and again after its skip
        for outage in workers:
            outage.failed(TimeoutError("Timeout reading"))
    for outage in workers:
        outage.answered()

    messages = [r.getMessage() for r in caplog.records if r.name == "commitments.caching"]
    assert len(messages) == 2, messages
    assert "unreachable" in messages[0] and "answers again" in messages[1]
    assert list(tmp_path.iterdir()) == []  # the marker is gone with the outage


@pytest.mark.django_db
def test_a_marker_left_by_a_stopped_process_does_not_hide_the_next_outage(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(caching.tempfile, "gettempdir", lambda: str(tmp_path))
    caplog.set_level(logging.INFO, logger="commitments.caching")
    caching.Outage("127.0.0.1:6390/0").failed(TimeoutError("Timeout reading"))  # then the process stops
    marker = next(tmp_path.iterdir())
    os.utime(marker, (time.time() - 3600, time.time() - 3600))
    caplog.clear()

    caching.Outage("127.0.0.1:6390/0").failed(TimeoutError("Timeout reading"))

    assert [r.getMessage() for r in caplog.records if "unreachable" in r.getMessage()]


def test_threads_missing_the_same_page_at_once_render_it_once(monkeypatch, rf):
    """One thread renders; the others wait for it and are served what it stored."""
    import threading

    from django.http import HttpResponse

    monkeypatch.setattr(caching, "read_data_version", lambda **kwargs: caching.DataVersion("e", 1, 0.0))
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    caching.local_pages.clear()
    renders, started = [], threading.Event()

    def view(request):
        renders.append(request.path)
        started.set()
        time.sleep(0.3)  # the others arrive meanwhile
        return HttpResponse("the page")

    middleware = caching.PublicPageCacheMiddleware(view)
    answers = []

    def ask():
        answers.append(middleware(rf.get("/about/")).content)

    first = threading.Thread(target=ask)
    first.start()
    started.wait(5)
    others = [threading.Thread(target=ask) for _ in range(4)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)

    assert renders == ["/about/"]
    assert answers == [b"the page"] * 5

"""Public pages come from a cache keyed by the data version: conditional GET, no stale read
after any write, and nothing an admin sees ever shared with the public."""

import os
import re
import subprocess
import sys
import uuid

import pytest
from django.conf import settings as django_settings
from django.utils.http import http_date
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.db.transaction import TransactionManagementError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments import caching
from commitments.exports import kept_lines
from commitments.models import Commitment, EvidenceSuggestion, Source, Topic
from commitments.services import accept_suggestion, change_status, set_review
from tests.factories import transcript_text

LATER_AMA = transcript_text("stratos-ama-twitter-spaces-27-10-2023-test.md")

SEED_SOURCE = "stratos-ama-twitter-spaces-03-08-2023"
PUBLIC_URLS = [
    "/",
    "/?status=pending&topic=mainnet&sort=-due",
    "/?page=2",
    "/commitments/announce-mainnet-date-in-toronto/",
    "/commitments/launch-mainnet/",
    f"/sources/{SEED_SOURCE}/",
    "/export.csv",
    "/export.csv?topic=mainnet&status=pending",
    "/feed/",
    "/feed/topic/mainnet/",
    "/commitments/launch-mainnet/feed/",
    "/api/commitments/",
    "/api/commitments/launch-mainnet/",
    "/calendar.ics",
    "/badge.svg",
    "/badge.svg?topic=mainnet",
]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode("utf-8")
    # The parts stamped with the time of writing: the calendar's events, an empty feed, the form.
    if "<feed" in text and "<entry>" not in text:
        text = re.sub(r"<updated>[^<]*</updated>", "<updated>x</updated>", text)
    # The correction form's signed time stamp (commitments/forms.py).
    text = re.sub(r'name="stamp" value="[^"]*"', 'name="stamp" value="x"', text)
    return re.sub(r"DTSTAMP:\d{8}T\d{6}Z", "DTSTAMP:x", text)


def read_all(client) -> dict[str, str]:
    pages = {}
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = body(response)
    return pages


def fresh(client) -> dict[str, str]:
    """Every public URL rendered by the views, with nothing from the cache."""
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    caching.local_pages.clear()
    kept_lines.take(None)
    return read_all(client)


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
        try:
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        except Exception as error:
            if os.environ.get("REQUIRE_REDIS"):
                pytest.fail(f"Redis is required (REQUIRE_REDIS is set) but {url} does not answer: {error}")
            pytest.skip(f"Redis not reachable at {url} ({type(error).__name__}): start redis-server or set REDIS_URL")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # this test's keys only, gone after a minute
                "TIMEOUT": 60,
            }
        }
    return request.param


def served_from_cache(client, url, django_assert_num_queries):
    """A repeated anonymous request costs one query: the data version."""
    client.get(url)
    with django_assert_num_queries(1):
        return client.get(url)


@pytest.mark.django_db
def test_a_repeated_request_reads_only_the_data_version(seeded, client, page_cache, django_assert_num_queries):
    for url in PUBLIC_URLS:
        response = served_from_cache(client, url, django_assert_num_queries)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url  # the headers the view's response had


@pytest.mark.django_db
def test_a_junk_session_cookie_is_served_from_the_cache_like_anyone(seeded, client, page_cache, django_assert_num_queries):
    page = body(client.get("/"))
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "not-a-session-anyone-was-given"

    with django_assert_num_queries(2):  # the session looked up, then the data version
        response = client.get("/")

    assert "public" in response["Cache-Control"]
    assert body(response) == page


def assert_next_read_shows_the_change(client, write, must_change):
    before = read_all(client)
    assert read_all(client) == before  # from the cache now
    write()
    after = read_all(client)
    assert after == fresh(client), [url for url in PUBLIC_URLS if after[url] != fresh(client)[url]]
    changed = {url for url in PUBLIC_URLS if after[url] != before[url]}
    assert must_change <= changed, sorted(must_change - changed)


@pytest.mark.django_db
def test_a_status_change_shows_on_the_very_next_read_of_every_public_url(seeded, client, page_cache):
    commitment = Commitment.objects.get(slug="announce-mainnet-date-in-toronto")

    assert_next_read_shows_the_change(
        client,
        lambda: change_status(commitment, Commitment.Status.DELIVERED, note="Announced on stage."),
        must_change=set(PUBLIC_URLS) - {"/?page=2", "/commitments/launch-mainnet/", "/commitments/launch-mainnet/feed/", "/api/commitments/launch-mainnet/"},
    )
    assert "Announced on stage." in body(client.get("/feed/"))


@pytest.mark.django_db
def test_an_import_and_its_review_show_on_the_very_next_read(seeded, client, page_cache, tmp_path):
    path = tmp_path / "stratos-ama-twitter-spaces-27-10-2023-test.md"
    path.write_text(LATER_AMA, encoding="utf-8")

    # An unreviewed source is not public: the import alone changes no public page.
    assert_next_read_shows_the_change(
        client, lambda: call_command("import_transcript", str(path), verbosity=0), must_change=set()
    )
    source = Source.objects.get(title="AMA on Twitter 27.10.2023")
    assert "AMA on Twitter 27.10.2023" not in body(client.get("/"))

    proposals = Commitment.objects.filter(source=source)
    assert proposals.exists()
    assert_next_read_shows_the_change(
        client,
        lambda: set_review(proposals, Commitment.Review.ACCEPTED),
        must_change={"/", "/export.csv", "/api/commitments/", "/badge.svg"},
    )
    assert "AMA on Twitter 27.10.2023" in body(client.get("/"))  # reviewed: the source in the filter


@pytest.mark.django_db
def test_accepting_a_suggestion_shows_on_the_very_next_read(seeded, client, page_cache, tmp_path, staff_user):
    path = tmp_path / "stratos-ama-twitter-spaces-27-10-2023-test.md"
    path.write_text(LATER_AMA, encoding="utf-8")
    call_command("import_transcript", str(path), verbosity=0)
    suggestion = EvidenceSuggestion.objects.get(commitment__slug="launch-mainnet")

    assert_next_read_shows_the_change(
        client,
        lambda: accept_suggestion(suggestion, by=staff_user),
        must_change={
            "/", "/?status=pending&topic=mainnet&sort=-due", "/commitments/launch-mainnet/", f"/sources/{SEED_SOURCE}/",
            "/export.csv", "/export.csv?topic=mainnet&status=pending", "/feed/", "/feed/topic/mainnet/",
            "/commitments/launch-mainnet/feed/", "/api/commitments/", "/api/commitments/launch-mainnet/",
            "/badge.svg", "/badge.svg?topic=mainnet",
        },
    )


@pytest.mark.django_db
def test_an_admin_edit_of_a_public_field_shows_on_the_next_read(seeded, staff_client):
    client = Client()
    topic = Topic.objects.get(slug="mainnet")
    assert "Mainnet" in body(client.get("/feed/topic/mainnet/"))
    url = f"/admin/commitments/topic/{topic.pk}/change/"
    form = staff_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}

    response = staff_client.post(url, {**data, "name": "Main network"})

    assert response.status_code == 302
    assert "Commitment Tracker: Main network" in body(client.get("/feed/topic/mainnet/"))
    assert "Main network" in body(client.get("/"))


LISTING_WRITES = {
    "a topic renamed": lambda: Topic.objects.filter(slug="mainnet").update(name="Main network"),
    "a commitment moved to another topic": lambda: Commitment.objects.filter(slug="launch-mainnet").update(
        topic=Topic.objects.get(slug="cdn")
    ),
    "a commitment withdrawn from the public": lambda: Commitment.objects.filter(slug="more-than-10-validators-at-mainnet").update(
        review=Commitment.Review.REJECTED
    ),
    "a commitment deleted": lambda: Commitment.objects.filter(slug="gate-integrates-native-token").delete(),
    "a source published": lambda: Source.objects.create(
        slug="later-ama", title="A later AMA", aired_on="2023-10-27", public=True
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("write", LISTING_WRITES, ids=list(LISTING_WRITES))
def test_a_change_to_what_the_filters_list_shows_on_the_next_read(seeded, client, page_cache, write):
    """The topic chips and filter form are cached under the listing version: each write that
    can change them bumps it, and the status page shows the change on the very next read."""
    before = caching.read_data_version()

    assert_next_read_shows_the_change(client, LISTING_WRITES[write], must_change={"/"})

    after = caching.read_data_version()
    assert after.listing > before.listing and after.number > before.number


@pytest.mark.django_db
def test_a_status_change_keeps_the_cached_filter_panel(seeded, client, page_cache):
    """A status change bumps the data version but not the listing version, so the next render
    of the status page reuses its topic chips and filter form: no query reads a topic, speaker
    or source list."""
    client.get("/?q=mainnet")
    before = caching.read_data_version()

    change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live.")
    after = caching.read_data_version()
    with CaptureQueriesContext(connection) as queries:
        page = body(client.get("/?q=mainnet"))

    assert after.number > before.number and after.listing == before.listing
    listing_queries = [q["sql"] for q in queries if re.search(r'FROM "commitments_(topic|speaker|source)"', q["sql"])]
    assert listing_queries == []
    assert 'class="chip' in page and "Any speaker" in page  # the panel is there, from the cache
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    assert page == body(client.get("/?q=mainnet"))  # as rendered with nothing cached


def backdate_last_write(seconds):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {caching.TABLE} SET changed_at = changed_at - %s WHERE id = 1", [seconds])


@pytest.mark.django_db
def test_every_public_url_answers_a_conditional_request_with_304(seeded, client):
    backdate_last_write(5)  # a page made in the second of the last write carries no Last-Modified
    for url in PUBLIC_URLS:
        response = client.get(url)
        etag, last_modified = response["ETag"], response["Last-Modified"]
        assert "public" in response["Cache-Control"] and "stale-while-revalidate" in response["Cache-Control"], url
        assert "Cookie" in response["Vary"], url

        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304, url
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200, url


@pytest.mark.django_db
def test_if_modified_since_alone_never_gets_a_stale_304_after_two_writes_in_one_second(seeded, client):
    commitment = Commitment.objects.get(slug="launch-mainnet")
    change_status(commitment, Commitment.Status.IN_PROGRESS, note="Testnet.")
    first = client.get("/badge.svg")
    change_status(commitment, Commitment.Status.DELIVERED, note="Live.")  # the same second, most likely
    version = caching.read_data_version()
    same_second = http_date(int(version.changed_at))

    response = client.get("/badge.svg", HTTP_IF_MODIFIED_SINCE=first.get("Last-Modified", same_second))

    assert response.status_code == 200
    assert "1 of 29 delivered" in body(response)


@pytest.mark.django_db
def test_after_a_write_the_old_etag_gets_the_new_page(seeded, client):
    etag = client.get("/badge.svg")["ETag"]
    change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live.")

    response = client.get("/badge.svg", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200 and response["ETag"] != etag
    assert "1 of 29 delivered" in body(response)


@pytest.mark.django_db
def test_an_admin_never_reads_from_nor_writes_into_the_public_cache(seeded, staff_client):
    client = Client()  # anonymous, beside the logged-in staff_client
    client.get("/")  # the public page is cached
    admin_page = staff_client.get("/")
    assert '<a href="/admin/">Admin</a>' in body(admin_page)
    assert "private" in admin_page["Cache-Control"] and "ETag" not in admin_page

    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    staff_client.get("/")  # nothing stored for the public by the admin's visit
    public_page = client.get("/")
    assert public_page.status_code == 200
    assert "Admin</a>" not in body(public_page)
    assert "promised, and what was delivered" in body(public_page)


@pytest.mark.django_db
def test_healthz_and_the_admin_are_not_cached(seeded, staff_client):
    health = Client().get("/healthz")
    admin = staff_client.get("/admin/")
    assert health.status_code == 200 and "ETag" not in health
    assert "Site administration" in body(admin) and "ETag" not in admin


@pytest.mark.django_db
def test_every_write_to_a_public_table_bumps_the_data_version(seeded):
    """The triggers cover every table of the app, m2m tables included."""
    tables = caching.watched_tables(set(connection.introspection.table_names()))
    assert "commitments_commitment_depends_on" in tables and "commitments_statuschange" in tables
    before = caching.read_data_version().number
    Commitment.objects.filter(slug="launch-mainnet").update(title="Retitled")
    after_update = caching.read_data_version().number
    Commitment.objects.get(slug="launch-mainnet").depends_on.add(Commitment.objects.get(slug="announce-mainnet-date-in-toronto"))
    after_m2m = caching.read_data_version().number

    assert before < after_update < after_m2m


@pytest.mark.django_db(transaction=True)
def test_without_the_version_table_pages_are_served_uncached(seeded, client):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {caching.TABLE}")
    try:
        response = client.get("/")
        assert response.status_code == 200 and "ETag" not in response
        assert "promised, and what was delivered" in body(response)
    finally:
        caching.install_data_version()


@pytest.mark.django_db
def test_loading_the_seed_bumps_the_data_version():
    before = caching.read_data_version().number

    call_command("seed", verbosity=0)

    assert caching.read_data_version().number > before


@pytest.mark.django_db
def test_installing_turns_an_older_after_trigger_into_a_before_trigger():
    """A database set up when the trigger ran AFTER each statement gets the BEFORE trigger on
    its next migrate, so its writers take the data version before any row (see caching.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's triggers are per row and it has no row locks")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE OR REPLACE TRIGGER data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON commitments_commitment FOR EACH STATEMENT EXECUTE FUNCTION {caching.PG_FUNCTION}()"
        )

        caching.install_data_version()

        cursor.execute(
            "SELECT c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'data_version' ORDER BY c.relname"
        )
        triggers = dict(cursor.fetchall())
    assert sorted(triggers) == caching.watched_tables(set(connection.introspection.table_names()))
    assert all(" BEFORE INSERT OR DELETE OR UPDATE OR TRUNCATE " in definition for definition in triggers.values()), triggers


@pytest.mark.django_db(transaction=True)
def test_locking_the_data_version_outside_a_transaction_is_refused():
    """In autocommit the lock would be gone before the row lock that must follow it."""
    with pytest.raises(TransactionManagementError, match="inside transaction.atomic"):
        caching.lock_data_version()


@pytest.mark.django_db
def test_a_cache_that_does_not_answer_serves_every_public_url_uncached(seeded, client, settings, caplog):
    """Redis down: pages and the status page's cached fragments are rendered as if nothing was
    cached, each failure logged, instead of failing the request."""
    settings.CACHES = {
        "default": {
            "BACKEND": "commitments.caching.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
    page = body(client.get("/"))
    assert 'class="chip' in page and "Any speaker" in page and "<thead>" in page
    assert "cache unreachable" in caplog.text


def test_redis_url_selects_the_fail_safe_redis_cache():
    code = "import django; django.setup(); from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/9"},
                         capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR).stdout
    assert out.strip() == "commitments.caching.FailSafeRedisCache"


PAGE = "/commitments/launch-mainnet/"
NEIGHBOUR = "announce-mainnet-date-in-toronto"


@pytest.mark.django_db
def test_a_write_to_another_commitment_keeps_a_commitment_page_cached(seeded, client, page_cache, django_assert_num_queries):
    page = body(client.get(PAGE))

    change_status(Commitment.objects.get(slug="announce-bounty-program"), Commitment.Status.DELIVERED, note="Done.")
    Commitment.objects.filter(slug="build-database-component").update(topic=Topic.objects.get(slug="cdn"))

    with django_assert_num_queries(1):  # the data version with the page's key, nothing else
        assert body(client.get(PAGE)) == page


COMMITMENT_PAGE_WRITES = {
    "its status": lambda: change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live."),
    "its topic": lambda: Commitment.objects.filter(slug="launch-mainnet").update(topic=Topic.objects.get(slug="cdn")),
    "its topic renamed": lambda: Topic.objects.filter(slug="mainnet").update(name="Main network"),
    "a link to another": lambda: Commitment.objects.get(slug="launch-mainnet").depends_on.add(Commitment.objects.get(slug=NEIGHBOUR)),
}


@pytest.mark.django_db
@pytest.mark.parametrize("write", COMMITMENT_PAGE_WRITES, ids=list(COMMITMENT_PAGE_WRITES))
def test_a_write_to_what_a_commitment_page_shows_shows_on_the_next_read(seeded, client, page_cache, write):
    before = body(client.get(PAGE))

    COMMITMENT_PAGE_WRITES[write]()

    after = body(client.get(PAGE))
    assert after != before
    assert after == fresh(client)[PAGE]


@pytest.mark.django_db
def test_a_change_to_a_neighbour_or_to_the_link_shows_on_the_next_read(seeded, client, page_cache):
    commitment, neighbour = Commitment.objects.get(slug="launch-mainnet"), Commitment.objects.get(slug=NEIGHBOUR)
    commitment.depends_on.add(neighbour)
    pages = {PAGE: body(client.get(PAGE)), f"/commitments/{NEIGHBOUR}/": body(client.get(f"/commitments/{NEIGHBOUR}/"))}

    for write in (
        lambda: Commitment.objects.filter(pk=neighbour.pk).update(title="Announce the date on stage"),
        lambda: Commitment.objects.filter(pk=commitment.pk).update(title="Launch the main network"),
        lambda: change_status(neighbour, Commitment.Status.DELIVERED, note="Announced."),
        lambda: commitment.depends_on.remove(neighbour),
    ):
        write()
        for url, before in pages.items():
            after = body(client.get(url))
            assert after == fresh(client)[url], url
            pages[url] = after
    assert "Announce the date on stage" not in pages[PAGE]  # the link is gone


@pytest.mark.django_db
def test_every_write_to_a_commitments_own_rows_stamps_its_page_and_others_bump_the_shared_version(seeded):
    def versions():
        return caching.read_data_version(slug="launch-mainnet"), caching.read_data_version(slug=NEIGHBOUR)

    mine, other = versions()
    change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live.")
    after_mine, after_other = versions()
    assert after_mine.page > mine.page and after_mine.shared == mine.shared
    assert after_other.key() == other.key()

    Topic.objects.filter(slug="cdn").update(name="Content delivery")
    assert versions()[1].shared > after_other.shared


CSV_WRITES = {
    "a status change": lambda: change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live."),
    "a topic moved": lambda: Commitment.objects.filter(slug="launch-mainnet").update(topic=Topic.objects.get(slug="cdn")),
    "a topic renamed": lambda: Topic.objects.filter(slug="mainnet").update(name="Main network"),
    "a commitment withdrawn": lambda: Commitment.objects.filter(slug="build-cdn-layer").update(review=Commitment.Review.REJECTED),
    "a commitment deleted": lambda: Commitment.objects.filter(slug="gate-integrates-native-token").delete(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("write", CSV_WRITES, ids=list(CSV_WRITES))
def test_a_csv_made_from_kept_lines_is_the_csv_made_anew(seeded, client, write):
    urls = ["/export.csv", "/export.csv?topic=mainnet", "/export.csv?status=delivered"]
    for url in urls:
        client.get(url)

    CSV_WRITES[write]()

    kept = {url: body(client.get(url)) for url in urls}
    assert kept == {url: made_anew(client, url) for url in urls}


def made_anew(client, url):
    caches[django_settings.PUBLIC_CACHE_ALIAS].clear()
    caching.local_pages.clear()
    kept_lines.take(None)
    return body(client.get(url))


@pytest.mark.django_db
def test_a_csv_after_a_status_change_renders_only_that_commitments_line(seeded, client):
    client.get("/export.csv")
    change_status(Commitment.objects.get(slug="launch-mainnet"), Commitment.Status.DELIVERED, note="Live.")

    with CaptureQueriesContext(connection) as queries:
        page = body(client.get("/export.csv"))

    rendered = [q["sql"] for q in queries if "commitments_statuschange" in q["sql"]]
    assert len(rendered) == 1 and "Live." in page

"""Public pages served from a cache that is never stale.

The rule, in one place: **every write to a table of the commitments app bumps the data
version, in the same transaction, and every public response is cached under (data version,
today's date, full URL with its query).** A change is therefore visible on the very next
request and nothing ever needs invalidating: old entries are simply never asked for again and
age out of the cache.

The bump is done by database triggers, not by Python: `install_data_version` (run after every
`migrate`, and after a test database is flushed) puts an INSERT/UPDATE/DELETE trigger on every
table of every model of the app, including many-to-many tables and models added later. So
`save()`, `delete()`, `queryset.update()`, `bulk_create()`, `loaddata` (restore, seed), admin
edits and raw SQL are all caught, and a new model needs nothing beyond its migration.
Writes to tables outside the app (users, sessions) do not change public pages and are not
counted.

Lock order: **the version row is the first lock a writing transaction takes.** Every writer
updates that one row and holds its lock until commit; taken after a row lock, it would turn
two writers that meet on a row, where one would simply wait for the other, into a deadlock.
So on PostgreSQL the trigger runs BEFORE each statement (INSERT, UPDATE, DELETE, TRUNCATE),
locking the version row before the statement touches any row, and code that locks rows with
`select_for_update()` before writing calls `lock_data_version()` first. SQLite has no row
locks: every transaction there is IMMEDIATE (tracker/settings.py) and holds the whole
database's write lock from BEGIN, so its triggers run after each row and `lock_data_version()`
has nothing to do.

The listing version, in the same row, counts the writes that can change what the status
page's filters list (topics with their counts, speakers, sources): every write to the topic,
speaker and source tables, and each commitment inserted, deleted, or updated in its review,
topic, speaker or source. A status change leaves it as it is, so the filter panel rendered
under it (`{% cache %}` in the status page, keyed by `listing_key()` and the query) is reused
after a status change and re-rendered after any write that could change it.

Pages are never rendered inside a write transaction (ATOMIC_REQUESTS is off and no view
renders a public page after writing), so a page is never cached under a version that a
rollback could take back.

`PublicPageCacheMiddleware` applies it to every GET and HEAD except the admin, static files
and /healthz:
- a request carrying a session cookie (a logged-in admin) goes straight to the views and
  its response is marked private: it is never read from nor written to the public cache;
- anyone else gets an ETag and a Last-Modified built from the data version, a 304 when they
  already hold that version, else the cached response, else the view's response, stored
  when it is a 200 that sets no cookie, says nothing private and varies only by Cookie;
- public responses say `Cache-Control: public, max-age=…, stale-while-revalidate=…` so a CDN
  in front can absorb bursts, and `Vary: Cookie` so an admin's pages stay apart.
A view opts out with `@never_cache` (or any `Cache-Control: private/no-store/no-cache`).

The cache cannot be flooded nor stall the site:
- before anything else, the query string keeps only the parameters the view names with
  `@reads_query` (the filter set's fields, the table's page and sort, ...), sorted: `?utm_source=N`
  is the page without it, from the same entry, for the fragments' keys as for the page's;
- an entry lives PUBLIC_CACHE_TTL seconds, and a body over PUBLIC_CACHE_MAX_ENTRY_BYTES is
  served but never kept;
- Redis gets PUBLIC_CACHE_REDIS_TIMEOUT_MS to answer, then is skipped for
  PUBLIC_CACHE_SKIP_SECONDS (FailSafeRedisCache and its Outage), with one log line when an
  outage starts and one when it ends.
"""

import datetime
import hashlib
import itertools
import logging
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.transaction import TransactionManagementError
from django.http import HttpResponse, HttpResponseNotModified, QueryDict, StreamingHttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from .middleware import RefuseNulBytesMiddleware, live_session

logger = logging.getLogger(__name__)

TABLE = "commitments_data_version"
PG_FUNCTION = "commitments_bump_data_version"
PG_LISTING_FUNCTION = "commitments_bump_listing_version"
# What the status page's filters list: {model: the fields whose update changes it, or None for
# every write to its table}.
LISTED = {"Topic": None, "Speaker": None, "Source": None, "Commitment": ("review", "topic", "speaker", "source")}
SQLITE_NOW = "((julianday('now') - 2440587.5) * 86400.0)"


@dataclass(frozen=True)
class DataVersion:
    epoch: str  # random, made with the table: a new database never reuses an old one's keys
    number: int
    changed_at: float  # Unix time of the last write
    listing: int = 0  # bumped by the writes that can change what the filters list

    def key(self) -> str:
        return f"{self.epoch}.{self.number}"

    def listing_key(self) -> str:
        return f"{self.epoch}.L{self.listing}"


def read_data_version(using: str = DEFAULT_DB_ALIAS) -> DataVersion:
    """The current data version: one primary-key query."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT epoch, version, changed_at, listing FROM {TABLE} WHERE id = 1")
        epoch, number, changed_at, listing = cursor.fetchone()
    return DataVersion(epoch, int(number), float(changed_at), int(listing))


def request_data_version(request) -> DataVersion | None:
    """The data version the request was served under: the one PublicPageCacheMiddleware read,
    or (a logged-in admin's request, which it passes by) read now; None without the table."""
    if not hasattr(request, "data_version"):
        try:
            request.data_version = read_data_version()
        except DatabaseError:
            request.data_version = None
    return request.data_version


def listing_key(request) -> str | None:
    """Key of what the status page's filters list, for the request; None when it cannot be
    known, and then nothing is cached under it."""
    version = request_data_version(request)
    return version.listing_key() if version else None


def bump_data_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the version by hand: for a change the triggers cannot see (none today)."""
    with connections[using].cursor() as cursor:
        cursor.execute(_bump_sql(connections[using].vendor))


def lock_data_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Lock the version row until commit, bumping nothing: call it before `select_for_update()`
    in a transaction that will write (the lock order in the module's docstring)."""
    db = connections[using]
    if db.get_autocommit():
        raise TransactionManagementError("lock_data_version() holds its lock until commit: call it inside transaction.atomic().")
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            # The lock the trigger's UPDATE takes, so that UPDATE never waits for another.
            cursor.execute(f"SELECT 1 FROM {TABLE} WHERE id = 1 FOR NO KEY UPDATE")


def _bump_sql(vendor: str) -> str:
    now = SQLITE_NOW if vendor == "sqlite" else "extract(epoch from clock_timestamp())"
    return f"UPDATE {TABLE} SET version = version + 1, changed_at = {now} WHERE id = 1"


LISTING_BUMP_SQL = f"UPDATE {TABLE} SET listing = listing + 1 WHERE id = 1"


def listed_tables(existing: set[str]) -> dict[str, list[str] | None]:
    """{table: the columns whose update changes what the filters list, or None for any write}."""
    tables = {}
    for name, fields in LISTED.items():
        meta = apps.get_model("commitments", name)._meta
        if meta.db_table in existing:
            tables[meta.db_table] = [meta.get_field(field).column for field in fields] if fields else None
    return tables


def watched_tables(existing: set[str]) -> list[str]:
    """Every table of the commitments app's models (m2m tables included) that exists."""
    models = apps.get_app_config("commitments").get_models(include_auto_created=True)
    return sorted(
        {m._meta.db_table for m in models if m._meta.managed and not m._meta.proxy} & existing
    )


def install_data_version(using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the version table (once) and a bumping trigger on every watched table; then bump,
    since a migration may have changed what pages show. Connected to post_migrate."""
    db = connections[using]
    if db.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"The public page cache supports SQLite and PostgreSQL, not {db.vendor}.")
    with db.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {TABLE} "
            "(id integer PRIMARY KEY, epoch varchar(32) NOT NULL, version bigint NOT NULL, "
            "changed_at double precision NOT NULL, listing bigint NOT NULL DEFAULT 0)"
        )
        if "listing" not in {column.name for column in db.introspection.get_table_description(cursor, TABLE)}:
            cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN listing bigint NOT NULL DEFAULT 0")
        cursor.execute(
            f"INSERT INTO {TABLE} (id, epoch, version, changed_at, listing) "
            f"SELECT 1, %s, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM {TABLE} WHERE id = 1)",
            [secrets.token_hex(8)],
        )
        existing = set(db.introspection.table_names(cursor))
        tables = watched_tables(existing)
        listed = listed_tables(existing)
        if db.vendor == "sqlite":
            for table in tables:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "{table}_data_version_{operation.lower()}" '
                        f'AFTER {operation} ON "{table}" BEGIN {_bump_sql("sqlite")}; END'
                    )
            for table, columns in listed.items():
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    event = f"UPDATE OF {', '.join(columns)}" if operation == "UPDATE" and columns else operation
                    cursor.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "{table}_listing_version_{operation.lower()}" '
                        f'AFTER {event} ON "{table}" BEGIN {LISTING_BUMP_SQL}; END'
                    )
        else:
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {_bump_sql('postgresql')}; RETURN NULL; END $$"
            )
            for table in tables:
                # BEFORE, so the version row is locked before the statement locks any row (see the
                # module's docstring). Replacing by name also turns an older AFTER trigger into this.
                cursor.execute(
                    f'CREATE OR REPLACE TRIGGER data_version BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE '
                    f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()'
                )
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {PG_LISTING_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {LISTING_BUMP_SQL}; RETURN NULL; END $$"
            )
            for table, columns in listed.items():
                update = f"UPDATE OF {', '.join(columns)}" if columns else "UPDATE"
                # Named after data_version, so it fires after it and finds the row already locked.
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER listing_version BEFORE INSERT OR {update} OR DELETE OR TRUNCATE "
                    f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {PG_LISTING_FUNCTION}()'
                )
        cursor.execute(_bump_sql(db.vendor))
        cursor.execute(LISTING_BUMP_SQL)


def rebuild(status: int, headers: list, body: bytes, streaming: bool):
    """A response from a cache entry, of the kind the view gave (a CSV export stays streamed)."""
    response = StreamingHttpResponse([body], status=status) if streaming else HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(body))
    return response


def public_cache():
    return caches[settings.PUBLIC_CACHE_ALIAS]


def reads_query(*names):
    """Name the query parameters a public view reads. PublicPageCacheMiddleware drops every
    other parameter (and sorts these) before the view sees the request, so a made-up query
    string is the page without it, from the same cache entry. A view that names none reads none."""

    def decorate(view):
        view.query_parameters = frozenset(names)
        return view

    return decorate


def normalise_query(request) -> None:
    """Keep only the parameters the view reads, sorted: the request's query string and GET
    become what every equivalent URL would give, for the view and for the cache key alike."""
    try:
        known = getattr(resolve(request.path_info).func, "query_parameters", frozenset())
    except Resolver404:
        known = frozenset()
    query = QueryDict(mutable=True)
    for name in sorted(name for name in request.GET if name in known):
        query.setlist(name, sorted(request.GET.getlist(name)))
    canonical = query.urlencode()
    if canonical != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = canonical
        query._mutable = False
        request.GET = query


class Outage:
    """Whether one Redis server is being skipped: after a failure, every cache call is a miss
    (or does nothing) for PUBLIC_CACHE_SKIP_SECONDS; then one caller tries it again. Shared by
    the threads of a process, and logged once when it starts and once when it ends."""

    def __init__(self, server: str):
        self.server = server
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, None while it answers
        self.retry_at = 0.0

    def skipping(self) -> bool:
        if self.down_since is None:
            return False
        with self.lock:
            now = time.monotonic()
            if self.down_since is None or now >= self.retry_at:
                # This caller tries Redis again; the others keep skipping it meanwhile.
                self.retry_at = now + settings.PUBLIC_CACHE_SKIP_SECONDS
                return False
            return True

    def failed(self, error: Exception) -> None:
        with self.lock:
            now = time.monotonic()
            self.retry_at = now + settings.PUBLIC_CACHE_SKIP_SECONDS
            if self.down_since is None:
                self.down_since = now
                logger.warning(
                    "page cache unreachable at %s (%s: %s): skipped for %s s at a time, pages served uncached",
                    self.server, type(error).__name__, error, settings.PUBLIC_CACHE_SKIP_SECONDS,
                )

    def answered(self) -> None:
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                logger.warning("page cache at %s answers again after %.1f s", self.server, time.monotonic() - self.down_since)
                self.down_since = None


_outages: dict[str, Outage] = {}
_outages_lock = threading.Lock()


def outage_for(server: str) -> Outage:
    with _outages_lock:
        return _outages.setdefault(server, Outage(server))


class FailSafeRedisCache(RedisCache):
    """Django's Redis cache, except that a Redis that does not answer within
    PUBLIC_CACHE_REDIS_TIMEOUT_MS (no retry) is a miss on read and nothing on write, and is
    then skipped for PUBLIC_CACHE_SKIP_SECONDS (Outage): pages and fragments are rendered as if
    nothing were cached instead of waiting or failing (REDIS_URL's backend, tracker/settings.py).
    The one place a cache failure is handled, for the page cache and the templates' fragments."""

    def __init__(self, server, params):
        timeout = settings.PUBLIC_CACHE_REDIS_TIMEOUT_MS / 1000
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout, "retry": Retry(NoBackoff(), 0)}
        super().__init__(server, {**params, "OPTIONS": {**options, **params.get("OPTIONS", {})}})
        # Named without any password the URL may hold.
        self.outage = outage_for(",".join(f"{urlsplit(s).hostname}:{urlsplit(s).port}{urlsplit(s).path}" for s in self._servers))

    def _guarded(self, default, operation, *args):
        if self.outage.skipping():
            return default
        try:
            result = operation(*args)
        except RedisError as error:
            self.outage.failed(error)
            return default
        self.outage.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded(None, super().set, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)


class PublicPageCacheMiddleware:
    """See the module's docstring. Sits just after SecurityMiddleware and WhiteNoise, so a cache
    hit skips the session, CSRF, auth and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded_prefixes = ("/" + settings.ADMIN_URL, settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL)
        self._excluded_paths = None

    def excluded(self, path: str) -> bool:
        if self._excluded_paths is None:
            self._excluded_paths = {reverse("healthz")}
        return path in self._excluded_paths or path.startswith(self.excluded_prefixes)

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or self.excluded(request.path_info):
            return self.get_response(request)
        if RefuseNulBytesMiddleware.holds_nul(request.GET):  # its rule, before any parameter is dropped
            return RefuseNulBytesMiddleware.refuse()
        normalise_query(request)
        if self.has_session(request):
            return self.private(self.get_response(request))

        try:
            version = request.data_version = read_data_version()
        except DatabaseError:  # no version table yet (run `manage.py migrate`), or no database
            logger.warning("public page cache off: the data version cannot be read", exc_info=True)
            request.data_version = None
            return self.get_response(request)
        today = timezone.localdate()
        url = request.build_absolute_uri()
        digest = hashlib.blake2b(url.encode("utf-8"), digest_size=12).hexdigest()
        etag = f'"{version.key()}.{today:%Y%m%d}.{digest}"'
        # Pages compute overdue and due-soon against today, so they change at midnight too.
        midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        # Last-Modified has one-second resolution: it is the end of the second of the last write,
        # and only given (and If-Modified-Since only read) once that second is over, so that a
        # second write in the same second can never be hidden behind a 304. The ETag always is.
        last_modified = int(max(version.changed_at // 1 + 1, midnight.timestamp()))
        if timezone.now().timestamp() < last_modified:
            last_modified = None

        if get_conditional_response(request, etag=etag, last_modified=last_modified) is not None:
            return self.public(HttpResponseNotModified(), etag, last_modified)

        key = f"page:{version.key()}:{today:%Y%m%d}:{digest}"
        cached = public_cache().get(key)
        if cached is not None:
            return rebuild(*cached)

        response = self.get_response(request)
        if not self.storable(response):
            return response
        streaming = response.streaming
        body = self.read_body(response)
        if body is None:  # too large to keep
            return self.public(response, etag, last_modified)
        entry = (response.status_code, list(self.public(response, etag, last_modified).items()), body, streaming)
        if request.method == "GET":
            public_cache().set(key, entry, settings.PUBLIC_CACHE_TTL)
        return rebuild(*entry)

    @staticmethod
    def has_session(request) -> bool:
        """Someone logged in (a made-up session cookie does not turn the cache off)."""
        return live_session(request)

    @staticmethod
    def private(response):
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def public(response, etag, last_modified):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PUBLIC_CACHE_MAX_AGE,
            stale_while_revalidate=settings.PUBLIC_CACHE_STALE_WHILE_REVALIDATE,
        )
        patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def storable(response) -> bool:
        if response.status_code != 200 or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return vary <= {"cookie", "accept-encoding"}

    @staticmethod
    def read_body(response) -> bytes | None:
        """The whole body; None for one past PUBLIC_CACHE_MAX_ENTRY_BYTES, which is served but
        not kept (a streamed one then streams on)."""
        limit = settings.PUBLIC_CACHE_MAX_ENTRY_BYTES
        if not response.streaming:
            return response.content if len(response.content) <= limit else None
        chunks, size = [], 0
        content = iter(response.streaming_content)
        for chunk in content:
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                response.streaming_content = itertools.chain(chunks, content)
                return None
        return b"".join(chunks)

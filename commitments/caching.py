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

A commitment's page shows that commitment (its row, history, restatements and corrections), the
commitments it waits for or unblocks, and rows of other tables (its source, speaker, topic,
...). So it is keyed more narrowly than other pages, and a status change elsewhere leaves it
cached: `PAGE_LOCAL` names the tables whose rows each belong to one or two commitments; a write
to one of them stamps those commitments in the touch table with a new number from the
`touches` counter (row triggers), and a write to any other table of the app bumps the `shared`
version. The page's key is the shared version and the highest stamp among the commitment and
its neighbours (`commitment_page`), read with the data version in one query. Any write that
changes the page changes one of the two: its own rows and its neighbours' rows stamp a number
higher than any before, a link made or removed stamps both ends, anything else bumps shared.

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

Under load, each process also keeps what it served in its own memory (`LocalPages`, at most
PUBLIC_CACHE_LOCAL_BYTES in all, the least recently used dropped first): in front of Redis every
entry (a hit costs no round trip, and pages keep being served from memory while Redis is
skipped), and whatever the shared cache may not hold (a body over PUBLIC_CACHE_MAX_ENTRY_BYTES,
a long CSV say, up to PUBLIC_CACHE_LOCAL_MAX_ENTRY_BYTES). Keys hold the data version, so a
copy is never stale either. Threads of a process that miss the same key at once render it
once (`Flights`): the others wait for that render, up to PUBLIC_CACHE_FLIGHT_WAIT_SECONDS.
"""

import datetime
import hashlib
import itertools
import logging
import os
import tempfile
from collections import OrderedDict
import secrets
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
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
# Tables each of whose rows belongs to the pages of the commitments it names: {model or
# "model.m2m field": the fields naming them}. Every other table of the app bumps `shared`.
PAGE_LOCAL = {
    "Commitment": ("id",),
    "StatusChange": ("commitment",),
    "Restatement": ("commitment",),
    "Correction": ("commitment",),
    "Commitment.depends_on": ("from_commitment", "to_commitment"),
}
TOUCH_TABLE = "commitments_page_touch"
PG_SHARED_FUNCTION = "commitments_bump_shared_version"
PG_TOUCH_FUNCTION = "commitments_touch_page"


@dataclass(frozen=True)
class DataVersion:
    epoch: str  # random, made with the table: a new database never reuses an old one's keys
    number: int
    changed_at: float  # Unix time of the last write
    listing: int = 0  # bumped by the writes that can change what the filters list
    shared: int = 0  # bumped by writes to every table but PAGE_LOCAL's
    page: int | None = None  # a commitment page's highest stamp (read_data_version(slug=...))

    def key(self) -> str:
        if self.page is not None:
            return f"{self.epoch}.S{self.shared}.P{self.page}"
        return f"{self.epoch}.{self.number}"

    def listing_key(self) -> str:
        return f"{self.epoch}.L{self.listing}"


def read_data_version(using: str = DEFAULT_DB_ALIAS, slug: str | None = None) -> DataVersion:
    """The current data version: one primary-key query; with a commitment's slug, also the key
    of its page (the highest stamp of it and its neighbours, 0 for none) in the same query."""
    page, params = "NULL", []
    if slug is not None:
        commitment = apps.get_model("commitments", "Commitment")
        table, links = commitment._meta.db_table, commitment.depends_on.through._meta.db_table
        page = (
            f"(SELECT COALESCE(MAX(t.stamp), 0) FROM {TOUCH_TABLE} t WHERE t.commitment_id IN ("
            f"SELECT c.id FROM {table} c WHERE c.slug = %s "
            f"UNION ALL SELECT d.to_commitment_id FROM {links} d JOIN {table} c ON c.id = d.from_commitment_id WHERE c.slug = %s "
            f"UNION ALL SELECT d.from_commitment_id FROM {links} d JOIN {table} c ON c.id = d.to_commitment_id WHERE c.slug = %s))"
        )
        params = [slug] * 3
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT epoch, version, changed_at, listing, shared, {page} FROM {TABLE} WHERE id = 1", params)
        epoch, number, changed_at, listing, shared, stamp = cursor.fetchone()
    return DataVersion(epoch, int(number), float(changed_at), int(listing), int(shared), None if stamp is None else int(stamp))


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
SHARED_BUMP_SQL = f"UPDATE {TABLE} SET shared = shared + 1 WHERE id = 1"


def listed_tables(existing: set[str]) -> dict[str, list[str] | None]:
    """{table: the columns whose update changes what the filters list, or None for any write}."""
    tables = {}
    for name, fields in LISTED.items():
        meta = apps.get_model("commitments", name)._meta
        if meta.db_table in existing:
            tables[meta.db_table] = [meta.get_field(field).column for field in fields] if fields else None
    return tables


def page_local_tables(existing: set[str]) -> dict[str, list[str]]:
    """{table: the columns naming the commitments whose pages its rows belong to} (PAGE_LOCAL)."""
    tables = {}
    for name, fields in PAGE_LOCAL.items():
        model_name, _, m2m = name.partition(".")
        meta = apps.get_model("commitments", model_name)._meta
        if m2m:
            meta = meta.get_field(m2m).remote_field.through._meta
        if meta.db_table in existing:
            tables[meta.db_table] = [meta.get_field(field).column for field in fields]
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
        columns = {column.name for column in db.introspection.get_table_description(cursor, TABLE)}
        for column in ("listing", "shared", "touches"):
            if column not in columns:
                cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN {column} bigint NOT NULL DEFAULT 0")
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TOUCH_TABLE} (commitment_id bigint PRIMARY KEY, stamp bigint NOT NULL)")
        cursor.execute(
            f"INSERT INTO {TABLE} (id, epoch, version, changed_at, listing) "
            f"SELECT 1, %s, 0, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM {TABLE} WHERE id = 1)",
            [secrets.token_hex(8)],
        )
        # Stamps only grow, even when the version table was made anew beside older stamps.
        cursor.execute(
            f"UPDATE {TABLE} SET touches = (SELECT COALESCE(MAX(stamp), 0) FROM {TOUCH_TABLE}) "
            f"WHERE id = 1 AND touches < (SELECT COALESCE(MAX(stamp), 0) FROM {TOUCH_TABLE})"
        )
        existing = set(db.introspection.table_names(cursor))
        tables = watched_tables(existing)
        listed = listed_tables(existing)
        local = page_local_tables(existing)
        if db.vendor == "sqlite":
            for table in tables:
                for operation in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "{table}_data_version_{operation.lower()}" '
                        f'AFTER {operation} ON "{table}" BEGIN {_bump_sql("sqlite")}; END'
                    )
                    if table in local:
                        rows = {"INSERT": ("NEW",), "UPDATE": ("NEW", "OLD"), "DELETE": ("OLD",)}[operation]
                        # An update, then an insert of a missing row: a conflict clause here would
                        # give way to the statement's own (Django's m2m add is an INSERT OR IGNORE).
                        stamps = " ".join(
                            f"UPDATE {TOUCH_TABLE} SET stamp = (SELECT touches FROM {TABLE} WHERE id = 1) "
                            f"WHERE commitment_id = {row}.{column}; "
                            f"INSERT INTO {TOUCH_TABLE} (commitment_id, stamp) SELECT {row}.{column}, touches FROM {TABLE} "
                            f"WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM {TOUCH_TABLE} WHERE commitment_id = {row}.{column});"
                            for row in rows for column in local[table]
                        )
                        body = f"UPDATE {TABLE} SET touches = touches + 1 WHERE id = 1; {stamps}"
                        name = "page_touch"
                    else:
                        body, name = f"{SHARED_BUMP_SQL};", "shared_version"
                    cursor.execute(
                        f'CREATE TRIGGER IF NOT EXISTS "{table}_{name}_{operation.lower()}" '
                        f'AFTER {operation} ON "{table}" BEGIN {body} END'
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
                f"CREATE OR REPLACE FUNCTION {PG_SHARED_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {SHARED_BUMP_SQL}; RETURN NULL; END $$"
            )
            # The row's commitments (the columns named in the trigger's arguments) get a new stamp.
            # Runs after the statement's data_version trigger: the version row is locked already.
            cursor.execute(
                f"CREATE OR REPLACE FUNCTION {PG_TOUCH_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "DECLARE column_name text; ids bigint[] := '{}'; new_stamp bigint; BEGIN "
                "FOREACH column_name IN ARRAY TG_ARGV LOOP "
                "IF TG_OP <> 'DELETE' THEN ids := ids || (to_jsonb(NEW) ->> column_name)::bigint; END IF; "
                "IF TG_OP <> 'INSERT' THEN ids := ids || (to_jsonb(OLD) ->> column_name)::bigint; END IF; "
                "END LOOP; "
                f"UPDATE {TABLE} SET touches = touches + 1 WHERE id = 1 RETURNING touches INTO new_stamp; "
                f"INSERT INTO {TOUCH_TABLE} (commitment_id, stamp) SELECT DISTINCT id, new_stamp FROM unnest(ids) AS id "
                "WHERE id IS NOT NULL ON CONFLICT (commitment_id) DO UPDATE SET stamp = EXCLUDED.stamp; "
                "RETURN NULL; END $$"
            )
            for table in tables:
                if table in local:
                    arguments = ", ".join(f"'{column}'" for column in local[table])
                    cursor.execute(
                        f'CREATE OR REPLACE TRIGGER page_touch AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                        f"FOR EACH ROW EXECUTE FUNCTION {PG_TOUCH_FUNCTION}({arguments})"
                    )
                # TRUNCATE fires no row trigger: it bumps shared, like any write elsewhere.
                events = "TRUNCATE" if table in local else "INSERT OR UPDATE OR DELETE OR TRUNCATE"
                cursor.execute(f'DROP TRIGGER IF EXISTS shared_version ON "{table}"')
                cursor.execute(
                    f"CREATE TRIGGER shared_version BEFORE {events} "
                    f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {PG_SHARED_FUNCTION}()'
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
        cursor.execute(SHARED_BUMP_SQL)


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


def commitment_page(view):
    """Mark a view as the page of the commitment named by its `slug`: it is cached under that
    commitment's page key (the module's docstring), not the whole data version."""
    view.commitment_page = True
    return view


def resolved(request):
    """The request's ResolverMatch (None for no view), resolved once for the page cache's rules:
    a project's page (/p/<slug>/...) with the URLs that project's pages are served by."""
    from .projects import PREFIX, any_project_urlconf

    if not hasattr(request, "_page_cache_match"):
        prefixed = PREFIX.match(request.path_info) is not None
        try:
            request._page_cache_match = resolve(request.path_info, any_project_urlconf() if prefixed else None)
        except Resolver404:
            request._page_cache_match = None
    return request._page_cache_match


def normalise_query(request) -> None:
    """Keep only the parameters the view reads, sorted: the request's query string and GET
    become what every equivalent URL would give, for the view and for the cache key alike."""
    match = resolved(request)
    known = getattr(match.func, "query_parameters", frozenset()) if match else frozenset()
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
    the threads of a process, and logged once for the site when it starts and once when it
    ends: the processes serving the site share a marker file in the temporary directory,
    created (O_EXCL) by the first to see the outage, which logs it, and removed by the first to
    see Redis answer again, which logs that. A marker no process has renewed for three skips
    is left over from a process that stopped mid-outage, and replaced."""

    def __init__(self, server: str):
        self.server = server
        self.lock = threading.Lock()
        self.down_since = None  # time.monotonic() of the first failure, None while it answers
        self.retry_at = 0.0
        digest = hashlib.blake2b(server.encode(), digest_size=8).hexdigest()
        self.marker = os.path.join(tempfile.gettempdir(), f"tracker-page-cache-outage-{digest}")

    def mark_down(self) -> bool:
        """Mark the outage for every process; True for the one that marked it first."""
        for _ in range(2):
            try:
                os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                return True
            except FileExistsError:
                try:
                    if time.time() - os.stat(self.marker).st_mtime < 3 * settings.PUBLIC_CACHE_SKIP_SECONDS:
                        os.utime(self.marker)  # still down: renewed
                        return False
                    os.unlink(self.marker)  # left over: replaced
                except FileNotFoundError:
                    pass
            except OSError:
                return True  # no shared marker to be had: each process logs its own
        return False

    def mark_up(self) -> bool:
        """Clear the mark; True for the one process that cleared it."""
        try:
            os.unlink(self.marker)
            return True
        except FileNotFoundError:
            return False
        except OSError:
            return True

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
            if self.mark_down():  # the first process to see it (or a new outage)
                logger.warning(
                    "page cache unreachable at %s (%s: %s): skipped for %s s at a time, pages served uncached",
                    self.server, type(error).__name__, error, settings.PUBLIC_CACHE_SKIP_SECONDS,
                )

    def answered(self) -> None:
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is not None:
                if self.mark_up():
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


class LocalPages:
    """A process's own copy of page entries, least recently used dropped first once the bodies
    pass PUBLIC_CACHE_LOCAL_BYTES; an entry lives PUBLIC_CACHE_TTL seconds. Shared by the
    threads of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()  # key: (expires at, size, entry)
        self.size = 0

    def get(self, key):
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return found[2]

    def set(self, key, entry, size: int) -> None:
        if size > min(settings.PUBLIC_CACHE_LOCAL_MAX_ENTRY_BYTES, settings.PUBLIC_CACHE_LOCAL_BYTES):
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.monotonic() + settings.PUBLIC_CACHE_TTL, size, entry)
            self.size += size
            while self.size > settings.PUBLIC_CACHE_LOCAL_BYTES:
                self._drop(next(iter(self.entries)))

    def _drop(self, key) -> None:
        self.size -= self.entries.pop(key)[1]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


local_pages = LocalPages()


class Flights:
    """One render at a time per key in a process: the first thread to miss a key renders it,
    the others wait (`follow`) until it lands, then read what it stored."""

    def __init__(self):
        self.lock = threading.Lock()
        self.landed = {}  # key: threading.Event set when its render is over

    def take_off(self, key) -> threading.Event | None:
        """The event to set when this thread's render of `key` is over; None when another
        thread is rendering it already."""
        with self.lock:
            if key in self.landed:
                return None
            self.landed[key] = threading.Event()
            return self.landed[key]

    def follow(self, key) -> None:
        with self.lock:
            event = self.landed.get(key)
        if event is not None:
            event.wait(settings.PUBLIC_CACHE_FLIGHT_WAIT_SECONDS)

    def land(self, key, event) -> None:
        with self.lock:
            if self.landed.get(key) is event:
                del self.landed[key]
        event.set()


flights = Flights()


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
            version = request.data_version = read_data_version(slug=self.commitment_slug(request))
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
        cached = self.cached(key)
        if cached is not None:
            return rebuild(*cached)
        landed = flights.take_off(key)
        if landed is None:  # another thread is rendering this page: wait for it
            flights.follow(key)
            cached = self.cached(key)
            if cached is not None:
                return rebuild(*cached)
        try:
            return self.render(request, key, etag, last_modified)
        finally:
            if landed is not None:
                flights.land(key, landed)

    @staticmethod
    def cached(key):
        """The entry from this process's memory, else from the shared cache (then kept in memory)."""
        entry = local_pages.get(key)
        if entry is None:
            entry = public_cache().get(key)
            if entry is not None and not isinstance(public_cache(), LocMemCache):
                local_pages.set(key, entry, len(entry[2]))
        return entry

    def render(self, request, key, etag, last_modified):
        response = self.get_response(request)
        if not self.storable(response):
            return response
        streaming = response.streaming
        body = self.read_body(response)
        if body is None:  # too large to keep
            return self.public(response, etag, last_modified)
        entry = (response.status_code, list(self.public(response, etag, last_modified).items()), body, streaming)
        if request.method == "GET":
            shared = len(body) <= settings.PUBLIC_CACHE_MAX_ENTRY_BYTES
            if shared:
                public_cache().set(key, entry, settings.PUBLIC_CACHE_TTL)
            if not shared or not isinstance(public_cache(), LocMemCache):
                local_pages.set(key, entry, len(body))
        return rebuild(*entry)

    @staticmethod
    def commitment_slug(request) -> str | None:
        """The slug of the commitment whose page is asked for (a view marked commitment_page)."""
        match = resolved(request)
        return match.kwargs.get("slug") if match and getattr(match.func, "commitment_page", False) else None

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
        """The whole body; None for one too large for any cache (past PUBLIC_CACHE_MAX_ENTRY_BYTES
        and past what LocalPages keeps), which is served but not kept (a streamed one then
        streams on)."""
        limit = max(settings.PUBLIC_CACHE_MAX_ENTRY_BYTES,
                    min(settings.PUBLIC_CACHE_LOCAL_MAX_ENTRY_BYTES, settings.PUBLIC_CACHE_LOCAL_BYTES))
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

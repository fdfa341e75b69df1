"""What /healthz checks: the database answers and can be written, and (PostgreSQL) a write can
start: the data-version row every write locks first can be locked within
HEALTHZ_LOCK_TIMEOUT_MS, in a transaction that is rolled back. Nothing is written. On SQLite
that check is skipped on purpose: a long import holding its write lock must not make the check
fail or wait (writers there queue on the busy timeout instead)."""

import os

from django.conf import settings
from django.db import OperationalError, connection, transaction

from .caching import TABLE as DATA_VERSION_TABLE


def database_problem() -> str | None:
    """None when the database answers and can be written, else one line saying why not."""
    problem = sqlite_file_problem() if connection.vendor == "sqlite" else None
    if problem:
        return problem
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_is_in_recovery(), current_setting('transaction_read_only')")
                in_recovery, read_only = cursor.fetchone()
                if in_recovery or read_only == "on":
                    return "database is read-only (a standby, or default_transaction_read_only is on)"
                return write_lock_problem()
            elif connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only")
                if cursor.fetchone()[0]:
                    return "database is read-only (PRAGMA query_only)"
            else:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        return f"database unreachable: {type(error).__name__}"
    return None


def write_lock_problem() -> str | None:
    """PostgreSQL: None when the data-version row (the first lock of every write) can be locked
    within HEALTHZ_LOCK_TIMEOUT_MS; the lock is let go at once, nothing written."""
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{settings.HEALTHZ_LOCK_TIMEOUT_MS}ms"])
                cursor.execute(f"SELECT 1 FROM {DATA_VERSION_TABLE} WHERE id = 1 FOR NO KEY UPDATE")
            transaction.set_rollback(True)
    except OperationalError as error:
        if getattr(getattr(error, "__cause__", None), "sqlstate", None) == "55P03":  # lock_not_available
            return f"writes blocked: another transaction has held the data version for over {settings.HEALTHZ_LOCK_TIMEOUT_MS} ms"
        raise
    return None


def sqlite_file_problem() -> str | None:
    """A SQLite file cannot be written when its mount is read-only, the file or its folder
    (where the WAL and journal files go) is not writable, or the disk is (nearly) full."""
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return None
    folder = os.path.dirname(os.path.abspath(name))
    try:
        stats = os.statvfs(folder)
    except OSError as error:
        return f"database folder unreadable: {error.strerror}"
    if stats.f_flag & os.ST_RDONLY:
        return f"database is on a read-only mount ({folder})"
    if not os.access(folder, os.W_OK) or (os.path.exists(name) and not os.access(name, os.W_OK)):
        return f"database file or folder is read-only ({name})"
    free = stats.f_bavail * stats.f_frsize
    if free < settings.HEALTHZ_MIN_FREE_MB * 1024 * 1024:
        return f"disk full: {free // (1024 * 1024)} MB free where the database lives (need {settings.HEALTHZ_MIN_FREE_MB} MB)"
    return None

"""The one settings module. Every deployment knob is an environment variable; the defaults
suit a developer's machine (SQLite in the project, DEBUG on)."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from commitments.reading.transcripts import MAX_BYTES as TRANSCRIPT_MAX_BYTES  # pure Python: no Django import

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default)
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} is {value!r}: use 1 or 0 (also true/false, yes/no, on/off).")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} is {value!r}: use a whole number.") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "1")
HTTPS = envbool("HTTPS", "0")
SITE_TITLE = os.environ.get("SITE_TITLE", "Commitment Tracker")
# The project whose promises are tracked: its names and its token's tickers (comma-separated).
# The extractor reads "Stratos will ..." as the team speaking; a transcript's front matter may add
# more with `project:` and `ticker:`.
PROJECT_NAMES = envlist("PROJECT_NAMES", "Stratos")
PROJECT_TICKERS = envlist("PROJECT_TICKERS", "STOS")


def envmonths(name: str) -> dict[str, int]:
    """"very soon=2,in the near future=9": months per vague phrase (0: no due date)."""
    found = {}
    for item in envlist(name, ""):
        phrase, _, months = item.partition("=")
        if not months.strip().isdigit():
            raise ImproperlyConfigured(f"{name}: {item!r} should be phrase=months, e.g. 'very soon=3'")
        found[" ".join(phrase.lower().split())] = int(months)
    return found


# Changes to the default horizon of vague due phrases ("very soon" = 3 months after the statement,
# see commitments/reading/timephrases.py VAGUE_HORIZONS and the methodology page).
VAGUE_DUE_HORIZONS = envmonths("VAGUE_DUE_HORIZONS")
# The project whose promises are tracked, named in every page's header and title.
PROJECT_NAME = os.environ.get("PROJECT_NAME", PROJECT_NAMES[0] if PROJECT_NAMES else "the project")
# Where readers write about a correction, shown on the About page beside the correction form.
CORRECTIONS_CONTACT = os.environ.get("CORRECTIONS_CONTACT", "")
# Corrections accepted from one address per hour; more are refused with a message.
CORRECTIONS_PER_HOUR = envint("CORRECTIONS_PER_HOUR", "5")
# Scheme and host used for absolute links made outside a request (CSV written by a command).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")



def email_settings(url: str) -> dict:
    """Django's e-mail settings from one URL: smtp://user:pass@host:port (smtp+tls:// for
    STARTTLS, smtps:// for TLS from the start), file:var/mail or file:///abs/path (one file per
    message in that folder), console: or locmem:."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("smtp", "smtp+tls", "smtps"):
        if not parts.hostname:
            raise ImproperlyConfigured(f"EMAIL_URL is {url!r}: name the server, e.g. smtp://user:password@mail.example.com:587.")
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": parts.port or {"smtp": 25, "smtp+tls": 587, "smtps": 465}[scheme],
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls",
            "EMAIL_USE_SSL": scheme == "smtps",
        }
    if scheme == "file":
        path = Path(unquote(parts.netloc + parts.path))
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(path if path.is_absolute() else BASE_DIR / path),
        }
    if scheme in ("console", "locmem"):
        return {"EMAIL_BACKEND": f"django.core.mail.backends.{scheme}.EmailBackend"}
    raise ImproperlyConfigured(
        f"EMAIL_URL is {url!r}: use smtp://user:password@host:port (or smtp+tls://, smtps://), "
        "file:var/mail (a folder), console: or locmem:."
    )


# How e-mail to followers is sent (following/notify.py, `manage.py send_notifications`). By
# default each message is written as a file into var/mail/ in the project.
EMAIL_URL = os.environ.get("EMAIL_URL", "file:var/mail")
globals().update(email_settings(EMAIL_URL))
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "20")  # seconds: an SMTP server that hangs fails the message, kept for the next run
DEFAULT_FROM_EMAIL = os.environ.get("EMAIL_FROM", f"{SITE_TITLE} <tracker@localhost>")
# Requests to follow taken for one address, and from one client (commitments/clientip.py), per hour.
FOLLOW_REQUESTS_PER_HOUR = envint("FOLLOW_REQUESTS_PER_HOUR", "5")
FOLLOW_REQUESTS_PER_HOUR_PER_CLIENT = envint("FOLLOW_REQUESTS_PER_HOUR_PER_CLIENT", "20")
# Days a confirmation link works; an unconfirmed subscription is deleted after them.
FOLLOW_CONFIRM_DAYS = envint("FOLLOW_CONFIRM_DAYS", "7")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off: set SECRET_KEY to a long random string, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdefghijkl"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.syndication",
    "django_filters",
    "django_tables2",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "commitments",
    "following",
]

# Background work (admin uploads): Django's tasks framework through its backport django-tasks.
# TASKS_BACKEND=database (default) keeps the queue in the site's own database, run by
# `manage.py db_worker` (make run and make serve start one); "immediate" runs a task at once in
# the process that queues it (no worker; an upload then waits for its import).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "database")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND is {_task_backend!r}: use one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}

MIDDLEWARE = [
    "commitments.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "commitments.caching.PublicPageCacheMiddleware",
    "commitments.projects.ProjectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "commitments.middleware.RefuseNulBytesMiddleware",  # after CSRF: see its docstring
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commitments.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # gunicorn's sync workers serve one request at a time, so each keeps one connection
        # open between requests; runserver's thread per request would only leak them.
        conn_max_age=envint("CONN_MAX_AGE", "0" if DEBUG else "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue on the busy timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

# Public pages are cached under the data version (commitments/caching.py): never stale, so the
# cache needs no invalidation. Local memory per process by default; REDIS_URL shares one cache
# between processes and servers, e.g. redis://127.0.0.1:6379/0 (run that Redis with maxmemory
# and an eviction policy: README, "Page cache").
REDIS_URL = os.environ.get("REDIS_URL", "")
# A page waits at most this long for Redis (connect or answer, no retry); after a failure Redis
# is skipped for PUBLIC_CACHE_SKIP_SECONDS, pages rendered uncached meanwhile.
PUBLIC_CACHE_REDIS_TIMEOUT_MS = envint("PUBLIC_CACHE_REDIS_TIMEOUT_MS", "50")
PUBLIC_CACHE_SKIP_SECONDS = envint("PUBLIC_CACHE_SKIP_SECONDS", "10")
# How long a cached page is kept, and the largest body kept (a bigger one, a long CSV say, is
# served but never cached).
PUBLIC_CACHE_TTL = envint("PUBLIC_CACHE_TTL", "600")
PUBLIC_CACHE_MAX_ENTRY_BYTES = envint("PUBLIC_CACHE_MAX_ENTRY_KB", "256") * 1024
# Each process's own copy of what it served (commitments/caching.py, LocalPages): at most this
# much in all, and bodies up to the second figure (what the shared cache may not hold).
PUBLIC_CACHE_LOCAL_BYTES = envint("PUBLIC_CACHE_LOCAL_MB", "64") * 1024 * 1024
PUBLIC_CACHE_LOCAL_MAX_ENTRY_BYTES = envint("PUBLIC_CACHE_LOCAL_MAX_ENTRY_MB", "16") * 1024 * 1024
# Threads missing the same page at once: one renders, the others wait this long at most.
PUBLIC_CACHE_FLIGHT_WAIT_SECONDS = envint("PUBLIC_CACHE_FLIGHT_WAIT_SECONDS", "5")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "commitments.caching.FailSafeRedisCache",  # its timeouts: the two settings above
            "LOCATION": REDIS_URL,
            "TIMEOUT": 3600,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }
PUBLIC_CACHE_ALIAS = "default"
# What a CDN or browser may keep: seconds fresh, then seconds served stale while it revalidates.
PUBLIC_CACHE_MAX_AGE = envint("PUBLIC_CACHE_MAX_AGE", "10")
PUBLIC_CACHE_STALE_WHILE_REVALIDATE = envint("PUBLIC_CACHE_STALE_WHILE_REVALIDATE", "60")

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# JSON backups and fixtures keep date-times to the microsecond (commitments/backup_format.py).
SERIALIZATION_MODULES = {"json": "commitments.backup_format"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin login throttling: after AXES_FAILURE_LIMIT failures for a username from one address,
# further attempts are refused for AXES_COOLOFF_MINUTES.
AXES_ENABLED = envbool("AXES_ENABLED", "1")
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the pair: nobody can lock a user out everywhere
AXES_CLIENT_IP_CALLABLE = "commitments.clientip.client_address"
# Addresses of reverse proxies whose X-Forwarded-For is believed (`make serve` sets 127.0.0.1
# for its nginx). Empty: the address the request came from is the client's.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "")
AXES_RESET_ON_SUCCESS = True

# /healthz answers 503 when less than this is free on the disk that holds a SQLite database.
HEALTHZ_MIN_FREE_MB = envint("HEALTHZ_MIN_FREE_MB", "50")
# ... and (PostgreSQL) 503 when a write cannot start within this: a stuck transaction holds
# the data-version row every write locks first.
HEALTHZ_LOCK_TIMEOUT_MS = envint("HEALTHZ_LOCK_TIMEOUT_MS", "200")

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"
# Where a login goes when its next= is missing or points off this site (Django's default,
# /accounts/profile/, does not exist here).
LOGIN_REDIRECT_URL = "/" + ADMIN_URL

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: transcripts of up to TRANSCRIPT_MAX_BYTES each, MAX_UPLOAD_FILES at a time. The
# whole request body is capped at REQUEST_BODY_MAX_BYTES: by nginx (client_max_body_size, from
# deploy/nginx.conf) and again by RequestBodyLimitMiddleware, both before anything reads it.
MAX_UPLOAD_FILES = envint("MAX_UPLOAD_FILES", "10")
REQUEST_BODY_MAX_BYTES = MAX_UPLOAD_FILES * TRANSCRIPT_MAX_BYTES + 1024 * 1024  # + room for the form
# Without a live session (the login form, a reader's correction) a body is at most this, so an
# anonymous upload is refused from its Content-Length, never parsed nor written to disk.
ANONYMOUS_REQUEST_BODY_MAX_BYTES = envint("ANONYMOUS_REQUEST_BODY_MAX_KB", "64") * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_UPLOAD_FILES
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
else:
    SILENCED_SYSTEM_CHECKS = [
        # Served over plain HTTP (local use or TLS ends elsewhere): set HTTPS=1 behind TLS.
        "security.W004",
        "security.W008",
        "security.W012",
        "security.W016",
    ]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

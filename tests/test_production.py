"""Production settings, headers, health check and admin hardening."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.db.utils import OperationalError

from tests.conftest import REPO, make_commitment

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-for-testing-only-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "tracker.example.com",
}


def manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=full_env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.slow
def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_check_deploy_is_clean_behind_tls():
    result = manage("check", "--deploy", "--fail-level", "WARNING", HTTPS="1", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_https_switches_on_hsts_secure_cookies_and_redirect():
    script = "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    result = manage("shell", "--no-imports", "-c", script, HTTPS="1", **PRODUCTION_ENV)

    assert result.stdout.split() == ["True", "31536000", "True", "True"], result.stderr


@pytest.mark.slow
def test_starting_without_a_secret_key_in_production_fails_clearly():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="tracker.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY is not set and DEBUG is off" in result.stderr


@pytest.mark.slow
def test_a_bad_boolean_setting_is_refused_with_advice():
    result = manage("check", DEBUG="maybe")

    assert result.returncode != 0
    assert "DEBUG is 'maybe': use 1 or 0" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/export.csv", "/commitment"])
def test_security_headers_on_public_pages(client, url):
    commitment = make_commitment()
    if url == "/commitment":
        url = commitment.get_absolute_url()

    response = client.get(url)

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_have_no_inline_scripts(client, seeded):
    for url in ["/", "/commitments/launch-mainnet/", "/sources/stratos-ama-twitter-spaces-03-08-2023/"]:
        body = client.get(url).content.decode()
        assert "<script" not in body, url


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")

    assert response.status_code == 503
    assert b"database unreachable" in response.content


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, django_user_model, settings):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "boss", "password": "wrong"})

    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": "the-right-password-1"})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_admin_login_works_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")

    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": "the-right-password-1"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.slow
def test_the_admin_url_can_be_moved():
    script = "from django.urls import resolve; print(resolve('/back-office/').url_name)"
    moved = manage("shell", "--no-imports", "-c", script, ADMIN_URL="back-office/")

    assert moved.stdout.strip() == "index", moved.stderr
    old = manage("shell", "--no-imports", "-c", "from django.urls import resolve; resolve('/admin/')", ADMIN_URL="back-office/")
    assert "Resolver404" in old.stderr


@pytest.mark.slow
def test_sqlite_runs_in_wal_mode_with_immediate_writes(tmp_path):
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], cursor.execute('PRAGMA busy_timeout').fetchone()[0],"
        " connection.transaction_mode)"
    )
    result = manage("shell", "--no-imports", "-c", script, DATABASE_URL=f"sqlite:///{tmp_path / 'wal.sqlite3'}")

    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"], result.stderr

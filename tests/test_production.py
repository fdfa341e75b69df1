"""Production settings, headers, health check and admin hardening."""

import os
import re
import subprocess
import sys

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment, Source
from tests.factories import REPO, make_commitment

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
        response = client.get(url)
        assertContains(response, "Launch the Stratos mainnet")
        assertNotContains(response, "<script")


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

    assert response.status_code == 302 and response["Location"] == "/admin/"
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


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.mark.django_db
def test_admin_login_page_renders_under_the_csp(client):
    response = client.get("/admin/login/")

    assertContains(response, 'name="password"')
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT.search(response.content.decode())


@pytest.mark.django_db
def test_admin_pages_need_no_inline_script(staff_client, seeded):
    commitment = Commitment.objects.get(slug="launch-mainnet")
    source = Source.objects.get()
    urls = [
        "/admin/",
        "/admin/commitments/commitment/",
        "/admin/commitments/commitment/?review__exact=proposed",
        "/admin/commitments/commitment/add/",
        f"/admin/commitments/commitment/{commitment.pk}/change/",
        "/admin/commitments/source/",
        f"/admin/commitments/source/{source.pk}/change/",
        reverse("admin:commitments_source_import"),
        "/admin/commitments/speaker/",
        "/admin/commitments/topic/",
        "/admin/commitments/turn/",
        "/admin/commitments/evidencesuggestion/",
        "/admin/commitments/statuschange/",
        "/admin/auth/user/",
    ]
    for url in urls:
        response = staff_client.get(url)
        if response.status_code == 404:  # a model the admin does not register
            continue
        body = response.content.decode()

        assert response.status_code == 200, url
        assert 'id="content"' in body, url  # the admin's page, not an empty one
        assert "Content-Security-Policy" in response, url
        assert not INLINE_SCRIPT.search(body), (url, INLINE_SCRIPT.search(body).group())
        assert not INLINE_HANDLER.search(body), (url, INLINE_HANDLER.search(body).group())


@pytest.mark.django_db
def test_admin_login_with_nul_bytes_is_refused_not_an_error(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")

    response = client.post("/admin/login/", {"username": "bo\x00ss", "password": "the-right\x00-password-1"})

    assert response.status_code == 400 and response.content.strip()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/?q=%00", "/?status=pending&topic=%00", "/badge.svg?source=%00x", "/export.csv?%00=1"])
def test_nul_bytes_in_the_query_are_a_bad_request(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert b"NUL" in response.content


@pytest.mark.django_db
def test_ordinary_queries_pass_the_nul_byte_check(client, seeded):
    assertContains(client.get("/?q=mainnet&status=pending"), "Launch the Stratos mainnet")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=%00", "q=%FF%FE", "review__exact=%00", "o=%00", "p=-1"])
def test_admin_change_list_survives_hostile_queries(staff_client, seeded, query):
    response = staff_client.get(f"/admin/commitments/commitment/?{query}")

    if response.status_code == 200:
        assertContains(response, "Select commitment to change")
    elif response.status_code == 302:
        assert "/admin/commitments/commitment/" in response["Location"]
    else:
        assert response.status_code == 400 and response.content.strip()


@pytest.mark.slow
def test_production_keeps_database_connections_open_between_requests():
    script = "from django.conf import settings as s; d = s.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"

    assert manage("shell", "--no-imports", "-c", script, **PRODUCTION_ENV).stdout.split() == ["60", "True"]
    assert manage("shell", "--no-imports", "-c", script, DEBUG="1").stdout.split() == ["0", "True"]


@pytest.mark.django_db
@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_a_login_with_an_unsafe_next_lands_on_the_admin_not_a_missing_page(client, django_user_model, unsafe):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")

    response = client.post("/admin/login/", {"username": "boss", "password": "the-right-password-1", "next": unsafe}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/"
    assertContains(response, "Site administration")


def test_a_worker_moves_the_loaded_project_out_of_the_garbage_collectors_sight():
    """deploy/gunicorn_hooks.py: a worker's full collections walk only what it made since."""
    import gc
    import importlib.util

    spec = importlib.util.spec_from_file_location("gunicorn_hooks", REPO / "deploy" / "gunicorn_hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    thresholds = gc.get_threshold()
    try:
        hooks.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] > thresholds[0]
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def test_make_serve_gives_gunicorn_its_hooks_and_threads():
    text = (REPO / "deploy" / "serve.py").read_text()
    assert '"--config", str(REPO / "deploy" / "gunicorn_hooks.py")' in text and '"gthread"' in text

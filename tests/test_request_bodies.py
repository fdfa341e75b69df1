"""No request body is read before CSRF and size checks: the NUL-byte check looks at a POST's
form only after CsrfViewMiddleware has let it through, and a body over the limit is refused
from its Content-Length, unread."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_anonymous_post_is_refused_by_csrf_before_its_form_is_read():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/", {"field": "with a \x00 byte"})

    assert response.status_code == 403
    assert not hasattr(response.wsgi_request, "_post")  # the body was never parsed


def test_a_post_that_passes_csrf_is_still_checked_for_nul_bytes(client, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")

    response = client.post("/admin/login/", {"username": "bo\x00ss", "password": "x"})

    assert response.status_code == 400
    assert b"NUL" in response.content


def test_a_body_over_the_limit_is_refused_unread():
    client = Client(enforce_csrf_checks=True)

    response = client.generic(
        "POST", "/", b"x" * 10, content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(settings.REQUEST_BODY_MAX_BYTES + 1),
    )

    assert response.status_code == 413
    assert b"limit" in response.content
    assert not hasattr(response.wsgi_request, "_post")


def test_the_body_limit_holds_a_full_multi_file_upload():
    from commitments.reading.transcripts import MAX_BYTES

    assert settings.REQUEST_BODY_MAX_BYTES >= settings.MAX_UPLOAD_FILES * MAX_BYTES


@pytest.mark.parametrize("url", ["/admin/login/", "/commitments/launch-mainnet/correction/"])
def test_an_anonymous_upload_is_refused_before_its_body_is_read(seeded, url, settings):
    """With a csrftoken cookie and this site's Origin, so neither CSRF nor the correction's
    origin check stops it: its size does, from the Content-Length, before any parsing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import upload_spy

    settings.FILE_UPLOAD_HANDLERS = ["tests.upload_spy.RecordingUploadHandler"]
    upload_spy.STARTED.clear()
    client = Client(HTTP_ORIGIN="http://testserver")
    client.cookies["csrftoken"] = "a" * 32

    response = client.post(url, {"csrfmiddlewaretoken": "a" * 32, "username": "x", "password": "y",
                                 "attachment": SimpleUploadedFile("big.bin", b"x" * 200_000)})

    assert response.status_code == 413
    assert b"without logging in" in response.content
    assert upload_spy.STARTED == []  # never parsed, never written anywhere


def test_a_logged_in_admin_may_still_post_a_large_body(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "the-right-password-1")
    client = Client()
    client.force_login(user)

    response = client.post("/admin/login/", {"username": "boss", "padding": "x" * (128 * 1024)})

    assert response.status_code != 413

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

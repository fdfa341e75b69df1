from importlib import import_module

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest


def live_session(request) -> bool:
    """The request's session cookie names a live session (someone logged in); a cookie anyone
    can make up, naming nothing, does not count."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    try:
        return bool(import_module(settings.SESSION_ENGINE).SessionStore(key).load())
    except DatabaseError:
        return True  # cannot tell: treat it as logged in


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose Content-Length is over settings.REQUEST_BODY_MAX_BYTES,
    or over ANONYMOUS_REQUEST_BODY_MAX_BYTES without a live session (the login form, a reader's
    correction: nobody logged out sends more), before anything reads the body. nginx refuses
    such bodies first (client_max_body_size); this holds when the app is reached another way."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Content-Length is not a number.", content_type="text/plain")
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return HttpResponse(
                f"Request body of {length:,} bytes refused: the limit is {settings.REQUEST_BODY_MAX_BYTES:,} bytes.",
                status=413,
                content_type="text/plain",
            )
        if length > settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES and not live_session(request):
            return HttpResponse(
                f"Request body of {length:,} bytes refused: without logging in the limit is "
                f"{settings.ANONYMOUS_REQUEST_BODY_MAX_BYTES:,} bytes.",
                status=413,
                content_type="text/plain",
            )
        return self.get_response(request)


class RefuseNulBytesMiddleware:
    """Answer 400 to a request whose query string or form fields hold a NUL byte.

    No slug, search or filter value can hold one, and PostgreSQL refuses them in text, so
    they are stopped here once rather than in every view and admin filter. The query string
    is checked at once; a POST's form only in process_view, which runs after
    CsrfViewMiddleware's (this middleware is listed after it): a body is never parsed for a
    request CSRF refuses, nor for a view exempt from CSRF (the read-only API).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.holds_nul(request.GET):
            return self.refuse()
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method == "POST"
            and not getattr(view_func, "csrf_exempt", False)
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
            and self.holds_nul(request.POST)
        ):
            return self.refuse()
        return None

    @staticmethod
    def refuse():
        return HttpResponseBadRequest("Request parameters may not contain NUL bytes.", content_type="text/plain")

    @staticmethod
    def holds_nul(querydict):
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in querydict.lists())

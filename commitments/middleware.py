from django.http import HttpResponseBadRequest


class RefuseNulBytesMiddleware:
    """Answer 400 to a request whose query string or form fields hold a NUL byte.

    No slug, search or filter value can hold one, and PostgreSQL refuses them in
    text, so they are stopped here once rather than in every view and admin filter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.holds_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
            and self.holds_nul(request.POST)
        ):
            return HttpResponseBadRequest("Request parameters may not contain NUL bytes.", content_type="text/plain")
        return self.get_response(request)

    @staticmethod
    def holds_nul(querydict):
        return any("\x00" in key or any("\x00" in value for value in values) for key, values in querydict.lists())

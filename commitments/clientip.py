"""The client's address, for login throttling and the corrections limit. Behind nginx every request comes from the proxy,
so the address nginx saw is taken from X-Forwarded-For, but only when the request came from a
proxy listed in settings.TRUSTED_PROXIES: anyone else could write that header."""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it saw; whatever comes before was sent by the client.
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return remote

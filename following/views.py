from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from commitments.clientip import client_address
from commitments.views import same_origin

from . import notify
from .forms import FollowForm


@csrf_exempt  # the form sits on cached public pages without a token: same_origin() guards it
@require_POST
def follow(request):
    """A reader asks to follow a promise, topic or project by e-mail: a confirmation link is
    queued (sent by send_notifications), within the hourly limits."""
    if not same_origin(request):  # before request.POST: a foreign body is never parsed
        return render_follow(request, FollowForm(), "Ask to follow from this site's own pages.", status=403)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render_follow(request, form, status=400)
    try:
        notify.request_follow(form.cleaned_data["email"], client_address(request), **form.target())
    except notify.TooManyRequests as refusal:
        return render_follow(request, form, str(refusal), status=429)
    return render(request, "following/follow.html", {"form": form, "target": form.target_name(), "sent": True})


def render_follow(request, form, problem="", status=200):
    target = form.target_name() if form.is_bound and hasattr(form, "cleaned_data") else ""
    return render(request, "following/follow.html", {"form": form, "target": target, "problem": problem}, status=status)


@never_cache
def confirm(request, token):
    try:
        subscription = notify.confirm(token)
    except notify.LinkError as problem:
        return render(request, "following/confirmed.html", {"problem": str(problem)}, status=400)
    return render(
        request,
        "following/confirmed.html",
        {"subscription": subscription, "unsubscribe_token": notify.unsubscribe_token(subscription)},
    )


@never_cache
@csrf_exempt  # mail programs post the one-click unsubscribe (RFC 8058) from outside the site
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows one button (a link scanner opening the message's link unsubscribes nobody);
    POST, from that button or from the mail program's own button, unsubscribes at once."""
    try:
        subscription = notify.subscription_to_leave(token)
    except notify.LinkError as problem:
        return render(request, "following/unsubscribe.html", {"problem": str(problem)}, status=400)
    if request.method == "POST":
        if subscription is not None:
            notify.unsubscribe(subscription)
        return render(request, "following/unsubscribe.html", {"done": True})
    return render(request, "following/unsubscribe.html", {"subscription": subscription, "token": token})

"""Following by e-mail: the signed links, subscribing with its limits, queueing a message per
change (called by the services that make the change, in their transaction) and sending what is
queued (`manage.py send_notifications`, never inside a request)."""

import datetime
import hashlib
import hmac
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment

from .models import FollowRequest, Notification, Subscription

CONFIRM_SALT = "following.confirm"
UNSUBSCRIBE_SALT = "following.unsubscribe"
# A message that failed this many times is left in the queue, unsent, with its last error.
MAX_ATTEMPTS = 5


def keyed_hash(value: str) -> str:
    """Enough to count requests by; not an address to keep."""
    return hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def _claims(subscription: Subscription) -> dict:
    # The address's hash ties the link to this address, should an id ever be used again.
    return {"s": subscription.pk, "e": keyed_hash(subscription.email)[:16]}


def confirm_token(subscription: Subscription) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(_claims(subscription))


def unsubscribe_token(subscription: Subscription) -> str:
    """No expiry: an unsubscribe link in an old message must still work."""
    return signing.dumps(_claims(subscription), salt=UNSUBSCRIBE_SALT)


def _subscription_for(claims: dict) -> Subscription | None:
    subscription = Subscription.objects.filter(pk=claims.get("s")).first()
    if subscription is None or keyed_hash(subscription.email)[:16] != claims.get("e"):
        return None
    return subscription


class LinkError(ValueError):
    pass


def confirm(token: str) -> Subscription:
    """Confirm the subscription the link names. Raises LinkError (with what to do) when the
    link was altered, is older than FOLLOW_CONFIRM_DAYS, or its subscription is gone."""
    max_age = datetime.timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
    try:
        claims = signing.TimestampSigner(salt=CONFIRM_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(f"This link is more than {settings.FOLLOW_CONFIRM_DAYS} days old: ask to follow again, and use the new link.") from None
    except signing.BadSignature:
        raise LinkError("This link is not one we sent (it may have been cut short): copy the whole link from the message.") from None
    subscription = _subscription_for(claims)
    if subscription is None:
        raise LinkError("This subscription no longer exists: ask to follow again.")
    if subscription.confirmed_at is None:
        Subscription.objects.filter(pk=subscription.pk, confirmed_at=None).update(confirmed_at=timezone.now())
        subscription.refresh_from_db()
    return subscription


def subscription_to_leave(token: str) -> Subscription | None:
    """The subscription an unsubscribe link names; None when it is gone already. Raises
    LinkError for a link that was altered."""
    try:
        claims = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise LinkError("This link is not one we sent (it may have been cut short): copy the whole link from the message.") from None
    return _subscription_for(claims)


def unsubscribe(subscription: Subscription) -> None:
    """Forget the subscription, its address and whatever it still had to send."""
    subscription.delete()


class TooManyRequests(Exception):
    pass


@dataclass
class FollowResult:
    subscription: Subscription
    confirmation_queued: bool


@transaction.atomic
def request_follow(email: str, client: str, *, commitment=None, topic=None, project=None) -> FollowResult:
    """A reader asks to follow: refused (TooManyRequests) past FOLLOW_REQUESTS_PER_HOUR for the
    address or FOLLOW_REQUESTS_PER_HOUR_PER_CLIENT for the client; else a confirmation link is
    queued, unless the address already follows it (then nothing is sent, and the reader is told
    the same, so the page never says whether an address follows something)."""
    email = Subscription.objects.normalize_email(email)
    email_hash, client_hash = keyed_hash(email), keyed_hash(client)
    if FollowRequest.objects.in_last_hour(email_hash=email_hash).count() >= settings.FOLLOW_REQUESTS_PER_HOUR:
        raise TooManyRequests("That address has asked to follow several times in the last hour: try again later.")
    if FollowRequest.objects.in_last_hour(client_hash=client_hash).count() >= settings.FOLLOW_REQUESTS_PER_HOUR_PER_CLIENT:
        raise TooManyRequests("We have had several requests to follow from your connection in the last hour: try again later.")
    FollowRequest.objects.create(email_hash=email_hash, client_hash=client_hash)
    subscription, _ = Subscription.objects.get_or_create(email=email, commitment=commitment, topic=topic, project=project)
    if subscription.confirmed_at is not None:
        return FollowResult(subscription, confirmation_queued=False)
    Notification.objects.create(subscription=subscription, kind=Notification.Kind.CONFIRM)
    return FollowResult(subscription, confirmation_queued=True)


def queue_change(commitment: Commitment, *, status_change=None, restatement=None, correction=None) -> int:
    """Queue one message per address following `commitment` (itself, its topic or its project)
    about one change. Call it inside the transaction that writes the change. Only public
    promises are announced. Returns how many were queued."""
    if commitment.review != Commitment.Review.ACCEPTED:
        return 0
    kind = (
        Notification.Kind.STATUS if status_change else Notification.Kind.RESTATED if restatement else Notification.Kind.CORRECTION
    )
    project_id = Commitment.objects.filter(pk=commitment.pk).values_list("source__project_id", flat=True).first()
    chosen = {}
    for subscription in Subscription.objects.following(commitment, project_id):
        held = chosen.get(subscription.email.lower())
        if held is None or subscription.specificity < held.specificity:
            chosen[subscription.email.lower()] = subscription
    Notification.objects.bulk_create(
        Notification(
            subscription=subscription, kind=kind, commitment=commitment,
            status_change=status_change, restatement=restatement, correction=correction,
        )
        for subscription in chosen.values()
    )
    return len(chosen)


def absolute(path: str) -> str:
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def build_message(notification: Notification) -> mail.EmailMessage:
    subscription = notification.subscription
    leave_url = absolute(reverse("following:unsubscribe", args=[unsubscribe_token(subscription)]))
    context = {
        "notification": notification,
        "subscription": subscription,
        "commitment": notification.commitment,
        "change": notification.status_change,
        "restatement": notification.restatement,
        "correction": notification.correction,
        "unsubscribe_url": leave_url,
        "site_title": settings.SITE_TITLE,
        "confirm_days": settings.FOLLOW_CONFIRM_DAYS,
    }
    if notification.kind == Notification.Kind.CONFIRM:
        context["confirm_url"] = absolute(reverse("following:confirm", args=[confirm_token(subscription)]))
        subject = f"Confirm: follow {subscription.target_name} on {settings.SITE_TITLE}"
    else:
        context["commitment_url"] = absolute(notification.commitment.get_absolute_url())
        if notification.status_change and notification.status_change.evidence_link:
            context["evidence_url"] = absolute(notification.status_change.evidence_link)
        subject = f"{notification.commitment.title}: {change_summary(notification)}"
    body = render_to_string(f"following/email/{notification.kind}.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split())[:200],
        body=body,
        to=[subscription.email],
        headers={
            # RFC 2369 and RFC 8058: the mail program's own unsubscribe button, one click.
            "List-Unsubscribe": f"<{leave_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def change_summary(notification: Notification) -> str:
    if notification.status_change:
        return f"now {notification.status_change.get_to_status_display().lower()}"
    if notification.restatement:
        restatement = notification.restatement
        if restatement.due_date or restatement.due_text:
            return f"restated, now due {restatement.due_display if restatement.due_date else restatement.due_text}"
        return "restated"
    return "corrected after a reader's report"


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0


def send_pending(connection=None, limit: int | None = None) -> SendResult:
    """Send the queued messages, oldest first. Each is claimed before it is sent, so two
    senders at once never send one twice; one that fails goes back to the queue with its error
    (up to MAX_ATTEMPTS tries)."""
    result = SendResult()
    pending = (
        Notification.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
        .select_related("subscription__commitment", "subscription__topic", "subscription__project",
                        "commitment", "status_change", "restatement", "correction")
        .order_by("created_at", "pk")
    )
    ids = list(pending.values_list("pk", flat=True)[:limit] if limit else pending.values_list("pk", flat=True))
    if not ids:
        return result
    connection = connection or mail.get_connection()
    for notification in pending.filter(pk__in=ids):
        claimed = Notification.objects.filter(pk=notification.pk, sent_at=None).update(sent_at=timezone.now())
        if not claimed:
            continue
        if notification.commitment and notification.commitment.review != Commitment.Review.ACCEPTED:
            continue  # withdrawn from the public record since: claimed, never sent
        try:
            connection.send_messages([build_message(notification)])
        except Exception as error:  # a mail server's refusal or an unreachable one: try again next run
            Notification.objects.filter(pk=notification.pk).update(
                sent_at=None, attempts=notification.attempts + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
            )
            result.failed += 1
        else:
            result.sent += 1
    return result


def forget_old(now=None) -> int:
    """Requests older than a day, and subscriptions never confirmed within the link's life,
    are deleted: nothing is kept about an address that did not confirm."""
    now = now or timezone.now()
    FollowRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
    stale = now - datetime.timedelta(days=settings.FOLLOW_CONFIRM_DAYS)
    deleted, _ = Subscription.objects.filter(confirmed_at=None, created_at__lt=stale).delete()
    return deleted

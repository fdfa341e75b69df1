"""Following a promise, a topic or a project by e-mail: double opt-in, one message per change,
one-click unsubscribe, the hourly limits, and no address ever shown publicly."""

import io
import re
import socket
import time

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import override_settings

from commitments.models import Correction, Project
from commitments.services import add_restatement, change_status
from following import notify
from following.models import Notification, Subscription
from tests.factories import make_commitment, make_topic

ADDRESS = "reader.private@example.org"
SITE = {"HTTP_ORIGIN": "http://testserver"}


def ask_to_follow(client, email=ADDRESS, **target):
    return client.post("/follow/", {"email": email, **target}, **SITE)


def link_in(message, name):
    return re.search(rf"http://[^\s]+/follow/{name}/[^\s/]+/", message.body).group(0)


def path_of(url):
    """The path of an absolute link (SITE_URL's host) for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def confirmed_follower(client, **target):
    response = ask_to_follow(client, **target)
    assert response.status_code == 200
    call_command("send_notifications", verbosity=0)
    confirmation = mail.outbox.pop()
    response = client.get(path_of(link_in(confirmation, "confirm")))
    assert response.status_code == 200
    return confirmation


@pytest.fixture
def cdn(db):
    return make_commitment("Build the CDN layer", slug="build-the-cdn-layer", topic=make_topic("cdn", "CDN"), quote="We will build the CDN layer.")


def test_subscribe_confirm_then_one_change_sends_exactly_one_message_with_list_unsubscribe(client, cdn, staff_user):
    response = ask_to_follow(client, commitment=cdn.slug)
    assert response.status_code == 200
    assert b"Check your inbox" in response.content
    assert mail.outbox == []  # nothing is sent inside the request

    call_command("send_notifications", verbosity=0)
    [confirmation] = mail.outbox
    assert confirmation.to == [ADDRESS]
    assert "Build the CDN layer" in confirmation.subject
    mail.outbox.clear()
    change_status(cdn, "in_progress", by=staff_user, note="Reported under way")
    call_command("send_notifications", verbosity=0)
    assert mail.outbox == []  # not confirmed yet: nothing about the change

    response = client.get(path_of(link_in(confirmation, "confirm")))
    assert response.status_code == 200
    assert "You follow “Build the CDN layer”" in response.content.decode()

    change_status(cdn, "delivered", by=staff_user, note="Live on mainnet", evidence_url="https://example.com/cdn")
    call_command("send_notifications", verbosity=0)
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert message.subject == "Build the CDN layer: now delivered"
    assert "In progress → Delivered" in message.body
    assert "Why: Live on mainnet" in message.body
    assert "http://127.0.0.1:8000/commitments/build-the-cdn-layer/" in message.body
    unsubscribe_url = link_in(message, "leave")
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe" in message.message().as_string()

    call_command("send_notifications", verbosity=0)
    assert len(mail.outbox) == 1  # sent once, never again


def test_one_click_unsubscribe_stops_the_messages_and_forgets_the_address(client, cdn, staff_user):
    confirmed_follower(client, commitment=cdn.slug)
    change_status(cdn, "in_progress", by=staff_user, note="Under way")
    call_command("send_notifications", verbosity=0)
    [message] = mail.outbox
    leave = path_of(link_in(message, "leave"))

    page = client.get(leave)
    assert "Stop the messages about “Build the CDN layer”?" in page.content.decode()
    assert Subscription.objects.filter(email=ADDRESS).exists()  # opening the link alone changes nothing

    # The mail program's one-click button (RFC 8058) posts from outside the site.
    response = client.post(leave, {"List-Unsubscribe": "One-Click"}, HTTP_ORIGIN="https://mail.example.net")
    assert response.status_code == 200
    assert "no more messages will be sent" in response.content.decode()
    assert not Subscription.objects.filter(email=ADDRESS).exists()

    mail.outbox.clear()
    change_status(cdn, "delivered", by=staff_user, note="Live")
    call_command("send_notifications", verbosity=0)
    assert mail.outbox == []


def test_a_restatement_and_an_accepted_correction_each_send_one_message(client, cdn, staff_user):
    confirmed_follower(client, commitment=cdn.slug)
    add_restatement(cdn, quote="The CDN comes in Q2.", source=cdn.source, due_text="in Q2")
    correction = Correction.objects.create(commitment=cdn, what_is_wrong="The date is wrong", address_hash="x")
    correction.decide(Correction.State.ACCEPTED, by=staff_user, note="Fixed the due date")
    call_command("send_notifications", verbosity=0)
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Build the CDN layer: corrected after a reader's report", "Build the CDN layer: restated, now due in Q2"]
    assert "What we changed: Fixed the due date" in "".join(m.body for m in mail.outbox)


def test_following_a_topic_and_its_promise_still_sends_one_message_per_change(client, cdn, staff_user):
    confirmed_follower(client, commitment=cdn.slug)
    confirmed_follower(client, topic="cdn")
    project = Project.objects.get(pk=cdn.source.project_id)
    confirmed_follower(client, project=project.slug)
    change_status(cdn, "stalled", by=staff_user, note="No news for a year")
    call_command("send_notifications", verbosity=0)
    [message] = mail.outbox
    assert "You follow “Build the CDN layer”" in message.body


def test_a_topic_follower_hears_of_its_promises_only(client, cdn, staff_user):
    other = make_commitment("Open the grants program", topic=make_topic("grants", "Grants"))
    confirmed_follower(client, topic="cdn")
    change_status(other, "in_progress", by=staff_user, note="Under way")
    change_status(cdn, "in_progress", by=staff_user, note="Under way")
    call_command("send_notifications", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Build the CDN layer: now in progress"]


@override_settings(FOLLOW_REQUESTS_PER_HOUR=1)
def test_a_second_request_for_one_address_within_the_hour_is_refused(client, cdn):
    assert ask_to_follow(client, commitment=cdn.slug).status_code == 200
    second = ask_to_follow(client, email=ADDRESS.upper(), commitment=cdn.slug)
    assert second.status_code == 429
    assert "asked to follow several times in the last hour" in second.content.decode()
    assert Notification.objects.count() == 1


@override_settings(FOLLOW_REQUESTS_PER_HOUR_PER_CLIENT=2, TRUSTED_PROXIES=["127.0.0.1"])
def test_requests_from_one_client_behind_the_proxy_are_limited_too(client, cdn):
    behind = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for n in range(2):
        assert client.post("/follow/", {"email": f"r{n}@example.org", "commitment": cdn.slug}, **SITE, **behind).status_code == 200
    refused = client.post("/follow/", {"email": "r3@example.org", "commitment": cdn.slug}, **SITE, **behind)
    assert refused.status_code == 429
    other_client = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    assert client.post("/follow/", {"email": "r4@example.org", "commitment": cdn.slug}, **SITE, **other_client).status_code == 200


def test_a_request_from_another_site_is_refused_unread(client, cdn):
    response = client.post("/follow/", {"email": ADDRESS, "commitment": cdn.slug}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "own pages" in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_unpublished_promise_cannot_be_followed(client, cdn):
    proposed = make_commitment("Secret plan", review="proposed")
    response = ask_to_follow(client, commitment=proposed.slug)
    assert response.status_code == 400
    assert "nothing to follow" in response.content.decode()


def test_a_tampered_confirm_link_is_refused(client, cdn):
    ask_to_follow(client, commitment=cdn.slug)
    call_command("send_notifications", verbosity=0)
    link = path_of(link_in(mail.outbox[0], "confirm"))
    tampered = link.replace("/confirm/", "/confirm/x")
    response = client.get(tampered)
    assert response.status_code == 400
    assert "not one we sent" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_an_expired_confirm_link_is_refused(client, cdn, monkeypatch):
    ask_to_follow(client, commitment=cdn.slug)
    subscription = Subscription.objects.get()
    eight_days_ago = time.time() - 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    old_token = notify.confirm_token(subscription)
    monkeypatch.undo()
    response = client.get(f"/follow/confirm/{old_token}/")
    assert response.status_code == 400
    assert "more than 7 days old" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


def test_a_confirm_link_for_an_unsubscribe_is_refused(client, cdn):
    """The two links are signed apart: one cannot be made into the other."""
    ask_to_follow(client, commitment=cdn.slug)
    subscription = Subscription.objects.get()
    response = client.get(f"/follow/confirm/{notify.unsubscribe_token(subscription)}/")
    assert response.status_code == 400


def test_the_follow_form_is_on_the_promise_topic_and_project_pages(client, cdn):
    page = client.get(cdn.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'action="/follow/"' in html and f'name="commitment" value="{cdn.slug}"' in html
    assert f'href="/commitments/{cdn.slug}/feed/"' in html
    topic_page = client.get("/?topic=cdn").content.decode()
    assert 'name="topic" value="cdn"' in topic_page
    project = Project.objects.get(pk=cdn.source.project_id)
    assert f'name="project" value="{project.slug}"' in client.get("/").content.decode()


def test_no_address_appears_in_public_pages_feeds_api_or_csv(client, cdn, staff_user):
    confirmed_follower(client, commitment=cdn.slug)
    ask_to_follow(client, email="pending.reader@example.org", topic="cdn")
    change_status(cdn, "delivered", by=staff_user, note="Live")
    public = [
        "/", "/?topic=cdn", cdn.get_absolute_url(), "/changes/", "/feed/", "/feed/topic/cdn/",
        f"/commitments/{cdn.slug}/feed/", "/api/commitments/", f"/api/commitments/{cdn.slug}/", "/export.csv",
        "/calendar.ics", "/corrections/", "/charts/",
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Build the CDN layer" in body or url in ("/calendar.ics", "/corrections/", "/charts/"), url
        assert b"reader.private" not in body and b"pending.reader" not in body, url


def test_email_url_settings_are_parsed():
    from tracker.settings import email_settings

    smtp = email_settings("smtp+tls://user%40x:p%3Ass@mail.example.com:2525")
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == (
        "mail.example.com", 2525, "user@x", "p:ss")
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"]
    assert email_settings("smtps://mail.example.com")["EMAIL_PORT"] == 465
    assert email_settings("file:var/mail")["EMAIL_FILE_PATH"].endswith("/var/mail")
    assert email_settings("file:///srv/mail")["EMAIL_FILE_PATH"] == "/srv/mail"
    assert email_settings("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="use smtp://"):
        email_settings("mailto:me@example.com")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_a_change_reaches_a_real_smtp_server(client, cdn, staff_user, settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    port = free_port()
    server = Controller(Keep(), hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        ask_to_follow(client, commitment=cdn.slug)
        call_command("send_notifications", verbosity=0)
        [confirmation] = received
        assert confirmation["To"] == ADDRESS
        link = re.search(r"http://\S+/follow/confirm/\S+?/", confirmation.get_payload(decode=True).decode()).group(0)
        assert client.get(path_of(link)).status_code == 200
        change_status(cdn, "delivered", by=staff_user, note="Live")
        call_command("send_notifications", verbosity=0)
        assert len(received) == 2
        message = received[1]
        assert message["Subject"] == "Build the CDN layer: now delivered"
        # A long header is folded onto a second line; a mail program unfolds it.
        assert " ".join(message["List-Unsubscribe"].split()).startswith("<http://127.0.0.1:8000/follow/leave/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    finally:
        server.stop()


def test_a_mail_server_that_refuses_keeps_the_message_queued(client, cdn, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    ask_to_follow(client, commitment=cdn.slug)
    call_command("send_notifications", verbosity=0)
    queued = Notification.objects.get()
    assert queued.sent_at is None and queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error


def test_the_backup_holds_no_address(client, cdn):
    confirmed_follower(client, commitment=cdn.slug)
    out = io.StringIO()
    call_command("backup", stdout=out)
    assert "Build the CDN layer" in out.getvalue()
    assert ADDRESS not in out.getvalue()


def test_the_file_backend_writes_the_messages_into_its_folder(client, cdn, settings, tmp_path):
    from tracker.settings import email_settings

    for name, value in email_settings(f"file://{tmp_path}/mail").items():
        setattr(settings, name, value)
    ask_to_follow(client, commitment=cdn.slug)
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert f"1 sent, 0 failed (kept in the queue) via files in {tmp_path}/mail/" in out.getvalue()
    [written] = list((tmp_path / "mail").iterdir())
    text = written.read_text()
    assert f"To: {ADDRESS}" in text and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text


def test_the_changes_page_of_a_topic_offers_to_follow_it_by_email(client, cdn):
    assert 'name="topic" value="cdn"' in client.get("/changes/?topic=cdn").content.decode()


def test_one_address_in_two_spellings_follows_once(client, cdn):
    ask_to_follow(client, email="Reader@Example.org", commitment=cdn.slug)
    ask_to_follow(client, email="reader@example.org", commitment=cdn.slug)
    assert list(Subscription.objects.values_list("email", flat=True)) == ["reader@example.org"]


def test_a_change_to_a_promise_withdrawn_before_sending_is_not_sent(client, cdn, staff_user):
    confirmed_follower(client, commitment=cdn.slug)
    change_status(cdn, "in_progress", by=staff_user, note="Under way")
    cdn.review = "rejected"
    cdn.save()
    call_command("send_notifications", verbosity=0)
    assert mail.outbox == []
    assert Notification.objects.get(kind="status").sent_at is not None  # never tried again

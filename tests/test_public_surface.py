"""What the public may see and send: unreviewed sources stay private, a long source pages its
transcript, a bad export filter is an error, the API refuses writes with 405, and login
throttling keys on the user and the real client address."""

import pytest
from django.test import Client, override_settings
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment, Source, Turn
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db


# --- Unreviewed sources ---------------------------------------------------------------------


@pytest.fixture
def sources():
    reviewed = make_source(title="Reviewed AMA", slug="reviewed")
    make_commitment(source=reviewed, review=Commitment.Review.ACCEPTED)
    unreviewed = make_source(title="Freshly imported AMA", slug="fresh")
    make_commitment(source=unreviewed, review=Commitment.Review.PROPOSED)
    return reviewed, unreviewed


def test_an_unreviewed_source_has_no_public_page(client, sources):
    assertContains(client.get("/sources/reviewed/"), "Reviewed AMA")
    assert client.get("/sources/fresh/").status_code == 404


def test_an_unreviewed_source_is_not_in_the_source_filter(client, sources):
    response = client.get("/")

    assertContains(response, "Reviewed AMA")
    assertNotContains(response, "Freshly imported AMA")


def test_an_unreviewed_source_cannot_be_named_in_a_filter_or_a_badge(client, sources):
    assert client.get("/badge.svg?source=fresh").status_code == 404
    assert client.get("/api/commitments/?source=fresh").status_code == 400


def test_a_source_marked_public_is_public_without_accepted_commitments(client, sources):
    Source.objects.filter(slug="fresh").update(public=True)

    assertContains(client.get("/sources/fresh/"), "Freshly imported AMA")
    assertContains(client.get("/"), "Freshly imported AMA")


# --- A long source pages its transcript -----------------------------------------------------


@pytest.fixture
def long_source():
    source = make_source(title="Marathon AMA", slug="marathon")
    speaker = make_speaker("Bin")
    Turn.objects.bulk_create(
        Turn(source=source, position=n, speaker=speaker, text=f"Turn number {n} here.", line_start=n, line_end=n)
        for n in range(Turn.PER_PAGE * 2 + 10)
    )
    make_commitment(source=source, speaker=speaker, review=Commitment.Review.ACCEPTED)
    return source


def test_a_source_page_shows_one_page_of_turns(client, long_source, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/sources/marathon/")

    assertContains(response, "Turn number 0 here.")
    assertContains(response, f"Turn number {Turn.PER_PAGE - 1} here.")
    assertNotContains(response, f"Turn number {Turn.PER_PAGE} here.")
    assertContains(response, 'href="?page=2"')


def test_the_last_page_and_a_bad_page_number(client, long_source):
    assertContains(client.get("/sources/marathon/?page=3"), f"Turn number {Turn.PER_PAGE * 2 + 9} here.")
    assert client.get("/sources/marathon/?page=4").status_code == 404
    assert client.get("/sources/marathon/?page=abc").status_code == 404


def test_a_turn_link_points_at_the_page_that_shows_it(client, long_source):
    turn = long_source.turns.get(position=Turn.PER_PAGE + 5)

    assert turn.get_absolute_url() == f"/sources/marathon/?page=2#turn-{Turn.PER_PAGE + 6}"
    assertContains(client.get(turn.get_absolute_url()), f'id="turn-{Turn.PER_PAGE + 6}"')
    assert long_source.turns.get(position=3).get_absolute_url() == "/sources/marathon/#turn-4"


# --- Export and API ---------------------------------------------------------------------------


def test_export_with_an_unknown_status_is_a_400_that_says_why(client):
    make_commitment(review=Commitment.Review.ACCEPTED)

    response = client.get("/export.csv?status=bogus")

    assertContains(response, "status", status_code=400)
    assertContains(response, "bogus", status_code=400)
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("method", ["put", "delete", "post", "patch"])
@pytest.mark.parametrize("url", ["/api/commitments/", "/api/commitments/{slug}/"])
def test_api_writes_answer_405_even_with_csrf_checks(method, url):
    commitment = make_commitment(review=Commitment.Review.ACCEPTED)
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(url.format(slug=commitment.slug), data="{}", content_type="application/json")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


# --- Throttling -----------------------------------------------------------------------------


def fail_login(client, username, address, forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/", {"username": username, "password": "wrong-password"}, **headers)


def log_in(client, username, password, address, forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, **headers)


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "", "right-password-1")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_one_client_cannot_lock_out_another(client, admin_user):
    for _ in range(4):
        fail_login(client, "admin", "127.0.0.1", forwarded="203.0.113.9")

    assert log_in(client, "admin", "right-password-1", "127.0.0.1", forwarded="203.0.113.9").status_code == 429
    response = log_in(Client(), "admin", "right-password-1", "127.0.0.1", forwarded="198.51.100.7")
    assert response.status_code == 302


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["127.0.0.1"])
def test_a_forged_forwarded_address_from_an_untrusted_client_is_ignored(client, admin_user):
    for n in range(4):
        fail_login(client, "admin", "192.0.2.50", forwarded=f"203.0.113.{n}")

    assert log_in(client, "admin", "right-password-1", "192.0.2.50", forwarded="198.51.100.7").status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["127.0.0.1"])
def test_only_the_last_forwarded_address_counts(client, admin_user):
    """nginx appends the address it saw; anything before it was written by the client."""
    for n in range(4):
        fail_login(client, "admin", "127.0.0.1", forwarded=f"10.0.0.{n}, 203.0.113.9")

    assert log_in(client, "admin", "right-password-1", "127.0.0.1", forwarded="10.9.9.9, 203.0.113.9").status_code == 429


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_lock_is_on_the_user_and_the_address_together(client, admin_user, django_user_model):
    django_user_model.objects.create_user("editor", password="editor-password-1", is_staff=True)
    for _ in range(4):
        fail_login(client, "admin", "192.0.2.50")

    assert log_in(Client(), "editor", "editor-password-1", "192.0.2.50").status_code == 302
    assert log_in(Client(), "admin", "right-password-1", "192.0.2.77").status_code == 302


def test_a_source_quoted_as_evidence_is_public(client, sources, staff_user):
    from commitments.services import change_status

    fresh = Source.objects.get(slug="fresh")
    turn = Turn.objects.create(source=fresh, position=0, speaker=make_speaker("Ann"), text="It shipped.", line_start=1, line_end=1)
    accepted = Commitment.objects.get(source__slug="reviewed")
    change_status(accepted, "delivered", by=staff_user, note="Shipped", evidence_turn=turn)

    assertContains(client.get(turn.get_absolute_url()), "It shipped.")

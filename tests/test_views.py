import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment
from commitments.reading import periods
from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def test_status_page_lists_published_commitments_with_scoreboard():
    make_commitment("Launch the mainnet", status=Commitment.Status.DELIVERED)
    make_commitment("Build the CDN layer")
    make_commitment("Hidden proposal", review=Commitment.Review.PROPOSED)

    response = self_get("/")

    body = response.content.decode()
    assert "Launch the mainnet" in body
    assert "Build the CDN layer" in body
    assert "Hidden proposal" not in body
    assert response.context["scoreboard"]["total"] == 2
    assert response.context["scoreboard"]["delivered"] == 1
    assert "50%" in body


def self_get(url, **params):
    from django.test import Client

    return Client().get(url, params)


def test_status_is_shown_as_text_not_only_colour():
    make_commitment("Launch the mainnet", status=Commitment.Status.IN_PROGRESS)

    body = self_get("/").content.decode()

    assert '<span class="status status-in_progress">In progress</span>' in body


def test_overdue_commitments_are_labelled():
    make_commitment("Late one", due_date=datetime.date(2020, 1, 1), due_precision="day")

    body = self_get("/").content.decode()

    assert ">Overdue</span>" in body
    assert f'<span class="overdue-by">by {periods.overdue_by(datetime.date(2020, 1, 1), "day", timezone.localdate())}</span>' in body
    assert "years</span>" in body


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "delivered"}, {"Shipped CDN"}),
        ({"topic": "grants"}, {"Grants program"}),
        ({"speaker": "Claire"}, {"Grants program"}),
        ({"q": "bridge"}, {"Bridge to Ethereum"}),
        ({"q": "ethereum"}, {"Bridge to Ethereum"}),
        ({"overdue": "yes"}, {"Bridge to Ethereum"}),
        ({"overdue": "no"}, {"Shipped CDN", "Grants program"}),
    ],
)
def test_filters_select_matching_rows(params, expected):
    bin_, claire = make_speaker("Bin"), make_speaker("Claire")
    make_commitment("Shipped CDN", speaker=bin_, topic=make_topic("cdn"), status=Commitment.Status.DELIVERED)
    make_commitment("Grants program", speaker=claire, topic=make_topic("grants"))
    make_commitment(
        "Bridge to Ethereum",
        speaker=bin_,
        topic=make_topic("bridges"),
        quote="We start with Ethereum first.",
        due_date=datetime.date(2020, 1, 1),
        due_precision="month",
    )

    response = self_get("/", **params)

    assert {row.record.title for row in response.context["table"].page.object_list} == expected


def test_filter_by_source():
    first, second = make_source(slug="first-ama"), make_source(slug="second-ama")
    make_commitment("From the first", source=first)
    make_commitment("From the second", source=second)

    response = self_get("/", source="second-ama")

    assert [row.record.title for row in response.context["table"].page.object_list] == ["From the second"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "finished"},
        {"topic": "no-such-topic"},
        {"overdue": "maybe"},
        {"page": "-1"},
        {"page": "99999"},
        {"page": "abc"},
        {"per_page": "100000000"},
        {"sort": "nonexistent"},
        {"q": "x" * 5000},
    ],
)
def test_invalid_filter_values_give_the_page_not_an_error(params):
    make_commitment("Still listed")

    response = self_get("/", **params)

    assertContains(response, "Still listed")


def test_invalid_filter_value_is_reported_to_the_reader():
    make_commitment("Still listed")

    body = self_get("/", status="finished").content.decode()

    assert "Ignored the status filter" in body
    assert "Still listed" in body


def test_table_sorts_by_column():
    make_commitment("Bravo")
    make_commitment("Alpha")
    make_commitment("Charlie")

    response = self_get("/", sort="-title")

    assert [row.record.title for row in response.context["table"].page.object_list] == ["Charlie", "Bravo", "Alpha"]


def test_table_is_paginated():
    for n in range(30):
        make_commitment(f"Promise {n:02}")

    first = self_get("/")
    second = self_get("/", page=2)

    assert len(first.context["table"].page.object_list) == 25
    assert len(second.context["table"].page.object_list) == 5


def test_status_page_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    speaker, source, topic = make_speaker("Bin"), make_source(), make_topic("mainnet")
    for n in range(3):
        make_commitment(speaker=speaker, source=source, topic=topic)
    with django_assert_max_num_queries(16) as few:
        client.get("/")
    assert len(few.captured_queries) >= 4  # scoreboard, count, page, filter choices
    for n in range(60):
        make_commitment(speaker=make_speaker(), source=make_source(), topic=make_topic(f"topic-{n}"))

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/", {"per_page": 50})
    assert len(response.context["table"].page.object_list) == 50


def test_export_link_carries_the_current_filters(client):
    make_commitment()

    body = client.get("/", {"status": "pending", "topic": "", "page": "1"}).content.decode()

    assert 'href="/export.csv?status=pending&amp;topic="' in body


def test_commitment_page_shows_quote_speaker_source_due_and_history(client, staff_user):
    speaker = make_speaker("Bin", full_name="Bin Zhu", role="Co-founder")
    source = make_source(title="AMA on Twitter 03.08.2023", slug="ama-0308")
    commitment = make_commitment(
        "Announce the mainnet date",
        quote="We will announce the mainnet launch date in Toronto.",
        speaker=speaker,
        source=source,
        due_date=datetime.date(2023, 8, 15),
        due_precision="day",
        due_text="August 15th",
    )
    change_status(commitment, "delivered", by=staff_user, note="Announced", evidence_url="https://example.com/proof")

    body = client.get(f"/commitments/{commitment.slug}/").content.decode()

    assert "We will announce the mainnet launch date in Toronto." in body
    assert "Bin Zhu" in body and "Co-founder" in body
    assert 'href="/sources/ama-0308/"' in body
    assert '<time datetime="2023-08-15">Aug 15, 2023</time> (“August 15th”)' in body
    assert 'href="https://example.com/proof"' in body
    assert "No news yet → <strong>Delivered</strong>" in body


def test_commitment_page_shows_condition():
    commitment = make_commitment(condition="after the mainnet launch")

    assert "“after the mainnet launch”" in self_get(commitment.get_absolute_url()).content.decode()


def test_proposed_commitment_page_is_not_public(client):
    commitment = make_commitment(review=Commitment.Review.PROPOSED)

    assert client.get(commitment.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/commitments/no-such-thing/", "/sources/no-such-thing/"])
def test_unknown_slugs_give_404(client, url):
    assert client.get(url).status_code == 404


def test_source_page_shows_metadata_and_its_commitments(client):
    source = make_source(title="AMA on Twitter 03.08.2023", slug="ama-0308", author="DevRawl", description="Aired on August 03, 2023.")
    make_commitment("Launch the mainnet", source=source)
    make_commitment("Other AMA's promise")

    body = client.get("/sources/ama-0308/").content.decode()

    assert "AMA on Twitter 03.08.2023" in body
    assert "DevRawl" in body
    assert '<time datetime="2023-08-03">' in body
    assert "Launch the mainnet" in body
    assert "Other AMA&#x27;s promise" not in body


def test_source_page_shows_turns_with_anchors_and_highlighted_commitments(seeded, client):
    commitment = Commitment.objects.get(quote__icontains="announce the mainnet launch date in Toronto")

    body = client.get("/sources/stratos-ama-twitter-spaces-03-08-2023/").content.decode()

    assert f'id="{commitment.turn.anchor}"' in body
    assert f'<mark id="c-{commitment.slug}"><a href="{commitment.get_absolute_url()}">' in body
    detail = client.get(commitment.get_absolute_url()).content.decode()
    assert f'href="/sources/stratos-ama-twitter-spaces-03-08-2023/#{commitment.turn.anchor}"' in detail


def test_transcript_text_is_never_rendered_as_html(client):
    source = make_source(slug="hostile")
    make_commitment("<script>alert(1)</script>", quote='"><img src=x onerror=alert(1)>', source=source)

    for url in ["/", "/sources/hostile/", Commitment.objects.get().get_absolute_url()]:
        response = client.get(url)
        body = response.content.decode()
        assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")  # shown, as text
        assert "<script>alert(1)" not in body
        assert "<img src=x" not in body


@pytest.mark.parametrize("url", ["/", "/export.csv", "/healthz"])
def test_public_pages_refuse_writes(client, url):
    refused = client.post(url)
    assert refused.status_code == 405 and refused["Allow"]
    head = client.head(url)
    assert head.status_code == 200 and head["Content-Type"] == client.get(url)["Content-Type"]


def test_healthz_says_ok(client):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_due_soon_is_counted_and_labelled(client):
    from django.utils import timezone

    make_commitment("Soon", due_date=timezone.localdate() + datetime.timedelta(days=5), due_precision="day")
    make_commitment("Later", due_date=timezone.localdate() + datetime.timedelta(days=90), due_precision="day")

    response = client.get("/")

    assert response.context["scoreboard"]["due_soon"] == 1
    assert response.content.decode().count(">Due soon</span>") == 1
    assert [r.record.title for r in client.get("/", {"due_soon": "yes"}).context["table"].page.object_list] == ["Soon"]


def test_sort_can_be_chosen_in_the_form_for_phones(client):
    make_commitment("Bravo")
    make_commitment("Alpha")

    response = client.get("/", {"sort": "title"})

    assert '<option value="title" selected>Title</option>' in response.content.decode()
    assert [row.record.title for row in response.context["table"].page.object_list] == ["Alpha", "Bravo"]


def test_plain_select_writes_the_same_options_as_djangos_select():
    from django import forms

    from commitments.filters import PlainSelect

    choices = [("", "Any source"), ("a&b", 'AMA "one" <b>'), ("two", "AMA two")]
    plain = PlainSelect(choices=choices).render("source", "a&b", attrs={"id": "id_source"})
    django = forms.Select(choices=choices).render("source", "a&b", attrs={"id": "id_source"})

    assert plain == " ".join(django.split()).replace("> <", "><")
    assert '<option value="a&amp;b" selected>AMA &quot;one&quot; &lt;b&gt;</option>' in plain


@pytest.mark.django_db
def test_a_due_period_shows_as_the_period_never_its_first_day(client):
    year = make_commitment(
        title="List on two exchanges", slug="list-two", due_date=datetime.date(2024, 12, 31), due_precision="year",
        due_text="this year",
    )
    half = make_commitment(title="Launch the bridge", slug="bridge-h1", due_date=datetime.date(2024, 1, 1), due_precision="half")

    assertContains(client.get(year.get_absolute_url()), "by the end of 2024")
    page = client.get(half.get_absolute_url())
    assertContains(page, "H1 2024")
    assertNotContains(page, "Jan 1, 2024")

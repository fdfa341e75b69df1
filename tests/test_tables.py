"""The status page's table: one row per commitment written without a template per cell."""

import datetime
import re

import pytest
from django.db.models import F

from commitments.models import Commitment, Source

from .factories import make_commitment, make_source, make_topic


@pytest.mark.django_db
def test_a_row_links_the_commitment_and_its_source_and_shows_status_topic_speaker_and_due(client):
    commitment = make_commitment(
        title="Launch the mainnet", review="accepted", topic=make_topic("mainnet"),
        due_date=datetime.date(2023, 8, 15), due_precision="day", status="in_progress",
    )

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<td data-label="Commitment"><a href="{commitment.get_absolute_url()}">Launch the mainnet</a></td>' in html
    assert '<span class="status status-in_progress">In progress</span>' in html
    assert '<td data-label="Topic">Mainnet</td>' in html
    assert f'<td data-label="Speaker">{commitment.speaker}</td>' in html
    assert f'<a href="{commitment.source.get_absolute_url()}">{commitment.source}</a>' in html
    assert '<time datetime="2023-08-15">' in html


@pytest.mark.django_db
def test_a_row_without_a_date_shows_its_condition_or_no_date(client):
    make_commitment(review="accepted", condition="after the mainnet launch")
    make_commitment(review="accepted")

    response = client.get("/")

    assert '<span class="condition">after the mainnet launch</span>' in response.content.decode()
    assert '<td data-label="Topic">—</td>' in response.content.decode()
    assert '<span class="muted">No date</span>' in response.content.decode()


@pytest.mark.django_db
def test_markup_in_a_title_is_escaped_in_its_row(client):
    make_commitment(title="<script>alert(1)</script> & more", review="accepted")

    response = client.get("/")

    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.django_db
def test_no_matching_rows_shows_the_empty_text_and_the_headers_sort(client):
    make_commitment(review="accepted", status="pending")

    response = client.get("/", {"status": "delivered"})

    assert '<td colspan="6">No commitments match these filters.</td>' in response.content.decode()
    assert 'href="?status=delivered&amp;sort=title"' in response.content.decode()


@pytest.mark.django_db
def test_pages_of_rows_link_to_each_other(client):
    for n in range(30):
        make_commitment(title=f"Promise {n:02}", review="accepted")

    first, second = client.get("/", {"sort": "title"}), client.get("/", {"sort": "title", "page": 2})

    assert "Promise 00" in first.content.decode() and "Promise 29" not in first.content.decode()
    assert '<a href="?sort=title&amp;page=2">2</a>' in first.content.decode()
    assert "Promise 29" in second.content.decode() and "Promise 00" not in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["due", "status", "topic", "-source"])
def test_rows_that_tie_are_listed_in_the_order_they_were_made(client, sort):
    made = [make_commitment(f"Promise {n:02}", source=make_source(slug=f"ama-{n}")) for n in range(30)]
    Source.objects.update(aired_on=datetime.date(2023, 8, 3))
    # Rows written again move on disk (PostgreSQL): without an id to break the tie they would move in the list too.
    Commitment.objects.filter(pk__in=[c.pk for c in made[:5]]).update(title=F("title"))

    pages = [client.get("/", {"sort": sort, "page": page}).content.decode() for page in (1, 2)]

    slugs = [slug for page in pages for slug in re.findall(r'<td data-label="Commitment"><a href="/commitments/([^/"]+)/"', page)]
    expected = [c.slug for c in made]
    assert slugs == (expected[::-1] if sort.startswith("-") else expected)

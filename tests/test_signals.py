"""What a reader reads at a glance: the delivered date and the overdue age in the table, link
previews that carry the status, and a preview card drawn per promise."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image

from commitments.services import change_status
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


def months_ago(today: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


@pytest.fixture
def overdue_cdn(staff_user):
    today = timezone.localdate()
    cdn = make_commitment("Build the CDN layer", slug="build-the-cdn-layer", due_date=months_ago(today, 11), due_precision="day")
    change_status(cdn, "in_progress", by=staff_user, note="Work has started", happened_on=months_ago(today, 12))
    return cdn


def test_link_previews_carry_the_status_and_the_overdue_age(client, overdue_cdn):
    html = client.get(overdue_cdn.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Build the CDN layer: In progress, overdue by 11 months">' in html
    assert '<meta property="og:description" content="In progress, overdue by 11 months. “' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta property="og:image" content="http://testserver/commitments/{overdue_cdn.slug}/card.png">' in html


def test_the_table_shows_the_overdue_age_and_the_delivered_date(client, overdue_cdn, staff_user):
    wallet = make_commitment("Ship the wallet")
    change_status(wallet, "delivered", by=staff_user, note="Live", happened_on=datetime.date(2023, 8, 16))
    html = client.get("/").content.decode()
    assert '<span class="overdue-by">by 11 months</span>' in html
    assert '<small class="delivered-on">on <time datetime="2023-08-16">Aug 16, 2023</time></small>' in html


def test_a_delivered_promise_previews_with_its_delivery_day(client, staff_user):
    wallet = make_commitment("Ship the wallet")
    change_status(wallet, "delivered", by=staff_user, note="Live", happened_on=datetime.date(2023, 8, 16))
    html = client.get(wallet.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Ship the wallet: Delivered on Aug 16, 2023">' in html


def test_the_preview_card_is_a_png_of_the_open_graph_size(client, overdue_cdn):
    response = client.get(f"/commitments/{overdue_cdn.slug}/card.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))
    image.verify()
    # The status colour band across the top is drawn in the verdict's colour (in progress: blue).
    assert Image.open(io.BytesIO(response.content)).convert("RGB").getpixel((600, 5)) == (0x1F, 0x5F, 0xA8)


def test_the_card_is_drawn_once_per_data_version(client, overdue_cdn, django_assert_num_queries, staff_user):
    url = f"/commitments/{overdue_cdn.slug}/card.png"
    first = client.get(url).content
    with django_assert_num_queries(1):  # the data version only: served from the page cache
        assert client.get(url).content == first
    change_status(overdue_cdn, "delivered", by=staff_user, note="Live")
    assert client.get(url).content != first


def test_a_card_for_an_unpublished_promise_is_not_found(client):
    hidden = make_commitment("Secret", review="proposed")
    assert client.get(f"/commitments/{hidden.slug}/card.png").status_code == 404

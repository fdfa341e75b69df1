import datetime

import pytest
from pytest_django.asserts import assertContains

from commitments.models import Turn
from commitments.services import add_restatement, change_status, mark_reviewed
from tests.factories import make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db


@pytest.fixture
def cdn():
    bin_zhu = make_speaker("Bin", full_name="Bin Zhu")
    seed = make_source(title="AMA 03.08.2023", slug="ama-0308", aired_on=datetime.date(2023, 8, 3))
    seed_turn = Turn.objects.create(source=seed, position=4, speaker=bin_zhu, text="We will build the CDN layer.", line_start=9, line_end=9)
    commitment = make_commitment(
        "Build the CDN layer", quote="We will build the CDN layer.", speaker=bin_zhu, source=seed, turn=seed_turn,
        due_date=datetime.date(2023, 12, 1), due_precision="month", due_text="by December",
    )
    add_restatement(
        commitment, "The CDN, as I said, comes in December.", source=seed, speaker=bin_zhu, turn=seed_turn, also_said=True
    )
    cml = make_source(title="CoinMarketLeague space", slug="cml", aired_on=datetime.date(2024, 1, 21))
    cml_turn = Turn.objects.create(source=cml, position=2, speaker=bin_zhu, text="Some of them by the end of Q1.", line_start=30, line_end=30)
    add_restatement(
        commitment, "Some of them by the end of Q1.", source=cml, speaker=bin_zhu, turn=cml_turn,
        due_date=datetime.date(2024, 1, 1), due_precision="quarter", due_text="by the end of Q1",
    )
    change_status(
        commitment, "in_progress", note="Reported in the QuickSwap space: “Stratos is working on that.”",
        evidence_url="https://example.com/quickswap", happened_on=datetime.date(2024, 1, 12),
    )
    return commitment


def test_the_timeline_lists_statements_restatements_and_verdicts_by_when_they_happened(client, cdn):
    response = client.get(cdn.get_absolute_url())

    body = response.content.decode()
    said = body.index("Said by Bin Zhu in")
    also = body.index("Also said by Bin Zhu in")
    verdict = body.index("No news yet → <strong>In progress</strong>")
    restated = body.index("Restated by Bin Zhu in")
    assert said < also < verdict < restated
    assertContains(response, '<a href="/sources/ama-0308/#turn-5">AMA 03.08.2023</a>', count=2)
    assertContains(response, '<a href="/sources/cml/#turn-3">CoinMarketLeague space</a>: now due Q1 2024')
    assertContains(response, "<blockquote><p>Some of them by the end of Q1.</p></blockquote>")
    assertContains(response, "Reported in the QuickSwap space: “Stratos is working on that.”")
    assertContains(response, '<a href="https://example.com/quickswap" rel="nofollow noopener">Evidence</a>')
    assertContains(response, '<time datetime="2024-01-12">Jan 12, 2024</time>')


def test_the_page_says_how_often_and_how_far_a_promise_was_restated(client, cdn):
    response = client.get(cdn.get_absolute_url())

    assertContains(response, "Restated 1 time, first due Dec 2023, now due Q1 2024, slipped by 91 days.")


def test_a_delivery_is_shown_at_the_precision_it_is_known_and_the_review_date(client):
    commitment = make_commitment("Launch the mainnet")
    change_status(commitment, "delivered", note="Launched in September", happened_on=datetime.date(2023, 9, 1), happened_precision="month")
    mark_reviewed(commitment)

    response = client.get(commitment.get_absolute_url())

    assertContains(response, 'Delivered</span> in <time datetime="2023-09-01">Sep 2023</time></p>')
    assertContains(response, "Last reviewed <time")
    assertContains(response, "Launched in September")


def test_a_commitment_never_reviewed_says_so(client):
    commitment = make_commitment("Launch the mainnet")

    response = client.get(commitment.get_absolute_url())

    assertContains(response, "Not reviewed since it was said.")
    assertContains(response, "No verdict yet: recorded as no news yet since")


def test_the_commitment_page_reads_a_fixed_number_of_queries(client, cdn, django_assert_max_num_queries):
    for n in range(5):
        source = make_source(aired_on=datetime.date(2024, 2, n + 1))
        add_restatement(cdn, f"Restated again, time {n}.", source=source, due_date=datetime.date(2024, 6, 1), due_precision="month")
        change_status(cdn, "stalled" if n % 2 else "in_progress", note=f"Change {n}")

    with django_assert_max_num_queries(8):
        client.get(cdn.get_absolute_url())


def test_the_list_shows_a_restated_promise_with_its_first_due(client, cdn):
    response = client.get("/")

    assertContains(response, '<time datetime="2024-01-01">Q1 2024</time> <small class="restated">restated 1×, first due Dec 2023</small>')


@pytest.mark.parametrize(
    "happened_on, precision, shown",
    [
        (datetime.date(2023, 8, 15), "day", "Aug 15, 2023</time>, on time</p>"),
        (datetime.date(2023, 8, 1), "month", "Aug 2023</time>, on time</p>"),
        (datetime.date(2023, 9, 1), "month", "Sep 2023</time>, 17 days late</p>"),
    ],
)
def test_a_delivery_is_on_time_or_late_by_when_it_happened(client, happened_on, precision, shown):
    commitment = make_commitment("Announce the launch date", due_date=datetime.date(2023, 8, 15), due_precision="day")
    change_status(commitment, "delivered", note="Announced", happened_on=happened_on, happened_precision=precision)

    assertContains(client.get(commitment.get_absolute_url()), shown)

import datetime

import pytest

from commitments.models import Correction, Restatement, Turn
from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def later_ama(staff_user):
    first = make_source(title="AMA of Aug 3, 2023", aired_on=datetime.date(2023, 8, 3), public=True)
    later = make_source(title="AMA of Feb 27, 2024", slug="ama-2024-02-27", aired_on=datetime.date(2024, 2, 27))
    bin_ = make_speaker("Bin")
    turn = Turn.objects.create(source=later, position=2, speaker=bin_, text="The wallet shipped.", line_start=5, line_end=6)
    mainnet, cdn = make_topic("mainnet", "Mainnet"), make_topic("cdn", "CDN")
    wallet = make_commitment("Ship the wallet", source=first, topic=mainnet)
    change_status(wallet, "delivered", by=staff_user, note="The wallet is live", evidence_turn=turn, happened_on=datetime.date(2024, 2, 20))
    bridge = make_commitment("Open the bridge", source=first, topic=mainnet)
    change_status(bridge, "dropped", by=staff_user, note="Abandoned for the CDN", evidence_turn=turn, happened_on=datetime.date(2024, 2, 1))
    layer = make_commitment("Build the CDN layer", source=first, topic=cdn, due_date=datetime.date(2023, 12, 31), due_precision="quarter")
    Restatement.objects.create(
        commitment=layer, quote="The CDN layer comes in Q3.", source=later, turn=turn,
        due_date=datetime.date(2024, 9, 30), due_precision="quarter", due_text="in Q3",
    )
    grants = make_commitment("Open the grants", source=later, topic=cdn)
    return {"first": first, "later": later, "turn": turn, "wallet": wallet, "bridge": bridge, "layer": layer, "grants": grants}


def test_a_source_changes_page_groups_what_it_reported_and_lists_what_it_made(client, later_ama, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/sources/ama-2024-02-27/changes/")
    html = response.content.decode()

    assert "After the AMA of Feb 27, 2024" in html
    delivered = html.index("Delivered (1)")
    assert delivered < html.index("Ship the wallet") < html.index("Restated with a later due date (1)")
    assert html.index("Restated with a later due date (1)") < html.index("Build the CDN layer") < html.index("Dropped or broken (1)")
    assert "Abandoned for the CDN" in html and "The wallet is live" in html
    assert later_ama["turn"].get_absolute_url() in html  # each change links its evidence
    assert html.index("New promises (1)") < html.index("Open the grants")
    assert later_ama["wallet"].get_absolute_url() in html


def test_the_source_page_links_its_changes_page(client, later_ama):
    html = client.get(later_ama["later"].get_absolute_url()).content.decode()

    assert 'href="/sources/ama-2024-02-27/changes/"' in html


def test_the_status_page_first_screen_links_the_newest_changes(client, later_ama):
    html = client.get("/").content.decode()

    link = html.index('class="latest-changes" href="/sources/ama-2024-02-27/changes/"')
    assert link < html.index('id="results"')
    assert 'href="/changes/"' in html


def test_the_changes_page_lists_every_kind_newest_happened_first(client, later_ama, staff_user, django_assert_max_num_queries):
    Correction.objects.create(
        commitment=later_ama["grants"], what_is_wrong="Wrong speaker", public_note="Speaker fixed",
        state=Correction.State.ACCEPTED, decided_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc),
    )
    # 7: the first page after a write also reads the project list again (projects.site_projects)
    with django_assert_max_num_queries(7):
        html = client.get("/changes/").content.decode()

    order = [html.index(text) for text in ("Speaker fixed", "The CDN layer comes in Q3.", "The wallet is live", "Abandoned for the CDN")]
    assert order == sorted(order)


def test_the_changes_page_filters_by_topic_and_since(client, later_ama):
    html = client.get("/changes/", {"topic": "cdn"}).content.decode()
    assert "Build the CDN layer" in html and "Ship the wallet" not in html

    html = client.get("/changes/", {"since": "2024-02-15"}).content.decode()
    assert "The wallet is live" in html and "Abandoned for the CDN" not in html

    assert client.get("/changes/", {"since": "soon"}).status_code == 400


def test_a_promise_shows_its_verdicts_reason_beside_the_verdict(client, later_ama):
    html = client.get(later_ama["wallet"].get_absolute_url()).content.decode()

    status_line = html.index('class="status-line"')
    reason = html.index("Why: The wallet is live")
    assert status_line < reason < html.index('class="reviewed"')
    assert later_ama["turn"].get_absolute_url() in html[reason : reason + 400]

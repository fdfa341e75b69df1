"""Atom feeds of status changes: site-wide, per topic, per commitment."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from commitments.services import add_restatement, change_status
from tests.factories import make_commitment, make_source, make_topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_status_changes(client, delivered):
    response = client.get("/feed/")

    feed = ET.fromstring(response.content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Launch the mainnet: Delivered"
    assert entry.find(f"{ATOM}link").get("href").startswith(f"http://testserver/commitments/{delivered.slug}/#change-")
    assert "https://example.com/live" in entry.find(f"{ATOM}summary").text


def test_topic_and_commitment_feeds(client, delivered):
    make_commitment("Other", topic=make_topic("cdn", "CDN"))

    assert len(ET.fromstring(client.get("/feed/topic/mainnet/").content).findall(f"{ATOM}entry")) == 1
    assert len(ET.fromstring(client.get("/feed/topic/cdn/").content).findall(f"{ATOM}entry")) == 0
    assert len(ET.fromstring(client.get(f"/commitments/{delivered.slug}/feed/").content).findall(f"{ATOM}entry")) == 1
    assert client.get("/feed/topic/nope/").status_code == 404


def test_pages_link_their_feeds(client, delivered):
    assert 'rel="alternate" type="application/atom+xml"' in client.get("/").content.decode()
    assert f'href="/commitments/{delivered.slug}/feed/"' in client.get(delivered.get_absolute_url()).content.decode()


def test_feed_titles_use_the_site_title(client, delivered, settings):
    settings.SITE_TITLE = "Acme Promise Watch"

    titles = [
        ET.fromstring(client.get(url).content).find(f"{ATOM}title").text
        for url in ("/feed/", "/feed/topic/mainnet/", f"/commitments/{delivered.slug}/feed/")
    ]

    assert titles == [
        "Acme Promise Watch: what changed",
        "Acme Promise Watch: Mainnet",
        "Acme Promise Watch: Launch the mainnet",
    ]


def test_a_feed_entry_says_when_it_happened_and_how_the_promise_was_restated(client, staff_user):
    commitment = make_commitment("Build the CDN layer", due_date=datetime.date(2023, 12, 1), due_precision="month")
    add_restatement(
        commitment, "By the end of Q1.", source=make_source(aired_on=datetime.date(2024, 1, 21)),
        due_date=datetime.date(2024, 1, 1), due_precision="quarter",
    )
    change_status(commitment, "postponed", by=staff_user, note="Not before Q2", happened_on=datetime.date(2024, 2, 1), happened_precision="month")

    summary = ET.fromstring(client.get("/feed/").content).find(f"{ATOM}entry").find(f"{ATOM}summary").text

    assert "Happened: Feb 2024." in summary
    assert "Restated 1 time, first due Dec 2023, now due Q1 2024, slipped by 91 days." in summary


def test_an_evidence_turn_is_linked_with_an_absolute_url_a_feed_reader_can_follow(client, staff_user):
    commitment = make_commitment("Launch the mainnet")
    later = make_source(aired_on=datetime.date(2023, 10, 27))
    turn = later.turns.create(position=0, speaker=commitment.speaker, text="We launched the mainnet.", line_start=9, line_end=9)
    change_status(commitment, "delivered", by=staff_user, note="Reported live", evidence_turn=turn)

    summary = ET.fromstring(client.get("/feed/").content).find(f"{ATOM}entry").find(f"{ATOM}summary").text

    assert f'href="http://testserver/sources/{later.slug}/' in summary
    assert 'href="/sources/' not in summary


ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_atom_with_restatements_and_corrections_by_happened_date_and_a_stylesheet(client, staff_user):
    import xml.etree.ElementTree as ET

    from commitments.models import Correction, Restatement
    from commitments.services import change_status
    from tests.factories import make_commitment, make_source

    later = make_source(title="AMA of Feb 27, 2024", aired_on=datetime.date(2024, 2, 27))
    wallet = make_commitment("Ship the wallet")
    change_status(wallet, "delivered", by=staff_user, note="Live", happened_on=datetime.date(2024, 1, 5))
    layer = make_commitment("Build the CDN layer")
    Restatement.objects.create(commitment=layer, quote="Q3 now.", source=later, due_date=datetime.date(2024, 9, 30), due_precision="quarter")
    Correction.objects.create(
        commitment=wallet, what_is_wrong="Date", public_note="Delivery date fixed", state=Correction.State.ACCEPTED,
        decided_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.timezone.utc),
    )

    response = client.get("/feed/")
    body = response.content.decode()

    assert '<?xml-stylesheet href="/feed/atom.xsl" media="screen" type="text/xsl"?>' in body
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/commitments/")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Ship the wallet: correction accepted",
        "Build the CDN layer: restated in AMA of Feb 27, 2024",
        "Ship the wallet: Delivered",
    ]
    stylesheet = client.get("/feed/atom.xsl")
    assert stylesheet["Content-Type"].startswith("text/xsl")
    assert response["Content-Type"] == "application/xml; charset=utf-8"  # so browsers apply the stylesheet
    assert b"xsl:stylesheet" in stylesheet.content


def test_each_promise_and_the_project_offer_a_visible_follow_link(client):
    from tests.factories import make_commitment, make_topic

    commitment = make_commitment("Ship the wallet", topic=make_topic("wallet", "Wallet"))

    detail = client.get(commitment.get_absolute_url()).content.decode()
    assert f'<a href="/commitments/{commitment.slug}/feed/">Follow this promise</a>' in detail
    status = client.get("/", {"topic": "wallet"}).content.decode()
    assert 'href="/feed/">Follow Stratos</a>' in status
    assert 'href="/feed/topic/wallet/">Follow Wallet</a>' in status

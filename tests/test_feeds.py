"""Atom feeds of status changes: site-wide, per topic, per commitment."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_commitment, make_topic

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

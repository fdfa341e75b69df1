"""Every feed is valid Atom (RFC 4287): the elements a feed and each entry must have, once each,
dates in RFC 3339, unique entry ids, absolute links, an author for every entry."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from commitments.models import Correction
from commitments.services import add_restatement, change_status
from tests.factories import make_commitment, make_source, make_topic

pytestmark = pytest.mark.django_db
A = "{http://www.w3.org/2005/Atom}"


def rfc3339(text: str) -> datetime.datetime:
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert value.tzinfo is not None, f"{text}: RFC 3339 needs an offset"
    return value


def check_atom(body: bytes) -> list[ET.Element]:
    feed = ET.fromstring(body)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
        assert feed.find(f"{A}{name}").text.strip(), name
    rfc3339(feed.find(f"{A}updated").text)
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links["self"].startswith("http://testserver/") and links["alternate"].startswith("http://testserver/")
    feed_author = feed.find(f"{A}author/{A}name") is not None
    entries = feed.findall(f"{A}entry")
    ids = [entry.find(f"{A}id").text for entry in entries]
    assert len(ids) == len(set(ids)), "entry ids are unique"
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        rfc3339(entry.find(f"{A}updated").text)
        if entry.find(f"{A}published") is not None:
            rfc3339(entry.find(f"{A}published").text)
        assert feed_author or entry.find(f"{A}author/{A}name") is not None, "every entry has an author"
        assert entry.find(f"{A}summary") is not None or entry.find(f"{A}content") is not None
        alternate = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href").startswith("http://testserver/")
    return entries


def test_every_feed_is_valid_atom_with_each_kind_of_entry(client, staff_user):
    cdn = make_commitment("Build the CDN layer", slug="build-the-cdn-layer", topic=make_topic("cdn", "CDN"))
    change_status(cdn, "in_progress", by=staff_user, note="Under way", happened_on=datetime.date(2024, 1, 5))
    add_restatement(cdn, quote="By Q3 now.", source=make_source(aired_on=datetime.date(2024, 2, 27)), due_text="Q3")
    Correction.objects.create(commitment=cdn, what_is_wrong="x", address_hash="x").decide(
        Correction.State.ACCEPTED, by=staff_user, note="Fixed the date"
    )
    for url in ("/feed/", "/feed/topic/cdn/", "/commitments/build-the-cdn-layer/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        entries = check_atom(response.content)
        assert len(entries) == 3, url

"""Atom summaries are HTML (type="html"): every piece of text in them (quote, note, speaker,
source title, evidence link) is escaped, so nothing from a transcript or an admin's note is
live markup in a feed reader."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "<script>alert(1)</script>"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def summary_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    [entry] = ET.fromstring(response.content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    parser = Tags()
    parser.feed(summary.text)  # what a feed reader renders
    return parser


@pytest.fixture
def hostile_change(staff_user):
    commitment = make_commitment(
        "<b>Launch</b> the mainnet",
        quote=f"We will launch {SCRIPT} the mainnet & more.",
        speaker=make_speaker('<img src=x onerror="alert(2)">Bin'),
        source=make_source(title="<iframe src=//evil.example>AMA</iframe>"),
        topic=make_topic("mainnet", "Mainnet"),
    )
    change_status(commitment, "delivered", by=staff_user, note='<a href="javascript:alert(3)">proof</a>',
                  evidence_url="https://example.com/live?a=1&b=<2>")
    return commitment


@pytest.mark.parametrize("url", ["/feed/", "/feed/topic/mainnet/", "/commitments/{slug}/feed/"])
def test_summaries_hold_no_markup_from_quotes_notes_speakers_or_sources(client, hostile_change, url):
    summary = summary_of(client, url.format(slug=hostile_change.slug))

    assert {tag for tag, _ in summary.tags} <= {"p", "a", "q", "br"}
    assert all(not attrs.get("href", "https:").startswith("javascript") for _, attrs in summary.tags)
    text = "".join(summary.text)
    assert SCRIPT in text  # shown as text
    assert '<a href="javascript:alert(3)">proof</a>' in text
    assert "<iframe src=//evil.example>AMA</iframe>" in text
    assert 'onerror="alert(2)"' in text


def test_the_evidence_link_is_a_link_with_its_text_escaped(client, hostile_change):
    summary = summary_of(client, "/feed/")

    links = [attrs["href"] for tag, attrs in summary.tags if tag == "a"]
    assert "https://example.com/live?a=1&b=<2>" in links

"""Random and hostile input: the parser, the public URLs, and escaping in every output."""

import csv
import io
import time

import pytest
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings, strategies as st
from pytest_django.asserts import assertContains

from commitments.reading.transcripts import MAX_BYTES, TranscriptError, parse_transcript
from tests.factories import SEED_FILE, make_commitment, make_source, make_speaker, make_topic

SEED_LINES = SEED_FILE.read_text(encoding="utf-8").split("\n")


def parses_or_refuses(data):
    try:
        transcript = parse_transcript(data, "fuzz.md")
    except TranscriptError as error:
        assert str(error).startswith("fuzz.md: ")
        assert "\n" not in str(error)
    else:
        assert all(turn.speaker for turn in transcript.turns)


@settings(max_examples=150, deadline=2000)
@given(st.binary(max_size=4000))
def test_random_bytes_parse_or_raise_the_parsers_error(data):
    parses_or_refuses(data)


@settings(max_examples=150, deadline=2000)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_random_text_with_front_matter_parses_or_raises(text):
    parses_or_refuses("---\ntitle: AMA 03.08.2023\n---\n" + text)


@st.composite
def mutated_seed(draw):
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(0, 12))):
        position = draw(st.integers(0, len(lines)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "truncate"]))
        if action == "delete" and lines and position < len(lines):
            del lines[position]
        elif action == "duplicate" and position < len(lines):
            lines.insert(position, lines[position])
        elif action == "insert":
            lines.insert(position, draw(st.sampled_from(
                ["---", "<bin>", "</bin>", "<x>Y</x>", "**<o>A</o>, \\[", "!!! note", "\t- x", "## ", "<small>",
                 "title: [", ": :", "\x00", "\ufeff", "<br>" * 50, "<" * 200, "**" * 100]
            )) + draw(st.text(max_size=40)))
        elif action == "truncate":
            lines = lines[:position]
    return "\n".join(lines)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seed_transcripts_parse_or_raise(text):
    parses_or_refuses(text)


def test_pathological_lines_do_not_hang():
    for line in ["<" * 100_000, "**<o>" + "a" * 100_000, "[" * 50_000 + "<a " * 10_000, "!" * 100_000]:
        parses_or_refuses("---\ntitle: AMA 03.08.2023\n---\n<bin>Bin</bin>\n\n" + line)


@pytest.mark.parametrize("data", [b"a" * (MAX_BYTES + 1), "<bin>Bin</bin>\n\n" + "é" * (MAX_BYTES // 2)])
def test_input_over_the_cap_is_refused_fast(data):
    started = time.perf_counter()
    with pytest.raises(TranscriptError, match="limit"):
        parse_transcript(data, "big.md")

    assert time.perf_counter() - started < 0.5


# --- Public URLs ---------------------------------------------------------------------------

CANDIDATE_URLS = [
    "/",
    "/commitments/{slug}/",
    "/sources/{source}/",
    "/export.csv",
    "/healthz",
    "/feed/",
    "/feed/topic/{topic}/",
    "/commitments/{slug}/feed/",
    "/api/commitments/",
    "/api/commitments/{slug}/",
    "/calendar.ics",
    "/badge.svg",
]


def existing(url):
    try:
        resolve(url.format(slug="x", source="x", topic="x"))
    except Resolver404:
        return False
    return True


PUBLIC_URLS = [url for url in CANDIDATE_URLS if existing(url)]


@pytest.fixture
def hostile(db):
    """A commitment whose every text field carries markup and spreadsheet formulas."""
    speaker = make_speaker('<script>alert("speaker")</script>', full_name='"><img src=x onerror=alert(1)>')
    source = make_source(slug="hostile-source", title="<script>alert('source')</script>=cmd|' /C calc'!A0")
    return make_commitment(
        "<script>alert('title')</script>",
        slug="hostile",
        quote='"><img src=x onerror=alert(1)> =HYPERLINK("http://evil")',
        condition="+1+1 <b>bold</b>",
        due_text="@SUM(A1:A9)",
        speaker=speaker,
        source=source,
        topic=make_topic("mainnet", "<i>Mainnet</i>"),
    )


def filled(url):
    return url.format(slug="hostile", source="hostile-source", topic="mainnet")


def shown(url: str) -> str:
    """A fragment each public URL holds when it shows the hostile commitment (escaped)."""
    if url == "/healthz":
        return "ok"
    if url == "/badge.svg":
        return "0 of 1 delivered"
    if url == "/feed/topic/{topic}/":
        return "Mainnet"
    if url == "/feed/":
        return "<feed"
    if url == "/calendar.ics":
        return "BEGIN:VCALENDAR"
    return "alert("


def assert_answered(client, response, url):
    """The page itself (the same kind of content as without the parameters), or a 400/404 answer
    with a message: never a server error."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code == 200:
        assert content and response["Content-Type"] == client.get(filled(url))["Content-Type"]
    else:
        assert response.status_code in (400, 404) and content.strip()


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_url_answers_get_and_head(client, hostile, url):
    got = client.get(filled(url))
    assertContains(got, shown(url))
    head = client.head(filled(url))
    assert head.status_code == 200 and head["Content-Type"] == got["Content-Type"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_public_url_refuses_other_methods(client, hostile, url, method):
    assert getattr(client, method)(filled(url)).status_code == 405


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if "{" in u])
def test_unknown_slugs_give_404(client, db, url):
    assert client.get(url.format(slug="nope", source="nope", topic="nope")).status_code == 404


BAD_PARAMS = [
    {"status": "finished"},
    {"status": ["pending", "nonsense"]},
    {"topic": "' OR 1=1 --"},
    {"speaker": "\x00"},
    {"source": "x" * 10_000},
    {"overdue": "maybe"},
    {"due_soon": "2023-13-45"},
    {"page": "-1"},
    {"page": "99999"},
    {"page": "1e9"},
    {"per_page": "-5"},
    {"sort": "quote);DROP TABLE"},
    {"q": "\x00<script>"},
    {"q": "%" * 3000},
    {"q": "x" * 100_000},
    {"status": "\x00"},
    {"topic": "\x00"},
    {"source": "\x00mainnet"},
    {"overdue": "\x00"},
    {"sort": "\x00"},
    {"page": "\x00"},
    {"per_page": "\x00"},
    {"\x00": "\x00"},
]


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if "{" not in u or "{slug}" in u])
@pytest.mark.parametrize("params", BAD_PARAMS)
def test_bad_query_parameters_never_give_a_server_error(client, hostile, url, params):
    response = client.get(filled(url), params)

    assert_answered(client, response, url)


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if "{" not in u or "{slug}" in u])
@pytest.mark.parametrize("query", ["q=%FF%FE%00", "topic=%C0%AF", "status=%E2%82", "%ZZ=%", "page=1&page=2&page=%00"])
def test_undecodable_query_strings_never_give_a_server_error(client, hostile, url, query):
    response = client.get(f"{filled(url)}?{query}")

    assert_answered(client, response, url)


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if u not in ("/export.csv", "/healthz", "/calendar.ics")])
def test_text_is_escaped_in_every_page(client, hostile, url):
    response = client.get(filled(url))
    body = response.content.decode()

    assertContains(response, shown(url))
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert "<b>bold</b>" not in body


def test_csv_neutralises_formulas_and_keeps_text_as_text(client, hostile):
    response = client.get("/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    [row] = rows
    assert row["quote"] == '"><img src=x onerror=alert(1)> =HYPERLINK("http://evil")'
    assert row["title"] == "<script>alert('title')</script>"
    assert row["condition"] == "'+1+1 <b>bold</b>"
    assert row["due_text"] == "'@SUM(A1:A9)"
    assert row["source"] == "<script>alert('source')</script>=cmd|' /C calc'!A0"
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))

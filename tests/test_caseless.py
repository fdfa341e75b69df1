"""A case-insensitive pattern searched through `Caseless()` finds exactly what the pattern itself
finds: a lower-cased text is first searched by a case-sensitive copy (much faster in Python's re),
and the pattern itself runs only on a text that copy finds something in."""

import re

import pytest

from commitments.reading.text import Caseless

PHRASES = r"(?i)\b(?:we (?:have|'ve) (?:launched|shipped|released)|is (?:now )?live|(?P<part>first (?:phase|part)))\b"

TEXTS = [
    "We have launched it.",
    "WE HAVE SHIPPED the wallet",
    "The bridge Is Now Live",
    "Only the First Phase is out.",
    "Nothing of that kind here.",
    "",
    "İstanbul is now live",  # a letter whose lower case is longer than itself
]


@pytest.mark.parametrize("text", TEXTS)
def test_search_finds_what_the_pattern_finds(text):
    pattern = re.compile(PHRASES)
    fast = Caseless(PHRASES)
    expected, found = pattern.search(text), fast.search(text)
    assert (found and (found.span(), found.group(0), found.group("part"))) == (
        expected and (expected.span(), expected.group(0), expected.group("part"))
    )


@pytest.mark.parametrize("text", TEXTS)
def test_every_way_of_reading_agrees(text):
    pattern, fast = re.compile(PHRASES), Caseless(PHRASES)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]
    assert fast.findall(text) == pattern.findall(text)
    assert fast.sub("X", text) == pattern.sub("X", text)
    assert bool(fast.match(text)) == bool(pattern.match(text))
    assert fast.search(text, 3) == pattern.search(text, 3) or fast.search(text, 3).span() == pattern.search(text, 3).span()


def test_a_text_without_a_match_never_reaches_the_slow_pattern():
    fast = Caseless(PHRASES)
    assert fast.quick is not None
    assert fast.quick.flags & re.IGNORECASE == 0
    assert fast.search("We have Launched IT") is not None
    assert fast.search("we might launch it") is None


def test_a_pattern_that_names_capitals_is_searched_as_it_is():
    # "[A-Z]" under (?i) matches any letter; a lower-cased text would miss it in a case-sensitive copy.
    fast = Caseless(r"(?i)\b[A-Z]{3}\b listed")
    assert fast.quick is None
    assert fast.search("eth LISTED").group(0) == "eth LISTED"


def test_escapes_and_group_names_do_not_count_as_capitals():
    fast = Caseless(r"(?i)\bthe (?P<what>\w+)\W+\S*live\b")
    assert fast.quick is not None
    assert fast.search("The Bridge, now-LIVE").group("what") == "Bridge"


def test_a_pattern_without_ignorecase_is_not_changed():
    fast = Caseless(r"\bQ[1-4]\b")
    assert fast.quick is None
    assert fast.search("in q3") is None and fast.search("in Q3")


def test_it_reads_like_a_compiled_pattern():
    fast = Caseless(PHRASES)
    assert fast.pattern == PHRASES
    assert "part" in fast.groupindex
    assert fast.fullmatch("first phase").group("part") == "first phase"
    assert fast.split("a IS LIVE b") == re.compile(PHRASES).split("a IS LIVE b")

"""The transcript parser: pure Python, tested without a database."""

import datetime
import re

import pytest

from commitments.reading.transcripts import MAX_BYTES, TranscriptError, parse_transcript, read_transcript
from tests.factories import SEED_FILE, corpus_files

TURN_HEAD = re.compile(r"^(?:<([a-z]+)>[^<>]+</\1>\s*$|\*\*<([a-z]+)>[^<>]+</\2>)")


def heads_in(path):
    return [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if TURN_HEAD.match(line.strip()) and not line.strip().startswith("<small>")
    ]


def doc(body, front="title: AMA on Twitter 03.08.2023\ndescription: Aired on August 03, 2023."):
    return f"---\n{front}\n---\n{body}"


def test_seed_metadata_air_date_and_turns():
    transcript = read_transcript(SEED_FILE)

    assert transcript.title == "AMA on Twitter 03.08.2023"
    assert transcript.author == "DevRawl"
    assert transcript.aired_on == datetime.date(2023, 8, 3)
    assert transcript.warnings == []
    assert transcript.speakers == ["Claire", "Bin", "Speaker"]
    assert [t.line_start for t in transcript.turns] == heads_in(SEED_FILE)
    assert len(transcript.checksum) == 64


def test_turns_carry_speaker_section_paragraphs_and_lines():
    transcript = read_transcript(SEED_FILE)
    toronto = next(t for t in transcript.turns if "Toronto" in t.text and t.speaker == "Bin")

    assert toronto.tag == "bin"
    assert toronto.section == "Mainnet and Marketing"
    assert toronto.paragraphs[0].startswith("Yeah, we will launch the mainnet")
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[toronto.paragraph_lines[0] - 1].startswith("Yeah, we will launch the mainnet")
    assert lines[toronto.line_start - 1] == "<bin>Bin</bin>"


def test_the_tag_name_is_only_a_style():
    transcript = parse_transcript(doc("\n<claire>Akif</claire>\n\nHello.\n"), "a.md")

    assert (transcript.turns[0].speaker, transcript.turns[0].tag) == ("Akif", "claire")


def test_telegram_style_inline_turns():
    body = (
        "\n**<o>Blake Ling</o>, \\[4/21/2022 5:01 AM\\]** <br>Hello Bin, welcome!\n\n"
        "**<bin>Bin Zhu</bin>, \\[4/21/2022 5:02 AM\\]** \\[In reply to <o>Blake Ling</o>\\] <br>Thanks, I'm <bin>Bin Zhu</bin>.\n"
        "* STOS will be staked.\n"
    )
    transcript = parse_transcript(doc(body), "xt.md")

    first, second = transcript.turns
    assert (first.speaker, first.spoken_at, first.paragraphs) == ("Blake Ling", "4/21/2022 5:01 AM", ("Hello Bin, welcome!",))
    assert second.speaker == "Bin Zhu"
    assert second.paragraphs == ("Thanks, I'm Bin Zhu. * STOS will be staked.",)
    assert (second.line_start, second.line_end) == (8, 9)


def test_markup_that_is_not_speech_is_skipped():
    body = """
# AMA Title line

<small> Last update: February 11, 2023</small>

!!! info

\t- [<a href="https://example.com">Click</a>] to listen.
\t- Transcribed with care.

[<a href="https://example.com" target="_blank">Click</a>] to listen. (Starts at 2:13:50).

<br>

## First section

<bin>Bin</bin>

We will ship it.<br>

---

### Sub section

Second paragraph.
"""
    transcript = parse_transcript(doc(body), "a.md")

    [turn] = transcript.turns
    assert turn.paragraphs == ("We will ship it.", "Second paragraph.")
    assert turn.paragraph_sections == ("First section", "Sub section")
    assert turn.section == "First section"


def test_a_script_in_speech_stays_text():
    transcript = parse_transcript(doc("\n<bin>Bin</bin>\n\n<script>alert(1)</script> hi\n"), "a.md")

    assert transcript.turns[0].paragraphs == ("<script>alert(1)</script> hi",)


@pytest.mark.parametrize(
    "front, expected",
    [
        ("title: AMA on Twitter 03.08.2023\ndate: 2023-08-04", datetime.date(2023, 8, 4)),
        ("title: AMA on XT\ndescription: AMA on Telegram, live on April 21, 2022.", datetime.date(2022, 4, 21)),
        ("title: CML space\ndescription: Bin speaking on January 21th, 2024.", datetime.date(2024, 1, 21)),
        ("title: Telegram AMA 1.12.2023\ndescription: hosted by DeepCoin", datetime.date(2023, 12, 1)),
        ("title: AMA on Twitter 03.08.2023", datetime.date(2023, 8, 3)),
    ],
)
def test_air_date_sources(front, expected):
    assert parse_transcript(doc("\n<bin>Bin</bin>\n\nHi.\n", front), "a.md").aired_on == expected


def test_description_wins_over_title_with_a_warning():
    front = "title: AMA on Twitter 12.02.2024\ndescription: aired on February 27, 2024."
    transcript = parse_transcript(doc("\n<bin>Bin</bin>\n\nHi.\n", front), "a.md")

    assert transcript.aired_on == datetime.date(2024, 2, 27)
    assert "2024-02-27" in transcript.warnings[0] and "2024-02-12" in transcript.warnings[0]


def test_impossible_title_date_is_a_warning_not_a_crash():
    front = "title: AMA on Twitter 27.19.2023\ndescription: no date"
    transcript = parse_transcript(doc("\n<bin>Bin</bin>\n\nHi.\n", front), "a.md", aired_on=datetime.date(2023, 1, 1))
    assert transcript.aired_on == datetime.date(2023, 1, 1)

    with pytest.raises(TranscriptError, match="no air date"):
        parse_transcript(doc("\n<bin>Bin</bin>\n\nHi.\n", front), "a.md")


def test_explicit_air_date_overrides_the_file():
    transcript = parse_transcript(doc("\n<bin>Bin</bin>\n\nHi.\n"), "a.md", aired_on=datetime.date(2020, 2, 2))

    assert transcript.aired_on == datetime.date(2020, 2, 2)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "a.md: the file is empty"),
        (b"   \n\n", "a.md: the file is empty"),
        ("---\ntitle: Caf\xe9\n---\n".encode("latin-1"), "a.md: not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a.md: looks like a binary file"),
        (b"<bin>Bin</bin>\n\nHi.\n", "a.md: no air date found (write a header line such as"),
        (b"---\ntitle: [unclosed\n---\nHi\n", "a.md: broken YAML"),
        (b"---\n- a\n- b\n---\nHi\n", "a.md: front matter must be key: value pairs"),
        (b"---\ntitle: never closed\n", "a.md: front matter is not closed"),
    ],
)
def test_unreadable_input_raises_a_one_line_error(data, message):
    with pytest.raises(TranscriptError) as error:
        parse_transcript(data, "a.md")

    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_input_over_the_size_cap_is_refused_before_parsing():
    with pytest.raises(TranscriptError, match="limit is 2,097,152 bytes"):
        parse_transcript(b"-" * (MAX_BYTES + 1), "big.md")


def test_crlf_and_byte_order_mark_are_accepted():
    data = ("\ufeff" + doc("\n<bin>Bin</bin>\n\nHi there.\n")).replace("\n", "\r\n").encode("utf-8")

    assert parse_transcript(data, "a.md").turns[0].paragraphs == ("Hi there.",)


def test_every_corpus_file_parses_with_every_turn_found():
    for path in corpus_files():
        transcript = read_transcript(path)
        assert [t.line_start for t in transcript.turns] == heads_in(path), path.name
        assert all(t.speaker for t in transcript.turns)


def test_a_file_with_no_turns_parses_with_a_warning():
    transcript = parse_transcript(doc("\n| a | b |\n|---|---|\n| 1 | 2 |\n"), "status.md")

    assert transcript.turns == []
    assert "no speaker turns found" in transcript.warnings

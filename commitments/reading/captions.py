"""Reading caption files: WebVTT (``.vtt``, voices written ``<v Name>``) with webvtt-py and
SubRip (``.srt``) with pysrt. Pure Python (no Django).

Consecutive cues of one voice are one turn, its time the first cue's start. A cue without a
voice continues the voice before it; a SubRip cue names its speaker as a speaker line does
(``Name: text``, ``[Name] text``, ``>> Name: text``)."""

import datetime
import re

import pysrt
import webvtt

from .notes import Participants, checked, finish, plain_speakers
from .transcripts import Transcript, TranscriptError, Turn, clean_speech, date_in_file_name

FORMATS = "WebVTT captions (<v Name> voices) and SubRip captions (Name: text)"
SRT_START = re.compile(r"^\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
BRACKET_NAME = re.compile(r"^\[([^\]\n]{1,60})\]\s*(.*)$", re.DOTALL)
SRT_NAME = re.compile(r"^(?:>>\s*|-\s*)?([^:\n]{1,60}):\s+(.*)$", re.DOTALL)


def is_webvtt(text: str, name: str) -> bool:
    return name.lower().endswith(".vtt") or text.lstrip().startswith("WEBVTT")


def is_subrip(text: str, name: str) -> bool:
    return name.lower().endswith(".srt") or bool(SRT_START.match(text))


def parse_captions(text: str, name: str, checksum: str, aired_on: datetime.date | None = None) -> Transcript:
    cues = vtt_cues(text, name) if is_webvtt(text, name) else srt_cues(text, name)
    turns: list[Turn] = []
    unassigned = 0
    speaker, parts, start, first_line, last_line = None, [], None, 0, 0

    def close():
        if speaker and parts:
            paragraph = clean_speech(" ".join(parts), set())
            turns.append(Turn(index=len(turns), speaker=speaker, tag="", section="", paragraphs=(paragraph,),
                              paragraph_lines=(first_line,), line_start=first_line, line_end=last_line,
                              spoken_at=start, paragraph_sections=("",)))

    for voice, words, spoken_at, line in cues:
        words = " ".join(words.split())
        if not words:
            continue
        if voice is None and speaker is None:
            unassigned += 1
            continue
        if voice is not None and voice != speaker:
            close()
            speaker, parts, start, first_line = voice, [], spoken_at, line
        parts.append(words)
        last_line = line
    close()
    date = date_in_file_name(name) or aired_on
    if date is None:
        raise TranscriptError(
            f"{name}: no air date found (a caption file has no header: put the date in the file name, "
            "e.g. ama-2021-09-30.vtt, or give it with --aired-on YYYY-MM-DD / the admin upload's Air date)"
        )
    title = name.rsplit(".", 1)[0]
    return finish(name, title, date, turns, unassigned, Participants(), text, checksum, [], FORMATS)


def line_of(text: str, timestamp: str, after: int) -> int:
    """The line (1-based) where a cue's timing is written, at or after line `after`."""
    lines = text.split("\n")
    for number in range(max(after, 1), len(lines) + 1):
        if lines[number - 1].strip().startswith(timestamp):
            return number
    return after


def vtt_cues(text: str, name: str):
    try:
        captions = webvtt.from_string(text)
    except Exception as error:  # webvtt-py raises its own MalformedFileError and others
        raise TranscriptError(f"{name}: not a readable WebVTT file ({' '.join(str(error).split())[:200]})") from None
    line = 1
    for cue in captions:
        line = line_of(text, cue.start, line)
        yield (" ".join(cue.voice.split()) if cue.voice else None), cue.text, cue.start.split(".")[0], line


def srt_cues(text: str, name: str):
    try:
        captions = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except Exception as error:
        raise TranscriptError(f"{name}: not a readable SubRip file ({' '.join(str(error).split())[:200]})") from None
    known = plain_speakers([item.text for item in captions])
    line = 1
    for item in captions:
        start = str(item.start).split(",")[0]
        line = line_of(text, start, line)
        words = re.sub(r"</?[a-z][^>]{0,40}>", "", item.text)
        voice = None
        if match := BRACKET_NAME.match(words.strip()):
            voice, words = match.group(1).strip(), match.group(2)
        elif (match := SRT_NAME.match(words.strip())) and checked(match.group(1), None, "", known, bold=True):
            voice, words = match.group(1).strip(), match.group(2)
        yield voice, words, start, line

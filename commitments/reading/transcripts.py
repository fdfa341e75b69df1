"""Reading AMA transcripts: Markdown with YAML front matter, sections from ## and ### headings,
and speaker turns. Pure Python (no Django), so it is fast to test and reusable anywhere.

Two turn styles are understood:
- a tag line alone, then the speech: ``<claire>Akif</claire>`` (the tag name is only a style;
  the text inside is the speaker);
- Telegram-style, speaker and time on the speech's own line:
  ``**<o>Blake Ling</o>, \\[4/21/2022 5:01 AM\\]** <br>text…``.
"""

import dataclasses
import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field

import frontmatter
import yaml

from .periods import MONTH_PATTERN, month_number
from .text import ProjectWords

MAX_BYTES = 2 * 1024 * 1024
MAX_SIZE = f"{MAX_BYTES // (1024 * 1024)} MB"  # the limit as people read it

# Inline formatting tags that are markup, not speech: removed, their text kept.
FORMATTING_TAGS = {"br", "i", "b", "em", "strong", "u", "small", "g", "gr", "span", "sup", "sub", "mark", "p"}

TAG_LINE = re.compile(r"^<([a-z][a-z0-9_-]{0,20})>([^<>\n]{1,5000})</\1>(.{0,100})$")
INLINE_TURN = re.compile(
    r"^\*\*<([a-z][a-z0-9_-]{0,20})>([^<>\n]{1,120})</\1>\s*,?\s*\\?\[([^\]\n]{1,60}?)\\?\]\s*\*\*\s?(.*)$"
)
REPLY_MARKER = re.compile(r"^\\?\[In reply to [^\]\n]{0,200}?\\?\]\s*")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
ADMONITION = re.compile(r"^(?:!!!|\?\?\?)\s*\w")
LINK_ONLY = re.compile(r"^\s*(?:\[?\s*<a\s[^>]*>.*?</a>\s*\]?|\[[^\]]*\]\([^)]*\)).{0,80}$", re.IGNORECASE)
SMALL_NOTE = re.compile(r"^\s*<small>.*</small>\s*$", re.IGNORECASE)
ANY_TAG = re.compile(r"</?([a-z][a-z0-9_-]{0,20})(?:\s[^<>]{0,300})?\s*/?>", re.IGNORECASE)
TITLE_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])")
TEXT_DATE = re.compile(
    rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_PATTERN})\.?,?\s+(\d{{4}})\b",
    re.IGNORECASE,
)


class TranscriptError(ValueError):
    """A transcript that cannot be read. str(error) is one line a user can act on, starting
    with the file name."""


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases. An alias shares a node, but anything that walks
    the result (JSON for the database, str() for a title) expands it: nine levels of nine
    aliases are 644 bytes and billions of strings, and `x: &x [*x]` never ends. A transcript's
    front matter needs none, so the first alias is refused before anything is built."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{event.anchor}) are not allowed; write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


class FrontMatterHandler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler, reading with FrontMatterLoader."""

    def load(self, fm: str, **kwargs):
        return yaml.load(fm, Loader=FrontMatterLoader)  # noqa: S506 (a SafeLoader subclass)


FRONT_MATTER = FrontMatterHandler()


def load_front_matter(block: str):
    """The YAML of a front matter block, through FrontMatterLoader; raises yaml.YAMLError."""
    return FRONT_MATTER.load(block)


@dataclass(frozen=True)
class Turn:
    index: int
    speaker: str
    tag: str
    section: str
    paragraphs: tuple[str, ...]
    paragraph_lines: tuple[int, ...]
    line_start: int
    line_end: int
    spoken_at: str | None = None
    paragraph_sections: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class Transcript:
    name: str
    metadata: dict
    title: str
    author: str
    description: str
    aired_on: datetime.date
    warnings: list[str]
    turns: list[Turn]
    text: str
    checksum: str
    # When the title and the description give different air dates: (title's, description's).
    air_date_conflict: tuple[datetime.date, datetime.date] | None = None
    # Paragraphs given to no speaker; the people the header lines name (Moderator:/Host:, and
    # Attendees:/Speakers:) in files without front matter.
    unassigned: int = 0
    hosts: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    # Whom the title and description name, the project's own names left out (FrontMatterPeople).
    people: "FrontMatterPeople | None" = None

    @property
    def speakers(self) -> list[str]:
        return list(dict.fromkeys(turn.speaker for turn in self.turns))


def read_transcript(path, aired_on: datetime.date | None = None, project: ProjectWords = ProjectWords()) -> Transcript:
    name = os.path.basename(os.fspath(path))
    return parse_transcript(read_bytes(path, name), name, aired_on=aired_on, project=project)


def read_bytes(file, name: str) -> bytes:
    """A transcript's bytes, from a path or an uploaded file (with `size` and `read()`), refused
    with TranscriptError when larger than MAX_BYTES or unreadable."""
    if not isinstance(file, (str, os.PathLike)):
        if file.size > MAX_BYTES:
            raise TranscriptError(too_big(name, file.size))
        return file.read()
    try:
        size = os.path.getsize(file)
        if size > MAX_BYTES:
            raise TranscriptError(too_big(name, size))
        with open(file, "rb") as opened:
            return opened.read(MAX_BYTES + 1)
    except OSError as error:
        raise TranscriptError(f"{name}: cannot read the file ({error.strerror or error})") from None


def too_big(name: str, size: int) -> str:
    return f"{name}: file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes ({MAX_SIZE})"


def parse_transcript(
    data: bytes | str, name: str, aired_on: datetime.date | None = None, project: ProjectWords = ProjectWords()
) -> Transcript:
    """Parse one transcript, whatever its format (the one place that chooses): captions by
    extension or content (.vtt, .srt), Markdown with front matter when the file opens with ---,
    else meeting notes or plain text with speaker lines (`reading/notes.py`). `project`: the
    words of the project the file is filed under (with its front matter's `project:`), never
    taken for a person's name. Raises TranscriptError, and nothing else, for input it cannot read."""
    transcript = _parse(data, name, aired_on, project)
    if transcript.people is not None:
        return transcript
    people = people_in_front_matter(transcript.title, transcript.description, project.with_front_matter(transcript.metadata))
    return dataclasses.replace(transcript, people=people)


def _parse(data: bytes | str, name: str, aired_on: datetime.date | None, project: ProjectWords) -> Transcript:
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else bytes(data)
    text = decode(raw, name)
    from . import captions, notes  # they build on this module's Transcript and Turn

    checksum = hashlib.sha256(raw).hexdigest()
    if captions.is_webvtt(text, name) or captions.is_subrip(text, name):
        return captions.parse_captions(text, name, checksum, aired_on)
    if text.split("\n", 1)[0].strip() != "---":
        return notes.parse_notes(text, name, checksum, aired_on)
    metadata, body_start = read_front_matter(text, name)
    lines = text.split("\n")
    warnings: list[str] = []
    title = clean_meta(metadata.get("title"))
    description = clean_meta(metadata.get("description"))
    dropped: list[str] = []
    people = people_in_front_matter(title, description, project.with_front_matter(metadata))
    turns = read_turns(lines, body_start, people, dropped)
    if not turns:
        warnings.append("no speaker turns found")
    conflicts: list[tuple[datetime.date, datetime.date]] = []
    date = aired_on or find_air_date(metadata, title, description, name, warnings, last_update(lines), conflicts)
    return Transcript(
        name=name,
        metadata=metadata,
        title=title,
        author=clean_meta(metadata.get("author")),
        description=description,
        aired_on=date,
        warnings=warnings,
        turns=turns,
        text=text,
        checksum=hashlib.sha256(raw).hexdigest(),
        air_date_conflict=conflicts[0] if conflicts else None,
        unassigned=len(dropped),
        people=people,
    )


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise TranscriptError(too_big(name, len(raw)))
    if not raw.strip():
        raise TranscriptError(f"{name}: the file is empty")
    if b"\x00" in raw:
        raise TranscriptError(f"{name}: looks like a binary file (it contains NUL bytes), not a Markdown transcript")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TranscriptError(
            f"{name}: not UTF-8 text (undecodable byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save the file as UTF-8"
        ) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_front_matter(text: str, name: str) -> tuple[dict, int]:
    """The front matter's keys, and the index of the first line after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise TranscriptError(f"{name}: no front matter (expected a --- block with title and description)")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise TranscriptError(f"{name}: front matter is not closed (expected a second --- line)")
    block = "\n".join(lines[1:end])
    try:
        metadata = load_front_matter(block)
    except yaml.MarkedYAMLError as error:
        problem = " ".join(str(error.problem or error.context or "unreadable").split())[:200]
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 2}" if mark else ""  # +2: the opening --- is line 1
        raise TranscriptError(f"{name}: broken YAML in the front matter{where} ({problem})") from None
    except Exception as error:
        # PyYAML raises many types (its constructors ValueError for "2023-02-30", deep nesting
        # RecursionError): all mean the same to the user.
        first = " ".join(str(error).split("\n")[0].split())[:200] or type(error).__name__
        raise TranscriptError(f"{name}: broken YAML in the front matter ({first})") from None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise TranscriptError(f"{name}: front matter must be key: value pairs (title, description, ...)")
    if not metadata:
        raise TranscriptError(f"{name}: no front matter (expected a --- block with title and description)")
    return metadata, end + 1


def clean_meta(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


# --- Who is named in the front matter -------------------------------------------------------

NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al))*"
NAMED_WITH = re.compile(rf"\b(?:with|featuring|feat\.|guests?:?)\s+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)")
NAMED_FIRST = re.compile(rf"^(?P<names>{NAME})\s+(?:speaking|speaks|on|talks|joins|at|in)\b")
HOSTED_BY = re.compile(rf"\b(?:hosted|moderated|organi[sz]ed) by\s+(?P<host>{NAME})")
# Words of a platform or an event, never of a person; the project's own names are added (ProjectWords).
NOT_NAMES = {"AMA", "Twitter", "Telegram", "Spaces", "Space", "Discord", "YouTube", "Decentralized", "Network"}


@dataclass(frozen=True)
class FrontMatterPeople:
    """Who the title and description name: the hosts ("hosted by DeepCoin") and the others
    ("with Bin Zhu and Claire Bearzh", "Bin Zhu on QuickSwap's Space")."""

    hosts: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def guest_for(self, tag: str) -> str:
        """Whom untagged answers belong to: the named person whose first name the tag spells
        ("bin" -> "Bin Zhu"), else the first named person, else "Guest"."""
        for person in self.named:
            first = person.split()[0].lower()
            if tag and (first == tag or first.startswith(tag) or tag.startswith(first)):
                return person
        return self.named[0] if self.named else "Guest"

    @property
    def host(self) -> str:
        return self.hosts[0] if self.hosts else "Host"


def people_in_front_matter(title: str, description: str, project: ProjectWords = ProjectWords()) -> FrontMatterPeople:
    not_names = NOT_NAMES | {word for name in project.names for word in name.split()}
    hosts, named = [], []
    for text in (description, title):
        for match in HOSTED_BY.finditer(text or ""):
            hosts.append(match.group("host"))
        for pattern in (NAMED_WITH, NAMED_FIRST):
            for match in pattern.finditer(text or ""):
                for name in re.split(r"\s*(?:,|\band\b|&)\s*", match.group("names")):
                    name = " ".join(word for word in name.split() if word not in not_names)
                    if name and name not in hosts:
                        named.append(name)
    return FrontMatterPeople(tuple(dict.fromkeys(hosts)), tuple(dict.fromkeys(named)))


# --- Turns -------------------------------------------------------------------------------

# What a speaker's name looks like in a tag line: a few words, no sentence. Anything else in a
# tag line is speech (a host's question tagged with the guest's tag).
SPEAKER_NAME = re.compile(r"^[\w'’.&()@#-]+(?:\s+[\w'’.&()@#-]+){0,4}$")
# A host's closing words at the end of the last untagged answer.
CLOSING = re.compile(
    r"(?i)\b(?:thank(?:s| you)\b.{0,40}\b(?:joining|coming|being here|your time|everyone|all)|that(?:'|’)?s (?:all|it) for"
    r"|giveaway|winners?\b|see you (?:all|next|soon|again)|until next time|wrap(?:ping)? (?:it |this )?up|end of (?:the|this|our|today)"
    r"|conclude|follow (?:us|our)|join (?:us|our) (?:on )?(?:telegram|discord|twitter))"
)


# Markup that never names a speaker, whatever it holds.
HTML_TAGS = {
    "a", "abbr", "audio", "blockquote", "code", "del", "details", "div", "figure", "font", "iframe", "img", "ins",
    "kbd", "li", "ol", "pre", "q", "s", "script", "source", "style", "summary", "table", "td", "th", "tr", "ul", "video",
}


def looks_like_a_name(text: str) -> bool:
    return bool(SPEAKER_NAME.match(text)) and len(text) <= 60 and not text.endswith((".", "?", "!", ":"))


def written_after_tag(text: str) -> bool:
    """The name written after a tag (``<o>Guest</o> Alice``): capitalised, and a name."""
    return text[:1].isupper() and looks_like_a_name(text)


@dataclass
class OpenTurn:
    """A speaker turn being read: its paragraphs so far, with their lines and sections."""

    speaker: str
    tag: str
    section: str
    line_start: int
    spoken_at: str | None
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    paragraph_sections: list[str] = field(default_factory=list)
    line_end: int = 0
    answer: bool = False  # untagged answers after a tagged question


def read_turns(
    lines: list[str], start: int, people: FrontMatterPeople = FrontMatterPeople(), dropped: list | None = None
) -> list[Turn]:
    """The speaker turns of the body. A tag line names its speaker (the name written after the
    tag wins: ``<o>Guest</o> Alice``); a tag line holding speech instead (a host's question
    tagged with the guest's tag) is the host's, and the untagged text after it is the answer of
    the guest the front matter names, with the host's untagged opening and closing their own."""
    speaker_tags = {
        m.group(1) for line in lines[start:] if (m := TAG_LINE.match(line.strip()) or INLINE_TURN.match(line.strip()))
    }
    speaker_tags -= FORMATTING_TAGS | HTML_TAGS
    turns: list[Turn] = []
    current: OpenTurn | None = None
    section = ""
    block: list[str] = []
    block_line = 0
    in_admonition = False
    opening: list[tuple[str, int, str]] = []  # untagged paragraphs before the first turn
    questions = False

    def close_block():
        nonlocal block
        if block:
            paragraph = clean_speech(" ".join(block), speaker_tags)
            if paragraph and current is not None:
                current.paragraphs.append(paragraph)
                current.paragraph_lines.append(block_line)
                current.paragraph_sections.append(section)
            elif paragraph and not turns:
                opening.append((paragraph, block_line, section))
        block = []

    def close_turn():
        nonlocal current
        close_block()
        if current is not None and not (current.answer and not current.paragraphs):
            turns.append(finished(current, len(turns)))
        current = None

    def open_question(tag: str, question: str, number: int):
        """A tag line holding speech: the host asked it; untagged answers follow."""
        nonlocal current, questions
        close_turn()
        if not questions and opening:
            host_turn = OpenTurn(people.host, "", opening[0][2], opening[0][1], None)
            for paragraph, line, paragraph_section in opening:
                host_turn.paragraphs.append(paragraph)
                host_turn.paragraph_lines.append(line)
                host_turn.paragraph_sections.append(paragraph_section)
                host_turn.line_end = line
            turns.append(finished(host_turn, len(turns)))
        questions = True
        asked = OpenTurn(people.host, tag, section, number, None, [question], [number], [section], number)
        turns.append(finished(asked, len(turns)))
        current = OpenTurn(people.guest_for(tag), tag, section, number + 1, None, answer=True)

    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if in_admonition:
            if not stripped or line[:1] in (" ", "\t"):
                continue
            in_admonition = False
        if not stripped:
            close_block()
            continue
        if ADMONITION.match(stripped):
            close_block()
            in_admonition = True
            continue
        tag_line = TAG_LINE.match(stripped)
        after = clean_name(tag_line.group(3)).strip(" :,–—-") if tag_line else ""
        if (
            tag_line
            and tag_line.group(1) not in FORMATTING_TAGS | HTML_TAGS
            and (not after or written_after_tag(after))
        ):
            tag, inside = tag_line.group(1), clean_name(tag_line.group(2))
            if looks_like_a_name(inside):
                close_turn()
                speaker = after or inside
                current = OpenTurn(speaker=speaker, tag=tag, section=section, line_start=number, spoken_at=None)
            else:
                open_question(tag, clean_speech(f"{inside} {after}", speaker_tags), number)
            continue
        inline = INLINE_TURN.match(stripped)
        if inline:
            close_turn()
            current = OpenTurn(speaker=clean_name(inline.group(2)), tag=inline.group(1), section=section,
                                line_start=number, spoken_at=" ".join(inline.group(3).split()))
            speech = REPLY_MARKER.sub("", inline.group(4).strip())
            if speech:
                block, block_line = [speech], number
                current.line_end = number
            continue
        heading = HEADING.match(stripped)
        if heading:
            close_block()
            if len(heading.group(1)) >= 2:
                section = clean_speech(heading.group(2), speaker_tags)
                if current is not None and not current.paragraphs:
                    current.section = section
            continue
        if RULE.match(stripped) or SMALL_NOTE.match(stripped) or LINK_ONLY.match(stripped):
            close_block()
            continue
        if ANY_TAG.fullmatch(stripped) and stripped.lower().startswith("<br"):
            close_block()
            continue
        if not block:
            block_line = number
        block.append(stripped)
        if current is not None:
            current.line_end = number
    close_turn()
    if questions:
        turns = split_closing(turns, people.host)
    elif dropped is not None:
        dropped.extend(paragraph for paragraph, _, _ in opening)  # before any turn: no speaker
    return turns


def finished(turn: OpenTurn, index: int) -> Turn:
    return Turn(
        index=index,
        speaker=turn.speaker,
        tag=turn.tag,
        section=turn.section,
        paragraphs=tuple(turn.paragraphs),
        paragraph_lines=tuple(turn.paragraph_lines),
        line_start=turn.line_start,
        line_end=max(turn.line_end, turn.line_start),
        spoken_at=turn.spoken_at,
        paragraph_sections=tuple(turn.paragraph_sections),
    )


def split_closing(turns: list[Turn], host: str) -> list[Turn]:
    """The host's closing words at the end of the last answer become the host's own turn."""
    last = turns[-1] if turns else None
    if last is None or last.speaker == host:
        return turns
    keep = len(last.paragraphs)
    while keep > 1 and CLOSING.search(last.paragraphs[keep - 1]):
        keep -= 1
    if keep == len(last.paragraphs):
        return turns
    answer = dataclasses.replace(
        last,
        paragraphs=last.paragraphs[:keep],
        paragraph_lines=last.paragraph_lines[:keep],
        paragraph_sections=last.paragraph_sections[:keep],
        line_end=last.paragraph_lines[keep] - 1,
    )
    closing = dataclasses.replace(
        last,
        index=last.index + 1,
        speaker=host,
        tag="",
        paragraphs=last.paragraphs[keep:],
        paragraph_lines=last.paragraph_lines[keep:],
        paragraph_sections=last.paragraph_sections[keep:],
        line_start=last.paragraph_lines[keep],
        section=last.paragraph_sections[keep],
    )
    return turns[:-1] + [answer, closing]


def clean_name(name: str) -> str:
    return " ".join(name.split())[:100]


def clean_speech(text: str, speaker_tags: set[str]) -> str:
    """Speech as spoken: formatting and speaker tags removed (their text kept), escapes undone,
    whitespace collapsed. Any other markup stays as literal text."""

    def strip(match: re.Match) -> str:
        tag = match.group(1).lower()
        if tag == "br":
            return " "
        return "" if tag in FORMATTING_TAGS or tag in speaker_tags else match.group(0)

    text = ANY_TAG.sub(strip, text)
    text = text.replace("\\[", "[").replace("\\]", "]").replace("\\*", "*").replace("\\_", "_")
    return " ".join(text.split())


# --- Air date ----------------------------------------------------------------------------


def last_update(lines: list[str]) -> datetime.date | None:
    """The date of a "<small>Last update: …</small>" note, if the file has one."""
    for line in lines:
        if SMALL_NOTE.match(line) and "update" in line.lower():
            return date_in_text(line)
    return None


def find_air_date(
    metadata: dict,
    title: str,
    description: str,
    name: str,
    warnings: list[str],
    updated_on: datetime.date | None = None,
    conflicts: list | None = None,
) -> datetime.date:
    given = metadata.get("date")
    if given:
        if isinstance(given, datetime.datetime):
            return given.date()
        if isinstance(given, datetime.date):
            return given
        parsed = date_in_text(str(given)) or iso_date(str(given))
        if parsed:
            return parsed
        warnings.append(f"front matter date {str(given)[:40]!r} is not a date; looked elsewhere")
    from_description = date_in_text(description)
    from_title = title_date(title, warnings)
    date = from_description or from_title
    if from_description and from_title and from_description != from_title:
        # Decided by the file name's date ("...-12-02-2024.md") when it agrees with one of them;
        # otherwise the description's is proposed and an admin must confirm one.
        named = date_in_file_name(name)
        if named in (from_title, from_description):
            date = named
            which = "the title's" if named == from_title else "the description's"
            warnings.append(
                f"the description says {from_description.isoformat()} but the title says {from_title.isoformat()}; "
                f"using {date.isoformat()} ({which}, as the file name says)"
            )
        else:
            date = from_description
            warnings.append(
                f"the description says {from_description.isoformat()} but the title says {from_title.isoformat()}; "
                f"proposing {date.isoformat()} (the description's): confirm with --aired-on (or the admin upload's Air date)"
            )
            if conflicts is not None:
                conflicts.append((from_title, from_description))
    if date is None and updated_on is not None:
        warnings.append(f"no air date in the front matter, description or title; using the last-update date {updated_on}")
        date = updated_on
    if date is None:
        raise TranscriptError(
            f"{name}: no air date found (add a 'date' key to the front matter, "
            "or give it with --aired-on YYYY-MM-DD)"
        )
    return date


FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](20\d\d)(?!\d)|(?<!\d)(20\d\d)[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")


def date_in_file_name(name: str) -> datetime.date | None:
    """"...-12-02-2024.md" (day-month-year, as the titles write it) or "2024-02-12-...md"."""
    match = FILE_NAME_DATE.search(name or "")
    if not match:
        return None
    day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (
        match.group(6), match.group(5), match.group(4))
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def iso_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def date_in_text(text: str) -> datetime.date | None:
    for match in TEXT_DATE.finditer(text or ""):
        if match.group(1):
            month, day, year = match.group(1), match.group(2), match.group(3)
        else:
            day, month, year = match.group(4), match.group(5), match.group(6)
        try:
            return datetime.date(int(year), month_number(month), int(day))
        except ValueError:
            continue
    return None


def title_date(title: str, warnings: list[str]) -> datetime.date | None:
    match = TITLE_DATE.search(title or "")
    if not match:
        return date_in_text(title)
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        warnings.append(f"the title's date {match.group(0)} is not a real day.month.year date; ignored")
        return None

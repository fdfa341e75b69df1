"""Reading transcripts without front matter: Markdown meeting notes and plain text with speaker
lines. Pure Python (no Django).

- the title is the first ``#`` heading (else the file name);
- the air date comes from the header lines (``Date: 2021/9/30``, ``Meeting Date/Time: Thursday
  2021/9/30 at 14:00 UTC``, ``30.09.2021``, ``September 30, 2021``), else from the file name,
  else from the date the importer is given;
- ``Moderator:``, ``Host:``, ``Attendees:``, ``Speakers:`` lines name the participants;
- a speaker opens a paragraph or a line: ``**Name:**``, ``**Name**:``, ``Name:``,
  ``[00:12:34] Name:`` or ``Name (00:12:34)`` (the time is kept); or a list item holding only a
  name (``* Alex``) with the speech indented under it, when that name is a participant or speaks
  so twice;
- question headings (``### Question``, ``### **Question:** …``) and ``Q:`` / ``Follow-up
  question:`` lines are the community's; ``A:`` / ``Answer:`` / ``Response:`` lines are the
  answer of the one participant named, else of the team;
- a "Published on 2025-08-01" line is when the file went online, not the air date.
"""

import dataclasses
import datetime
import difflib
import re
from dataclasses import dataclass, field

from .transcripts import (
    OpenTurn,
    TEXT_DATE,
    Transcript,
    TranscriptError,
    Turn,
    clean_speech,
    date_in_file_name,
    date_in_text,
    LINK_ONLY,
    looks_like_a_name,
)

COMMUNITY = "Community"
TEAM = "Team"
FORMATS = "Markdown notes and plain text (speaker lines **Name:**, Name:, [00:12:34] Name:, Name (00:12:34), a list item \"* Name\" with the speech indented under it, **Moderator:**, Q:/A:, Question:/Response:)"

PARTICIPANT_KEYS = {
    "moderator": "hosts", "moderators": "hosts", "host": "hosts", "hosts": "hosts", "hosted by": "hosts",
    "attendees": "named", "attendee": "named", "speakers": "named", "speaker": "named", "participants": "named",
    "guests": "named", "guest": "named", "panelists": "named", "panel": "named", "present": "named",
    "attendance": "named", "in attendance": "named",
}
HEADER_KEYS = {"date", "time", "meeting notes", "meeting duration", "meeting time", "meeting date/time", "meeting date", "date/time", "when", "location", "where",
               "recording", "video", "notes", "notes by", "note taker", "notetaker", "agenda", "link", "links",
               "duration", "venue", "platform", "channel", "slides", "source", "scribe", "minutes"}
# Header lines naming who wrote the notes: the summary no one speaks is theirs.
NOTE_TAKER_KEYS = {"notes", "notes by", "meeting notes", "note taker", "notetaker", "scribe", "minutes"}
# Words written like a speaker ("Note: …") that are not one.
NOT_SPEAKERS = {
    "note", "notes", "update", "updates", "example", "edit", "source", "link", "links", "date", "time", "agenda",
    "summary", "action items", "action item", "tl;dr", "tldr", "result", "results", "status", "location", "recording",
    "next steps", "topic", "topics", "todo", "to do", "ps", "p.s", "disclaimer", "warning", "important", "answer",
    "question", "questions", "reminder", "conclusion", "background", "context", "goal", "goals", "decision",
    "decisions", "outcome", "problem", "solution", "follow up", "follow-up", "why", "what", "how", "when", "where",
    "who", "pros", "cons", "resources", "references", "eta", "deadline", "tip", "caveat", "http", "https",
}
# The last word of a label that heads a part of the notes, never of a name: "**Squad Overview:**",
# "**Wallet Update:**", "**Q3 Roadmap:**".
LABEL_NOUNS = {
    "overview", "update", "updates", "summary", "recap", "status", "progress", "roadmap", "announcement",
    "announcements", "highlights", "news", "report", "reports", "metrics", "discussion", "proposal", "proposals",
    "plan", "plans", "priorities", "timeline", "notes", "questions", "items", "changes", "steps", "agenda",
    "outcomes", "decisions", "takeaways", "feedback", "demo", "demos", "review", "retrospective", "q&a",
}

LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
LEADING_TIME = re.compile(rf"^\\?[\[(]({TIME})\\?[\])]\s*")
NAME_CHARS = r"[^\s*:\[\]()<>#`][^*:\[\]()<>#`\n]{0,59}?"
# A bold speaker label may carry an affiliation in brackets: "**Alex Kim (Northwind):**".
BOLD_NAME = rf"{NAME_CHARS}(?:\s*\([^()*:\n]{{1,60}}\))?"
BOLD_COLON_IN = re.compile(rf"^\*\*({BOLD_NAME})\s*:\s*\*\*\s*(.*)$")  # **Name:** text
BOLD_COLON_OUT = re.compile(rf"^\*\*({BOLD_NAME})\*\*\s*:\s*(.*)$")  # **Name**: text
# What a label adds to the person: "Alex Kim (Northwind)", "Alex Kim | Northwind", "Alex Kim - Northwind".
AFFILIATION = re.compile(r"\s*\([^()]*\)\s*$|\s*\|.*$|\s+[-–—]\s+.*$")
MARKDOWN_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
BOLD_ALONE = re.compile(rf"^\*\*({NAME_CHARS})\*\*\s*(?:\(({TIME})\))?\s*$")  # **Name** alone on its line
# **Name** [5:23](https://…): text, the time linking to the video
BOLD_TIMED = re.compile(rf"^\*\*({NAME_CHARS})\*\*\s*:?\s*\\?\[\\?\[?({TIME})\\?\]?\\?\](?:\([^)\s]*\))?\s*:?\s*(.*)$")
BOLD_DASH = re.compile(rf"^\*\*({NAME_CHARS})\*\*\s+[-–—]\s+(.*)$")  # **Name** - text
# A time alone on its line ("[04:11]"): where the speaker before goes on.
TIME_ALONE = re.compile(rf"^\\?[\[(]{TIME}\\?[\])]\s*$")
NAME_TIME = re.compile(rf"^({NAME_CHARS})\s*\\?[\[(]({TIME})\\?[\])]\s*:?\s*(.*)$")  # Name (00:12:34) text
# Words that open a sentence and never a name of two words or more ("I have a question:").
SENTENCE_OPENERS = {
    "i", "we", "you", "they", "he", "she", "it", "this", "that", "these", "those", "there", "here", "my", "our",
    "your", "so", "and", "but", "or", "also", "actually", "then", "now", "well", "ok", "okay", "what", "how", "why",
    "when", "where", "which", "who", "if", "as", "just", "please", "let", "let's", "maybe", "anyway", "basically",
}
# Lower-case words inside a name ("Ludwig van Beethoven"); any other marks a label ("Adding members").
NAME_PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin", "binti", "al", "ibn", "dos", "das", "ter", "ten", "y"}
# Labels naming who speaks next: "From: **Milad**", "Asked by: Ann".
BY_LABELS = {"from", "by", "asked by", "answered by", "speaker"}
PLAIN = re.compile(rf"^({NAME_CHARS})\s*:(?:\s+(.*))?$")  # Name: text, or "Name:" alone with the speech below
QA = re.compile(r"^(?:\*\*)?(Q|A|Question|Answer|Response|Reply|Follow[- ]?up(?: question)?)(?:\s*\d{1,3})?\s*[:.]\s*(?:\*\*)?\s*(.*)$",
                re.IGNORECASE)
ASKING = {"q", "question", "follow-up", "followup", "follow up", "follow-up question", "followup question", "follow up question"}
# When a file was put online is not when the call was held: "Published on 2025-08-01".
PUBLISHED = re.compile(r"(?i)^(?:\W*)(?:published|posted|uploaded|updated|last updated|edited|last modified|created)\b")
QUESTION_HEADING = re.compile(r"^(?:\*\*)?(?:Q|Question)(?:\s*#?\s*\d{1,3})?\s*(?:[:.)-]|\*\*|$)\s*(?:\*\*)?\s*(.*)$",
                              re.IGNORECASE)
ANSWER_HEADING = re.compile(r"^(?:\*\*)?(?:A|Answer)(?:\s*\d{1,3})?\s*(?:[:.)-]|\*\*|$)", re.IGNORECASE)
# A whole line in bold that is not a speaker: a heading written as emphasis ("**Progress of the
# proposal**", "**Question**"); a short one, without a sentence's end, so an emphasised promise stays speech.
BOLD_LINE = re.compile(r"^\*\*([^*\n]{2,100}?[^*\s.!?:])\*\*\s*$")
# What a header lists before the call starts: not speech, and not a paragraph without a speaker.
AGENDA_SECTIONS = {"agenda", "agenda items", "topics", "table of contents", "contents"}
# The note taker's summary before the transcript: no one's speech.
SUMMARY_SECTIONS = {"summary", "decisions", "decisions made", "key decisions", "action items", "action item",
                    "action required", "actions", "key takeaways", "takeaways", "outcomes", "important outcomes/decisions",
                    "tl;dr", "tldr", "highlights", "key points"}
# A table's rule ("-|-", "| --- | :-: |") or a row of links and a label ("Video | [00:00](…)").
TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?$")
# A section of what was typed in the meeting's chat: asides, not the call's speech.
CHAT_SECTIONS = {"chat", "zoom chat", "chat log", "chat logs", "meeting chat", "chat highlights", "chat transcript",
                 "chat messages", "from the chat"}
# A chat line as meeting software exports it: "10:02:11 From Alex Kim to Everyone: …", or
# "From Alex Kim: 02:05 PM" with the message on the lines below.
CHAT_LINE = re.compile(
    r"(?i)^(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?from\s+\S.{0,60}?\s+to\s+(?:everyone|all\b[^:]{0,40}|me)\s*:"
    r"|^from\s+\S.{0,59}?\s*:\s*\(?\d{1,2}:\d{2}(?:\s*[ap]m)?\)?\s*$"
)
# A list item that only links to a part of the same file: a table of contents.
IN_PAGE_LINK = re.compile(r"^\[[^\]]+\]\(#[^)\s]*\)$")
# "<!-- omit in toc -->": a note to tools, never read.
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
# A host named only by the role, as a speaker ("**Moderator:**" then the speech), not a header
# line naming the host ("**Moderator:** Alex Kim").
ROLE_SPEAKER = re.compile(r"^\*\*(Moderator|Host|Co-?host|Interviewer|MC)(?:\s*:\s*\*\*|\*\*\s*:)\s*(.*)$", re.IGNORECASE)
BLOCKQUOTE = re.compile(r"^(?:>\s?)+")
TIME_LINK = re.compile(rf"\\?\[\\?\[?({TIME})\\?\]?\\?\](?:\([^)\s]*\))?")  # [[03:08]](https://…)
TABLE_ROW = re.compile(r"^\|?[^|]*\|.*$")
SLASH_DATE = re.compile(r"(?<![\d/.-])(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?![\d/-])")
DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\d.])")


@dataclass
class Participants:
    hosts: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)

    @property
    def everyone(self) -> list[str]:
        return list(dict.fromkeys(self.hosts + self.named))


def strip_markup(text: str) -> str:
    text = MARKDOWN_LINK.sub(r"\1", text)  # "[Alex Kim](https://…)" is "Alex Kim"
    return " ".join(text.replace("**", "").replace("__", "").replace("`", "").split()).strip(" :")


def names_in(value: str) -> list[str]:
    """"Alex Kim (CEO), Sam Lee - CTO and Jo" -> ["Alex Kim", "Sam Lee", "Jo"]."""
    names = []
    for part in re.split(r"\s*(?:,|;|\band\b|&|/|\|)\s*", re.sub(r"\s*[(\[][^)\]]*[)\]]", "", strip_markup(value))):
        part = re.split(r"\s+[-–—]\s+|@", part)[0].strip(" .")
        if part and looks_like_a_name(part) and part[:1].isupper():
            names.append(part)
    return names


def header_key(line: str) -> tuple[str, str] | None:
    """("moderator", "Alex Kim") for "**Moderator:** Alex Kim" or "- Moderator: Alex Kim"."""
    plain = strip_markup(LIST_MARK.sub("", line.strip()))
    match = re.match(r"^([A-Za-z][A-Za-z /]{0,30}?)\s*:\s*(.*)$", plain)
    if not match:
        return None
    key = match.group(1).strip().lower()
    if key in PARTICIPANT_KEYS or key in HEADER_KEYS:
        return key, match.group(2).strip()
    return None


def date_in(text: str) -> datetime.date | None:
    """The first date of a header line: 2021/9/30, 2021-09-30, 30.09.2021, September 30, 2021."""
    found = []
    for pattern, order in ((SLASH_DATE, "ymd"), (DOTTED_DATE, "dmy")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, (int(group) for group in match.groups())))
            try:
                found.append((match.start(), datetime.date(parts["y"], parts["m"], parts["d"])))
            except ValueError:
                continue
    match = TEXT_DATE.search(text)
    if match and (named := date_in_text(match.group(0))):
        found.append((match.start(), named))
    return min(found)[1] if found else None


def time_in(text: str) -> str | None:
    match = TIME_LINK.search(text)
    return match.group(1) if match else None


def speaker_line(line: str, known: set[str]) -> tuple[str, str | None, str] | None:
    """(speaker, time, speech) when the line opens with a speaker, else None."""
    text = LIST_MARK.sub("", line.strip())
    spoken_at = None
    if lead := LEADING_TIME.match(text):
        spoken_at, text = lead.group(1), re.sub(r"^[-–—]\s*", "", text[lead.end():])  # "[02:46] - **Sam**"
    for pattern in (BOLD_COLON_IN, BOLD_COLON_OUT):
        if match := pattern.match(text):
            return checked(match.group(1), spoken_at, match.group(2), known, bold=True)
    if match := BOLD_TIMED.match(text):
        return checked(match.group(1), match.group(2), match.group(3), known, bold=True)
    if (match := BOLD_DASH.match(text)) and " ".join(match.group(1).split()) in known:
        return checked(match.group(1), spoken_at, match.group(2), known, bold=True)
    if match := BOLD_ALONE.match(text):
        found = checked(match.group(1), match.group(2) or spoken_at, "", known, bold=True)
        return found if found and (found[1] or found[0] in known) else None
    if match := NAME_TIME.match(text):
        return checked(match.group(1), match.group(2), match.group(3), known, bold=False, timed=True)
    if match := PLAIN.match(text):
        if match.group(2) is None and match.group(1).strip() not in known:
            return None  # "Agenda:" alone is a label; "Mika:" alone speaks when Mika speaks elsewhere
        return checked(match.group(1), spoken_at, match.group(2) or "", known, bold=spoken_at is not None)
    return None


def checked(name: str, spoken_at, speech: str, known: set[str], bold: bool, timed: bool = False):
    name = " ".join(name.replace("\\", "").split()).strip(" -–—.")
    if bold:
        name = AFFILIATION.sub("", name) or name
    if not name or re.fullmatch(r"[\d.\s]+", name) or name.lower() in NOT_SPEAKERS or name.lower() in PARTICIPANT_KEYS or name.lower() in HEADER_KEYS:
        return None
    if " " in name and name.split()[-1].lower() in LABEL_NOUNS:
        return None  # "**Squad Overview:** …" heads a part of the notes
    if " " in name and name.split()[0].lower().strip(",") in SENTENCE_OPENERS:
        return None  # "I have a question: ...", "So the plan is: ..." open a sentence, not a turn
    if any(word[:1].islower() and word not in NAME_PARTICLES for word in name.split()[1:]):
        return None  # "**Adding members:**", "Incase you missed it:": a label, not a name
    if name.lower() in BY_LABELS:
        # "From: **Milad**" (a question or answer's author): the name after the label speaks
        named = " ".join(strip_markup(speech).split()).strip(" -–—.:")
        if named and len(named.split()) <= 4 and looks_like_a_name(named):
            return checked(named, spoken_at, "", known, bold=True, timed=timed)
        return None
    if not looks_like_a_name(name) or not (name[:1].isupper() or name[:1].isdigit() or name[:1] == "@"):
        return None
    if len(name.split()) > 4 or (not bold and not timed and name not in known):
        return None
    return name, spoken_at, speech.strip()


def table_row(line: str) -> str | None:
    """A table row as one paragraph ("**9.1** | Sam will share the vectors" -> "9.1 | Sam will share
    the vectors"); "" for a row that says nothing (a rule "--|--", "Video | [4:11](…)"); None for a
    line that is no table row."""
    if not TABLE_ROW.match(line):
        return None
    if TABLE_RULE.match(line):
        return ""
    cells = [strip_markup(cell) for cell in line.strip().strip("|").split("|")]
    text = " | ".join(cell for cell in cells if cell)
    return text if len(MARKDOWN_LINK.sub("", text).replace("|", " ").split()) >= 3 else ""


def bold_names_alone(lines: list[str]) -> set[str]:
    """The names written "**Name**" alone on their line, when the file writes its speakers so: three
    such lines or more, one name among them at least twice (a bold heading said once is no speaker)."""
    found = []
    for line in lines:
        text = LEADING_TIME.sub("", LIST_MARK.sub("", line.strip()))
        if (match := BOLD_ALONE.match(text)) and (named := checked(match.group(1), None, "", set(), bold=True)):
            found.append(named[0])
    if len(found) >= 3 and any(found.count(name) >= 2 for name in found):
        return set(found)
    return set()


def note_taker_in(lines: list[str]) -> str | None:
    """Who wrote the notes ("### Notes: Pat Quinn"), from the header lines."""
    for line in lines:
        key = header_key(HEADING.sub(r"\2", line.strip()))
        if key and key[0] in NOTE_TAKER_KEYS and (names := names_in(key[1])):
            return names[0]
    return None


def plain_speakers(lines: list[str]) -> set[str]:
    """Names written "Name: text" at the start of two lines or more: speakers, not labels."""
    counts: dict[str, int] = {}
    for line in lines:
        text = LIST_MARK.sub("", line.strip())
        text = LEADING_TIME.sub("", text)
        if match := PLAIN.match(text):
            name = " ".join(match.group(1).split())
            counts[name] = counts.get(name, 0) + 1
    return {name for name, count in counts.items() if count >= 2}


def indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def bullet_speakers(lines: list[str], known: set[str]) -> dict[int, str]:
    """Line numbers of list items that hold only a name with the speech indented under them
    ("* Alex" then "  We will ship the wallet."): the name speaks when it is a participant or
    opens such a list item twice (a one-off "- Launch planning" with sub-items is no speaker)."""
    found: dict[int, str] = {}
    for number, line in enumerate(lines, start=1):
        if not LIST_MARK.match(line.strip()):
            continue
        name = " ".join(strip_markup(LIST_MARK.sub("", line.strip())).split())
        following = next((later for later in lines[number:] if later.strip()), "")
        if indent(following) <= indent(line) or not looks_like_a_name(name) or checked(name, None, "", known, True) is None:
            continue
        found[number] = name
    counts: dict[str, int] = {}
    for name in found.values():
        counts[name] = counts.get(name, 0) + 1
    return {number: name for number, name in found.items() if counts[name] >= 2 or name in known}


def section_words(section: str) -> str:
    """"5. Zoom Chat" -> "zoom chat": a section's name as the sets above spell it."""
    return SECTION_NUMBER.sub("", section.lower()).strip(" :")


def without_comments(text: str) -> str:
    """The text with its HTML comments taken out, each leaving its line breaks (line numbers keep)."""
    return HTML_COMMENT.sub(lambda comment: "\n" * comment.group().count("\n"), text)


def parse_notes(text: str, name: str, checksum: str, aired_on: datetime.date | None = None) -> Transcript:
    lines = without_comments(text).split("\n")
    participants = Participants()
    title = ""
    header_dates: list[datetime.date] = []
    for line in lines:
        heading = HEADING.match(line.strip())
        if heading and len(heading.group(1)) == 1 and not title:
            title = strip_markup(heading.group(2))
    known = plain_speakers(lines)
    for line in lines:  # "**Name**:" anywhere makes "**Name**" alone on a line a speaker too
        text = LEADING_TIME.sub("", LIST_MARK.sub("", line.strip()))
        if match := BOLD_COLON_IN.match(text) or BOLD_COLON_OUT.match(text):
            known.add(" ".join(match.group(1).split()))
    known.update(bold_names_alone(lines))
    dashed = [" ".join(match.group(1).split()) for line in lines if (match := BOLD_DASH.match(LIST_MARK.sub("", line.strip())))]
    known.update(name for name in dashed if dashed.count(name) >= 2)  # "**Name** - text" said twice: a speaker
    for line in lines:  # the participants, wherever their lines are, before reading the turns
        key = header_key(HEADING.sub(r"\2", line.strip()))
        if key and key[0] in PARTICIPANT_KEYS:
            for person in names_in(key[1]):
                known.update((person, person.split()[0]))
    heading_words = ""
    for line in lines:  # "## Attendees" then "* Alex (EF)", wherever the list is
        if heading := HEADING.match(line.strip()):
            heading_words = strip_markup(heading.group(2)).lower()
        elif heading_words in PARTICIPANT_KEYS and LIST_MARK.match(line.strip()):
            for person in names_in(LIST_MARK.sub("", line.strip())):
                known.update((person, person.split()[0]))
    listed_speakers = bullet_speakers(lines, known)
    first = next((number for number, line in enumerate(lines, start=1) if line.strip()), 0)
    if not title and first and len(lines[first - 1].strip()) <= 100 and not header_key(lines[first - 1]) \
            and not speaker_line(lines[first - 1], known) and not HEADING.match(lines[first - 1].strip()):
        title = strip_markup(lines[first - 1])  # a plain text file's first line
    else:
        first = 0
    note_taker = note_taker_in(lines)
    summary_turn = False  # the note-taker's turn, opened by a paragraph no one speaks
    answerer = None
    warnings: list[str] = []
    turns: list[Turn] = []
    current: OpenTurn | None = None
    section = ""
    block: list[str] = []
    block_line = 0
    unassigned = 0
    header_open = True  # before the first turn: header lines may name people and the date
    asked_before = False  # a "Q:" line was read: "A." answers it
    in_chat = False  # after a chat line: its message, up to the next blank line

    def close_block():
        nonlocal block, unassigned, current, summary_turn
        if block:
            paragraph = clean_speech(" ".join(block), set())
            if paragraph and current is None and note_taker:  # the notes' own summary: the note-taker's
                current, summary_turn = OpenTurn(note_taker, "", section, block_line, None, line_end=block_line), True
            if paragraph and current is not None:
                current.paragraphs.append(paragraph)
                current.paragraph_lines.append(block_line)
                current.paragraph_sections.append(section)
            elif paragraph:
                unassigned += 1
        block = []

    def close_turn():
        nonlocal current
        close_block()
        if current is not None and current.paragraphs:
            turns.append(Turn(
                index=len(turns), speaker=current.speaker, tag="", section=current.section,
                paragraphs=tuple(current.paragraphs), paragraph_lines=tuple(current.paragraph_lines),
                line_start=current.line_start, line_end=max(current.line_end, current.line_start),
                spoken_at=current.spoken_at, paragraph_sections=tuple(current.paragraph_sections),
            ))
        current = None

    def open_turn(speaker: str, number: int, spoken_at=None, speech: str = ""):
        nonlocal current, block, block_line, header_open, summary_turn
        close_turn()
        header_open, summary_turn = False, False
        current = OpenTurn(speaker, "", section, number, spoken_at, line_end=number)
        if speech:
            block, block_line = [speech], number

    for number, line in enumerate(lines, start=1):
        stripped = BLOCKQUOTE.sub("", line.strip())  # "> quoted" reads as the words quoted
        if not stripped or number == first:
            close_block()
            in_chat = False
            continue
        bold = BOLD_LINE.match(stripped)
        if bold and len(bold.group(1).split()) <= 12 and not speaker_line(stripped, known):
            stripped = "#### " + bold.group(1)  # "**Question**" alone reads as "#### Question"
        heading = HEADING.match(stripped)
        if heading and header_key(heading.group(2)):
            stripped = heading.group(2)  # "### Moderator: Alex Kim" is a header line
            heading = None
        if heading:
            close_block()
            words = strip_markup(TIME_LINK.sub("", heading.group(2)))
            if len(heading.group(1)) == 1 and words == title:
                continue
            if words in known:  # "## Alex [[03:08]](…)": Alex speaks under the heading
                open_turn(words, number, time_in(heading.group(2)))
                continue
            question = QUESTION_HEADING.match(heading.group(2).strip())
            if question and not ANSWER_HEADING.match(heading.group(2).strip()):
                asked = strip_markup(question.group(1))
                asked_before = True
                open_turn(COMMUNITY, number)
                if asked:
                    block, block_line = [asked], number
                continue
            if ANSWER_HEADING.match(heading.group(2).strip()) and current is not None and current.speaker == COMMUNITY:
                open_turn(answerer or TEAM, number)
                continue
            close_block()  # a section heading inside a turn: the same speaker goes on
            if LINK_ONLY.match(heading.group(2)):  # "### [Recording](…)" in the header
                continue
            section = words
            if current is not None and not current.paragraphs:
                current.section = section
            continue
        if section_words(section) in CHAT_SECTIONS or CHAT_LINE.match(stripped) or in_chat:
            close_block()  # what was typed in the chat: not the call's speech, and no one's turn
            in_chat = True
            continue
        if LIST_MARK.match(stripped) and IN_PAGE_LINK.match(LIST_MARK.sub("", stripped)):
            close_block()  # "- [2. Client updates](#2-client-updates)": the file's contents
            continue
        if section.lower() in PARTICIPANT_KEYS and LIST_MARK.match(stripped):  # "## Attendees" then "* Alex (EF)"
            close_block()
            getattr(participants, PARTICIPANT_KEYS[section.lower()]).extend(names_in(LIST_MARK.sub("", stripped)))
            continue
        if header_open and (current is None or summary_turn) and (
                section_words(section) in AGENDA_SECTIONS or section_words(section) in SUMMARY_SECTIONS and not note_taker):
            close_block()  # "## Agenda", or "## Decisions" when no note-taker is named, before anyone speaks
            block = []
            continue
        if number in listed_speakers:  # "* Alex" with the speech indented under it
            open_turn(listed_speakers[number], number)
            continue
        if TIME_ALONE.match(stripped) and current is not None:
            close_block()  # "[04:11]" alone: the speaker before goes on
            continue
        if RULE.match(stripped) or LINK_ONLY.match(stripped) or stripped.lower() in ("<br>", "<br/>", "<br />"):
            close_block()
            continue
        if (role := ROLE_SPEAKER.match(stripped)) and not names_in(role.group(2)):
            open_turn(role.group(1), number, speech=role.group(2))  # "**Moderator:**" then the speech: the host speaks
            continue
        key = header_key(stripped) if header_open or current is None or summary_turn else None
        if key:
            close_block()
            word, value = key
            if word in PARTICIPANT_KEYS:
                getattr(participants, PARTICIPANT_KEYS[word]).extend(names_in(value))
                known.update(participants.everyone)
                known.update(person.split()[0] for person in participants.everyone)  # "Robin:" is Robin Hale
            if (found := date_in(value)) is not None:
                header_dates.append(found)
            continue
        if header_open and not turns and current is None and PUBLISHED.match(stripped) and date_in(stripped):
            close_block()  # "Published on 2025-08-01": not the air date, and no speech
            continue
        if header_open and not turns and current is None and (found := date_in(stripped)) and len(stripped) < 80:
            header_dates.append(found)
            continue
        qa = QA.match(LIST_MARK.sub("", stripped))
        if qa and re.match(r"(?i)^(?:\*\*)?[AB]\.", LIST_MARK.sub("", stripped)) and not asked_before:
            qa = None  # "A. Provide more liquidity" lists options; an answer "A." follows a question
        if qa:
            asked_before = asked_before or qa.group(1).lower() in ASKING
            asks = qa.group(1).lower() in ASKING
            named = [person for person in participants.named if person not in participants.hosts]
            answerer = answerer or (named[0] if len(named) == 1 else None)
            open_turn(COMMUNITY if asks else (answerer or TEAM), number, speech=qa.group(2))
            continue
        found = speaker_line(stripped, known)
        if found:
            speaker, spoken_at, speech = found
            open_turn(speaker, number, spoken_at, speech)
            continue
        if (row := table_row(stripped)) is not None:  # each table row is a paragraph of its own
            close_block()
            if row:
                block, block_line = [row], number
                close_block()
            continue
        if LIST_MARK.match(stripped):  # each list item is a paragraph of its own
            close_block()
            stripped = LIST_MARK.sub("", stripped)
        if not block:
            block_line = number
        block.append(stripped)
        if current is not None:
            current.line_end = number
    close_turn()

    date = header_dates[0] if header_dates else date_in_file_name(name)
    if date is None and title:
        date = date_in(title)
    date = date or aired_on
    if date is None:
        raise TranscriptError(
            f"{name}: no air date found (write a header line such as 'Date: 2021-09-30' or a front matter with a "
            "'date' key, put the date in the file name, or give it with --aired-on YYYY-MM-DD / the admin upload's "
            "Air date)"
        )
    turns = [dataclasses.replace(turn, speaker=spelling) if (spelling := listed_spelling(turn.speaker, participants)) else turn
             for turn in turns]
    full_names = spoken_full_names([turn.speaker for turn in turns])
    turns = [dataclasses.replace(turn, speaker=full_names[turn.speaker]) if turn.speaker in full_names else turn
             for turn in turns]
    if any(turn.speaker == TEAM for turn in turns):
        participants.named.append(TEAM)  # answers the file gives to no one by name
    transcript = finish(name, title or name.rsplit(".", 1)[0], date, turns, unassigned, participants, text, checksum,
                        warnings, FORMATS)
    if note_taker and any(turn.speaker == note_taker for turn in turns):
        transcript.metadata["note_taker"] = note_taker
        if all(turn.speaker == note_taker for turn in turns):  # the summary read, the speakers not
            transcript.warnings.append(f"no speaker turns found besides the note-taker's summary (formats read: {FORMATS})")
    return transcript


def listed_spelling(speaker: str, participants: Participants) -> str | None:
    """The header's spelling of a speaker's name the notes misspell or shorten: "Chrisitan" or
    "Vitali" for an attendee "Christian Crowley" or "Vitalik Cherniak" (one first name only, so two
    listed people with close names are never merged). None when the name is listed as written."""
    listed = participants.everyone
    firsts = {person.split()[0] for person in listed}
    if " " in speaker or len(speaker) < 5 or speaker in firsts or speaker in listed:
        return None
    close = [first for first in firsts if first[:1] == speaker[:1] and len(first) >= 5
             and difflib.SequenceMatcher(None, speaker.lower(), first.lower()).ratio() >= 0.85]
    return close[0] if len(close) == 1 else None


def spoken_full_names(speakers: list[str]) -> dict[str, str]:
    """{"Rae": "Rae Lin"} for a first name said alone when exactly one speaker of the file has a
    full name opening with it (two "Tom"s with surnames leave "Tom" as it is)."""
    full = {}
    for speaker in speakers:
        if " " in speaker:
            full.setdefault(speaker.split()[0].casefold(), set()).add(speaker)
    return {speaker: next(iter(full[speaker.casefold()])) for speaker in speakers
            if " " not in speaker and len(full.get(speaker.casefold(), ())) == 1}


def finish(name, title, date, turns, unassigned, participants: Participants, text, checksum, warnings, formats):
    """The Transcript, with the loud warning when most paragraphs have no speaker."""
    assigned = sum(len(turn.paragraphs) for turn in turns)
    if not turns:
        warnings.append(f"no speaker turns found (formats read: {formats})")
    elif unassigned > assigned:
        warnings.append(
            f"most paragraphs have no speaker ({unassigned} of {unassigned + assigned}); formats read: {formats}"
        )
    metadata = {}
    if participants.hosts:
        metadata["hosts"] = participants.hosts
    if participants.named:
        metadata["participants"] = participants.named
    return Transcript(
        name=name, metadata=metadata, title=title, author="", description="", aired_on=date, warnings=warnings,
        turns=turns, text=text, checksum=checksum, unassigned=unassigned,
        hosts=tuple(dict.fromkeys(participants.hosts)), participants=tuple(dict.fromkeys(participants.named)),
    )

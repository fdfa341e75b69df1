"""Who speaks for the team. Pure Python (no Django).

The roster an admin keeps (names and aliases, each confirmed as team or not) decides; the front
matter only proposes. A speaker the title or description names, who is not its host, a guest
host asking the questions, or an audience label ("Speaker", "Guest 3"), is *proposed* for the
team. A proposal is read for commitments only in a file where no confirmed team speaker speaks
(a first import, a new project); otherwise it waits for an admin. Identity is the name, never
the tag: several speakers may share one tag."""

import difflib
import re
from dataclasses import dataclass

from .notes import COMMUNITY
from .transcripts import FrontMatterPeople, Transcript, people_in_front_matter

TEAM, NOT_TEAM, PROPOSED = "team", "not team", "proposed"

# Labels for people without a name: the audience, never the team unless an admin says so.
AUDIENCE_LABEL = re.compile(
    r"(?i)^(?:speaker|guest|host|co-?host|moderator|audience|listener|community|member|user|anonymous|unknown|"
    r"question|q|participant|caller)\b[\s\d#.-]*$"
)


@dataclass(frozen=True)
class RosterEntry:
    name: str
    aliases: tuple[str, ...] = ()
    is_team: bool = False
    confirmed: bool = False  # an admin decided is_team; imports never change it

    def answers_to(self, spoken: str) -> bool:
        wanted = spoken.casefold()
        return any(wanted == known.casefold() for known in (self.name, *self.aliases) if known)


@dataclass(frozen=True)
class SpeakerVerdict:
    """One speaker of one file: whether the file's sentences by them are read, and why."""

    name: str  # as written in the file
    roster_name: str | None  # the roster entry it matched, if any
    status: str  # TEAM, NOT_TEAM or PROPOSED
    reads: bool  # read for commitments in this file
    reason: str
    words: int = 0

    @property
    def label(self) -> str:
        if self.status == PROPOSED:
            return "proposed for the team" + (" (read provisionally)" if self.reads else " (not read until confirmed)")
        return self.status


def find_entry(roster: tuple[RosterEntry, ...], spoken: str) -> RosterEntry | None:
    return next((entry for entry in roster if entry.answers_to(spoken)), None)


def team_verdicts(transcript: Transcript, roster: tuple[RosterEntry, ...] = ()) -> list[SpeakerVerdict]:
    """A verdict for each speaker of the transcript, in order of first appearance."""
    words = {}
    for turn in transcript.turns:
        words[turn.speaker] = words.get(turn.speaker, 0) + len(turn.text.split())
    people = transcript.people or people_in_front_matter(transcript.title, transcript.description)
    # Header lines (Moderator:, Host:, Attendees:, Speakers:) of files without front matter propose too.
    people = FrontMatterPeople(people.hosts, (*people.named, *transcript.hosts, *transcript.participants))
    asks = question_askers(transcript)
    decided = []
    for name in transcript.speakers:
        entry = find_entry(roster, name)
        if entry is not None and entry.confirmed:
            status = TEAM if entry.is_team else NOT_TEAM
            decided.append((name, entry.name, status, "on the roster"))
            continue
        guess, reason = guess_one(transcript, name, people, asks)
        decided.append((name, entry.name if entry else None, PROPOSED if guess else NOT_TEAM, reason))
    confirmed_speaks = any(status == TEAM and words.get(name) for name, _, status, _ in decided)
    verdicts = []
    for name, roster_name, status, reason in decided:
        reads = status == TEAM or status == PROPOSED and not confirmed_speaks
        verdicts.append(SpeakerVerdict(name, roster_name, status, reads, reason, words.get(name, 0)))
    return verdicts


def guess_one(transcript: Transcript, name: str, people, asks: set[str]) -> tuple[bool, str]:
    """Whether the front matter proposes `name` for the team, and why (or why not)."""
    if AUDIENCE_LABEL.match(name):
        return False, "an audience label"
    tags = {turn.tag for turn in transcript.turns if turn.speaker == name}
    if tags == {"o"}:
        return False, "tagged <o> (others)"
    if any(names_match(name, host) for host in people.hosts):
        return False, "the front matter's host"
    if name == COMMUNITY:
        return False, "the community's questions"
    if name == transcript.metadata.get("note_taker"):
        return True, "wrote the notes"
    if not any(names_match(name, person) for person in people.named):
        if not without_front_matter(transcript):
            return False, "not named in the title or description"
        if mostly_asks(transcript, name):
            return False, "asks the questions"
        # Notes (no front matter's description): a named speaker of the call who does not mostly
        # ask is a participant, whether the header lines list no attendees or leave this one out.
        return True, "speaks in the call" + (", not listed in its header lines" if transcript.participants else "")
    if people.hosts and name in asks:
        return False, f"asks the questions for the host ({people.hosts[0]})"
    return True, "named in the title, description or header lines"


def without_front_matter(transcript: Transcript) -> bool:
    """Notes or captions: a file whose metadata holds only what the notes reader found."""
    return not set(transcript.metadata) - {"hosts", "participants", "note_taker"}


def names_match(spoken: str, written: str) -> bool:
    """"Bin" or "Bin Zhu" (as spoken) is "Bin Zhu" (as written in the front matter)."""
    spoken, written = spoken.casefold().split(), written.casefold().split()
    if not spoken or not written:
        return False
    if len(spoken) == len(written) > 1 and spoken[0] == written[0] and len(spoken[-1]) >= 4 \
            and difflib.SequenceMatcher(None, spoken[-1], written[-1]).ratio() >= 0.75:
        return True  # "Tim Beiko" spoken, "Tim Bieko" in the header: one person misspelled
    return spoken == written or spoken == written[:1] and len(spoken[0]) >= 3 or written == spoken[:1]


def mostly_asks(transcript: Transcript, name: str) -> bool:
    """Whether most of `name`'s turns ask something (a question mark), however few they are."""
    turns = [turn for turn in transcript.turns if turn.speaker == name]
    return sum("?" in turn.text for turn in turns) * 2 >= len(turns)


def question_askers(transcript: Transcript) -> set[str]:
    """Speakers most of whose turns ask something: the hosts of a session."""
    asked, spoke = {}, {}
    for turn in transcript.turns:
        spoke[turn.speaker] = spoke.get(turn.speaker, 0) + 1
        asked[turn.speaker] = asked.get(turn.speaker, 0) + ("?" in turn.text)
    return {name for name in spoke if spoke[name] >= 2 and asked[name] * 2 >= spoke[name]}


def reading_speakers(verdicts: list[SpeakerVerdict]) -> set[str]:
    return {verdict.name for verdict in verdicts if verdict.reads}


def team_silence(verdicts: list[SpeakerVerdict]) -> str | None:
    """The loud warning for a file whose team speakers say nothing (so it yields nothing), with
    the way to fix it; None when a team speaker speaks."""
    if any(verdict.reads and verdict.words for verdict in verdicts):
        return None
    who = ", ".join(f"{v.name} ({v.label}: {v.reason})" for v in verdicts) or "no speaker turns at all"
    return (
        f"NO TEAM SPEAKER: nobody in this file speaks for the team, so nothing was read for commitments. "
        f"Speakers: {who}. If one of them does, mark them as team in the admin (Speakers: 'speaks for the "
        f"team' and 'team decided by an admin', with the name as written here among the aliases), or name "
        f"them in the front matter's description, then import the file again."
    )


def describe_speakers(verdicts: list[SpeakerVerdict]) -> str:
    """"Bin (team), Akif (not team: asks the questions for the host (DeepCoin))"."""
    return ", ".join(
        f"{v.name} ({v.label})" if v.status == TEAM else f"{v.name} ({v.label}: {v.reason})" for v in verdicts
    )

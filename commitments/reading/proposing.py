"""The one proposal pipeline, used by the importer and by `manage.py extract_commitments`:
roster verdicts -> the speakers read for the team -> the project's words (the tracker's, with
the front matter's `project:` and `ticker:`) -> the proposed candidates. Pure Python (no Django):
the caller passes the roster entries, the project's words and the horizons."""

from dataclasses import dataclass

from .extraction import Candidate, propose_commitments
from .roster import RosterEntry, SpeakerVerdict, reading_speakers, team_silence, team_verdicts
from .text import ProjectWords
from .transcripts import Transcript


@dataclass
class Proposal:
    verdicts: list[SpeakerVerdict]
    team: set[str]  # the speakers whose sentences are read
    project: ProjectWords  # the words proposals and suggestions are both read with
    candidates: list[Candidate]
    silence: str | None  # the warning for a file whose team says nothing (roster.team_silence)


def propose(
    transcript: Transcript,
    roster: tuple[RosterEntry, ...] = (),
    project: ProjectWords = ProjectWords(),
    horizons: dict[str, int] | None = None,
    team_speakers: set[str] | None = None,
    candidates: bool = True,
) -> Proposal:
    """Who speaks for the team and what they promised. `team_speakers` overrides the roster's
    choice; without `candidates` only the speakers are decided (nothing is proposed)."""
    verdicts = team_verdicts(transcript, roster)
    team = set(team_speakers) if team_speakers is not None else reading_speakers(verdicts)
    words = project.with_front_matter(transcript.metadata)
    found = propose_commitments(transcript, team_speakers=team, project=words, horizons=horizons) if candidates else []
    return Proposal(verdicts, team, words, found, team_silence(verdicts))

from commitments.reading.proposing import propose
from commitments.reading.roster import RosterEntry
from commitments.reading.text import ProjectWords
from commitments.reading.transcripts import parse_transcript

FILE = (
    "---\ntitle: Community AMA with Dana Reyes\ndescription: An AMA.\ndate: 2024-03-05\n{extra}---\n\n"
    "<host>Host</host>\nWhat comes next?\n<dana>Dana</dana>\nAcme will launch the bridge in April.\n"
)


def proposed(extra: str = "", project: ProjectWords = ProjectWords()) -> list[str]:
    transcript = parse_transcript(FILE.format(extra=extra).encode(), "acme.md")
    roster = (RosterEntry("Dana", is_team=True, confirmed=True),)
    return [candidate.text for candidate in propose(transcript, roster, project).candidates]


def test_a_promise_in_the_projects_name_is_proposed_for_the_tracked_project():
    assert proposed(project=ProjectWords(("Acme",))) == ["Acme will launch the bridge in April."]


def test_proposals_and_suggestions_read_the_front_matters_project_and_ticker():
    transcript = parse_transcript(FILE.format(extra="project: Acme Labs\nticker: ACM\n").encode(), "acme.md")

    proposal = propose(transcript, (), ProjectWords(("Acme",), ("ACX",)))

    # The words the candidates were read with are the ones the importer hands to the suggestions.
    assert proposal.project == ProjectWords(("Acme", "Acme Labs"), ("ACX", "ACM"))
    assert proposal.team == {"Dana"}

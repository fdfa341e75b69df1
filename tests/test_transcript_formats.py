"""Every real transcript format, each as a small file under tests/transcripts/: who speaks each
turn, who is read for the team, and what is proposed."""

import datetime
from pathlib import Path

from commitments.reading.extraction import guess_team_speakers, propose_commitments
from commitments.reading.roster import NOT_TEAM, PROPOSED, TEAM, RosterEntry, team_verdicts
from commitments.reading.text import ProjectWords
from commitments.reading.transcripts import parse_transcript, people_in_front_matter, read_transcript

FORMATS = Path(__file__).resolve().parent / "transcripts"


def read(name):
    return read_transcript(FORMATS / name)


def test_questions_tagged_answers_untagged_belong_to_the_named_guest():
    transcript = read("questions-tagged.md")

    assert [turn.speaker for turn in transcript.turns] == [
        "Example Exchange", "Example Exchange", "Dana Reyes", "Example Exchange", "Dana Reyes", "Example Exchange",
    ]
    opening, long_question, answer, _, _, closing = transcript.turns
    assert opening.paragraphs[0].startswith("Welcome everyone")
    assert long_question.paragraphs[0].startswith("Q1: Dana, could you introduce yourself")  # over 120 characters
    assert answer.paragraphs[-1] == "We will launch the Acme bridge to Ethereum in Q2."
    assert closing.paragraphs == ("Thank you everyone for joining, the giveaway winners will be announced on Twitter!",)
    assert [c.text for c in propose_commitments(transcript)] == [
        "We will launch the Acme bridge to Ethereum in Q2.",
        "We plan to release the mobile wallet next month.",
    ]


def test_a_guest_host_asking_the_questions_is_not_the_team():
    transcript = read("guest-host.md")

    assert guess_team_speakers(transcript) == {"Dana"}
    assert [c.text for c in propose_commitments(transcript)] == [
        "We will list the token on two more exchanges this year.",
        "The bridge will be launched after the audit.",
    ]


def test_speakers_sharing_a_tag_are_told_apart_by_name():
    transcript = read("shared-tag.md")

    assert transcript.speakers == ["Kim", "Dana", "Speaker", "Alex"]
    assert guess_team_speakers(transcript) == {"Kim", "Dana"}
    assert [c.speaker for c in propose_commitments(transcript)] == ["Dana"]


def test_telegram_turns_with_speaker_and_time_on_one_line():
    transcript = read("telegram-inline.md")

    assert [(t.speaker, t.spoken_at) for t in transcript.turns] == [
        ("Chris", "3/5/2024 5:01 AM"), ("Dana Reyes", "3/5/2024 5:02 AM"),
    ]
    assert [c.text for c in propose_commitments(transcript)] == ["We will release the SDK in April."]
    assert transcript.aired_on == datetime.date(2024, 3, 5)


def test_the_front_matter_names_hosts_and_guests():
    people = people_in_front_matter(
        "Bin Zhu on QuickSwap Twitter Space 12.01.2024",
        "Stratos AMA on Twitter Spaces hosted by DeepCoin with Bin Zhu and Akif Seyhan, aired on November 28, 2023.",
        ProjectWords(("Stratos",)),
    )

    assert people.hosts == ("DeepCoin",)
    assert people.named == ("Bin Zhu", "Akif Seyhan")
    assert people.guest_for("bin") == "Bin Zhu"


def test_the_project_a_file_is_read_for_is_never_taken_for_a_person():
    file = b"---\ntitle: Acme AMA with Dana Reyes and Acme Labs\ndescription: An AMA.\ndate: 2024-03-05\n---\n\n**Dana:** Hello.\n"

    assert read_people(file, ProjectWords()) == ("Dana Reyes", "Acme Labs")
    assert read_people(file, ProjectWords(("Acme", "Acme Labs"))) == ("Dana Reyes",)
    # The front matter's `project:` is read the same way as the tracker's names.
    assert read_people(file.replace(b"date:", b"project: Acme Labs\ndate:"), ProjectWords()) == ("Dana Reyes",)


def read_people(data: bytes, project: ProjectWords) -> tuple[str, ...]:
    return parse_transcript(data, "acme.md", project=project).people.named


def test_the_roster_decides_and_the_front_matter_only_proposes():
    transcript = read("guest-host.md")
    roster = (RosterEntry("Dana", aliases=("Dana Reyes",), is_team=True, confirmed=True),)

    verdicts = {v.name: v for v in team_verdicts(transcript, roster)}

    assert (verdicts["Dana"].status, verdicts["Dana"].reads) == (TEAM, True)
    assert (verdicts["Sam"].status, verdicts["Sam"].reads) == (NOT_TEAM, False)


def test_a_proposed_speaker_is_read_only_where_no_confirmed_team_speaker_speaks():
    transcript = read("shared-tag.md")
    confirmed = (RosterEntry("Dana", is_team=True, confirmed=True),)

    without_roster = {v.name: v for v in team_verdicts(transcript)}
    with_roster = {v.name: v for v in team_verdicts(transcript, confirmed)}

    assert (without_roster["Kim"].status, without_roster["Kim"].reads) == (PROPOSED, True)
    assert (with_roster["Kim"].status, with_roster["Kim"].reads) == (PROPOSED, False)


def test_an_admin_can_say_a_guest_is_team():
    transcript = read("guest-host.md")
    roster = (RosterEntry("Sam", is_team=True, confirmed=True), RosterEntry("Dana", is_team=True, confirmed=True))

    assert {v.name for v in team_verdicts(transcript, roster) if v.reads} == {"Sam", "Dana"}

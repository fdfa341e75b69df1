"""The formats people publish without our front matter: meeting notes, plain text with speaker
lines, WebVTT and SubRip captions. Each reads into speaker turns; each import says how many
paragraphs it could give to no speaker."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pytest_django.asserts import assertContains

from commitments.models import Source
from commitments.reading.extraction import propose_commitments
from commitments.reading.notes import date_in
from commitments.reading.roster import NOT_TEAM, PROPOSED, team_verdicts
from commitments.reading.transcripts import TranscriptError, parse_transcript, read_transcript

FORMATS = Path(__file__).resolve().parent / "transcripts"


def read(name, **kwargs):
    return read_transcript(FORMATS / name, **kwargs)


def speakers(transcript):
    return [turn.speaker for turn in transcript.turns]


def test_meeting_notes_without_front_matter_read_title_date_people_and_speakers():
    transcript = read("community-call-notes.md")

    assert transcript.title == "Community Call #12: Wallet and Bridge Update"
    assert transcript.aired_on == datetime.date(2021, 9, 30)
    assert transcript.hosts == ("Robin Hale",)
    assert transcript.participants == ("Alex Moreno", "Priya Nair")
    assert speakers(transcript) == [
        "Robin", "Alex Moreno", "Priya Nair", "Community", "Alex Moreno", "Community", "Priya Nair", "Robin",
    ]
    assert transcript.turns[1].paragraphs == (
        "The wallet beta went out to testers last week.", "We will release the mobile wallet to everyone in Q4 2021.",
    )
    assert transcript.turns[1].section == "Wallet"
    assert transcript.turns[3].paragraphs == ("When will hardware wallets be supported?",)  # ### **Question:** …
    assert transcript.turns[5].paragraphs == ("Is the bridge audit finished?",)  # ### Question, then the text
    assert transcript.unassigned == 0 and transcript.warnings == []


def test_the_team_is_proposed_from_the_header_lines_never_the_community():
    verdicts = {v.name: v for v in team_verdicts(read("community-call-notes.md"))}

    assert verdicts["Alex Moreno"].status == PROPOSED
    assert verdicts["Priya Nair"].status == PROPOSED
    assert verdicts["Robin"].status == PROPOSED  # the moderator, "Robin Hale", spoken as "Robin"
    assert verdicts["Community"].status == NOT_TEAM


def test_meeting_notes_propose_the_promises_of_named_speakers_only():
    texts = [c.text for c in propose_commitments(read("community-call-notes.md"))]

    assert "We will release the mobile wallet to everyone in Q4 2021." in texts
    assert "We plan to add hardware wallet support by the end of the year." in texts
    assert "When will hardware wallets be supported?" not in texts


def test_times_and_q_and_a_lines():
    transcript = read("qa-timestamps.md")

    assert transcript.aired_on == datetime.date(2021, 9, 30)  # Date: 30.09.2021
    assert [(t.speaker, t.spoken_at) for t in transcript.turns] == [
        ("Sam Ortiz", "00:01:05"), ("Community", None), ("Lena Fischer", None), ("Lena Fischer", "00:12:34"),
        ("Sam Ortiz", "00:20:10"),
    ]
    assert transcript.turns[2].paragraphs == ("Yes, we will lower the minimum stake to 100 tokens in November.",)


def test_plain_text_speaker_lines_take_the_date_from_the_file_name():
    transcript = read("plain-speakers-2022-03-15.txt")

    assert transcript.title == "Monthly AMA"
    assert transcript.aired_on == datetime.date(2022, 3, 15)
    assert speakers(transcript) == ["Kai Brandt", "Mira Solis", "Kai Brandt", "Mira Solis", "Kai Brandt"]
    assert transcript.turns[3].paragraphs == (
        "We will open the second round of grants next quarter. It will fund tooling and documentation.",
    )


def test_webvtt_voices_join_consecutive_cues_into_one_turn():
    transcript = read("captions-voices.vtt", aired_on=datetime.date(2022, 1, 5))

    assert transcript.aired_on == datetime.date(2022, 1, 5)
    assert [(t.speaker, t.spoken_at) for t in transcript.turns] == [
        ("Dana Cole", "00:00:01"), ("Evan Price", "00:00:04"), ("Dana Cole", "00:00:11"),
    ]
    assert transcript.turns[1].paragraphs == ("Thanks Dana. We will ship the new explorer before the end of March.",)


def test_a_caption_file_without_any_date_is_a_clear_error():
    with pytest.raises(TranscriptError, match="captions-voices.vtt: no air date found .*--aired-on"):
        read("captions-voices.vtt")


def test_subrip_speaker_names_and_continued_cues():
    transcript = read("captions-2022-02-10.srt")

    assert transcript.aired_on == datetime.date(2022, 2, 10)
    assert [(t.speaker, t.paragraphs) for t in transcript.turns] == [
        ("Dana Cole", ("Welcome to the call.",)),
        ("Evan Price", ("We will open the testnet to everyone next month.",)),
        ("Dana Cole", ("Thanks Evan.",)),
    ]


@pytest.mark.parametrize(
    "line, date",
    [
        ("Meeting Date/Time: Thursday 2021/9/30 at 14:00 UTC", datetime.date(2021, 9, 30)),
        ("Date: 2021-09-30", datetime.date(2021, 9, 30)),
        ("30.09.2021", datetime.date(2021, 9, 30)),
        ("September 30, 2021", datetime.date(2021, 9, 30)),
        ("Thursday, May 4th, 2023 17:00 UTC", datetime.date(2023, 5, 4)),
    ],
)
def test_header_dates(line, date):
    assert date_in(line) == date


def test_the_header_date_wins_over_the_file_name_and_the_given_date():
    text = "# Call\n\nDate: 2021/9/30\n\n**Alex:** We will ship it.\n"

    assert parse_transcript(text, "call-2020-01-01.md", aired_on=datetime.date(2019, 5, 5)).aired_on == datetime.date(
        2021, 9, 30
    )
    assert parse_transcript(text.replace("Date: 2021/9/30", ""), "call.md", aired_on=datetime.date(2019, 5, 5)).aired_on \
        == datetime.date(2019, 5, 5)


def test_speaker_written_bold_with_the_colon_outside_and_a_heading_naming_the_speaker():
    text = (
        "# Call\n\nDate: 2021/9/30\nAttendees: Alex Kim, Jo Park\n\n**Alex**: First.\n\n"
        "## Jo [[03:08]](https://example.org/v?t=188)\n\nHello.\n\n### Roadmap\n\nWe will ship the bridge in May.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [(t.speaker, t.spoken_at, t.paragraphs) for t in transcript.turns] == [
        ("Alex", None, ("First.",)),
        ("Jo", "03:08", ("Hello.", "We will ship the bridge in May.")),  # a section heading keeps the speaker
    ]
    assert transcript.turns[1].paragraph_sections == ("", "Roadmap")


def test_a_file_where_most_paragraphs_have_no_speaker_is_a_warning_naming_the_formats():
    text = "# Notes\n\nDate: 2021/9/30\n\nWe talked.\n\nIt went well.\n\n**Alex:** We will ship it.\n"
    transcript = parse_transcript(text, "notes.md")

    assert transcript.unassigned == 2
    assert any(w.startswith("most paragraphs have no speaker (2 of 3); formats read: Markdown notes") for w in
               transcript.warnings)


def test_a_file_without_any_speaker_says_so_and_names_the_formats():
    transcript = parse_transcript("# Notes\n\nDate: 2021/9/30\n\nWe talked.\n", "notes.md")

    assert transcript.turns == []
    assert transcript.warnings == [f"no speaker turns found (formats read: {transcript_formats()})"]


def transcript_formats():
    from commitments.reading.notes import FORMATS

    return FORMATS


def test_words_like_note_are_not_speakers():
    text = "# Call\n\nDate: 2021/9/30\n\n**Alex:** We will ship it.\n\nNote: the demo was recorded.\n"

    transcript = parse_transcript(text, "call.md")

    assert speakers(transcript) == ["Alex"]
    assert transcript.turns[0].paragraphs == ("We will ship it.", "Note: the demo was recorded.")


@pytest.mark.django_db
def test_the_command_reports_unassigned_paragraphs(capsys):
    call_command("import_transcript", str(FORMATS / "community-call-notes.md"))

    out = capsys.readouterr().out
    assert "community-call-notes.md: created: 8 turn(s)" in out
    assert "; 0 paragraph(s) given to no speaker" in out
    assert Source.objects.get().aired_on == datetime.date(2021, 9, 30)


@pytest.mark.django_db
def test_the_command_takes_aired_on_for_a_caption_file(capsys):
    call_command("import_transcript", str(FORMATS / "captions-voices.vtt"), "--aired-on", "2022-01-05")

    source = Source.objects.get()
    assert source.aired_on == datetime.date(2022, 1, 5)
    assert list(source.turns.order_by("position").values_list("speaker__name", flat=True)) == [
        "Dana Cole", "Evan Price", "Dana Cole",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["captions-2022-02-10.srt", "captions-voices.vtt", "plain-speakers-2022-03-15.txt"])
def test_the_admin_upload_accepts_captions_and_plain_text(staff_client, name):
    upload = SimpleUploadedFile(name, (FORMATS / name).read_bytes(), content_type="text/plain")

    response = staff_client.post(
        "/admin/commitments/source/import/", {"file": upload, "aired_on": "2022-01-05"}, follow=True
    )

    assertContains(response, f"File {name}: created: ")
    assert Source.objects.get().file_name == name


def test_the_admin_upload_offers_the_new_extensions():
    from commitments.admin import TranscriptUploadForm

    accept = TranscriptUploadForm().fields["file"].widget.attrs["accept"]
    assert {".vtt", ".srt", ".txt", ".md"} <= set(accept.split(","))


@pytest.mark.parametrize(
    "sentence",
    [
        "I'll be passing it on to Alex for updates on the products.",
        "Sam will give an update on the bounties!",
        "So, we'll leave it at that.",
        "We will take this offline and coordinate with everybody.",
    ],
)
def test_running_a_meeting_is_not_a_promise(sentence):
    text = f"# Call\n\nDate: 2021/9/30\nAttendees: Alex Kim\n\n**Alex Kim:** {sentence}\n"

    assert propose_commitments(parse_transcript(text, "call.md")) == []


def test_a_promise_in_meeting_notes_is_still_proposed():
    text = "# Call\n\nDate: 2021/9/30\nAttendees: Alex Kim\n\n**Alex Kim:** The code will be opened up for auditors next week.\n"

    assert [c.text for c in propose_commitments(parse_transcript(text, "call.md"))] == [
        "The code will be opened up for auditors next week."
    ]


def test_call_notes_with_a_bold_name_alone_list_items_an_attendee_list_and_chat():
    text = (
        "# Implementers Call 7\n### Meeting Date/Time: Thursday 2021/6/17 at 13:00 UTC\n"
        "### [Recording](https://example.org/v)\n### Moderator: Dana Cole\n\n**Dana**: Welcome!\n\n"
        "### Client A\n\n**Mika**\n* Up to date with the spec.\n* We will release the new sync in July.\n\n"
        "**Mika**: Done.\n\n## Attendees\n\n* Dana Cole (Foundation/Research)\n* Mika Ito\n\n"
        "## Chat Highlights\n\nFrom Mika Ito to Everyone: 02:05 PM\n\nhttps://example.org/notes\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [(t.speaker, t.section, t.paragraphs) for t in transcript.turns] == [
        ("Dana", "", ("Welcome!",)),  # "### [Recording](…)" is header, not a section
        ("Mika", "Client A", ("Up to date with the spec.", "We will release the new sync in July.")),
        ("Mika", "Client A", ("Done.",)),
    ]  # the chat's lines are typed asides: no one's turn, and no speech of the call
    assert transcript.participants == ("Dana Cole", "Mika Ito")
    assert transcript.unassigned == 0


@pytest.mark.parametrize(
    "sentence, strength",
    [
        ("We should have the documents finalized and published within two weeks.", "soft"),
        ("We should have done it earlier.", None),
        ("We should have the documents finalized.", None),  # no date to come: a wish
    ],
)
def test_should_have_it_done_by_a_date_is_a_soft_promise(sentence, strength):
    from commitments.reading.extraction import promise_in

    assert promise_in(sentence, datetime.date(2021, 1, 7))[0] == strength


def test_list_items_naming_a_speaker_with_the_speech_indented_under_them():
    transcript = read("dev-call-list-speakers.md")

    assert transcript.title == "Node Developers Call 7"
    assert transcript.aired_on == datetime.date(2022, 3, 3)
    assert speakers(transcript) == ["Dana", "Sam", "Lee", "Sam", "Community", "Sam"]
    assert transcript.turns[1].paragraphs == (
        "The proposal will go live on March 15th, 2022.",
        "We will publish the final parameters before the next community call.",
    )
    assert transcript.turns[2].paragraphs == ("Which clients are ready?", "Is the testnet updated?")
    assert transcript.turns[4].paragraphs == ("Will the wallet support hardware keys?",)  # **Question**, a quote
    # the agenda before anyone speaks is no speech; a bold line alone is a section heading
    assert transcript.unassigned == 0 and transcript.warnings == []
    assert transcript.turns[0].section == "Progress of the fee reduction proposal"
    assert "Launch planning" not in speakers(transcript)


def test_a_list_item_with_sub_items_said_once_is_not_a_speaker():
    text = (
        "# Team call\n\nDate: 2022-03-03\n\nModerator: Dana Reed\n\n**Dana:** Our priorities.\n\n"
        "- Launch planning\n  - We will hire two engineers.\n\n- Dana\n  - We will ship the wallet in May.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert speakers(transcript) == ["Dana", "Dana"]
    assert transcript.turns[0].paragraphs == ("Our priorities.", "Launch planning", "We will hire two engineers.")


def test_role_labels_moderator_question_response_and_the_publication_date():
    transcript = read("role-labels-2022-05-12.md")

    assert transcript.aired_on == datetime.date(2022, 5, 12)  # the title's date, not "Published on 2022-05-14"
    assert speakers(transcript) == ["Moderator", "Community", "Team", "Community", "Team", "All"]
    assert transcript.turns[3].paragraphs == ("Is there a migration guide?",)  # Follow-up Question:
    assert transcript.turns[4].paragraphs == ("There will be a migration guide before the release.",)  # Response:
    assert transcript.unassigned == 0  # the file's own summary, before anyone speaks, is no speech


def test_a_header_line_naming_the_host_is_no_speaker():
    text = "# Call\n\n**Moderator:** Alex Kim\n\n**Date:** 2022-05-12\n\n**Alex:** We will ship the indexer in June.\n"
    transcript = parse_transcript(text, "call.md")

    assert transcript.hosts == ("Alex Kim",)
    assert speakers(transcript) == ["Alex"]


def test_a_speaker_misspelled_or_shortened_takes_the_attendee_list_spelling():
    text = (
        "# Call 9\n\nDate: 2021-06-10\n\nAttendees: Christian Crowley, Vitalik Cherniak, Max Fiege\n\n"
        "**Chrisitan:** We will publish the plan.\n\n**Vitali:** We will update the site.\n\n**Max:** Thanks.\n"
    )
    assert speakers(parse_transcript(text, "call.md")) == ["Christian", "Vitalik", "Max"]


def test_lettered_options_are_no_answers_without_a_question():
    text = (
        "# Call 9\n\nDate: 2021-06-10\n\nAttendees: Max Fiege\n\n"
        "**Max:** Topping that off would:\n\nA. Provide more liquidity\nB. Open conversations\n"
    )
    transcript = parse_transcript(text, "call.md")
    assert speakers(transcript) == ["Max"]
    assert transcript.turns[0].paragraphs == ("Topping that off would:", "A. Provide more liquidity B. Open conversations")


@pytest.mark.parametrize("opening", ["I have a question", "We need to check", "So the plan is", "Actually one more thing"])
def test_a_sentence_ending_in_a_colon_is_no_speaker_even_said_twice(opening):
    text = (
        "# Dev Call 9\n### Meeting Date/Time: May 5th, 2022\n\n"
        "* Dana\n\n  We will tag the release on Friday.\n\n"
        f"* Lee\n\n  {opening}: is the testnet updated?\n\n"
        "* Dana\n\n  Yes, since Monday.\n\n"
        f"* Lee\n\n  {opening}: will the wallet follow?\n"
    )

    transcript = parse_transcript(text, "dev-call-9.md")

    assert speakers(transcript) == ["Dana", "Lee", "Dana", "Lee"]
    assert transcript.turns[1].paragraphs == (f"{opening}: is the testnet updated?",)


def test_bold_labels_are_no_speakers_and_from_names_the_author_of_a_question_or_answer():
    text = (
        "# Call 11\n### Meeting Date/Time: Thursday 2021/2/18 at 14:00 UTC\nAttendees: Milad, Troy\n\n## Demo\n\n"
        "**Troy:** Milad will show the bot.\n\n"
        "**Adding members:**\n* !addMember @someone\n  - The bot replies with an alert.\n\n"
        "> **Incase you missed it:** [article](https://example.com)\n\n"
        "Question (1)\n* From: **Ann**\n  - When will the next product ship?\n\n"
        "Answer (1)\n* From: **Milad**\n  - We will ship the next product in April.\n"
    )

    transcript = parse_transcript(text, "call-11.md")

    assert speakers(transcript) == ["Troy", "Ann", "Milad"]
    assert "The bot replies with an alert." in transcript.turns[0].paragraphs
    assert transcript.turns[2].paragraphs[0] == "We will ship the next product in April."


def test_html_comments_in_notes_are_no_part_of_the_title_the_header_or_the_speech():
    transcript = read("implementers-call-toc-chat.md")

    assert transcript.title == "Client Implementers Call 14 Notes"
    assert transcript.aired_on == datetime.date(2021, 6, 17)
    assert transcript.hosts == ("Dana Park",)
    assert all("<!--" not in paragraph for turn in transcript.turns for paragraph in turn.paragraphs)


def test_a_contents_list_of_links_within_the_file_is_no_unassigned_speech():
    transcript = read("implementers-call-toc-chat.md")

    assert transcript.unassigned == 0
    assert speakers(transcript) == ["Dana", "Sam", "Sam", "Rita"]


def test_a_chat_section_is_not_the_call_s_speech():
    transcript = read("implementers-call-toc-chat.md")

    said = " ".join(paragraph for turn in transcript.turns for paragraph in turn.paragraphs)
    assert "slides" not in said and "spec PR" not in said
    assert "Lee Wu" not in transcript.speakers
    assert transcript.turns[-1].paragraphs == ("We have a release coming out tomorrow with the peer scoring fixes.",)


def test_a_speaker_the_header_lines_do_not_list_is_proposed_unless_they_mostly_ask():
    text = (
        "# Client Call 9\n### Meeting Date/Time: 2021/6/17\n### Moderator: Dana Cole\n### Attendees: Mika Ito\n\n"
        "**Dana**: Welcome, let's go through the updates.\n\n**Mika**: We will release the new sync in July.\n\n"
        "**Rowan**: Our team will publish the audit report next week.\n\n"
        "**Quinn**: Is the audit public? Will there be a summary?\n\n**Rowan**: Yes, both.\n"
    )
    verdicts = {v.name: v for v in team_verdicts(parse_transcript(text, "call.md"))}

    assert verdicts["Mika"].status == PROPOSED  # listed
    assert verdicts["Rowan"].status == PROPOSED  # not listed, but speaks for a team, never only asking
    assert verdicts["Quinn"].status == NOT_TEAM  # not listed, and only asks
    assert "header lines" in verdicts["Rowan"].reason


def test_a_file_with_front_matter_proposes_only_the_people_its_title_or_description_names():
    text = (
        "---\ntitle: Acme AMA with Dana Reyes 05.03.2024\ndescription: An AMA aired on March 5, 2024.\n---\n\n"
        "<dana>Dana</dana>\n\nWe will ship the wallet in June.\n\n<rowan>Rowan</rowan>\n\nOur team will publish the audit report next week.\n"
    )
    verdicts = {v.name: v.status for v in team_verdicts(parse_transcript(text, "acme.md"))}

    assert verdicts == {"Dana": PROPOSED, "Rowan": NOT_TEAM}


@pytest.mark.parametrize("line", [
    "From Mika Ito to Everyone: 02:05 PM",
    "10:02:11 From Mika Ito to Everyone : the slides are up",
    "From Mika Ito : 14:05",
])
def test_chat_lines_as_meeting_software_exports_them_are_no_turn(line):
    text = f"# Call 3\nDate: 2021-06-17\n\n**Dana**: Welcome.\n\n{line}\nthanks all, see the notes\n\n**Sam**: We will release it in July.\n"

    transcript = parse_transcript(text, "call.md")

    assert [(turn.speaker, turn.paragraphs) for turn in transcript.turns] == [
        ("Dana", ("Welcome.",)), ("Sam", ("We will release it in July.",)),
    ]
    assert transcript.unassigned == 0


def test_from_a_name_as_a_label_is_still_who_asks():
    from commitments.reading.notes import CHAT_LINE

    assert not CHAT_LINE.match("From: **Milad**")
    assert not CHAT_LINE.match("From the community: when is the audit out?")


def test_links_and_affiliations_leave_the_names_they_wrap():
    text = (
        "# [Core Call 3](https://example.org/c3)\nDate: 2023-02-17\n\n## Speakers\n\n"
        "- [Rae Lin](https://example.org/rae)\n- [Tom Ode](https://example.org/tom) (Northwind)\n\n## Updates\n\n"
        "**Rae Lin (Northwind):** Welcome.\n\n**Tom Ode | Northwind Labs:** We will ship it in July.\n\n"
        "**Tom Ode - Northwind**: And the docs next week.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert transcript.title == "Core Call 3"
    assert transcript.participants == ("Rae Lin", "Tom Ode")
    assert [turn.speaker for turn in transcript.turns] == ["Rae Lin", "Tom Ode", "Tom Ode"]
    assert transcript.unassigned == 0


def test_summary_lists_before_anyone_speaks_and_link_tables_are_no_unassigned_speech():
    text = (
        "# Core Call 1 Notes\n\nMeeting Date/Time: Friday, December 16th, 2022 19:00 UTC\n\n"
        "## Decisions\n\n- Every feature gets a proposal\n\n## Action Items\n\n- Outline the release process\n\n"
        "## Meeting Notes\n\n### Introduction\nVideo | [00:00](https://example.org/v)\n-|-\n\n"
        "**Rae Lin**: Welcome to the first call.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [(turn.speaker, turn.paragraphs) for turn in transcript.turns] == [("Rae Lin", ("Welcome to the first call.",))]
    assert transcript.unassigned == 0


def test_a_first_name_is_the_one_full_name_of_the_file_that_opens_with_it():
    text = (
        "# Call 4\nDate: 2023-03-17\n\n**Rae Lin**: Welcome.\n\n**Tom Ode**: We will ship it in July.\n\n"
        "**Rae**: Thanks Tom.\n\n**Tom**: And the docs next week.\n\n**Tom Ashby**: One more thing.\n\n**Kim**: Hi.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [turn.speaker for turn in transcript.turns] == ["Rae Lin", "Tom Ode", "Rae Lin", "Tom", "Tom Ashby", "Kim"]


def test_times_before_a_bold_name_alone_bold_names_with_a_dash_and_a_name_alone_with_a_colon():
    transcript = read("dev-call-timed-and-dashed-2022-05-19.md")

    assert [(t.speaker, t.spoken_at, t.paragraphs) for t in transcript.turns] == [
        ("Sam", "02:46", ("A week ago we released the beta. The sync is faster now.",)),
        ("Dana", "03:42", ("What changed in the sync?",)),
        # a time alone on its line marks where the same speaker goes on: no paragraph of its own
        ("Sam", "03:50", ("We cache the headers now.", "We are going to publish the benchmark numbers next week.")),
        ("Lee", None, ("Thanks. We will add the wallet export in June.",)),
        ("Dana", None, ("Great, anything else?",)),
        ("Lee", None, ("No, that is all.",)),
        ("Mika", None, ("We are researching a browser build.", "It needs more memory than we hoped.")),
        ("Mika", None, ("We will share a write-up after the tests.",)),
    ]
    assert transcript.aired_on == datetime.date(2022, 5, 19)
    # "**8.1**: Sam to publish …" numbers an action item: no speaker called "8.1"
    assert "8.1" not in speakers(transcript)


def test_notes_naming_only_the_moderator_propose_every_named_speaker_but_those_who_ask():
    text = (
        "# Dev Call 3\n\nMeeting Date/Time: May 19th 2022, 15:00 UTC\n\nModerator: Dana Cole\n\n"
        "**Dana**: Welcome. Sam, go ahead.\n\n**Sam**: We will release the indexer next week.\n\n"
        "**Kim**: Is the indexer open source?\n\n**Sam**: Yes.\n\n**Kim**: Will it run on a laptop?\n\n"
        "**Lee**: We are going to publish the benchmarks in June.\n\n### **Question:** When is the audit?\n\n"
        "**Sam**: In July.\n"
    )
    verdicts = {v.name: v for v in team_verdicts(parse_transcript(text, "call.md"))}

    assert {name: v.status for name, v in verdicts.items()} == {
        "Dana": PROPOSED, "Sam": PROPOSED, "Kim": NOT_TEAM, "Lee": PROPOSED, "Community": NOT_TEAM,
    }
    assert verdicts["Kim"].reason.startswith("asks the questions")
    assert verdicts["Lee"].reason == "speaks in the call"


def test_notes_with_an_attendee_list_propose_its_people_and_not_someone_else_who_only_asks():
    text = (
        "# Dev Call 4\n\nDate: 2022/5/26\n\nAttendees: Sam Ito, Lee Park\n\n**Sam**: We will ship it.\n\n"
        "**Rex**: Will you buy the token?\n"
    )
    verdicts = {v.name: v.status for v in team_verdicts(parse_transcript(text, "call.md"))}

    assert verdicts == {"Sam": PROPOSED, "Rex": NOT_TEAM}


NOTES_WITH_A_SUMMARY = (
    "# Dev Call 9 Notes\n### Meeting Date/Time: Friday 12 June 2020, 14:00 UTC\n### Moderator: Dana Cole\n"
    "### Notes: Pat Quinn\n\n---\n\n# Summary\n\n## Decisions Made\n\nDecision Item | Description\n--|--\n"
    "**9.1** | Sam will share the test vectors on the forum.\n**9.2** | Lee to publish the benchmark numbers in two weeks\n\n"
    "# 1. Client updates\n\nVideo | [4:11](https://example.org/v?t=251)\n-|-\n\n"
    "**Sam**: We released the beta. Rex will buy the dip.\n\n**Lee**: Thanks.\n"
)


def test_the_summary_of_notes_is_the_note_takers_one_table_row_a_paragraph():
    transcript = parse_transcript(NOTES_WITH_A_SUMMARY, "call.md")

    assert [(t.speaker, t.paragraphs) for t in transcript.turns] == [
        ("Pat Quinn", (
            "Decision Item | Description",
            "9.1 | Sam will share the test vectors on the forum.",
            "9.2 | Lee to publish the benchmark numbers in two weeks",
        )),
        # "Video | [4:11](…)" and "-|-" mark where the video is: no paragraph
        ("Sam", ("We released the beta. Rex will buy the dip.",)),
        ("Lee", ("Thanks.",)),
    ]
    assert transcript.unassigned == 0


def test_action_items_of_people_on_the_call_are_proposed_and_others_plans_are_not():
    texts = [c.text for c in propose_commitments(parse_transcript(NOTES_WITH_A_SUMMARY, "call.md"))]

    assert texts == [
        "9.1 | Sam will share the test vectors on the forum.",
        "9.2 | Lee to publish the benchmark numbers in two weeks",
    ]  # "Rex will buy the dip": Rex is not on the call


def test_lines_under_an_action_items_heading_are_the_teams_to_do():
    text = (
        "# Dev Call 10 Notes\nDate: 2020/6/26\nModerator: Dana Cole\nNotes: Pat Quinn\n\n## Decisions & Action Items\n\n"
        "i. File an issue on the wallet repository about the address format\n\n"
        "**10.2** | Kelly will share the test vectors with the client teams.\n\nii. Great call everyone\n\n"
        "## Updates\n\n**Sam**: Kelly will share the slides with her class.\n"
    )
    texts = [c.text for c in propose_commitments(parse_transcript(text, "call.md"))]

    assert texts == [
        "File an issue on the wallet repository about the address format",  # "i." ends a sentence of its own
        "10.2 | Kelly will share the test vectors with the client teams.",
    ]


def test_bold_names_alone_on_their_line_speak_when_the_file_writes_its_speakers_so():
    text = (
        "# Execution Call 60\n### Meeting Date/Time: Apr 27, 2023, 14:00-15:30 UTC\n### Moderator: Tam Bokko\n\n"
        "## Intro\n**Tam Boko**\n* Hello everyone. We will ship the fork in June.\n* Second point.\n\n"
        "**Lukas**\n* We would like to proceed with that.\n\n**Tam Boko**\n* Got it.\n\n**Outcome**\n* Agreed.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [(t.speaker, t.paragraphs) for t in transcript.turns] == [
        ("Tam Boko", ("Hello everyone. We will ship the fork in June.", "Second point.")),
        ("Lukas", ("We would like to proceed with that.",)),
        ("Tam Boko", ("Got it.", "Agreed.")),
    ]
    # a bold word alone is a heading, under which the same speaker goes on
    assert transcript.turns[-1].paragraph_sections == ("Intro", "Outcome")


def test_a_moderator_misspelled_in_the_header_is_still_named_there():
    text = (
        "# Call 61\nDate: 2023/5/11\nModerator: Tim Bieko\n\n**Tim Beiko**: Anyone from the client teams?\n\n"
        "**Lukas**: We will ship it.\n\n**Tim Beiko**: Is it ready?\n"
    )
    verdicts = {v.name: v for v in team_verdicts(parse_transcript(text, "call.md"))}

    assert (verdicts["Tim Beiko"].status, verdicts["Tim Beiko"].reason) == (PROPOSED, "named in the title, description or header lines")


def test_a_chore_under_an_action_items_heading_is_no_promise():
    text = (
        "# Dev Call 11 Notes\nDate: 2020/6/26\nNotes: Pat Quinn\n\n## Review of action items\n\n"
        "- The audit of the deposit contract. Need to follow up to see if that's done.\n"
        "- Kelly to publish the test vectors on the forum\n"
    )
    texts = [c.text for c in propose_commitments(parse_transcript(text, "call.md"))]

    assert texts == ["Kelly to publish the test vectors on the forum"]


def test_the_note_taker_is_proposed_for_the_team_even_when_the_attendee_list_leaves_them_out():
    text = (
        "# Dev Call 12 Notes\nDate: 2021/9/30\nNotes: Pat Quinn\nAttendees: Sam Ito, Lee Park\n\n## Action items\n\n"
        "- Sam to publish the test vectors\n\n## Updates\n\n**Sam**: We will ship it.\n"
    )
    transcript = parse_transcript(text, "call.md")
    verdicts = {v.name: v for v in team_verdicts(transcript)}

    assert (verdicts["Pat Quinn"].status, verdicts["Pat Quinn"].reason) == (PROPOSED, "wrote the notes")
    assert [c.text for c in propose_commitments(transcript)] == ["Sam to publish the test vectors", "We will ship it."]


def test_chat_lines_with_the_time_in_parentheses():
    text = "# Call\nDate: 2020/6/26\n\n**Ann**: Hello.\n\nFrom Bo Lind to Everyone: (10:39 AM)\nWe will attend such a call\n"
    transcript = parse_transcript(text, "call.md")

    assert [(t.speaker, t.paragraphs) for t in transcript.turns] == [("Ann", ("Hello.",))]  # the chat is no speech
    assert transcript.unassigned == 0


def test_a_bold_name_followed_by_its_video_time_link_speaks():
    text = (
        "# Execution Call 75\n### Meeting Date/Time: Nov 23, 2023, 14:00-15:30 UTC\n### Moderator: Tam Boko\n"
        "### Meeting Notes: Pat Quinn\n\n## Updates\n\n"
        "**Tam Boko** [5:23](https://example.org/v?t=323s): We are live.\n\n"
        "**Bea** [7:00](https://example.org/v?t=420s): We will enable it for all clients by Friday.\n\n"
        "**Tam Boko** [12:24](https://example.org/v?t=744s) That would be amazing.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [(t.speaker, t.spoken_at, t.paragraphs) for t in transcript.turns] == [
        ("Tam Boko", "5:23", ("We are live.",)),
        ("Bea", "7:00", ("We will enable it for all clients by Friday.",)),
        ("Tam Boko", "12:24", ("That would be amazing.",)),
    ]
    assert transcript.unassigned == 0  # "### Meeting Notes: Pat Quinn" is a header line


def test_notes_whose_only_speaker_is_the_note_taker_still_warn_that_no_speaker_was_read():
    text = "# Call 13 Notes\nDate: 2021/9/30\nNotes: Pat Quinn\n\n## Updates\n\nSam (client A) - we will ship it.\n\nLee - done.\n"
    transcript = parse_transcript(text, "call.md")

    assert [t.speaker for t in transcript.turns] == ["Pat Quinn"]
    assert transcript.warnings == [f"no speaker turns found besides the note-taker's summary (formats read: {transcript_formats()})"]


def test_a_capitalised_label_that_heads_a_part_of_the_notes_is_no_speaker():
    text = (
        "# Squad Call 12\nDate: 2022-03-10\n\n**Rae Lin:** Welcome everyone.\n\n"
        "**Squad Overview:** The squad shipped the staking page.\n\n**Wallet Update:** We will release the export in June.\n"
    )
    transcript = parse_transcript(text, "call.md")

    assert [turn.speaker for turn in transcript.turns] == ["Rae Lin"]
    assert transcript.turns[0].paragraphs[-1].endswith("We will release the export in June.")  # the label heads the speech

"""import_transcript and extract_commitments, and the admin upload, through their public surface."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment, ImportJob, Source, Speaker, Turn
from tests.factories import SEED_FILE, corpus_files, transcript_text

pytestmark = pytest.mark.django_db

LATER_AMA = transcript_text("later-ama-2024.md")


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def test_import_stores_source_speakers_turns_and_proposes_commitments(tmp_path, capsys):
    path = write(tmp_path, "later-ama.md", LATER_AMA)

    call_command("import_transcript", path)

    source = Source.objects.get(slug="later-ama")
    assert source.aired_on.isoformat() == "2024-03-05"
    assert source.title == "AMA on Twitter 05.03.2024"
    assert [t.speaker.name for t in source.turns.order_by("position")] == ["Claire", "Speaker", "Bin"]
    # The front matter only proposes Bin and Claire for the team: an admin confirms.
    assert set(Speaker.objects.filter(team_proposed=True).values_list("name", flat=True)) == {"Bin", "Claire"}
    assert not Speaker.objects.filter(is_team=True).exists()
    [proposal] = Commitment.objects.proposed()
    assert proposal.quote == "We will launch the bridge to Solana next month."
    assert proposal.due_date.isoformat() == "2024-04-01"
    assert proposal.due_precision == "month"
    assert proposal.turn.speaker.name == "Bin"
    out = capsys.readouterr().out
    assert "later-ama.md" in out
    assert "speakers: Claire (proposed for the team (read provisionally)" in out
    assert "Speaker (not team: an audience label)" in out


def test_proposed_commitments_stay_off_the_public_pages_until_accepted(tmp_path, client):
    call_command("import_transcript", write(tmp_path, "later-ama.md", LATER_AMA))
    proposal = Commitment.objects.proposed().get()

    assert "bridge to Solana" not in client.get("/").content.decode()
    assert client.get(proposal.get_absolute_url()).status_code == 404

    proposal.review = Commitment.Review.ACCEPTED
    proposal.save()
    assert "bridge to Solana" in client.get("/").content.decode()


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, "later-ama.md", LATER_AMA)
    call_command("import_transcript", path)
    before = (Source.objects.count(), Turn.objects.count(), Commitment.objects.count())

    call_command("import_transcript", path)

    assert (Source.objects.count(), Turn.objects.count(), Commitment.objects.count()) == before


def test_an_edited_file_replacing_its_source_does_not_resurrect_rejected_proposals(tmp_path):
    path = write(tmp_path, "later-ama.md", LATER_AMA)
    call_command("import_transcript", path)
    rejected = Commitment.objects.get()
    rejected.review = Commitment.Review.REJECTED
    rejected.save()

    edited = LATER_AMA.replace("aired on March 05, 2024.", "aired on March 05, 2024. Edited.") + (
        "\n<bin>Bin</bin>\n\nWe are going to open the grants program in Q3.\n"
    )
    write(tmp_path, "later-ama.md", edited)
    call_command("import_transcript", path, "--replace", "later-ama")

    source = Source.objects.get()
    assert source.description.endswith("Edited.")
    assert Commitment.objects.get(pk=rejected.pk).review == "rejected"
    assert Commitment.objects.filter(quote__icontains="bridge to Solana").count() == 1
    assert Commitment.objects.proposed().get().quote == "We are going to open the grants program in Q3."
    assert source.turns.count() == 4


def test_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_transcript", "--dry-run", write(tmp_path, "later-ama.md", LATER_AMA))

    assert not Source.objects.exists()
    assert "would be created" in capsys.readouterr().out


BAD_FILES = [
    ("empty.md", b"", "empty"),
    ("latin1.md", "---\ntitle: Caf\xe9\n---\n".encode("latin-1"), "UTF-8"),
    ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("no-front-matter.md", b"<bin>Bin</bin>\n\nWe will launch.\n", "front matter"),
    ("broken-yaml.md", b"---\ntitle: [unclosed\n---\n\n<bin>Bin</bin>\n\nHi.\n", "YAML"),
    ("no-date.md", b"---\ntitle: An AMA\ndescription: no date here\n---\n\n<bin>Bin</bin>\n\nWe will launch.\n", "date"),
]


@pytest.mark.parametrize("name, content, problem", BAD_FILES)
def test_a_bad_file_gets_a_one_line_error_and_writes_nothing(tmp_path, capsys, name, content, problem):
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", write(tmp_path, name, content))

    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert name in error
    assert problem.lower() in error.lower()
    assert not Source.objects.exists()


def test_a_file_over_two_megabytes_is_refused(tmp_path, capsys):
    big = LATER_AMA + ("<bin>Bin</bin>\n\n" + "word " * 1000 + "\n\n") * 450

    with pytest.raises(CommandError):
        call_command("import_transcript", write(tmp_path, "big.md", big))

    assert "limit" in capsys.readouterr().err
    assert not Source.objects.exists()


def test_bad_files_do_not_stop_the_others(tmp_path, capsys):
    good = write(tmp_path, "later-ama.md", LATER_AMA)
    bad = write(tmp_path, "empty.md", b"")

    with pytest.raises(CommandError, match="1 of 2 file"):
        call_command("import_transcript", bad, good)

    assert Source.objects.filter(slug="later-ama").exists()
    out = capsys.readouterr().out
    assert "[2/2] later-ama.md" in out


def test_aired_on_option_supplies_a_missing_date(tmp_path):
    no_date = b"---\ntitle: An AMA\ndescription: AMA with Bin, no date here\n---\n\n<bin>Bin</bin>\n\nWe will launch the app next week.\n"

    call_command("import_transcript", "--aired-on", "2024-01-10", write(tmp_path, "no-date.md", no_date))

    assert Source.objects.get().aired_on.isoformat() == "2024-01-10"
    assert Commitment.objects.get().due_date.isoformat() == "2024-01-21"  # the week by its last day


def test_script_in_a_transcript_shows_as_text(tmp_path, client):
    hostile = LATER_AMA.replace("We will keep building.", "<script>alert('x')</script> We will ship <b>it</b> next week.")
    call_command("import_transcript", write(tmp_path, "hostile.md", hostile))
    Source.objects.filter(slug="hostile").update(public=True)  # an imported source is private until reviewed

    response = client.get("/sources/hostile/")

    assertContains(response, "&lt;script&gt;alert(")
    assertNotContains(response, "<script>alert")


def test_seed_and_every_corpus_file_import_without_a_hand_edit(tmp_path, capsys):
    files = [str(SEED_FILE), *map(str, corpus_files())]

    call_command("import_transcript", *files)

    out = capsys.readouterr().out
    assert Source.objects.count() == len(files) == 10
    # Two corpus files give one air date in the title and another in the description: the file name decides.
    assert Source.objects.get(file_name="stratos-ama-twitter-spaces-12-02-2024.md").aired_on.isoformat() == "2024-02-12"
    assert "using 2024-02-12 (the title's, as the file name says)" in out
    assert Commitment.objects.proposed().count() > 20


def test_an_air_date_conflict_the_file_name_decides_is_imported_with_a_warning(tmp_path, capsys):
    text = (
        "---\ntitle: AMA on Twitter 12.02.2024\n"
        "description: Stratos AMA with Bin Zhu, aired on February 27, 2024.\n---\n\n<bin>Bin</bin>\n\n"
        "We will launch the bridge next week.\n"
    )
    call_command("import_transcript", write(tmp_path, "ama-27-02-2024.md", text))

    assert Source.objects.get().aired_on.isoformat() == "2024-02-27"
    assert "using 2024-02-27 (the description's, as the file name says)" in capsys.readouterr().out


def test_an_air_date_the_title_and_description_disagree_on_waits_for_an_admin(tmp_path, capsys):
    text = (
        "---\ntitle: AMA on Twitter 12.02.2024\n"
        "description: Stratos AMA with Bin Zhu, aired on February 27, 2024.\n---\n\n<bin>Bin</bin>\n\n"
        "We will launch the bridge next week.\n"
    )
    path = write(tmp_path, "ama-february.md", text)

    with pytest.raises(CommandError):
        call_command("import_transcript", path)
    err = capsys.readouterr().err
    assert "the title says it aired on 2024-02-12 but the description says 2024-02-27" in err
    assert "--aired-on 2024-02-12" in err
    assert not Source.objects.exists()

    call_command("import_transcript", "--aired-on", "2024-02-12", path)
    edited = write(tmp_path, "ama-february.md", text + "\nWe will also list the token.\n")
    call_command("import_transcript", "--replace", "ama-february", edited)

    assert Source.objects.get().aired_on.isoformat() == "2024-02-12"  # the confirmed date is kept
    assert Commitment.objects.filter(quote__startswith="We will launch the bridge").get().due_date.isoformat() == "2024-02-25"


def test_extract_commitments_prints_the_json_schema(capsys):
    call_command("extract_commitments", str(SEED_FILE), "--format", "json")

    rows = json.loads(capsys.readouterr().out)
    assert rows and not Source.objects.exists()
    assert set(rows[0]) == {
        "source", "aired_on", "speaker", "section", "line", "text", "strength", "topic",
        "due_text", "due_date", "due_precision", "condition", "title",
    }
    toronto = next(r for r in rows if "Toronto will be on August 15th" in r["text"] or "in Toronto" in r["text"])
    assert toronto["source"] == "stratos-ama-twitter-spaces-03-08-2023.md"
    assert toronto["aired_on"] == "2023-08-03"
    assert toronto["speaker"] == "Bin"
    assert toronto["section"] == "Mainnet and Marketing"
    assert toronto["strength"] in {"firm", "soft"}
    assert all(r["strength"] in {"firm", "soft"} for r in rows)
    assert all(r["due_precision"] in {None, "day", "week", "month", "quarter", "half", "year", "estimated"} for r in rows)
    assert all(isinstance(r["line"], int) for r in rows)
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    for row in rows:
        assert row["text"].split()[0] in lines[row["line"] - 1], row


def test_extract_commitments_table_format(capsys):
    call_command("extract_commitments", str(SEED_FILE), "--format", "table")

    out = capsys.readouterr().out
    assert "stratos-ama-twitter-spaces-03-08-2023.md (aired 2023-08-03)" in out
    assert "candidate(s)." in out


def test_admin_upload_imports_into_the_review_queue(staff_client):
    upload = SimpleUploadedFile("later-ama.md", LATER_AMA.encode(), content_type="text/markdown")
    response = staff_client.post("/admin/commitments/source/import/", {"file": upload})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/commitments/importjob/{job.pk}/change/"
    source = Source.objects.get(slug="later-ama")
    page = staff_client.get(response["Location"])
    queue_link = f"?review__exact=proposed&amp;source__id__exact={source.pk}"
    assertContains(page, queue_link)
    queue = staff_client.get(f"/admin/commitments/commitment/?review__exact=proposed&source__id__exact={source.pk}")
    assertContains(queue, "We will launch the bridge to Solana next month.")


def test_admin_upload_of_a_bad_file_shows_the_error(staff_client):
    upload = SimpleUploadedFile("empty.md", b"\x00\x01binary", content_type="application/octet-stream")
    response = staff_client.post("/admin/commitments/source/import/", {"file": upload}, follow=True)

    assertContains(response, "empty.md: looks like a binary file")
    assertNotContains(response, "binary.md")
    assert not Source.objects.exists()


def test_admin_upload_takes_several_files_and_a_bad_one_does_not_stop_the_others(staff_client):
    second = LATER_AMA.replace("05.03.2024", "06.04.2024").replace("March 05, 2024", "April 06, 2024")
    uploads = [
        SimpleUploadedFile("later-ama.md", LATER_AMA.encode(), content_type="text/markdown"),
        SimpleUploadedFile("broken.md", b"\x00\x01binary", content_type="application/octet-stream"),
        SimpleUploadedFile("even-later-ama.md", second.encode(), content_type="text/markdown"),
    ]
    response = staff_client.post("/admin/commitments/source/import/", {"file": uploads}, follow=True)

    assert sorted(Source.objects.values_list("aired_on", flat=True)) == [
        datetime.date(2024, 3, 5),
        datetime.date(2024, 4, 6),
    ]
    job = ImportJob.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/commitments/importjob/{job.pk}/change/"
    assert [line.split(":")[0] for line in job.result.splitlines()] == ["File later-ama.md", "File even-later-ama.md"]
    assert job.error.startswith("Not imported: file broken.md: looks like a binary file")
    assertContains(response, "Not imported: file broken.md:")


def test_admin_dry_run_reports_the_turns_and_writes_nothing(staff_client):
    upload = SimpleUploadedFile("later-ama.md", LATER_AMA.encode(), content_type="text/markdown")
    response = staff_client.post("/admin/commitments/source/import/", {"file": upload, "dry_run": "on"}, follow=True)

    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Dry run, nothing written. File later-ama.md: would be created: 3 turn(s), 1 commitment(s)")
    assert not Source.objects.exists()


def test_admin_upload_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="pw-for-tests-only", is_staff=True)
    client.force_login(user)

    assert client.get("/admin/commitments/source/import/").status_code == 403


def test_the_roster_lasts_across_imports_and_aliases_name_one_speaker(tmp_path, capsys):
    Speaker.objects.create(name="Bin", full_name="Bin Zhu", is_team=True, team_confirmed=True)
    Speaker.objects.create(name="Akif", aliases="Akif Seyhan", is_team=False, team_confirmed=True)
    text = (
        "---\ntitle: Stratos X DeepCoin AMA 28.11.2023\n"
        "description: AMA hosted by DeepCoin with Bin Zhu and Akif Seyhan, aired on November 28, 2023.\n---\n\n"
        "<claire>Akif</claire>\n\nWe will announce the winners and we will launch a trading contest next week.\n\n"
        "<bin>Bin Zhu</bin>\n\nWe will launch the decentralized Dropbox next month.\n"
    )

    call_command("import_transcript", write(tmp_path, "deepcoin.md", text))

    assert sorted(Speaker.objects.values_list("name", flat=True)) == ["Akif", "Bin"]  # "Bin Zhu" is Bin
    assert [c.speaker.name for c in Commitment.objects.all()] == ["Bin"]
    assert "Bin Zhu (team)" in capsys.readouterr().out


def test_a_file_whose_team_says_nothing_is_a_loud_warning_with_the_fix(tmp_path, capsys, staff_client):
    Speaker.objects.create(name="Bin", full_name="Bin Zhu", is_team=True, team_confirmed=True)
    text = (
        "---\ntitle: Guest AMA 05.03.2024\ndescription: AMA hosted by Example with Dana, aired on March 5, 2024.\n---\n\n"
        "<host>Host</host>\n\nWhat is next?\n\n<o>Guest</o>\n\nWe will launch our token next month.\n"
    )

    call_command("import_transcript", write(tmp_path, "guest.md", text))

    out = capsys.readouterr().out
    assert "NO TEAM SPEAKER: nobody in this file speaks for the team" in out
    assert "mark them as team in the admin" in out
    assert not Commitment.objects.exists()

    upload = SimpleUploadedFile("guest-2.md", text.encode(), content_type="text/markdown")
    response = staff_client.post(reverse("admin:commitments_source_import"), {"file": upload}, follow=True)
    assertContains(response, "NO TEAM SPEAKER")


def test_a_cyrillic_title_gives_a_latin_slug_as_long_as_the_field_holds(db):
    from commitments.models import Commitment, Source, unique_slug

    assert unique_slug(Source, "Интервью с командой 2023") == "intervyu-s-komandoy-2023"
    title = "Запуск основной сети и моста в первом квартале следующего года вместе с партнёрами"
    slug = unique_slug(Commitment, title)
    assert slug.startswith("zapusk-osnovnoy-seti")
    assert len(slug) > 60
    assert len(slug) <= Commitment._meta.get_field("slug").max_length

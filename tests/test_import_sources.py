"""Which source a file is: a new one with its own slug, the same file again, or an explicit
replacement. Two files whose names slug alike never overwrite each other."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.asserts import assertContains

from commitments.models import Commitment, Source
from tests.factories import transcript_text

pytestmark = pytest.mark.django_db

AMA = transcript_text("later-ama-2024.md")
OTHER_AMA = AMA.replace("AMA on Twitter 05.03.2024", "Another AMA 06.04.2024").replace(
    "March 05, 2024", "April 06, 2024"
).replace("bridge to Solana", "bridge to Cosmos")


EDITED = AMA + "\n<bin>Bin</bin>\n\nWe are going to open the grants program in Q3.\n"


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_files_whose_names_slug_alike_are_two_sources(tmp_path, capsys):
    call_command("import_transcript", write(tmp_path, "AMA 2023.md", AMA))
    first = Source.objects.get()
    accepted = Commitment.objects.get()
    accepted.review = Commitment.Review.ACCEPTED
    accepted.save()
    capsys.readouterr()

    call_command("import_transcript", write(tmp_path, "ama_2023.md", OTHER_AMA))

    assert sorted(Source.objects.values_list("slug", "file_name")) == [("ama-2023", "AMA 2023.md"), ("ama-2023-2", "ama_2023.md")]
    first.refresh_from_db()
    assert (first.title, first.aired_on.isoformat()) == ("AMA on Twitter 05.03.2024", "2024-03-05")
    accepted.refresh_from_db()
    assert accepted.source == first and "bridge to Solana" in accepted.turn.text
    out = capsys.readouterr().out
    assert "ama_2023.md: created" in out
    assert "a new source, ama-2023-2: ama-2023 is another file's (AMA 2023.md)" in out
    assert "import with replace ama-2023" in out


def test_the_same_file_again_is_the_same_source(tmp_path, capsys):
    path = write(tmp_path, "AMA 2023.md", AMA)
    call_command("import_transcript", path)

    call_command("import_transcript", path)

    assert Source.objects.count() == 1
    assert "unchanged (the same file and checksum as source ama-2023)" in capsys.readouterr().out


def test_an_edited_file_of_the_same_name_is_a_new_version_of_its_source(tmp_path, capsys):
    path = write(tmp_path, "ama.md", AMA)
    call_command("import_transcript", path)
    write(tmp_path, "ama.md", EDITED)
    capsys.readouterr()

    call_command("import_transcript", "--dry-run", path)
    out = capsys.readouterr().out
    assert "ama.md: would be updated: 4 turn(s)" in out
    assert "a new version of ama.md, imported before as source ama: it replaces that source (as with replace ama)" in out

    call_command("import_transcript", path)
    assert list(Source.objects.values_list("slug", flat=True)) == ["ama"]
    assert Source.objects.get().turns.count() == 4
    assert "ama.md: updated: 4 turn(s)" in capsys.readouterr().out


def test_replace_names_an_existing_source_and_one_file(tmp_path):
    path = write(tmp_path, "ama.md", AMA)

    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", path, "--replace", "no-such-source")
    with pytest.raises(CommandError, match="give one file with it, not 2"):
        call_command("import_transcript", path, path, "--replace", "ama")
    assert not Source.objects.exists()


def test_a_replacement_may_have_another_name(tmp_path, capsys):
    call_command("import_transcript", write(tmp_path, "ama-draft.md", AMA))

    call_command("import_transcript", write(tmp_path, "ama-final.md", OTHER_AMA), "--replace", "ama-draft")

    source = Source.objects.get()
    assert (source.slug, source.file_name, source.title) == ("ama-draft", "ama-final.md", "Another AMA 06.04.2024")
    assert "it replaces source ama-draft" in capsys.readouterr().out


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Интервью с командой 2023.md", "intervyu-s-komandoy-2023"),
        ("比特币 AMA.md", "bitebi-ama"),
        ("Ελληνικό AMA.md", "elliniko-ama"),
        ("Café résumé.md", "cafe-resume"),
    ],
)
def test_non_latin_names_get_a_real_slug(tmp_path, name, slug):
    call_command("import_transcript", write(tmp_path, name, AMA))

    source = Source.objects.get()
    assert source.slug == slug
    assert source.file_name == name


def test_a_name_with_no_letters_takes_the_title(tmp_path):
    call_command("import_transcript", write(tmp_path, "___.md", AMA))

    assert Source.objects.get().slug == "ama-on-twitter-05-03-2024"


def test_the_admin_upload_can_replace_a_source(tmp_path, staff_client):
    call_command("import_transcript", write(tmp_path, "ama.md", AMA))

    response = staff_client.post(
        "/admin/commitments/source/import/",
        {"file": SimpleUploadedFile("ama.md", EDITED.encode(), content_type="text/markdown"), "replace": "ama"},
        follow=True,
    )

    assertContains(response, "File ama.md: updated: 4 turn(s)")
    assertContains(response, "it replaces source ama")
    assert Source.objects.get().turns.count() == 4


def test_the_admin_replaces_with_one_file_only(tmp_path, staff_client):
    call_command("import_transcript", write(tmp_path, "ama.md", AMA))
    uploads = [SimpleUploadedFile(name, AMA.encode(), content_type="text/markdown") for name in ("a.md", "b.md")]

    response = staff_client.post("/admin/commitments/source/import/", {"file": uploads, "replace": "ama"})

    assertContains(response, "A source is replaced by one file")
    assert Source.objects.count() == 1

"""A value longer than its column is refused before anything is written, with a message that
names the field: the same TranscriptError on SQLite (which would store it) and PostgreSQL
(which would raise DataError)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django.asserts import assertContains

from commitments.models import Source, Speaker, Turn
from tests.factories import transcript_text

pytestmark = pytest.mark.django_db

AMA = transcript_text("later-ama-2024.md")
LONG_TITLE = "A" * 100_009
TOO_LONG = [
    ("title", AMA.replace("title: AMA on Twitter 05.03.2024", f"title: {LONG_TITLE}"),
     "long.md: the title (front matter `title`) is 100,009 characters long"),
    ("author", AMA.replace("author: DevRawl", "author: " + "D" * 201),
     "long.md: the author (front matter `author`) is 201 characters long"),
    ("section", AMA.replace("## Bridges", "## " + "Bridges " * 40),
     "long.md, line 15: the section heading is 319 characters long"),
    ("time", AMA + "\n**<bin>Bin</bin>, [" + "1" * 55 + "]** We will ship the wallet next week.\n",
     "long.md, line 23: the time is 55 characters long"),
]


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("field, content, message", TOO_LONG, ids=[case[0] for case in TOO_LONG])
def test_a_value_longer_than_its_column_is_refused_naming_the_field(tmp_path, capsys, field, content, message):
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", write(tmp_path, "long.md", content))

    err = capsys.readouterr().err
    assert message in err
    assert "the limit is" in err
    assert not Source.objects.exists() and not Turn.objects.exists() and not Speaker.objects.exists()


def test_a_multi_file_upload_reports_the_file_over_a_limit_and_keeps_the_others(staff_client):
    uploads = [
        SimpleUploadedFile("good.md", AMA.encode(), content_type="text/markdown"),
        SimpleUploadedFile("long.md", TOO_LONG[0][1].encode(), content_type="text/markdown"),
    ]

    response = staff_client.post("/admin/commitments/source/import/", {"file": uploads}, follow=True)

    assertContains(response, "File good.md: created")
    assertContains(response, "Not imported: file long.md: the title (front matter `title`) is 100,009 characters long")
    assert list(Source.objects.values_list("file_name", flat=True)) == ["good.md"]


def test_a_single_upload_over_a_limit_shows_the_error_on_its_job_page(staff_client):
    upload = SimpleUploadedFile("long.md", TOO_LONG[1][1].encode(), content_type="text/markdown")

    response = staff_client.post("/admin/commitments/source/import/", {"file": upload}, follow=True)

    assertContains(response, "long.md: the author (front matter `author`) is 201 characters long")
    assert not Source.objects.exists()


NUL_CASES = [
    ("title: AMA on Twitter 05.03.2024", 'title: "AMA on Twitter 05.03.2024 \\0"'),
    ("author: DevRawl", 'author: "Dev\\0Rawl"'),
    ("author: DevRawl", 'links: ["https://example.com/\\0"]'),
]


@pytest.mark.parametrize("line, replacement", NUL_CASES)
def test_a_nul_character_in_the_front_matter_is_refused_on_every_database(tmp_path, capsys, line, replacement):
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_transcript", write(tmp_path, "nul.md", AMA.replace(line, replacement)))

    assert "holds a NUL character" in capsys.readouterr().err
    assert not Source.objects.exists()

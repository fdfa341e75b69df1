"""Admin uploads as background import jobs: the upload returns at once, the worker's task
imports the files recording progress, a failing file rolls back and fails the job."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from pytest_django.asserts import assertContains, assertNotContains

from commitments import tasks
from commitments.models import ImportJob, ImportJobFile, Source, Turn
from commitments.reading.transcripts import MAX_BYTES
from tests.factories import transcript_text

LATER_AMA = transcript_text("later-ama-2024.md")
UPLOAD = "/admin/commitments/source/import/"
QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def upload(name, text):
    return SimpleUploadedFile(name, text.encode(), content_type="text/markdown")


def test_an_upload_returns_at_once_with_a_queued_job_and_imports_nothing_yet(staff_client, settings):
    settings.TASKS = QUEUED_ONLY

    response = staff_client.post(UPLOAD, {"file": upload("later-ama.md", LATER_AMA)})

    job = ImportJob.objects.get()
    assert response["Location"] == f"/admin/commitments/importjob/{job.pk}/change/"
    assert job.status == ImportJob.Status.QUEUED and job.file_names == ["later-ama.md"]
    assert not Source.objects.exists()
    page = staff_client.get(response["Location"])
    assertContains(page, "0 of 1 file(s) done, 0 turn(s) read")
    assertContains(page, '<meta http-equiv="refresh" content="3">', html=False)


def test_running_the_job_imports_the_files_and_records_progress_and_result(staff_client, settings):
    settings.TASKS = QUEUED_ONLY
    staff_client.post(UPLOAD, {"file": [upload("later-ama.md", LATER_AMA)]})
    job = ImportJob.objects.get()

    assert tasks.import_upload.call(job.pk) == ImportJob.Status.DONE

    job.refresh_from_db()
    source = Source.objects.get(file_name="later-ama.md")
    assert (job.files_done, job.turns_read, job.error) == (1, source.turns.count(), "")
    assert job.result.startswith("File later-ama.md: created: 3 turn(s), 1 commitment(s) proposed")
    assert job.finished_at is not None
    assert list(ImportJobFile.objects.values_list("data", flat=True)) == [b""]  # the upload is not kept
    page = staff_client.get(f"/admin/commitments/importjob/{job.pk}/change/")
    assertContains(page, "1 of 1 file(s) done, 3 turn(s) read")
    assertContains(page, f"?review__exact=proposed&amp;source__id__exact={source.pk}")
    assertNotContains(page, 'http-equiv="refresh"')


@pytest.fixture
def database_refuses_a_turn():
    """The database itself refuses a turn saying REFUSE-ME, after the file's source is written."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_turn() RETURNS trigger AS $$ BEGIN "
                "IF NEW.text LIKE '%REFUSE-ME%' THEN RAISE EXCEPTION 'turn refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute("CREATE TRIGGER refuse_turn BEFORE INSERT ON commitments_turn FOR EACH ROW EXECUTE FUNCTION refuse_turn()")
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_turn BEFORE INSERT ON commitments_turn WHEN NEW.text LIKE '%REFUSE-ME%' "
                "BEGIN SELECT RAISE(ABORT, 'turn refused'); END"
            )


def test_a_file_that_fails_is_rolled_back_and_the_job_fails_naming_it(staff_client, database_refuses_a_turn):
    refused = LATER_AMA.replace("05.03.2024", "06.04.2024").replace("March 05, 2024", "April 06, 2024")
    refused = refused.replace("We will keep building.", "We will keep building. REFUSE-ME")

    response = staff_client.post(
        UPLOAD, {"file": [upload("later-ama.md", LATER_AMA), upload("refused.md", refused)]}, follow=True
    )

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.files_done == 2
    assert job.error.startswith("Not imported: file refused.md: the database refused it")
    assert list(Source.objects.values_list("file_name", flat=True)) == ["later-ama.md"]
    assert not Turn.objects.filter(source__file_name="refused.md").exists()
    assertContains(response, "Not imported: file refused.md: the database refused it")
    assertContains(response, "File later-ama.md: created")


def test_a_file_over_the_size_limit_is_refused_before_the_job_keeps_it(staff_client, settings):
    settings.TASKS = QUEUED_ONLY
    big = SimpleUploadedFile("big.md", b"x" * (MAX_BYTES + 1), content_type="text/markdown")

    response = staff_client.post(UPLOAD, {"file": [big, upload("later-ama.md", LATER_AMA)]})

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.file_names == ["later-ama.md"]
    assert job.error.startswith(f"Not imported: file big.md: file is {MAX_BYTES + 1:,} bytes; the limit is")


@pytest.mark.parametrize("codenames", [[], ["add_source"], ["add_commitment"]])
def test_only_staff_with_both_import_permissions_see_jobs_and_upload(db, client, django_user_model, codenames):
    job = ImportJob.objects.create(file_names=["later-ama.md"])
    user = django_user_model.objects.create_user("intern", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client.force_login(user)

    assert client.get(UPLOAD).status_code == 403
    assert client.post(UPLOAD, {"file": upload("later-ama.md", LATER_AMA)}).status_code == 403
    assert client.get("/admin/commitments/importjob/").status_code == 403
    assert client.get(f"/admin/commitments/importjob/{job.pk}/change/").status_code == 403
    assert ImportJob.objects.count() == 1 and not Source.objects.exists()


def test_staff_with_the_import_permissions_see_the_list_of_jobs(db, client, django_user_model):
    ImportJob.objects.create(file_names=["later-ama.md"], files_done=0, turns_read=0)
    user = django_user_model.objects.create_user("curator2", password="pw-for-tests-only", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=["add_source", "add_commitment"]))
    client.force_login(user)

    assertContains(client.get("/admin/commitments/importjob/"), "0 of 1 file(s) done, 0 turn(s) read")
    assertContains(client.get(UPLOAD), "Import a transcript")


def test_the_command_says_on_stderr_when_a_long_files_turns_are_read(db, tmp_path, capsys):
    from django.core.management import call_command

    turns = "".join(f"<bin>Bin</bin>\n\nThanks for question {n}.\n\n" for n in range(1000))
    path = tmp_path / "long-ama.md"
    path.write_text(LATER_AMA + "\n" + turns, encoding="utf-8")

    call_command("import_transcript", str(path))

    captured = capsys.readouterr()
    assert "[1/1] long-ama.md: 1,003 turn(s) read; storing and matching them…" in captured.err
    assert "[1/1] long-ama.md: created: 1003 turn(s)" in captured.out


def test_import_jobs_are_left_out_of_backups(staff_client, tmp_path):
    from django.core.management import call_command

    staff_client.post(UPLOAD, {"file": upload("later-ama.md", LATER_AMA)})
    path = tmp_path / "backup.json"

    call_command("backup", output=str(path))

    text = path.read_text(encoding="utf-8")
    assert '"model": "commitments.source"' in text
    assert "commitments.importjob" not in text

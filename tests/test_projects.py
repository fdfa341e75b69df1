"""Projects: a site's data is filed under one project built from today's settings, and a
project's words come from its record."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commitments.models import Project
from commitments.reading.text import ProjectWords

BEFORE = [("commitments", "0012_suggestion_question")]
AFTER = [("commitments", "0013_project")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_sources_are_filed_under_one_project_named_by_the_settings(settings):
    settings.PROJECT_NAMES = ["Stratos", "Stratos Labs"]
    settings.PROJECT_TICKERS = ["STOS"]
    settings.PROJECT_NAME = "Stratos"
    try:
        old = migrate(BEFORE)
        Source = old.get_model("commitments", "Source")
        Source.objects.create(slug="ama-1", title="AMA 1", aired_on=datetime.date(2024, 1, 1))
        Source.objects.create(slug="ama-2", title="AMA 2", aired_on=datetime.date(2024, 2, 1))
        new = migrate(AFTER)
        project = new.get_model("commitments", "Project").objects.get()
        assert (project.name, project.slug, project.other_names, project.tickers) == (
            "Stratos", "stratos", "Stratos Labs", "STOS"
        )
        sources = new.get_model("commitments", "Source").objects.order_by("slug")
        assert [source.project_id for source in sources] == [project.pk, project.pk]
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_project_s_words_are_its_names_spellings_and_tickers():
    project = Project(name="Nebula", slug="nebula", other_names="Nebula Labs\n\nNBL Foundation\n", tickers="NBL, nbl2")
    assert project.words() == ProjectWords(("Nebula", "Nebula Labs", "NBL Foundation"), ("NBL", "nbl2"))
    assert "nebula" in project.words().own_words


@pytest.mark.django_db
def test_a_sentence_of_another_project_never_becomes_a_suggestion_for_a_promise(seeded):
    from commitments.importers import import_transcript_file
    from commitments.models import EvidenceSuggestion, Source

    from .test_suggestions import LATER_AMA

    Project.objects.create(name="Nebula", slug="nebula", tickers="NBL")
    other = import_transcript_file(LATER_AMA.encode(), "nebula-ama.md", project="nebula")

    assert other.source.project.slug == "nebula"
    assert other.suggested == 0
    assert not EvidenceSuggestion.objects.filter(turn__source=other.source).exists()
    # The same sentences filed under the first project do speak of its promises.
    same = import_transcript_file(LATER_AMA.encode(), "stratos-ama-12-01-2024.md")
    assert same.source.project == Project.objects.first()
    assert same.suggested == 3
    assert set(Source.objects.filter(project__slug="nebula").values_list("slug", flat=True)) == {other.source.slug}


@pytest.mark.django_db
def test_the_front_matter_names_the_project_and_an_unknown_chosen_project_is_refused(seeded):
    from commitments.importers import import_transcript_file
    from commitments.reading.transcripts import TranscriptError

    Project.objects.create(name="Nebula", slug="nebula", tickers="NBL")
    text = "---\ntitle: Nebula AMA\ndate: 2024-03-01\nproject: Nebula\n---\n\n<ann>Ann</ann>\n\nHello.\n"
    assert import_transcript_file(text.encode(), "n.md").source.project.slug == "nebula"
    with pytest.raises(TranscriptError, match="no project 'comet'"):
        import_transcript_file(text.encode(), "n2.md", project="comet")


@pytest.mark.django_db
def test_the_admin_upload_files_the_transcript_under_the_chosen_project(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commitments.models import Source

    from .test_import import LATER_AMA

    Project.objects.first_or_from_settings()
    Project.objects.create(name="Nebula", slug="nebula", tickers="NBL")
    upload = SimpleUploadedFile("later-ama.md", LATER_AMA.encode(), content_type="text/markdown")
    staff_client.post("/admin/commitments/source/import/", {"file": upload, "project": "nebula"})

    assert Source.objects.get(slug="later-ama").project.slug == "nebula"

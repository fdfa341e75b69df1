"""Projects: a site's data is filed under one project built from today's settings, and a
project's words come from its record."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commitments.models import Project
from commitments.reading.text import ProjectWords

BEFORE = [("commitments", "0011_covering_urgency_index")]
AFTER = [("commitments", "0012_projects21_project")]


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

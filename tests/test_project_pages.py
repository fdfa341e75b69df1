"""A site of two projects: `/` lists them, each project's pages, feeds, CSV, API, badge and
calendar hold only its own promises, the first project's old URLs redirect, and the team roster
is per project."""

import datetime


import pytest
from django.contrib.contenttypes.models import ContentType

from commitments.importers import import_transcript_file
from commitments.models import Commitment, Project, Speaker
from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker, transcript_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_projects():
    alpha = Project.objects.create(name="Alpha", slug="alpha", curators="The Alpha desk")
    beta = Project.objects.create(name="Beta Chain", slug="beta", curators="The Beta desk")
    alpha_promise = make_commitment(
        "Launch the alpha mainnet", slug="alpha-mainnet", quote="We will launch the alpha mainnet in March.",
        source=make_source(slug="alpha-ama", title="Alpha AMA", project=alpha),
        speaker=make_speaker("Ann", project=alpha), due_date=datetime.date(2030, 3, 1), due_precision="month",
    )
    beta_promise = make_commitment(
        "Open the beta bridge", slug="beta-bridge", quote="We will open the beta bridge in June.",
        source=make_source(slug="beta-ama", title="Beta AMA", project=beta, aired_on=datetime.date(2024, 5, 2)),
        speaker=make_speaker("Bob", project=beta), due_date=datetime.date(2030, 6, 1), due_precision="month",
    )
    change_status(beta_promise, "delivered", note="Bridge is open", happened_on=datetime.date(2024, 6, 1))
    change_status(alpha_promise, "in_progress", note="Testnet running")
    return alpha, beta


def test_the_root_lists_each_project_with_its_counts_and_latest_ama(client, two_projects):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/p/alpha/"' in page and 'href="/p/beta/"' in page
    assert "Beta Chain" in page and "(100%)" in page and "Beta AMA" in page
    assert "Launch the alpha mainnet" not in page


def test_a_project_with_nothing_published_yet_says_so_on_the_root(client, two_projects):
    Project.objects.create(name="Gamma", slug="gamma")

    page = client.get("/").content.decode()

    card = page[page.index('href="/p/gamma/"'):]
    assert "Nothing published yet" in card.split("</li>")[0]
    assert "0 delivered" not in card.split("</li>")[0]


@pytest.mark.parametrize("slug, own, other", [("alpha", "Launch the alpha mainnet", "Open the beta bridge"),
                                              ("beta", "Open the beta bridge", "Launch the alpha mainnet")])
def test_each_status_page_lists_only_its_own_promises(client, two_projects, slug, own, other):
    response = client.get(f"/p/{slug}/")
    page = response.content.decode()
    assert response.status_code == 200 and own in page
    assert other not in page


def test_a_project_s_status_page_keeps_its_filters(client, two_projects):
    make_commitment("Open the alpha bridge", slug="alpha-bridge", source=two_projects[0].sources.get(), speaker=Speaker.objects.get(name="Ann"))

    page = client.get("/p/alpha/?q=bridge").content.decode()

    assert "Open the alpha bridge" in page
    assert "Launch the alpha mainnet" not in page


def test_titles_open_graph_and_header_name_the_project_of_the_page(client, two_projects):
    page = client.get("/p/beta/").content.decode()
    assert "<title>Beta Chain's promises" in page
    assert 'property="og:title" content="Beta Chain' in page
    assert '<span class="project">Beta Chain</span>' in page
    assert 'href="/p/beta/charts/"' in page  # links stay inside the project


@pytest.mark.parametrize("path", ["feed/", "export.csv", "api/commitments/", "calendar.ics", "charts/", "changes/"])
def test_feeds_csv_api_calendar_and_charts_hold_nothing_of_the_other_project(client, two_projects, path):
    alpha = client.get(f"/p/alpha/{path}")
    body = b"".join(alpha.streaming_content) if alpha.streaming else alpha.content
    assert alpha.status_code == 200
    assert b"beta" not in body.lower()
    if path != "charts/":
        assert b"alpha-mainnet" in body or b"Launch the alpha mainnet" in body
    beta = client.get(f"/p/beta/{path}")
    body = b"".join(beta.streaming_content) if beta.streaming else beta.content
    assert b"alpha" not in body.lower()
    if path not in ("charts/", "calendar.ics"):  # Beta's one promise is delivered: nothing due
        assert b"beta-bridge" in body or b"Open the beta bridge" in body


def test_the_csv_file_is_named_after_its_project(client, two_projects):
    assert 'filename="beta-chain-' in client.get("/p/beta/export.csv")["Content-Disposition"]


def test_the_badge_counts_only_its_project(client, two_projects):
    assert "0 of 1 delivered" in client.get("/p/alpha/badge.svg").content.decode()
    assert "1 of 1 delivered" in client.get("/p/beta/badge.svg").content.decode()


def test_a_promise_of_one_project_is_not_found_under_the_other(client, two_projects):
    assert client.get("/p/alpha/commitments/alpha-mainnet/").status_code == 200
    assert client.get("/p/beta/commitments/alpha-mainnet/").status_code == 404
    assert client.get("/p/beta/api/commitments/alpha-mainnet/").status_code == 404
    assert client.get("/p/beta/sources/alpha-ama/").status_code == 404


def test_about_shows_the_project_s_methodology_notes(client, two_projects):
    page = client.get("/p/beta/about/").content.decode()
    assert "The Beta desk" in page and "The Alpha desk" not in page


@pytest.mark.parametrize("old, new", [("/charts/", "/p/alpha/charts/"), ("/commitments/alpha-mainnet/", "/p/alpha/commitments/alpha-mainnet/"),
                                      ("/export.csv?status=delivered", "/p/alpha/export.csv?status=delivered"),
                                      ("/feed/", "/p/alpha/feed/")])
def test_old_urls_of_the_first_project_redirect_to_its_prefixed_ones(client, two_projects, old, new):
    response = client.get(old)
    assert response.status_code == 302 and response["Location"] == new


def test_the_old_address_of_a_second_projects_promise_leads_to_its_own_project(client, two_projects, staff_client):
    """Links built at the root (old links, the admin's "View on site") reach the owner's page."""
    response = client.get("/commitments/beta-bridge/")
    assert response.status_code == 302 and response["Location"] == "/p/beta/commitments/beta-bridge/"
    assert "Open the beta bridge" in client.get(response["Location"]).content.decode()
    assert client.get("/sources/beta-ama/changes/")["Location"] == "/p/beta/sources/beta-ama/changes/"
    beta_promise = Commitment.objects.get(slug="beta-bridge")
    view_on_site = staff_client.get(f"/admin/r/{ContentType.objects.get_for_model(Commitment).pk}/{beta_promise.pk}/", follow=True)
    assert view_on_site.status_code == 200 and "Open the beta bridge" in view_on_site.content.decode()


def test_a_correction_posted_to_an_old_address_is_sent_on_with_its_body(client, two_projects):
    response = client.post("/commitments/beta-bridge/correction/", {"message": "The bridge opened later."})
    assert response.status_code == 307  # the browser posts the same form again to the new address
    assert response["Location"] == "/p/beta/commitments/beta-bridge/correction/"


def test_an_unknown_project_is_not_found(client, two_projects):
    assert client.get("/p/gamma/").status_code == 404


def test_with_one_project_the_root_serves_it_and_the_prefix_leads_back_to_the_root(client):
    make_commitment("Launch the alpha mainnet", slug="alpha-mainnet")
    page = client.get("/").content.decode()
    assert "Launch the alpha mainnet" in page
    assert client.get("/commitments/alpha-mainnet/").status_code == 200
    slug = Project.objects.get().slug
    response = client.get(f"/p/{slug}/charts/")
    assert response.status_code == 302 and response["Location"] == "/charts/"


def test_a_project_added_by_another_process_shows_on_the_next_page_served(client):
    """Another process's save sends this process no signal: the project list it holds must
    still be read again once the data changed, or the new version of `/` is cached without it."""
    make_commitment("Launch the alpha mainnet", slug="alpha-mainnet")
    assert "Launch the alpha mainnet" in client.get("/").content.decode()  # one project, its page at /
    Project.objects.bulk_create([Project(name="Beta Chain", slug="beta")])  # no post_save here
    page = client.get("/").content.decode()
    assert 'href="/p/beta/"' in page
    assert client.get("/p/beta/").status_code == 200


def test_the_status_page_of_a_project_makes_a_bounded_number_of_queries(client, two_projects, django_assert_max_num_queries):
    for n in range(10):
        make_commitment(f"Beta promise {n}", source=two_projects[1].sources.get(), speaker=Speaker.objects.get(name="Bob"))
    # 13: the first page after a write also reads the project list again (projects.site_projects)
    with django_assert_max_num_queries(13):
        assert client.get("/p/beta/").status_code == 200


def test_cached_pages_never_leak_across_projects(client, two_projects):
    first = client.get("/p/alpha/").content.decode()
    second = client.get("/p/beta/").content.decode()
    again = client.get("/p/alpha/").content.decode()
    assert "Launch the alpha mainnet" in first and "Open the beta bridge" not in again
    assert "Open the beta bridge" in second and "Launch the alpha mainnet" not in second


def test_the_cached_filter_panel_and_table_head_of_one_project_never_show_in_the_other(client, two_projects):
    from tests.factories import make_topic

    Project.objects.get(slug="beta").sources.get().commitments.update(topic=make_topic("bridges", "Bridges"))
    assert "Bridges" not in client.get("/p/alpha/").content.decode()
    beta = client.get("/p/beta/").content.decode()
    assert 'href="/p/beta/?topic=bridges#results"' in beta


def test_the_team_roster_is_per_project(two_projects):
    alpha, beta = two_projects
    Speaker.objects.filter(name="Ann").update(is_team=True, team_confirmed=True)
    text = transcript_text("community-call-notes.md")
    beta_import = import_transcript_file(text.encode(), "call.md", project="beta")
    names = {speaker.name: speaker for speaker in Speaker.objects.filter(project=beta)}
    # The moderator and attendee lines propose Alex and Priya for Beta's team; nobody is confirmed.
    assert names["Alex Moreno"].team_proposed and not names["Alex Moreno"].team_confirmed
    assert "Alex Moreno (proposed for the team" in import_describe(beta_import)
    # Confirmed in Beta, Alex is nobody in Alpha: the same file filed under Alpha proposes again.
    Speaker.objects.filter(project=beta, name="Alex Moreno").update(is_team=True, team_confirmed=True, team_proposed=False)
    alpha_import = import_transcript_file(text.encode(), "call-alpha.md", project="alpha")
    alpha_alex = Speaker.objects.get(project=alpha, name="Alex Moreno")
    assert not alpha_alex.team_confirmed and alpha_alex.team_proposed
    assert "Alex Moreno (team)" not in import_describe(alpha_import)
    again = import_transcript_file(text.replace("Community Call #12", "Community Call #13").encode(), "call-2.md", project="beta")
    assert "Alex Moreno (team)" in import_describe(again)


def import_describe(result):
    from commitments.importers import describe_import

    return describe_import(result)


def test_a_project_b_transcript_repeating_a_promise_of_project_a_suggests_nothing_for_it(seeded):
    from commitments.models import EvidenceSuggestion

    from .test_suggestions import LATER_AMA

    Project.objects.create(name="Beta Chain", slug="beta")
    result = import_transcript_file(LATER_AMA.encode(), "beta-later-ama.md", project="beta")
    assert result.source.project.slug == "beta" and result.turns > 0
    assert result.suggested == 0
    assert not EvidenceSuggestion.objects.filter(turn__source__project__slug="beta").exists()

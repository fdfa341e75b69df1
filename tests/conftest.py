import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command

from commitments import caching
from commitments.caching import local_pages
from commitments.exports import kept_lines
from commitments.projects import forget_projects
from commitments.services import change_status
from tests.factories import TRANSCRIPTS, make_commitment, make_topic


@pytest.fixture
def seeded(db):
    call_command("seed", story=False, verbosity=0)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_superuser("curator", "curator@example.com", "pw-for-tests-only")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def later_import(seeded):
    """The seed, then a later AMA that reports the mainnet launched (one evidence suggestion)."""
    call_command("import_transcript", str(TRANSCRIPTS / "stratos-ama-twitter-spaces-27-10-2023-test.md"), verbosity=0)


@pytest.fixture
def delivered(staff_user):
    """A public commitment marked delivered by the staff user, with an evidence URL."""
    commitment = make_commitment("Launch the mainnet", topic=make_topic("mainnet", "Mainnet"), quote="We will launch the mainnet.")
    change_status(commitment, "delivered", by=staff_user, note="It is live", evidence_url="https://example.com/live")
    return commitment


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Each test's writes roll back, taking the data version back with them: the next test
    could reach the same version with other data, so it starts with an empty page cache."""
    caches[settings.PUBLIC_CACHE_ALIAS].clear()
    local_pages.clear()  # the process's own copies of pages and CSV lines, likewise
    kept_lines.take(None)
    forget_projects()  # the process's list of projects, likewise
    yield


@pytest.fixture(autouse=True)
def outages_of_its_own(tmp_path_factory, monkeypatch):
    """Each test sees Redis outages afresh: the process's record of them is emptied, and the
    marker file the site's processes share (see caching.Outage) lives in a directory of the
    test's own, so an outage another test run marked a moment ago (the SQLite run before the
    PostgreSQL one, a second suite on the machine) does not silence this one's log line."""
    directory = str(tmp_path_factory.mktemp("outages"))
    monkeypatch.setattr(caching, "_outages", {})
    monkeypatch.setattr(caching.tempfile, "gettempdir", lambda: directory)


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run when queued (no worker in tests); a test may choose another backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

import datetime

import pytest
from pytest_django.asserts import assertContains

from commitments.models import Commitment
from commitments.services import DependencyError, change_status, set_dependencies
from tests.factories import make_commitment

pytestmark = pytest.mark.django_db


def test_a_commitment_can_wait_for_others():
    mainnet, unlock = make_commitment("Launch the mainnet"), make_commitment("Unlock team tokens")

    set_dependencies(unlock, [mainnet])

    assert list(unlock.depends_on.all()) == [mainnet]
    assert list(mainnet.dependants.all()) == [unlock]


def test_waiting_for_itself_is_refused():
    mainnet = make_commitment("Launch the mainnet")

    with pytest.raises(DependencyError, match="cycle"):
        set_dependencies(mainnet, [mainnet])


def test_cycles_are_refused_with_the_path():
    a, b, c = make_commitment("Computing"), make_commitment("Database"), make_commitment("Analytics")
    set_dependencies(b, [a])
    set_dependencies(c, [b])

    with pytest.raises(DependencyError) as error:
        set_dependencies(a, [c])

    assert "Computing → Analytics → Database → Computing" in str(error.value)
    assert not a.depends_on.exists()


def test_clock_starts_when_the_last_dependency_is_delivered():
    mainnet, bridge = make_commitment("Launch the mainnet"), make_commitment("Ethereum bridge")
    unlock = make_commitment("Unlock team tokens")
    set_dependencies(unlock, [mainnet, bridge])
    assert unlock.clock_started_on is None

    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 12))
    assert Commitment.objects.get(pk=unlock.pk).clock_started_on is None

    change_status(bridge, "delivered", note="Live", happened_on=datetime.date(2023, 10, 1))
    assert Commitment.objects.get(pk=unlock.pk).clock_started_on == datetime.date(2023, 10, 1)


def test_commitment_page_lists_waits_for_unblocks_and_the_clock(client):
    mainnet, unlock = make_commitment("Launch the mainnet"), make_commitment("Unlock team tokens")
    hidden = make_commitment("A proposal", review=Commitment.Review.PROPOSED)
    set_dependencies(unlock, [mainnet])
    set_dependencies(hidden, [mainnet])
    change_status(mainnet, "delivered", note="Live", happened_on=datetime.date(2023, 9, 12))

    unlock_page = client.get(unlock.get_absolute_url()).content.decode()
    mainnet_page = client.get(mainnet.get_absolute_url()).content.decode()

    assert "<h3>Depends on</h3>" in unlock_page and "Launch the mainnet" in unlock_page
    assert 'Clock started <time datetime="2023-09-12">' in unlock_page
    assert "Unblocks" in mainnet_page and "Unlock team tokens" in mainnet_page
    assert "A proposal" not in mainnet_page


def test_admin_form_refuses_a_cycle(staff_client):
    a, b = make_commitment("Computing"), make_commitment("Database")
    set_dependencies(b, [a])
    url = f"/admin/commitments/commitment/{a.pk}/change/"
    data = {
        "title": a.title, "slug": a.slug, "quote": a.quote, "speaker": a.speaker_id, "source": a.source_id,
        "review": "accepted", "status": "pending", "strength": "firm", "depends_on": [b.pk],
        "history-TOTAL_FORMS": 0, "suggestions-TOTAL_FORMS": 0, "suggestions-INITIAL_FORMS": 0, "history-INITIAL_FORMS": 0,
    }

    response = staff_client.post(url, data)

    assertContains(response, "it would make a cycle")
    assert not a.depends_on.exists()


def test_admin_form_saves_dependencies(staff_client):
    a, b, c = make_commitment("Computing"), make_commitment("Database"), make_commitment("Storage")
    set_dependencies(a, [c])
    data = {
        "title": a.title, "slug": a.slug, "quote": a.quote, "speaker": a.speaker_id, "source": a.source_id,
        "review": "accepted", "status": "pending", "strength": "firm", "depends_on": [b.pk],
        "history-TOTAL_FORMS": 0, "suggestions-TOTAL_FORMS": 0, "suggestions-INITIAL_FORMS": 0, "history-INITIAL_FORMS": 0,
    }

    response = staff_client.post(f"/admin/commitments/commitment/{a.pk}/change/", data)

    assert response.status_code == 302
    assert list(a.depends_on.all()) == [b]


def test_seeded_dependants_wait_for_the_mainnet_launch(seeded):
    mainnet = Commitment.objects.get(slug="launch-mainnet")

    assert mainnet.dependants.filter(slug="unlock-team-tokens-after-mainnet").exists()
    assert Commitment.objects.get(slug="build-database-component").depends_on.get().slug == "build-computing-component"


def test_importer_links_a_condition_to_the_commitment_it_names(seeded, tmp_path):
    from django.core.management import call_command

    later = tmp_path / "later.md"
    later.write_text(
        "---\ntitle: AMA\ndescription: AMA with Bin Zhu, aired on March 3, 2024.\n---\n\n<bin>Bin</bin>\n\n"
        "We will open the Solana bridge after the mainnet launch. We will ship the wallet next month.\n",
        encoding="utf-8",
    )

    call_command("import_transcript", str(later))

    bridge = Commitment.objects.get(quote__startswith="We will open the Solana bridge")
    wallet = Commitment.objects.get(quote__startswith="We will ship the wallet")
    assert [d.slug for d in bridge.depends_on.all()] == ["launch-mainnet"]
    assert not wallet.depends_on.exists()

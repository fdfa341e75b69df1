"""The commitment change form as two admins use it at once: it saves only the fields its user
changed, and a form opened before another admin changed the status is refused with a message
instead of silently undoing that change."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains

from commitments.models import Commitment, StatusChange
from commitments.services import change_status
from tests.factories import make_commitment
from tests.htmlforms import form_data

pytestmark = pytest.mark.django_db


def open_form(client, commitment):
    """The change form as the browser got it: returns the fields it would post back."""
    response = client.get(f"/admin/commitments/commitment/{commitment.pk}/change/")
    assert response.status_code == 200
    return form_data(response.content.decode())


def submit(client, commitment, form):
    return client.post(f"/admin/commitments/commitment/{commitment.pk}/change/", form)


@pytest.fixture
def other_admin(django_user_model):
    return django_user_model.objects.create_superuser("other", "other@example.com", "pw-other-admin-1")


def test_a_stale_form_cannot_undo_another_admins_status_change(staff_client, other_admin):
    commitment = make_commitment("Launch the mainnet")
    form = open_form(staff_client, commitment)
    change_status(commitment, "delivered", by=other_admin, note="Live since Monday")

    form.update(status="broken", status_note="Nothing shipped")
    response = submit(staff_client, commitment, form)

    assertContains(response, "changed the status")
    assertContains(response, "Delivered")
    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    assert list(commitment.history.values_list("to_status", "changed_by__username")) == [("delivered", "other")]


def test_a_stale_form_that_keeps_the_status_is_refused_too(staff_client, other_admin):
    """Saving it would say the admin saw "pending" when the record said "delivered"."""
    commitment = make_commitment("Launch the mainnet")
    form = open_form(staff_client, commitment)
    change_status(commitment, "delivered", by=other_admin, note="Live since Monday")

    form["title"] = "Launch the mainnet in Q3"
    response = submit(staff_client, commitment, form)

    assertContains(response, "changed the status")
    commitment.refresh_from_db()
    assert (commitment.title, commitment.status) == ("Launch the mainnet", "delivered")
    assert commitment.history.count() == 1


def test_the_form_saves_only_the_fields_its_user_changed(staff_client, other_admin):
    commitment = make_commitment("Launch the mainnet", quote="We will launch the mainnet.")
    form = open_form(staff_client, commitment)
    Commitment.objects.filter(pk=commitment.pk).update(quote="We will launch the mainnet in August.")

    form["title"] = "Launch the mainnet in August"
    response = submit(staff_client, commitment, form)

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.title == "Launch the mainnet in August"
    assert commitment.quote == "We will launch the mainnet in August."  # the other edit survives


def test_a_fresh_form_changes_the_status_through_the_service(staff_client, staff_user):
    commitment = make_commitment("Launch the mainnet")
    form = open_form(staff_client, commitment)

    form.update(status="delivered", status_note="Mainnet went live", evidence_url="https://example.com/live")
    response = submit(staff_client, commitment, form)

    assert response.status_code == 302
    change = StatusChange.objects.get(commitment=commitment)
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "pending", "delivered", staff_user, "Mainnet went live"
    )


def test_the_form_carries_the_status_it_was_opened_with(staff_client):
    commitment = make_commitment(status=Commitment.Status.IN_PROGRESS)

    assert open_form(staff_client, commitment)["opened_status"] == "in_progress"


def test_a_form_redisplayed_with_an_error_still_saves_what_its_admin_changed(staff_client):
    commitment = make_commitment("Launch the mainnet")
    form = open_form(staff_client, commitment)
    form.update(title="Launch the mainnet in Q3", status="delivered", status_note="")

    first = submit(staff_client, commitment, form)
    assertContains(first, "Say why it is delivered")
    again = form_data(first.content.decode())
    again["status_note"] = "Live since Monday"
    second = submit(staff_client, commitment, again)

    assert second.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.title, commitment.status) == ("Launch the mainnet in Q3", "delivered")


def test_accept_on_a_proposals_page_keeps_the_edited_title_and_condition(staff_client):
    proposal = make_commitment("Make it ready with this version as well", review=Commitment.Review.PROPOSED, condition="when will IBC be ready")
    form = open_form(staff_client, proposal)

    form.update(title="Support IBC in this version", condition="when IBC is ready", _accept="1")
    response = submit(staff_client, proposal, form)

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.title, proposal.condition, proposal.review) == ("Support IBC in this version", "when IBC is ready", "accepted")


def test_accept_with_an_invalid_edit_is_refused_with_the_form_still_filled(staff_client):
    proposal = make_commitment("Launch the bridge", review=Commitment.Review.PROPOSED)
    form = open_form(staff_client, proposal)

    form.update(title="", condition="after the audit", _accept="1")
    response = submit(staff_client, proposal, form)

    assertContains(response, "after the audit")
    proposal.refresh_from_db()
    assert (proposal.title, proposal.review) == ("Launch the bridge", "proposed")


def test_a_form_opened_before_another_admin_added_a_dependency_is_refused_and_keeps_it(staff_client, other_admin):
    commitment = make_commitment("Launch the bridge")
    audit = make_commitment("Finish the audit")
    form = open_form(staff_client, commitment)
    other_client = Client()
    other_client.force_login(other_admin)
    others = open_form(other_client, commitment)
    others["depends_on"] = str(audit.pk)
    assert submit(other_client, commitment, others).status_code == 302

    form["title"] = "Launch the token bridge"
    response = submit(staff_client, commitment, form)

    assertContains(response, "another admin changed the dependencies (other,")
    commitment.refresh_from_db()
    assert commitment.title == "Launch the bridge"
    assert list(commitment.depends_on.all()) == [audit]


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "field, value, named",
    [
        ("title", "Launch the bridge on Cosmos", "title"),
        ("due_text", "by the end of the year", "due"),
        ("condition", "after the audit", "condition"),
    ],
)
def test_a_form_opened_before_another_admin_changed_a_field_is_refused_naming_it_and_them(staff_client, other_admin, field, value, named):
    commitment = make_commitment("Launch the bridge")
    form = open_form(staff_client, commitment)
    other_client = admin_client(other_admin)
    others = open_form(other_client, commitment)
    others[field] = value
    assert submit(other_client, commitment, others).status_code == 302
    when = timezone.localtime(LogEntry.objects.get(object_id=str(commitment.pk)).action_time)

    form["quote"] = "We will launch the bridge, we said."
    response = submit(staff_client, commitment, form)

    assertContains(response, f"another admin changed the {named} (other, {when:%b %-d, %Y %H:%M}")
    assertContains(response, "Nothing was saved")
    commitment.refresh_from_db()
    assert getattr(commitment, field) == value
    assert commitment.quote != "We will launch the bridge, we said."


def test_a_status_change_and_a_title_change_are_named_together(staff_client, other_admin):
    commitment = make_commitment("Launch the bridge")
    form = open_form(staff_client, commitment)
    other_client = admin_client(other_admin)
    others = open_form(other_client, commitment)
    others.update(title="Launch the bridge now", status="delivered", status_note="Live")
    assert submit(other_client, commitment, others).status_code == 302

    form["condition"] = "after the audit"
    response = submit(staff_client, commitment, form)

    assertContains(response, "another admin changed the status from “No news yet” to “Delivered” and the title (other,")
    commitment.refresh_from_db()
    assert (commitment.title, commitment.condition, commitment.status) == ("Launch the bridge now", "", "delivered")


def test_dependencies_are_saved_only_when_they_changed_on_this_form(staff_client):
    commitment = make_commitment("Launch the bridge")
    audit = make_commitment("Finish the audit")
    commitment.depends_on.add(audit)
    form = open_form(staff_client, commitment)
    through = Commitment.depends_on.through.objects.filter(from_commitment=commitment)
    link = through.get().pk

    form["title"] = "Launch the token bridge"
    assert submit(staff_client, commitment, form).status_code == 302

    assert through.get().pk == link  # not deleted and written again
    form = open_form(staff_client, commitment)
    form["depends_on"] = []
    assert submit(staff_client, commitment, form).status_code == 302
    assert not commitment.depends_on.exists()


def test_an_older_status_in_the_change_form_is_a_form_error_not_a_server_error(staff_client):
    commitment = make_commitment("Launch the mainnet")
    change_status(commitment, "delivered", note="Live", happened_on=datetime.date(2023, 9, 12))
    form = open_form(staff_client, commitment)

    form.update(status="in_progress", status_note="Testnet up", happened_on="2023-08-01", happened_precision="day")
    response = submit(staff_client, commitment, form)

    assertContains(response, "an older report cannot change it")
    assertContains(response, "Testnet up")  # the form is still filled
    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    assert commitment.history.count() == 1


def test_an_older_status_by_the_bulk_action_is_reported_not_a_server_error(staff_client):
    commitment = make_commitment("Launch the mainnet")
    change_status(commitment, "delivered", note="Live", happened_on=datetime.date(2023, 9, 12))

    response = staff_client.post(
        "/admin/commitments/commitment/",
        {"action": "mark_in_progress", "_selected_action": [commitment.pk], "apply": "Apply",
         "note": "Testnet up", "happened_on": "2023-08-01", "happened_precision": "day"},
        follow=True,
    )

    assertContains(response, "an older report cannot change it")
    commitment.refresh_from_db()
    assert commitment.status == "delivered"

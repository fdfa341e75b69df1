"""Every admin action and every custom admin view, found from the admin site's registry (so
one added later is covered without touching this file), run by a staff user who may only view
and by an anonymous visitor: nothing in the database changes."""

import datetime

import pytest
from axes.models import AccessAttempt
from pytest_django.asserts import assertContains, assertNotContains
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from commitments.models import Commitment, EvidenceSuggestion, StatusChange, Turn
from tests.factories import SEED_FILE, make_commitment, make_source, make_speaker

pytestmark = pytest.mark.django_db

# The views every ModelAdmin has; anything else a ModelAdmin routes is a custom view.
STANDARD_VIEWS = {"changelist", "add", "history", "delete", "change", "autocomplete"}


def snapshot():
    """Every row of every table the tracker and auth own, so any write shows up."""
    models = [model for label in ("commitments", "auth", "axes") for model in apps.get_app_config(label).get_models()]
    return {model._meta.label: sorted(map(repr, model.objects.values_list())) for model in models}


@pytest.fixture
def data(db):
    source, later = make_source(), make_source(aired_on="2024-01-01")
    speaker = make_speaker("Bin")
    turn = Turn.objects.create(source=later, position=0, speaker=speaker, text="Mainnet is live.", line_start=1, line_end=1)
    proposed = make_commitment(source=source, speaker=speaker, review=Commitment.Review.PROPOSED)
    accepted = make_commitment(source=source, speaker=speaker, review=Commitment.Review.ACCEPTED)
    EvidenceSuggestion.objects.create(commitment=accepted, turn=turn, sentence="Mainnet is live.", score=1)
    attempt = AccessAttempt.objects.create(username="admin", ip_address="192.0.2.1", failures_since_start=2)
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    return proposed, accepted


@pytest.fixture
def viewer(django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw-viewer-only-1", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return user


def registered_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()]


def every_action():
    """(model admin, action name, function) for each action a superuser is offered, on every model."""
    from django.contrib.auth.models import User

    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return [
        (model_admin, name, func)
        for _, model_admin in registered_admins()
        for name, (func, _, _) in model_admin.get_actions(request).items()
    ]


def every_custom_view():
    """(model admin, url name) for each view a ModelAdmin adds to the standard ones."""
    views = []
    for model, model_admin in registered_admins():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            name = getattr(pattern, "name", None)
            if name and name.startswith(prefix) and name[len(prefix):] not in STANDARD_VIEWS:
                views.append((model_admin, name))
    return views


def custom_view_urls(model_admin, name):
    """The view's URL for each row of its model (or once, when it takes no argument)."""
    try:
        return [reverse(f"admin:{name}")]
    except Exception:
        return [reverse(f"admin:{name}", args=[pk]) for pk in model_admin.model.objects.values_list("pk", flat=True)]


def test_the_walk_finds_the_actions_and_views_there_are():
    actions = {name for _, name, _ in every_action()}
    views = {name for _, name in every_custom_view()}

    assert {"accept", "reject", "mark_broken", "mark_delivered", "mark_reviewed", "accept_suggestions", "dismiss_suggestions", "delete_selected"} <= actions
    assert {
        "commitments_source_import",
        "commitments_evidencesuggestion_accept",
        "commitments_evidencesuggestion_dismiss",
    } <= views


def test_every_custom_action_declares_the_permission_it_needs():
    undeclared = sorted(
        f"{model_admin.model._meta.model_name}.{name}"
        for model_admin, name, func in every_action()
        if not getattr(func, "allowed_permissions", None)
    )

    assert undeclared == []


def post_every_action(client):
    for model_admin, name, _ in every_action():
        opts = model_admin.model._meta
        pks = list(model_admin.model.objects.values_list("pk", flat=True))
        response = client.post(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
            {"action": name, "_selected_action": pks, "index": 0, "post": "yes"},
        )
        assert response.status_code in (200, 302, 403), (name, response.status_code)


def post_every_custom_view(client):
    upload = SEED_FILE.read_bytes()
    for model_admin, name in every_custom_view():
        for url in custom_view_urls(model_admin, name):
            for response in (client.get(url), client.post(url, {"file": SimpleUploadedFile("other-ama.md", upload)})):
                assert response.status_code in (200, 302, 403, 405), (url, response.status_code)


def test_a_view_only_staff_user_changes_nothing_through_actions(client, data, viewer):
    client.force_login(viewer)
    before = snapshot()

    post_every_action(client)

    assert snapshot() == before
    assert not StatusChange.objects.exists()


def test_a_view_only_staff_user_changes_nothing_through_custom_views(client, data, viewer):
    client.force_login(viewer)
    before = snapshot()

    post_every_custom_view(client)

    assert snapshot() == before


def test_an_anonymous_visitor_changes_nothing(client, data):
    before = snapshot()

    post_every_action(client)
    post_every_custom_view(client)

    assert snapshot() == before


def test_the_view_only_user_is_offered_no_action_that_writes(client, data, viewer):
    client.force_login(viewer)

    response = client.get(reverse("admin:commitments_commitment_changelist"))

    assertContains(response, "Select commitment to view")
    assert response.context["action_form"] is None
    assertNotContains(response, "mark_broken")


def test_a_user_who_may_change_commitments_can_still_run_the_actions(client, data, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["view_commitment", "change_commitment"]))
    client.force_login(editor)
    proposed, accepted = data

    client.post(reverse("admin:commitments_commitment_changelist"), {"action": "mark_broken", "_selected_action": [accepted.pk], "apply": "Apply", "note": "Its time passed"})

    accepted.refresh_from_db()
    assert accepted.status == "broken"
    assert accepted.history.get().changed_by == editor

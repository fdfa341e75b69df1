import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment, StatusChange
from commitments.services import add_restatement, change_status
from tests.factories import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/commitments/commitment/"


def run_action(client, action, *commitments, **fields):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in commitments], **fields},
        follow=True,
    )


VERDICTS = ["in_progress", "stalled", "postponed", "partly_delivered", "delivered", "broken", "dropped"]


@pytest.mark.parametrize("status", VERDICTS)
def test_status_actions_write_history_with_reason_and_happened_date_naming_the_user(staff_client, staff_user, status):
    first, second = make_commitment(), make_commitment()

    response = run_action(
        staff_client, f"mark_{status}", first, second,
        apply="Apply", note="Said in the AMA of October", happened_on="2023-10-01", happened_precision="month",
    )

    assertContains(response, "Marked 2 commitment(s)")
    for commitment in (first, second):
        commitment.refresh_from_db()
        assert commitment.status == status
        change = commitment.history.get()
        assert (change.from_status, change.to_status, change.changed_by) == ("pending", status, staff_user)
        assert (change.note, change.happened_on, change.happened_precision) == (
            "Said in the AMA of October", datetime.date(2023, 10, 1), "month"
        )


def test_a_status_action_asks_for_the_reason_before_changing_anything(staff_client):
    commitment = make_commitment("Launch the mainnet")

    response = run_action(staff_client, "mark_broken", commitment)

    assert "Launch the mainnet" in response.content.decode()
    assert 'name="note"' in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"

    response = run_action(staff_client, "mark_broken", commitment, apply="Apply", note="")

    assert "This field is required" in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert not StatusChange.objects.exists()


def test_reviewed_no_change_action_records_the_review_only(staff_client):
    commitment = make_commitment(status="in_progress")

    run_action(staff_client, "mark_reviewed", commitment)

    commitment.refresh_from_db()
    assert commitment.reviewed_at is not None
    assert commitment.status == "in_progress"
    assert not StatusChange.objects.exists()


def test_a_verdict_in_the_change_form_needs_a_reason(staff_client):
    commitment = make_commitment(title="Launch the mainnet")
    url, data = change_form_data(staff_client, commitment, status="broken", status_note="")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Say why it is broken" in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"


def test_mark_pending_action_reopens(staff_client):
    commitment = make_commitment(status=Commitment.Status.DELIVERED)

    run_action(staff_client, "mark_pending", commitment)

    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert commitment.history.get().from_status == "delivered"


def change_form_data(client, commitment, **updates):
    """What the change form posts for `commitment` when a user edits only `updates`."""
    url = f"{CHANGELIST}{commitment.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "depends_on": [],
            "history-TOTAL_FORMS": 0, "suggestions-TOTAL_FORMS": 0, "suggestions-INITIAL_FORMS": 0,
            "history-INITIAL_FORMS": 0,
        }
    )
    data = {k: v for k, v in data.items() if k not in ("turn", "topic", "due_date", "line", "delivered_on")}
    data.update(updates)
    return url, data


def test_status_change_in_the_change_form_writes_history(staff_client, staff_user):
    commitment = make_commitment(title="Launch the mainnet")
    url, data = change_form_data(
        staff_client, commitment,
        status="delivered", status_note="Mainnet went live", evidence_url="https://example.com/mainnet-live",
        happened_on="2023-09-01", happened_precision="month",
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    change = StatusChange.objects.get(commitment=commitment)
    assert (change.to_status, change.changed_by, change.note, change.evidence_url) == (
        "delivered", staff_user, "Mainnet went live", "https://example.com/mainnet-live"
    )
    assert (change.happened_on, change.happened_precision) == (datetime.date(2023, 9, 1), "month")
    assert Commitment.objects.get(pk=commitment.pk).delivered_display == "Sep 2023"


def test_saving_a_delivered_commitment_with_another_status_undoes_the_delivery(staff_client):
    commitment = make_commitment(title="Launch the mainnet")
    change_status(commitment, "delivered", note="Live", happened_on=datetime.date(2023, 9, 12))
    url, data = change_form_data(staff_client, commitment, status="in_progress", status_note="Only the testnet is live")

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert (commitment.status, commitment.delivered_on) == ("in_progress", None)
    assert commitment.history.last().note == "Only the testnet is live"


def test_accept_and_reject_actions_review_proposals(staff_client):
    keep, drop = make_commitment(review="proposed"), make_commitment(review="proposed")

    run_action(staff_client, "accept", keep)
    run_action(staff_client, "reject", drop)

    assert list(Commitment.objects.published()) == [Commitment.objects.get(pk=keep.pk)]
    assert Commitment.objects.get(pk=drop.pk).review == "rejected"


def test_review_queue_filter_lists_proposals(staff_client):
    make_commitment("Waiting for review", review="proposed")
    make_commitment("Already public")

    body = staff_client.get(CHANGELIST, {"review__exact": "proposed"}).content.decode()

    assert "Waiting for review" in body
    assert "Already public" not in body


def test_history_inline_is_read_only(staff_client, staff_user):
    commitment = make_commitment()
    change_status(commitment, "in_progress", by=staff_user, note="Work started on the testnet")

    response = staff_client.get(f"{CHANGELIST}{commitment.pk}/change/")

    assertContains(response, "Work started on the testnet")  # the history row is shown
    assertContains(response, 'name="history-TOTAL_FORMS" value="1"', html=False)
    assertNotContains(response, 'name="history-0-note"')


@pytest.mark.parametrize("url", ["/admin/", CHANGELIST, "/admin/commitments/source/"])
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_non_staff_users_cannot_reach_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-for-tests-only")
    client.force_login(user)

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_permission_cannot_change_status(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="pw-for-tests-only", is_staff=True)
    client.force_login(user)
    commitment = make_commitment()

    response = run_action(client, "mark_delivered", commitment)

    assert response.status_code == 403
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize("path", ["source", "speaker", "topic"])
def test_source_speaker_and_topic_admins_list(staff_client, path):
    make_commitment(
        source=make_source(title="The listed AMA"), speaker=make_speaker("Listed speaker"), topic=make_topic("listed", "Listed topic")
    )
    listed = {"source": "The listed AMA", "speaker": "Listed speaker", "topic": "Listed topic"}[path]

    assertContains(staff_client.get(f"/admin/commitments/{path}/"), listed)


def test_the_change_form_lists_the_restatements(staff_client):
    commitment = make_commitment("Build the CDN layer")
    add_restatement(
        commitment, "We aim to deliver it by the end of Q1.", source=make_source(title="CoinMarketLeague space"),
        due_date=datetime.date(2024, 3, 31), due_precision="quarter",
    )

    response = staff_client.get(f"{CHANGELIST}{commitment.pk}/change/")

    assertContains(response, "CoinMarketLeague space: “We aim to deliver it by the end of Q1.” (due Q1 2024)")


@pytest.mark.parametrize(
    "kind, button, done",
    [("partly", "Accept: mark partly delivered", "marked partly delivered"), ("restated", "Accept: record the restatement", "restatement recorded")],
)
def test_a_suggestion_is_accepted_in_one_click_by_its_kind(staff_client, kind, button, done):
    from commitments.models import EvidenceSuggestion, Turn
    from tests.factories import make_source

    commitment = make_commitment("List on more exchanges")
    later = make_source(title="DeepCoin AMA", aired_on=datetime.date(2023, 11, 28))
    turn = Turn.objects.create(source=later, position=0, speaker=commitment.speaker, text="This is the first futures listing.", line_start=3, line_end=3)
    suggestion = EvidenceSuggestion.objects.create(
        commitment=commitment, turn=turn, sentence="This is the first futures listing.", kind=kind,
        new_due_date=datetime.date(2024, 1, 1), new_due_precision="year", new_due_text="in 2024",
    )
    change_url = f"{CHANGELIST}{commitment.pk}/change/"
    assert button in staff_client.get(change_url).content.decode()

    response = staff_client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/", follow=True)

    assert f"“List on more exchanges” {done}, with the transcript as evidence" in response.content.decode()
    commitment.refresh_from_db()
    if kind == "partly":
        assert commitment.status == "partly_delivered"
        assert commitment.history.get().evidence_turn == turn
    else:
        assert (commitment.status, commitment.restated_count, commitment.due_text) == ("pending", 1, "in 2024")


def test_an_admin_confirms_a_proposed_speaker_as_team(staff_client):
    from django.urls import reverse

    from commitments.models import Speaker

    dana = Speaker.objects.create(name="Dana", team_proposed=True)
    akif = Speaker.objects.create(name="Akif", team_proposed=True)
    url = reverse("admin:commitments_speaker_changelist")

    staff_client.post(url, {"action": "confirm_team", "_selected_action": [dana.pk]})
    response = staff_client.post(url, {"action": "confirm_not_team", "_selected_action": [akif.pk]}, follow=True)

    assertContains(response, "1 speaker(s) confirmed as not team.")
    dana.refresh_from_db(), akif.refresh_from_db()
    assert (dana.is_team, dana.team_confirmed, dana.team_proposed) == (True, True, False)
    assert (akif.is_team, akif.team_confirmed, akif.team_proposed) == (False, True, False)


def test_the_change_form_refuses_a_happened_date_after_today(staff_client):
    commitment = make_commitment(title="Launch the mainnet")
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    url, data = change_form_data(staff_client, commitment, status="delivered", status_note="Live", happened_on=tomorrow.isoformat())

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "It cannot have happened after today." in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).status == "pending"

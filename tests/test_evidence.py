"""Delivery reports in later transcripts become evidence suggestions; an admin decides."""

import pytest
from pytest_django.asserts import assertContains

from commitments import services
from commitments.models import Commitment, EvidenceSuggestion, StatusChange



@pytest.mark.django_db
def test_a_later_launch_report_is_suggested_for_the_mainnet_promise_only(later_import):
    suggestions = EvidenceSuggestion.objects.select_related("commitment")

    assert {s.commitment.slug for s in suggestions} == {"launch-mainnet"}
    [suggestion] = suggestions
    assert suggestion.sentence.startswith("So as you know, our Stratos mainnet was launched")
    assert suggestion.state == "proposed"
    assert (suggestion.kind, suggestion.matched_words) == ("delivered", ["mainnet", "launched"])
    # "more than a month ago" on October 27: September 2023, to the month
    assert (suggestion.happened_on.isoformat(), suggestion.happened_precision) == ("2023-09-01", "month")
    assert Commitment.objects.get(slug="launch-mainnet").status == "pending"  # nothing without an admin


@pytest.mark.django_db
def test_accepting_a_suggestion_in_one_click_records_the_delivery_with_the_turn(later_import, staff_client, staff_user, client):
    suggestion = EvidenceSuggestion.objects.get()
    commitment = suggestion.commitment
    change_page = staff_client.get(f"/admin/commitments/commitment/{commitment.pk}/change/").content.decode()
    assert f'formaction="/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/"' in change_page

    response = staff_client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/")

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "delivered"
    # the report's own "more than a month ago", not the air date
    assert (commitment.delivered_on.isoformat(), commitment.delivered_precision) == ("2023-09-01", "month")
    change = StatusChange.objects.get(commitment=commitment)
    assert (change.changed_by, change.evidence_turn) == (staff_user, suggestion.turn)
    assert EvidenceSuggestion.objects.get().state == "accepted"

    public = client.get(commitment.get_absolute_url()).content.decode()
    assert f'href="{suggestion.turn.get_absolute_url()}"' in public
    assert "Evidence: AMA on Twitter 27.10.2023" in public
    # and everywhere else the delivery shows
    assert "1 of 29 delivered" in client.get("/badge.svg").content.decode()
    assert "launch-mainnet" in client.get("/feed/").content.decode()
    api = client.get("/api/commitments/launch-mainnet/").json()
    assert api["status"] == "delivered" and api["history"][0]["evidence"].endswith(suggestion.turn.anchor)
    csv_text = b"".join(client.get("/export.csv", {"status": "delivered"}).streaming_content).decode()
    assert "Launch the Stratos mainnet" in csv_text
    assert ">1/" in client.get("/charts/").content.decode()  # the topic chart counts it


@pytest.mark.django_db
def test_dismissing_keeps_the_status(later_import, staff_client):
    suggestion = EvidenceSuggestion.objects.get()

    staff_client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/dismiss/")

    assert EvidenceSuggestion.objects.get().state == "dismissed"
    assert Commitment.objects.get(slug="launch-mainnet").status == "pending"


@pytest.mark.django_db
def test_accepting_needs_a_post_and_permission(later_import, client, django_user_model):
    suggestion = EvidenceSuggestion.objects.get()
    intern = django_user_model.objects.create_user("intern", password="pw-for-tests-only", is_staff=True)
    client.force_login(intern)

    assert client.get(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/").status_code == 405
    assert client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/").status_code == 403
    assert Commitment.objects.get(slug="launch-mainnet").status == "pending"


@pytest.mark.django_db
@pytest.mark.parametrize("first, second", [("dismiss", "accept"), ("accept", "dismiss"), ("accept", "accept")])
def test_a_decided_suggestion_is_not_decided_again(later_import, staff_user, first, second):
    decide = {"accept": services.accept_suggestion, "dismiss": services.dismiss_suggestion}
    suggestion = EvidenceSuggestion.objects.get()
    decide[first](suggestion, by=staff_user)
    stale = EvidenceSuggestion.objects.select_related("commitment", "turn__source").get()
    stale.state = EvidenceSuggestion.State.PROPOSED  # a page opened before the first decision

    with pytest.raises(services.SuggestionError, match="already"):
        decide[second](stale, by=staff_user)

    assert EvidenceSuggestion.objects.get().state == {"accept": "accepted", "dismiss": "dismissed"}[first]
    assert StatusChange.objects.count() == (1 if first == "accept" else 0)


@pytest.mark.django_db
def test_the_admin_says_when_a_suggestion_was_already_dismissed(later_import, staff_client):
    suggestion = EvidenceSuggestion.objects.get()
    staff_client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/dismiss/")

    response = staff_client.post(f"/admin/commitments/evidencesuggestion/{suggestion.pk}/accept/", follow=True)

    assertContains(response, "already dismissed")
    assert Commitment.objects.get(slug="launch-mainnet").status == "pending"

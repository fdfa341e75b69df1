"""The review queue, the admin home's to-do list, suggestions first, the searchable evidence
turn, the delivery date, and readers' corrections in the admin."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from commitments.models import Commitment, Correction, EvidenceSuggestion, StatusChange, Turn
from tests.factories import make_commitment, make_source, make_speaker, make_topic
from tests.htmlforms import form_data

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/commitments/commitment/"
QUEUE = CHANGELIST + "?review__exact=proposed"


def proposal(title, **fields):
    return make_commitment(title, review=Commitment.Review.PROPOSED, **fields)


def test_queue_rows_show_title_quote_speaker_due_topic_and_buttons(staff_client):
    first = proposal("Launch the bridge", quote="We will launch the bridge to Solana next month.",
                     topic=make_topic("bridges", "Bridges"), due_date=datetime.date(2024, 4, 1), due_precision="month",
                     speaker=make_speaker("Bin", full_name="Bin Zhu"))

    response = staff_client.get(QUEUE)

    assertContains(response, "Launch the bridge")
    assertContains(response, "We will launch the bridge to Solana next month.")
    assertContains(response, "Bin Zhu")
    assertContains(response, "Apr 2024")
    assertContains(response, "Bridges")
    assertContains(response, f'formaction="{reverse("admin:commitments_commitment_accept", args=[first.pk])}?back=queue"', html=False)
    assertContains(response, f'formaction="{reverse("admin:commitments_commitment_reject", args=[first.pk])}?back=queue"', html=False)


def test_accepting_from_the_row_publishes_and_returns_to_the_queue(staff_client):
    first, second = proposal("One"), proposal("Two")

    response = staff_client.post(
        reverse("admin:commitments_commitment_accept", args=[first.pk]) + "?back=queue", HTTP_REFERER="http://testserver" + QUEUE
    )
    staff_client.post(reverse("admin:commitments_commitment_reject", args=[second.pk]) + "?back=queue")

    assert response.status_code == 302 and response["Location"] == "http://testserver" + QUEUE
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review, second.review) == (Commitment.Review.ACCEPTED, Commitment.Review.REJECTED)


def test_accepting_on_the_proposal_page_goes_to_the_next_proposal_of_its_source(staff_client):
    source = make_source()
    first, second = proposal("One", source=source, line=3), proposal("Two", source=source, line=9)

    page = staff_client.get(f"{CHANGELIST}{first.pk}/change/")
    form = form_data(page.content.decode())
    form["_accept"] = "1"
    response = staff_client.post(f"{CHANGELIST}{first.pk}/change/", form)

    assertContains(page, '<button type="submit" class="button default" name="_accept" value="1">Accept</button>', html=False)
    assert response["Location"] == f"{CHANGELIST}{second.pk}/change/"
    first.refresh_from_db()
    assert first.review == Commitment.Review.ACCEPTED


def test_a_view_only_user_cannot_accept_a_proposal_or_a_correction(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw-viewer-only-1", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    pending = proposal("One")
    correction = Correction.objects.create(commitment=make_commitment(), what_is_wrong="Wrong", address_hash="x")

    assert client.post(reverse("admin:commitments_commitment_accept", args=[pending.pk])).status_code == 403
    assert client.post(reverse("admin:commitments_correction_accept", args=[correction.pk])).status_code == 403
    pending.refresh_from_db(), correction.refresh_from_db()
    assert (pending.review, correction.state) == (Commitment.Review.PROPOSED, Correction.State.NEW)


def test_admin_home_says_what_awaits_review_with_links(staff_client):
    proposal("One"), proposal("Two")
    Correction.objects.create(commitment=make_commitment(), what_is_wrong="Wrong", address_hash="x")

    response = staff_client.get("/admin/")

    assertContains(response, f'<a href="{QUEUE}">2 proposals awaiting review</a>', html=False)
    assertContains(response, "0 suggestions</a>", html=False)
    assertContains(response, "1 reader correction</a>", html=False)
    assertContains(response, f'<a href="{reverse("admin:commitments_source_import")}">Import a transcript</a>', html=False)


LATER_AMA = b"""---
title: AMA on Twitter 03.03.2024
description: Stratos AMA on Twitter Spaces with Bin Zhu, aired on March 3, 2024.
---

## Bridges

<bin>Bin</bin>

We will launch the bridge to Solana next month. Thanks for asking.
"""


def test_import_message_links_to_the_sources_queue_and_suggestions(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = staff_client.post(
        reverse("admin:commitments_source_import"), {"file": SimpleUploadedFile("later-ama.md", LATER_AMA)}, follow=True
    )  # the job's page, once the import is done

    source = Commitment.objects.get().source
    assertContains(response, f"?review__exact=proposed&amp;source__id__exact={source.pk}\">1 proposal(s) in the queue</a>", html=False)
    assertContains(response, f"?state__exact=proposed&amp;turn__source__id__exact={source.pk}\">0 suggestion(s) from later AMAs</a> (deliveries, progress, restatements, postponements)", html=False)
    assertContains(staff_client.get(f"/admin/commitments/evidencesuggestion/?state__exact=proposed&turn__source__id__exact={source.pk}"), "0 evidence suggestions")
    assertContains(staff_client.get(f"/admin/commitments/commitment/?review__exact=proposed&source__id__exact={source.pk}"), "We will launch the bridge")


def test_suggestions_come_before_the_fields_on_a_commitments_page(staff_client):
    commitment = make_commitment("Launch the mainnet")
    later = make_source()
    turn = Turn.objects.create(source=later, position=0, speaker=make_speaker(), text="Mainnet is live.", line_start=1, line_end=1)
    EvidenceSuggestion.objects.create(commitment=commitment, turn=turn, sentence="Mainnet is live.", score=1)

    body = staff_client.get(f"{CHANGELIST}{commitment.pk}/change/").content.decode()

    assert body.index('id="suggestions-group"') < body.index('name="title"')
    assert body.index('name="title"') < body.index('id="history-group"')


def test_evidence_turn_is_chosen_by_searching_the_transcript(staff_client):
    commitment = make_commitment("Launch the mainnet")
    turn = Turn.objects.create(source=make_source(title="Later AMA"), position=0, speaker=make_speaker(), text="Our mainnet is live.", line_start=1, line_end=1)

    page = staff_client.get(f"{CHANGELIST}{commitment.pk}/change/")
    found = staff_client.get("/admin/autocomplete/", {"term": "mainnet is live", "app_label": "commitments", "model_name": "commitment", "field_name": "turn"})

    assertContains(page, 'data-ajax--url="/admin/autocomplete/"', html=False)
    assert 'name="evidence_turn" type="number"' not in page.content.decode()
    assert [result["id"] for result in found.json()["results"]] == [str(turn.pk)]


def change_form_data(client, commitment, **changes):
    form = client.get(f"{CHANGELIST}{commitment.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"depends_on": [], "history-TOTAL_FORMS": 0, "history-INITIAL_FORMS": 0,
                 "suggestions-TOTAL_FORMS": 0, "suggestions-INITIAL_FORMS": 0})
    data = {k: v for k, v in data.items() if k not in ("turn", "topic", "due_date", "line", "delivered_on")}
    data.update(changes)
    return data


def test_the_delivery_date_can_be_set_when_marking_delivered(staff_client):
    commitment = make_commitment("Launch the mainnet")
    url = f"{CHANGELIST}{commitment.pk}/change/"

    response = staff_client.post(url, change_form_data(
        staff_client, commitment, status=Commitment.Status.DELIVERED, status_note="Mainnet is live",
        happened_on="2023-09-12", happened_precision="day",
    ))

    assert response.status_code == 302, response.context["adminform"].form.errors
    commitment.refresh_from_db()
    assert commitment.delivered_on == datetime.date(2023, 9, 12)
    assert StatusChange.objects.get(commitment=commitment).to_status == Commitment.Status.DELIVERED


def test_a_curator_accepts_a_correction_with_a_public_note(staff_client, client):
    commitment = make_commitment("Launch the mainnet")
    correction = Correction.objects.create(commitment=commitment, what_is_wrong="It was September", address_hash="x")

    listing = staff_client.get("/admin/commitments/correction/?state__exact=new")
    response = staff_client.post(
        reverse("admin:commitments_correction_accept", args=[correction.pk]), {"public_note": "Delivery date set to Sep 12."}
    )

    assertContains(listing, "It was September")
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.state == Correction.State.ACCEPTED and correction.public_note == "Delivery date set to Sep 12."
    assertContains(client.get(commitment.get_absolute_url()), "Delivery date set to Sep 12.")
    assertContains(client.get("/corrections/"), "Delivery date set to Sep 12.")


def test_dismissed_correction_stays_private(staff_client, client):
    correction = Correction.objects.create(commitment=make_commitment(), what_is_wrong="Buy my token", address_hash="x")

    staff_client.post(reverse("admin:commitments_correction_dismiss", args=[correction.pk]))

    correction.refresh_from_db()
    assert correction.state == Correction.State.DISMISSED
    assertNotContains(client.get("/corrections/"), "Buy my token")

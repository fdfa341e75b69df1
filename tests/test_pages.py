"""The status page's first screen, identity and method pages, readers' corrections, charts and badge."""

import datetime
import itertools
import time
from urllib.parse import urlencode
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from django.conf import settings

from commitments import charts
from commitments.reading import timephrases
from commitments.filters import CommitmentFilter
from commitments.forms import form_stamp
from commitments.models import Commitment, Correction
from tests import upload_spy
from tests.factories import make_commitment, make_source, make_topic
from tests.htmlforms import form_data

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def titles_in_order(response):
    return [row.record.title for row in response.context["table"].page.object_list]


def test_default_order_is_overdue_first_then_soonest_due_then_undated():
    make_commitment("Undated")
    make_commitment("Due next year", due_date=TODAY.replace(year=TODAY.year + 1), due_precision="day")
    make_commitment("Overdue", due_date=TODAY - datetime.timedelta(days=40), due_precision="day")
    make_commitment("Due soon", due_date=TODAY + datetime.timedelta(days=3), due_precision="day")
    make_commitment("Delivered late", status=Commitment.Status.DELIVERED, due_date=TODAY - datetime.timedelta(days=90), due_precision="day")

    ordered = [c.title for c in Commitment.objects.published().by_urgency(TODAY)]

    assert ordered == ["Overdue", "Delivered late", "Due soon", "Due next year", "Undated"]


def test_status_page_uses_the_urgency_order_by_default_and_undated_last_when_sorted_by_due(client):
    make_commitment("Undated")
    make_commitment("Overdue", due_date=TODAY - datetime.timedelta(days=40), due_precision="day")
    make_commitment("Due soon", due_date=TODAY + datetime.timedelta(days=3), due_precision="day")

    assert titles_in_order(client.get("/")) == ["Overdue", "Due soon", "Undated"]
    assert titles_in_order(client.get("/", {"sort": "due"})) == ["Overdue", "Due soon", "Undated"]
    assert titles_in_order(client.get("/", {"sort": "-due"})) == ["Due soon", "Overdue", "Undated"]


@pytest.fixture
def mixed_urgencies():
    """Sixty commitments: overdue and not, every precision, open and closed, dated and not."""
    statuses, precisions = Commitment.Status.values, ["day", "week", "month", "quarter", "half", "year", ""]
    topics = [make_topic("mainnet"), make_topic("cdn", "CDN")]
    for n in range(60):
        dated = n % 5 != 0
        make_commitment(
            f"Promise {n:02}",
            status=statuses[n % len(statuses)],
            due_date=TODAY + datetime.timedelta(days=(n * 37) % 900 - 450) if dated else None,
            due_precision=precisions[n % len(precisions)] if dated else "",
            topic=topics[n % 2],
        )


@pytest.mark.parametrize("query", [{}, {"topic": "mainnet"}, {"status": ["pending", "stalled"]}, {"overdue": "no"}, {"overdue": "yes"}])
def test_every_page_of_the_default_order_holds_the_urgency_order_row_for_row(client, mixed_urgencies, query):
    filterset = CommitmentFilter(QueryDict(urlencode(query, doseq=True)), queryset=Commitment.objects.published())
    assert filterset.is_valid()
    expected = [c.title for c in filterset.qs.by_urgency(TODAY)]
    assert len(expected) > 14  # three pages or more

    pages = [titles_in_order(client.get("/", {**query, "page": page, "per_page": 7})) for page in range(1, len(expected) // 7 + 2)]

    assert [title for page in pages for title in page] == expected


def test_a_sort_chosen_by_the_reader_replaces_the_urgency_order(client, mixed_urgencies):
    shown = titles_in_order(client.get("/", {"sort": "-title", "per_page": 5, "page": 2}))

    assert shown == [f"Promise {n:02}" for n in range(54, 49, -1)]


def test_scoreboard_is_one_line_of_links_that_filter_and_land_on_the_results(client):
    make_commitment("Overdue", due_date=TODAY - datetime.timedelta(days=40), due_precision="day")
    make_commitment("Delivered", status=Commitment.Status.DELIVERED)

    response = client.get("/")

    assertContains(response, 'href="/?overdue=yes#results">1 overdue</a>', html=False)
    assertContains(response, f'href="/?status={Commitment.Status.DELIVERED}#results">1 delivered (50%)</a>', html=False)
    filtered = client.get("/", {"overdue": "yes"})
    assert titles_in_order(filtered) == ["Overdue"]
    assertContains(filtered, "1 of 2 promises match")


def test_the_scoreline_comes_before_the_table(client):
    make_commitment("Launch the mainnet")

    body = client.get("/").content.decode()

    assert body.index('class="scoreline"') < body.index('id="results"') < body.index('class="commitments"')


def test_several_topics_and_statuses_can_be_chosen_at_once(client):
    make_commitment("Mainnet one", topic=make_topic("mainnet"))
    make_commitment("CDN one", topic=make_topic("cdn"), status=Commitment.Status.DELIVERED)
    make_commitment("Bridge one", topic=make_topic("bridges"))
    make_commitment("Grant one", topic=make_topic("grants"))

    topics = client.get("/", {"topic": ["mainnet", "cdn", "bridges"]})
    statuses = client.get("/", {"status": [Commitment.Status.DELIVERED, Commitment.Status.NO_NEWS], "topic": ["cdn", "grants"]})

    assert sorted(titles_in_order(topics)) == ["Bridge one", "CDN one", "Mainnet one"]
    assert sorted(titles_in_order(statuses)) == ["CDN one", "Grant one"]


def test_topic_chips_add_and_remove_a_topic_keeping_the_other_filters(client):
    make_commitment("Mainnet one", topic=make_topic("mainnet"))
    make_commitment("CDN one", topic=make_topic("cdn"))

    response = client.get("/", {"topic": "mainnet", "q": "one"})
    chips = {chip["slug"]: chip for chip in response.context["topic_chips"]}

    adds_cdn = QueryDict(chips["cdn"]["url"].removeprefix("/?").removesuffix("#results"))
    assert adds_cdn.getlist("topic") == ["mainnet", "cdn"] and adds_cdn["q"] == "one"
    assert chips["cdn"]["url"].endswith("#results")
    assert chips["mainnet"]["selected"] and chips["mainnet"]["url"] == "/?q=one#results"
    assertContains(response, "(chosen: select to remove)")


def test_charts_follow_the_filter(client):
    make_commitment("Mainnet one", topic=make_topic("mainnet"))
    make_commitment("CDN one", topic=make_topic("cdn", "CDN and streaming"))

    assertContains(client.get("/charts/", {"topic": "mainnet"}), "1 commitments made and 0 delivered")
    assertNotContains(client.get("/charts/", {"topic": "mainnet"}), "CDN and streaming:")
    assertContains(client.get("/charts/"), f"CDN and streaming: 1 {Commitment.Status.NO_NEWS.label.lower()}")


@override_settings(PROJECT_NAME="Nimbus")
def test_project_is_named_in_header_and_title(client):
    response = client.get("/")

    assertContains(response, "<title>Nimbus's promises · Commitment Tracker</title>", html=False)
    assertContains(response, '<span class="project">Nimbus</span>', html=False)


def test_commitment_page_has_description_and_link_preview_tags(client):
    commitment = make_commitment("Launch the mainnet", quote="We will launch the mainnet in September.")

    response = client.get(commitment.get_absolute_url())

    assertContains(response, f'<meta property="og:title" content="Launch the mainnet: {Commitment.Status.NO_NEWS.label}">', html=False)
    assertContains(response, '<meta name="twitter:card" content="summary_large_image">', html=False)
    assertContains(response, "content=\"No news yet. “We will launch the mainnet in September.”", html=False)
    assertContains(response, f'<meta name="description" content="{Commitment.Status.NO_NEWS.label}:', html=False)


def test_about_page_explains_each_status_and_due_dates(client):
    response = client.get("/about/")

    for value, label in Commitment.Status.choices:
        assertContains(response, f'<span class="status status-{value}">{label}</span>', html=False)
    assertContains(response, "“next month”</td><td>Sep 2023")
    assertContains(response, "“in Q2”</td><td>Q2 2024")
    assertContains(response, "Who curates")
    for phrase, months in timephrases.horizons_with(settings.VAGUE_DUE_HORIZONS).items():
        assertContains(response, f"“{phrase}”</td><td>{months} month")


@override_settings(CORRECTIONS_CONTACT="corrections@example.org")
def test_about_page_gives_the_contact(client):
    assertContains(client.get("/about/"), 'href="mailto:corrections@example.org"', html=False)


def test_dates_use_one_format(client):
    commitment = make_commitment("Launch", source=make_source(aired_on=datetime.date(2023, 8, 3)),
                                 due_date=datetime.date(2023, 8, 15), due_precision="day")

    response = client.get(commitment.get_absolute_url())

    assertContains(response, "Aug 3, 2023")
    assertContains(response, "Aug 15, 2023")
    assertNotContains(response, "Aug. 3")


SAME_SITE = {"HTTP_ORIGIN": "http://testserver"}


@pytest.mark.parametrize("headers", [{}, {"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/page"}])
def test_a_correction_posted_from_another_site_is_refused(client, headers):
    commitment = make_commitment("Launch the mainnet")

    response = client.post(reverse("send_correction", args=[commitment.slug]), correction_data(), **headers)

    assertContains(response, "must be sent from this site", status_code=403)
    assert not Correction.objects.exists()


def test_the_commitment_page_with_its_form_sets_no_cookie_so_it_can_be_cached(client):
    commitment = make_commitment("Launch the mainnet")

    response = client.get(commitment.get_absolute_url())

    assertContains(response, "Send the correction")
    assert not response.cookies


STAMP_AGES = itertools.count(60)  # a stamp of its own for each form: a stamp is good for one correction


def correction_data(stamp_age=None, **fields):
    age = next(STAMP_AGES) if stamp_age is None else stamp_age
    data = {"what_is_wrong": "The mainnet went live on Sep 12.", "source_url": "https://example.org/news",
            "email": "", "website": "", "stamp": form_stamp(time.time() - age)}
    data.update(fields)
    return data


def test_a_reader_sends_a_correction_without_an_account(client):
    commitment = make_commitment("Launch the mainnet")

    response = client.post(reverse("send_correction", args=[commitment.slug]), correction_data(), follow=True, **SAME_SITE)

    assertContains(response, "your correction was sent")
    assert "csrftoken" not in response.cookies
    correction = Correction.objects.get()
    assert (correction.commitment, correction.state, correction.source_url) == (commitment, Correction.State.NEW, "https://example.org/news")
    assert len(correction.address_hash) == 64 and "127.0.0.1" not in correction.address_hash


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"website": "http://spam.example"}, "This looks automated"),
        ({"stamp": "forged"}, "reload the page"),
        ({"stamp_age": 0}, "quicker than a person"),
        ({"stamp_age": 3 * 24 * 3600}, "more than two days old"),
        ({"what_is_wrong": ""}, "This field is required"),
    ],
)
def test_bots_and_empty_corrections_are_refused_with_a_message(client, fields, message):
    commitment = make_commitment("Launch the mainnet")

    response = client.post(reverse("send_correction", args=[commitment.slug]), correction_data(**fields), **SAME_SITE)

    assertContains(response, message, status_code=400)
    assert not Correction.objects.exists()


def test_a_form_stamp_is_good_for_one_correction_per_client(client):
    commitment = make_commitment("Launch the mainnet")
    url = reverse("send_correction", args=[commitment.slug])
    data = correction_data()

    assert client.post(url, data, **SAME_SITE).status_code == 302
    again = client.post(url, {**data, "what_is_wrong": "And the explorer too."}, **SAME_SITE)
    other_client = client.post(url, data, REMOTE_ADDR="192.0.2.7", **SAME_SITE)

    assertContains(again, "already sent with this form", status_code=400)
    assertContains(again, "And the explorer too.", status_code=400)  # the form shown again, filled
    assert 'name="stamp" value="{}"'.format(data["stamp"]) not in again.content.decode()  # with a fresh stamp
    assert other_client.status_code == 302
    assert Correction.objects.count() == 2


@override_settings(CORRECTIONS_PER_HOUR=2)
def test_corrections_are_throttled_per_address(client):
    commitment = make_commitment("Launch the mainnet")
    url = reverse("send_correction", args=[commitment.slug])

    for _ in range(2):
        assert client.post(url, correction_data(), **SAME_SITE).status_code == 302
    refused = client.post(url, correction_data(), **SAME_SITE)
    other_address = client.post(url, correction_data(), REMOTE_ADDR="192.0.2.7", **SAME_SITE)

    assertContains(refused, "try again later", status_code=429)
    assert other_address.status_code == 302
    assert Correction.objects.count() == 3


@override_settings(CORRECTIONS_PER_HOUR=2, TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_corrections_are_throttled_per_client_not_for_everyone(client):
    commitment = make_commitment("Launch the mainnet")
    url = reverse("send_correction", args=[commitment.slug])
    via_proxy = {"REMOTE_ADDR": "127.0.0.1", **SAME_SITE}

    for _ in range(2):
        assert client.post(url, correction_data(), HTTP_X_FORWARDED_FOR="203.0.113.9", **via_proxy).status_code == 302
    refused = client.post(url, correction_data(), HTTP_X_FORWARDED_FOR="203.0.113.9", **via_proxy)
    other_client = client.post(url, correction_data(), HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)

    assertContains(refused, "try again later", status_code=429)
    assert other_client.status_code == 302
    assert Correction.objects.count() == 3


@override_settings(CORRECTIONS_PER_HOUR=1)
def test_a_forwarded_header_from_an_untrusted_address_does_not_buy_new_corrections(client):
    commitment = make_commitment("Launch the mainnet")
    url = reverse("send_correction", args=[commitment.slug])

    assert client.post(url, correction_data(), HTTP_X_FORWARDED_FOR="203.0.113.1", **SAME_SITE).status_code == 302
    refused = client.post(url, correction_data(), HTTP_X_FORWARDED_FOR="203.0.113.2", **SAME_SITE)

    assertContains(refused, "try again later", status_code=429)
    assert Correction.objects.count() == 1


@pytest.mark.parametrize("origin", ["https://testserver", "http://testserver.evil.example", "http://evil.example"])
def test_a_correction_from_another_origin_is_refused(client, origin):
    commitment = make_commitment("Launch the mainnet")

    response = client.post(reverse("send_correction", args=[commitment.slug]), correction_data(), HTTP_ORIGIN=origin)

    assertContains(response, "sent from this site", status_code=403)
    assert not Correction.objects.exists()


@override_settings(FILE_UPLOAD_HANDLERS=["tests.upload_spy.RecordingUploadHandler"])
def test_a_correction_from_another_origin_is_refused_before_its_body_is_read(client):
    commitment = make_commitment("Launch the mainnet")
    upload_spy.STARTED.clear()
    attachment = SimpleUploadedFile("big.bin", b"x" * 30_000)  # within the anonymous body limit: the origin refuses it

    response = client.post(
        reverse("send_correction", args=[commitment.slug]),
        {**correction_data(), "attachment": attachment},
        HTTP_ORIGIN="http://evil.example",
    )

    assertContains(response, "sent from this site", status_code=403)
    assert upload_spy.STARTED == []  # the body was never parsed
    assert not Correction.objects.exists()


def test_accepted_corrections_are_on_the_timeline_and_the_public_log_dismissed_ones_are_not(client, staff_user):
    commitment = make_commitment("Launch the mainnet")
    accepted = Correction.objects.create(commitment=commitment, what_is_wrong="Wrong date", address_hash="x")
    dismissed = Correction.objects.create(commitment=commitment, what_is_wrong="Spam text", address_hash="x")
    assert accepted.decide(Correction.State.ACCEPTED, by=staff_user, note="Due date corrected to Q3 2023.")
    assert dismissed.decide(Correction.State.DISMISSED, by=staff_user)
    assert not accepted.decide(Correction.State.DISMISSED, by=staff_user)  # decided once

    page = client.get(commitment.get_absolute_url())
    log = client.get("/corrections/")

    assertContains(page, "Due date corrected to Q3 2023.")
    assertContains(page, f'id="correction-{accepted.pk}"', html=False)
    assertContains(log, "Due date corrected to Q3 2023.")
    assertNotContains(log, "Spam text")
    assertNotContains(page, "Spam text")


@pytest.mark.parametrize(
    "delivered, total, colour",
    [(2, 39, "#b3261e"), (12, 31, "#9a5b00"), (20, 31, "#4d7a0c"), (30, 31, "#1c7c3c"), (0, 0, charts.NEUTRAL)],
)
def test_badge_colour_follows_the_delivered_share(delivered, total, colour):
    svg = charts.badge("promises", delivered, total)

    root = ET.fromstring(svg)
    assert root.findall("{http://www.w3.org/2000/svg}rect")[1].get("fill") == colour
    assert f"{delivered} of {total} delivered" in svg


def test_badge_width_comes_from_the_character_width_table():
    narrow, wide = charts.badge("iiii", 1, 2), charts.badge("WWWW", 1, 2)

    assert int(ET.fromstring(narrow).get("width")) < int(ET.fromstring(wide).get("width"))


def test_palette_css_and_charts_share_the_status_colours(client):
    make_commitment("Delivered", status=Commitment.Status.DELIVERED, topic=make_topic("mainnet"))
    css = client.get("/palette.css")

    for value in Commitment.Status.values:
        assertContains(css, f"--status-{value}: {charts.status_colour(value)};")
    assert f'fill="{charts.status_colour(Commitment.Status.DELIVERED)}"' in charts.topic_chart({"Mainnet": {"delivered": 1}})


def test_chart_labels_come_from_the_status_choices():
    svg = charts.topic_chart({"Mainnet": {value: 1 for value in Commitment.Status.values}})

    for label in Commitment.Status.labels:
        assert f">{label}</text>" in svg


def test_progress_chart_steps_up_at_each_date_and_labels_its_axes():
    made = {datetime.date(2023, 8, 3): 10, datetime.date(2024, 3, 3): 5}
    delivered = {datetime.date(2023, 9, 12): 1, datetime.date(2024, 5, 1): 2}

    root = ET.fromstring(charts.cumulative_chart(made, delivered))
    ns = "{http://www.w3.org/2000/svg}"
    made_line, delivered_line = root.findall(f"{ns}polyline")
    heights = sorted({float(point.split(",")[1]) for point in made_line.get("points").split()})
    texts = [text.text for text in root.iter(f"{ns}text")]

    assert len(heights) == 3  # zero, ten, fifteen: two real steps
    assert len({float(p.split(",")[1]) for p in delivered_line.get("points").split()}) == 3
    assert "Commitments, running total" in texts and "Date said (made) or delivered" in texts
    assert {"Aug 2023", "May 2024"} <= set(texts) and "15" in texts  # from the first event to the last


def test_the_filter_form_submits_again_what_the_reader_chose(client):
    source = make_source(title='The <b>"big"</b> AMA', slug="big-ama")
    make_commitment("Mainnet one", topic=make_topic("mainnet"), source=source, review="accepted")
    make_commitment("CDN one", topic=make_topic("cdn", "CDN and streaming"), review="accepted")
    chosen = {"q": "one", "status": ["pending", "delivered"], "topic": "mainnet", "source": "big-ama", "overdue": "no"}

    body = client.get("/", chosen).content.decode()
    form = body[body.index('<form method="get"'):body.index("</form>")]

    assert form_data(form) == {**chosen, "speaker": "", "due_soon": "", "sort": ""}
    assert '<option value="big-ama" selected>The &lt;b&gt;&quot;big&quot;&lt;/b&gt; AMA</option>' in form
    assert '<label class="choice"><input type="checkbox" name="topic" value="mainnet" id="id_topic_1" checked> Mainnet</label>' in form

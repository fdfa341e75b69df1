import codecs
import csv
import datetime
import io

import pytest
from django.core.management import call_command

from commitments.exports import COLUMNS
from commitments.models import Commitment
from commitments.services import change_status
from tests.factories import make_commitment, make_source, make_speaker, make_topic

pytestmark = pytest.mark.django_db


def export(client, **params):
    response = client.get("/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.streaming
    data = b"".join(response.streaming_content)
    assert data.startswith(codecs.BOM_UTF8)  # so spreadsheet programs read it as UTF-8
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_has_one_header_row_with_the_documented_columns(client):
    response = client.get("/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == COLUMNS == (
        "id", "title", "status", "status_label", "overdue", "topic", "speaker", "source", "aired_on", "due_date",
        "due_precision", "due", "due_text", "condition", "restated", "first_due", "slipped_days", "delivered_on",
        "reason", "evidence", "evidence_happened_on", "quote", "url",
        "last_changed",
    )
    assert text.endswith("\r\n")
    assert f'filename="stratos-{datetime.date.today().isoformat()}.csv"' in response["Content-Disposition"]


def test_export_row_values(client, staff_user):
    commitment = make_commitment(
        "Announce the date",
        quote='We will announce it, "exactly", in Toronto,\nat the builder room.',
        speaker=make_speaker("Bin", full_name="Bin Zhu"),
        topic=make_topic("mainnet", "Mainnet"),
        due_date=datetime.date(2023, 8, 15),
        due_precision="day",
        due_text="August 15th",
        condition="",
    )
    change_status(commitment, "delivered", by=staff_user, note="Live", happened_on=datetime.date(2023, 8, 16))

    [row] = export(client)

    assert row["id"] == str(commitment.pk)
    assert row["title"] == "Announce the date"
    assert row["status"] == "delivered"
    assert row["overdue"] == "no"
    assert row["topic"] == "Mainnet"
    assert row["speaker"] == "Bin Zhu"  # as the pages name the speaker
    assert row["aired_on"] == "2023-08-03"
    assert row["due_date"] == "2023-08-15"
    assert row["due_precision"] == "day"
    assert row["due_text"] == "August 15th"
    assert row["delivered_on"] == "2023-08-16"
    assert (row["restated"], row["first_due"], row["slipped_days"]) == ("0", "2023-08-15", "")
    assert row["quote"] == 'We will announce it, "exactly", in Toronto,\nat the builder room.'
    assert row["url"] == f"http://testserver/commitments/{commitment.slug}/"
    assert row["last_changed"] == commitment.history.get().changed_at.isoformat()


def test_export_says_how_often_and_how_far_a_promise_was_restated(client):
    from commitments.services import add_restatement

    commitment = make_commitment(due_date=datetime.date(2023, 12, 1), due_precision="month")
    later = make_source(aired_on=datetime.date(2024, 1, 21))
    add_restatement(commitment, "By the end of Q1.", source=later, due_date=datetime.date(2024, 1, 1), due_precision="quarter")
    add_restatement(commitment, "In 2024.", source=make_source(aired_on=datetime.date(2024, 2, 12)), due_date=datetime.date(2024, 12, 31), due_precision="year")

    [row] = export(client)

    assert (row["restated"], row["first_due"], row["due_date"], row["slipped_days"]) == ("2", "2023-12-01", "2024-12-31", "366")


def test_export_marks_overdue(client):
    make_commitment(due_date=datetime.date(2020, 1, 1), due_precision="day")

    assert export(client)[0]["overdue"] == "yes"


def test_export_respects_the_filters_and_hides_proposals(client):
    make_commitment("Mainnet launch", topic=make_topic("mainnet"))
    make_commitment("CDN layer", topic=make_topic("cdn"), status=Commitment.Status.DELIVERED)
    make_commitment("A proposal", topic=make_topic("cdn"), review=Commitment.Review.PROPOSED)

    assert [r["title"] for r in export(client, topic="cdn")] == ["CDN layer"]
    assert [r["title"] for r in export(client, status="pending")] == ["Mainnet launch"]
    assert sorted(r["title"] for r in export(client)) == ["CDN layer", "Mainnet launch"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_cells_are_neutralised(client, dangerous):
    make_commitment(dangerous, quote=dangerous, due_text=dangerous, condition=dangerous)

    [row] = export(client)

    for column in ("title", "quote", "due_text", "condition"):
        assert row[column] == "'" + dangerous


def test_export_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    for n in range(50):
        make_commitment()

    with django_assert_max_num_queries(4) as queries:
        assert len(export(client)) == 50
    assert len(queries.captured_queries) >= 1


def test_export_command_writes_the_same_csv(tmp_path, client):
    make_commitment("Mainnet launch", topic=make_topic("mainnet"))
    make_commitment("CDN layer", topic=make_topic("cdn"))
    output = tmp_path / "out.csv"

    call_command("export_commitments", "--output", str(output), "--topic", "cdn", "--base-url", "http://testserver")

    rows = list(csv.DictReader(output.open(encoding="utf-8-sig", newline="")))
    assert rows == export(client, topic="cdn")


def test_export_command_refuses_an_unknown_topic():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--topic"):
        call_command("export_commitments", "--topic", "nope")


def test_export_names_a_speaker_without_full_name_by_name(client):
    make_commitment(speaker=make_speaker("Claire"))

    [row] = export(client)

    assert row["speaker"] == "Claire"


def test_export_gives_the_commitments_own_time_when_its_status_never_changed(client):
    commitment = make_commitment()

    [row] = export(client)

    assert row["last_changed"] == commitment.updated_at.isoformat()
    assert row["delivered_on"] == row["due_date"] == ""


def test_a_due_period_is_exported_as_the_period_not_its_first_day(client):
    make_commitment(due_date=datetime.date(2024, 12, 31), due_precision="year", due_text="this year")
    make_commitment(due_date=datetime.date(2024, 4, 1), due_precision="quarter", due_text="in Q2")

    text = b"".join(client.get("/export.csv").streaming_content).decode("utf-8-sig")
    rows = {row["due"] for row in csv.DictReader(io.StringIO(text))}

    assert rows == {"by the end of 2024", "Q2 2024"}


def test_a_spreadsheet_reads_the_story_of_each_promise_from_the_export(client, staff_user):
    later = make_source(title="AMA of Feb 27, 2024", aired_on=datetime.date(2024, 2, 27))
    commitment = make_commitment(
        "Ship the wallet",
        quote="Le portefeuille arrive « bientôt », promis — 日本語も",
        due_date=datetime.date(2023, 12, 31),
        due_precision="quarter",
        due_text="in Q4",
    )
    change_status(
        commitment, "partly_delivered", by=staff_user, note="Only the desktop wallet shipped",
        evidence_url="https://example.org/wallet-release", happened_on=datetime.date(2024, 1, 9),
    )
    make_commitment("Open the grants", source=later)

    response = client.get("/export.csv", {"status": "partly_delivered"})
    data = b"".join(response.streaming_content)
    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as file:
        [row] = list(csv.DictReader(file))

    assert row["quote"] == "Le portefeuille arrive « bientôt », promis — 日本語も"
    assert row["status"] == "partly_delivered"
    assert row["status_label"] == dict(Commitment.Status.choices)["partly_delivered"]
    assert row["reason"] == "Only the desktop wallet shipped"
    assert row["evidence"] == "https://example.org/wallet-release"
    assert row["evidence_happened_on"] == "2024-01-09"
    for column in ("aired_on", "due_date", "first_due", "evidence_happened_on"):
        assert datetime.date.fromisoformat(row[column])
    assert datetime.datetime.fromisoformat(row["last_changed"]).tzinfo is not None
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="stratos-partly-delivered-{today}.csv"'


def test_an_export_file_is_named_after_its_filter(client):
    make_commitment(due_date=datetime.date(2020, 1, 1))
    today = datetime.date.today().isoformat()

    response = client.get("/export.csv", {"overdue": "yes"})

    assert response["Content-Disposition"] == f'attachment; filename="stratos-overdue-{today}.csv"'


def test_evidence_from_a_later_source_links_its_turn(client, staff_user):
    from commitments.models import Turn

    later = make_source(title="Later AMA", aired_on=datetime.date(2024, 2, 27))
    turn = Turn.objects.create(source=later, position=4, speaker=make_speaker("Bin"), text="It shipped.", line_start=1, line_end=2)
    commitment = make_commitment("Ship it")
    change_status(commitment, "delivered", by=staff_user, note="Said so", evidence_turn=turn, happened_on=datetime.date(2024, 2, 20))

    [row] = export(client)

    assert row["evidence"] == "http://testserver" + turn.get_absolute_url()
    assert row["evidence_happened_on"] == "2024-02-20"


def test_export_command_names_the_file_after_the_filter_in_a_folder(tmp_path):
    make_commitment("Old", due_date=datetime.date(2020, 1, 1))

    call_command("export_commitments", "--output", str(tmp_path), "--overdue", "yes")

    [written] = tmp_path.iterdir()
    assert written.name == f"stratos-overdue-{datetime.date.today().isoformat()}.csv"
    assert written.read_bytes().startswith(codecs.BOM_UTF8)
    [row] = list(csv.DictReader(written.open(encoding="utf-8-sig", newline="")))
    assert row["title"] == "Old" and row["status_label"]


def test_the_export_command_offers_every_filter_of_the_status_page():
    from commitments.filters import CommitmentFilter
    from commitments.management.commands.export_commitments import Command

    parser = Command().create_parser("manage.py", "export_commitments")
    options = {action.dest for action in parser._actions}
    assert set(CommitmentFilter.base_filters) <= options

"""The CSV export opened by LibreOffice (headless `soffice --convert-to`), the way a reader's
spreadsheet program reads it: a non-ASCII quote intact, the byte-order mark not leaking into the
first column's name, ISO dates, labels, reason and evidence columns."""

import csv
import datetime
import os
import shutil
import subprocess

import pytest

from commitments.services import change_status
from tests.factories import make_commitment, make_speaker, make_topic

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
QUOTE = "Мы запустим «mainnet» в Торонто — já, naïve, 5 €\nand the “builder room” after."


def soffice_or_skip():
    if SOFFICE:
        return SOFFICE
    if os.environ.get("CI") == "true":
        pytest.fail("soffice (LibreOffice) is required under CI=true: apt-get install libreoffice-calc-nogui")
    pytest.skip("soffice (LibreOffice) not installed: apt-get install libreoffice-calc-nogui")


def test_libreoffice_opens_the_csv_with_a_non_ascii_quote_intact(client, staff_user, tmp_path):
    soffice = soffice_or_skip()
    commitment = make_commitment(
        "Launch the mainnet", quote=QUOTE, speaker=make_speaker("Bin"), topic=make_topic("mainnet", "Mainnet"),
        due_date=datetime.date(2023, 8, 15), due_precision="day",
    )
    change_status(commitment, "delivered", by=staff_user, note="Запущен: live since the 16th", evidence_url="https://example.com/ü",
                  happened_on=datetime.date(2023, 8, 16))
    response = client.get("/export.csv")
    exported = tmp_path / "commitments.csv"
    exported.write_bytes(b"".join(response.streaming_content))

    # The charset is named as a reader picks it in the Text Import dialog: the headless
    # converter does not look at the byte-order mark and reads Windows-1252 without it.
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--infilter=CSV:44,34,UTF8", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
         "--outdir", str(tmp_path / "out"), str(exported)],
        check=True, capture_output=True, timeout=180,
    )
    with open(tmp_path / "out" / "commitments.csv", encoding="utf-8", newline="") as read_back:
        [row] = list(csv.DictReader(read_back))

    assert list(row)[0] == "id"  # the byte-order mark was read as one, not as part of the name
    assert row["quote"] == QUOTE
    assert row["title"] == "Launch the mainnet"
    assert (row["status"], row["status_label"]) == ("delivered", "Delivered")
    assert row["reason"] == "Запущен: live since the 16th"
    assert row["evidence"] == "https://example.com/ü"
    assert (row["due_date"], row["delivered_on"], row["evidence_happened_on"]) == ("2023-08-15", "2023-08-16", "2023-08-16")

"""Claims extract rows that are refused: each rule, one bad value at a time (row, column, code).

Each test runs on the database for small files and on the one for large files (the joins'
build sides differ), as the other imports' rule tests do.
"""

from __future__ import annotations

import datetime

import duckdb
import pytest

from pantau.ingest import importer
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, RINA, claim, claims, issues
from tests.ingest.files import write_csv


@pytest.fixture(autouse=True, params=["small_file", "large_file"])
def database(request, monkeypatch):
    if request.param == "large_file":
        monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)
    return request.param


TOMORROW = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()


def rejected(tmp_path, **changes) -> list[tuple[int, str, str, str]]:
    """The errors of a file whose second row (file row 3) has `changes` (a value that a
    spreadsheet would run as a formula, as "-1", is shown with an apostrophe)."""
    rows = [claim(claim_no="A-1", nik=ANDI), claim(**{"claim_no": "A-2", **changes})]
    summary = claims(write_csv(tmp_path / "c.csv", rows), dry_run=True)
    found = issues(summary, "galat")
    assert summary.rows == 2 and summary.accepted == 1 and summary.rejected == 1, found
    return found


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"nik": "123"}, (3, "nik", "nik_format", "123")),
        ({"nik": ""}, (3, "nik", "nik_missing", "")),
        ({"nik": "6402050000000001"}, (3, "nik", "nik_birth_date", "6402050000000001")),
        ({"nik": "6402054507900000"}, (3, "nik", "nik_serial", "6402054507900000")),
        ({"nik": "9902054507900001"}, (3, "nik", "nik_province", "99")),
        ({"claim_no": ""}, (3, "claim_no", "claim_no_missing", "")),
        ({"program": "JKN"}, (3, "program", "program_invalid", "JKN")),
        ({"event": "banjir"}, (3, "event", "claim_event_invalid", "banjir")),
        ({"event": "old_age"}, (3, "event", "claim_event_invalid", "old_age")),  # not JKM
        ({"program": "JKP", "event": "death"}, (3, "event", "claim_event_invalid", "death")),
        ({"event": ""}, (3, "event", "claim_event_invalid", "")),
        ({"event_date": "14 Juni"}, (3, "event_date", "event_date_invalid", "14 Juni")),
        ({"event_date": ""}, (3, "event_date", "event_date_invalid", "")),
        ({"event_date": TOMORROW}, (3, "event_date", "event_date_future", TOMORROW)),
        ({"paid_on": "2022-13-01"}, (3, "paid_on", "paid_on_invalid", "2022-13-01")),
        ({"amount": ""}, (3, "amount", "amount_missing", "")),
        ({"amount": "42jt"}, (3, "amount", "amount_invalid", "42jt")),
        ({"amount": "-42000000"}, (3, "amount", "amount_negative", "'-42000000")),
        ({"scholarship": "-1"}, (3, "scholarship", "amount_negative", "'-1")),
        ({"wage": "tiga juta"}, (3, "wage", "amount_invalid", "tiga juta")),
        ({"region_code": ""}, (3, "region_code", "region_missing", "")),
        ({"region_code": "64.99"}, (3, "region_code", "region_unknown", "64.99")),
        ({"region_code": "64"}, (3, "region_code", "region_level", "64")),
        ({"payer_type": "pusat"}, (3, "payer_type", "payer_type_invalid", "pusat")),
        ({"payer_region": ""}, (3, "payer_region", "payer_region_missing", "")),
        ({"payer_region": "64.02"}, (3, "payer_region", "payer_region_invalid", "64.02")),
        ({"segment": "ASN"}, (3, "segment", "segment_invalid", "ASN")),
        ({"name": "=HYPERLINK(1)"}, (3, "name", "formula", "'=HYPERLINK(1)")),
    ],
)  # fmt: skip
def test_each_rule_rejects_its_row(db, tmp_path, changes, expected):
    assert rejected(tmp_path, **changes) == [expected]


def test_paid_on_in_the_future(db, tmp_path):
    assert rejected(tmp_path, paid_on=TOMORROW) == [(3, "paid_on", "paid_on_future", TOMORROW)]


def test_a_repeated_claim_number_rejects_every_later_row(db, tmp_path):
    rows = [claim(claim_no="K-1"), claim(claim_no="K-2", nik=ANDI), claim(claim_no="K-1", nik=RINA),
            claim(claim_no="K-1", nik=RINA, paid_on="2022-07-06")]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert (summary.accepted, summary.rejected) == (2, 2)
    found = issues(summary, "galat")
    assert found == [(4, "claim_no", "claim_no_duplicate", "2"),
                     (5, "claim_no", "claim_no_duplicate", "2")]  # fmt: skip


def test_one_person_may_have_several_claims(db, tmp_path):
    rows = [claim(claim_no="K-1", program="JKK", event="accident", amount="1500000"),
            claim(claim_no="K-2")]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows), dry_run=True)
    assert (summary.accepted, summary.rejected) == (2, 0)


def test_indonesian_words_and_headers(db, tmp_path):
    header = ["No Klaim", "NIK", "Nama", "Program", "Sebab Klaim", "Tanggal Kejadian",
              "Tanggal Pembayaran", "Jumlah Dibayar", "Beasiswa", "Upah", "Kode Wilayah",
              "Jenis Pembayar", "Wilayah Pembayar", "Segmen", "Kantor Cabang",
              "Hubungan Ahli Waris"]  # fmt: skip
    rows = [
        ["K-1", ANDI, "Andi", "jkm", "Meninggal Dunia", "14/06/2022", "05-07-2022",
         "Rp 42.000.000", "", "3.500.000", "6402052001", "APBDes", "6402052001",
         "Bukan Penerima Upah", "Tenggarong", "istri"],
        ["K-2", RINA, "Rina", "JHT", "PHK", "2022-06-01", "2022-07-01", "15000000", "", "",
         "64.02", "employer", "", "PU", "", ""],
        ["K-3", RINA, "Rina", "JKP", "phk", "2022-06-01", "2022-07-01", "5000000", "", "",
         "64.02", "employer", "", "PU", "", ""],
    ]  # fmt: skip
    path = tmp_path / "c.csv"
    write_csv(path, [dict(zip(header, row, strict=True)) for row in rows], header)
    summary = claims(path)
    assert (summary.accepted, summary.rejected) == (3, 0), issues(summary)
    assert summary.header["event"] == "Sebab Klaim"
    data = Snapshot.objects.get().absolute_path / "data"
    stored = duckdb.sql(
        f"SELECT claim_no, program, event, event_date, paid_on, amount, wage, region_code, "
        f"payer_type, segment, expected_amount FROM read_parquet('{data}/**/*.parquet') "
        "ORDER BY claim_no"
    ).fetchall()
    assert stored == [
        ("K-1", "JKM", "death", datetime.date(2022, 6, 14), datetime.date(2022, 7, 5),
         42_000_000, 3_500_000, "64.02.05.2001", "apbdes", "BPU", 42_000_000),
        ("K-2", "JHT", "resignation", datetime.date(2022, 6, 1), datetime.date(2022, 7, 1),
         15_000_000, None, "64.02", "employer", "PU", None),
        ("K-3", "JKP", "job_loss", datetime.date(2022, 6, 1), datetime.date(2022, 7, 1),
         5_000_000, None, "64.02", "employer", "PU", None),
    ]  # fmt: skip


def test_jht_is_paid_on_leaving_work_and_on_a_job_loss(db, tmp_path):
    rows = [claim(claim_no="K-1", program="JHT", event="job_loss", amount="9000000"),
            claim(claim_no="K-2", program="JHT", event="Pemutusan Hubungan Kerja",
                  amount="9000000"),
            claim(claim_no="K-3", program="JKP", event="PHK", amount="5000000")]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows))
    assert (summary.accepted, summary.rejected) == (3, 0), issues(summary, "galat")
    data = Snapshot.objects.get().absolute_path / "data"
    events = duckdb.sql(
        f"SELECT claim_no, event FROM read_parquet('{data}/**/*.parquet') ORDER BY claim_no"
    ).fetchall()
    assert events == [("K-1", "job_loss"), ("K-2", "resignation"), ("K-3", "job_loss")]

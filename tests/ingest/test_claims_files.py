"""A claims extract as CSV or XLSX (typed cells: dates, numbers; a title above the header)
gives the same claims; a hostile workbook is refused as for the other imports."""

from __future__ import annotations

import datetime

import duckdb
import pytest

from pantau.ingest.types import FileRejected
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, CLAIM_HEADER, claim, claims
from tests.ingest.files import write_csv, write_xlsx
from tests.ingest.hostile import zip_bomb_workbook

HEADER = ["No Klaim", "NIK", "Nama", "Program", "Jenis Klaim", "Tanggal Kejadian",
          "Tanggal Bayar", "Nominal", "Beasiswa", "Upah", "Kode Wilayah", "Jenis Pembayar",
          "Wilayah Pembayar", "Segmen", "Kantor Cabang", "Hubungan Ahli Waris"]  # fmt: skip
ROWS = [
    ["K-1", ANDI, "Andi", "JKM", "meninggal", datetime.date(2022, 6, 14),
     datetime.date(2022, 7, 5), 42_000_000, None, 3_500_000, "64.02.05.2001", "apbdes",
     "64.02.05.2001", "BPU", "Tenggarong", "istri"],
    ["K-2", ANDI, "Andi", "JKK", "kecelakaan kerja", datetime.date(2022, 5, 2),
     datetime.date(2022, 5, 30), 1_250_000, None, 3_500_000, "64.02", "employer", None, "PU",
     None, None],
]  # fmt: skip


def lake(summary) -> list[tuple]:
    data = Snapshot.objects.get(pk=summary.snapshot).absolute_path / "data"
    return duckdb.sql(
        f"SELECT * EXCLUDE (source_row, province_code) "
        f"FROM read_parquet('{data}/**/*.parquet', hive_partitioning = true) ORDER BY claim_no"
    ).fetchall()


def test_csv_and_xlsx_give_the_same_claims(db, tmp_path):
    xlsx = claims(write_xlsx(tmp_path / "klaim.xlsx", ROWS, header=HEADER))
    text = [[value.isoformat() if isinstance(value, datetime.date) else
             "" if value is None else str(value) for value in row] for row in ROWS]  # fmt: skip
    csv = claims(write_csv(tmp_path / "klaim.csv",
                           [dict(zip(CLAIM_HEADER, row, strict=True)) for row in text],
                           CLAIM_HEADER))  # fmt: skip
    assert (xlsx.accepted, xlsx.rejected, csv.accepted, csv.rejected) == (2, 0, 2, 0)
    assert lake(xlsx) == lake(csv)
    first = lake(xlsx)[0]
    assert first[:8] == ("K-1", ANDI, "Andi", "JKM", "death", datetime.date(2022, 6, 14),
                         datetime.date(2022, 7, 5), 42_000_000)  # fmt: skip


def test_stored_columns_and_types(db, tmp_path):
    summary = claims(write_csv(tmp_path / "klaim.csv", [claim()]))
    data = Snapshot.objects.get(pk=summary.snapshot).absolute_path / "data"
    schema = duckdb.sql(
        f"DESCRIBE SELECT * FROM read_parquet('{data}/**/*.parquet', hive_partitioning = true, "
        "hive_types = {'province_code': VARCHAR})"
    ).fetchall()
    assert [(name, kind) for name, kind, *_ in schema] == [
        ("claim_no", "VARCHAR"), ("nik", "VARCHAR"), ("name", "VARCHAR"),
        ("program", "VARCHAR"), ("event", "VARCHAR"), ("event_date", "DATE"),
        ("paid_on", "DATE"), ("amount", "BIGINT"), ("scholarship", "BIGINT"),
        ("wage", "BIGINT"), ("region_code", "VARCHAR"), ("payer_type", "VARCHAR"),
        ("payer_region", "VARCHAR"), ("segment", "VARCHAR"), ("branch", "VARCHAR"),
        ("heir_relation", "VARCHAR"), ("expected_amount", "BIGINT"),
        ("expected_basis", "VARCHAR"), ("source_row", "BIGINT"), ("errors", "JSON"),
        ("warnings", "JSON"), ("nik_raw", "VARCHAR"), ("province_code", "VARCHAR"),
    ]  # fmt: skip
    assert (data / "province_code=64").is_dir()
    assert (data.parent / "errors.csv").stat().st_mode & 0o777 == 0o600


def test_a_zip_bomb_is_refused_before_it_is_opened(db, tmp_path):
    rows = [HEADER, [str(value) if value is not None else "" for value in ROWS[0]]]
    path = zip_bomb_workbook(tmp_path / "bom.xlsx", rows, megabytes=64)
    with pytest.raises(FileRejected) as refused:
        claims(path)
    assert refused.value.code == "xlsx_zip_bomb"
    assert not Snapshot.objects.exists()


def test_a_file_without_the_required_columns_is_refused(db, tmp_path):
    path = write_csv(tmp_path / "klaim.csv", [{"nik": ANDI, "program": "JKM"}])
    with pytest.raises(FileRejected) as refused:
        claims(path)
    assert refused.value.code == "missing_column"
    assert "claim_no" in refused.value.message_id and "amount" in refused.value.message_en


def test_a_row_of_too_many_cells_past_the_first_block_is_read_again_carefully(db, tmp_path):
    # Far past the fast reader's first 4 MB block: the stream fails while the claims
    # partitions are being written, and the file is read again on the careful path.
    count = 40_000
    rows = [claim(claim_no=f"JKM-{index:06d}") for index in range(count)]
    path = write_csv(tmp_path / "klaim.csv", rows)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(",".join(claim(claim_no="JKM-EXTRA").values()) + ",extra\n")
    summary = claims(path)
    snapshot = Snapshot.objects.get(pk=summary.snapshot)
    assert snapshot.header_mapping["reader"] == "careful"
    assert (summary.rows, summary.accepted, summary.rejected) == (count + 1, count + 1, 0)

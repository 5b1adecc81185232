"""`pantau import dir` checks many small worker lists as one batch (`ingest.batch`): every
list's snapshot, stored rows, counts and error report are exactly those of importing the
lists one by one in path order, with the demo generator's planted mistakes, a NIK twice in
a list, NIKs on a Pemda's other lists (in the batch, and current before it), a list that
names no place, and files the batch leaves to the one-by-one path (Windows-1252, a header
under title rows, a line break in a cell, nothing but a totals line)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from pantau.core.vocabulary import Kind
from pantau.ingest.directory import import_directory
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.ingest.validation import STORED_COLUMNS
from pantau.lake.models import Snapshot
from pantau.site.demo.generate import generate_files

COLUMNS = ", ".join(
    (*STORED_COLUMNS[Kind.WORKERS], "source_row", "errors", "warnings", "nik_raw", "province_code")
)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _without_column(lines: list[str], name: str) -> str:
    rows = list(csv.reader(lines))
    drop = rows[0].index(name)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [cell for index, cell in enumerate(row) if index != drop] for row in rows
    )
    return out.getvalue()


@pytest.fixture
def listed(tmp_path) -> Path:
    """Kaltim's demo lists at a small scale, with the cases the batch must settle as the
    one-by-one path does, and files it must leave to that path."""
    files = tmp_path / "files"
    generate_files(files, scale=0.05, provinces=["64"], as_of=["2022-07"])
    workers = files / "workers"
    non_asn = _lines(workers / "6402_non_asn_2022.csv")
    header, first, second = non_asn[:3]
    # A NIK twice in one list; two of its NIKs on the Pemda's village officials' list too.
    (workers / "6402_non_asn_2022.csv").write_text("\n".join([*non_asn, first]) + "\n")
    officials = _lines(workers / "6402_village_official_2022.csv")
    (workers / "6402_village_official_2022.csv").write_text(
        "\n".join([*officials, second, first]) + "\n"
    )
    berau = _lines(workers / "6403_non_asn_2022.csv")
    # No place column: everyone at the Pemda, one warning for the file.
    (workers / "6403_non_asn_2021.csv").write_text(_without_column(berau, "region_code"))
    # For the one-by-one path: Windows-1252, title rows, a line break in a cell.
    (workers / "6407_non_asn_2021.csv").write_bytes(
        "\n".join([header, *berau[1:4]]).replace("64.03", "64.07").encode("cp1252")
        + "\nJosé Café,x\n".encode("cp1252")
    )
    (workers / "6408_non_asn_2021.csv").write_text(
        "Daftar Non ASN 2021\n\n" + "\n".join([header, *berau[1:4]]).replace("64.03", "64.08")
    )
    nik, _name, *rest = berau[2].split(",")
    (workers / "6409_non_asn_2021.csv").write_text(
        "\n".join([header, berau[1], ",".join([nik, '"Siti\nAminah"', *rest])])
        .replace("64.03", "64.09") + "\n"
    )  # fmt: skip
    # Nothing but a totals line: refused on both paths, with the same words.
    (workers / "6411_non_asn_2021.csv").write_text(header + "\n,JUMLAH,,,,,\n")
    return files


def _lake() -> dict:
    """Every worker list as stored: its numbers, rows and report, by target."""
    state = {}
    for snapshot in Snapshot.objects.filter(kind=Kind.WORKERS):
        data = snapshot.absolute_path / "data"
        rows = duckdb.sql(
            f"SELECT {COLUMNS} FROM read_parquet('{data}/**/*.parquet', hive_partitioning = true) "
            "ORDER BY source_row"
        ).fetchall() if any(data.glob("*/*.parquet")) else []  # fmt: skip
        report = snapshot.absolute_path / "errors.csv"
        state[(snapshot.pemda_id, snapshot.category, snapshot.year)] = (
            snapshot.rows, snapshot.accepted, snapshot.rejected, snapshot.warnings,
            snapshot.provinces, snapshot.header_mapping["duplicates"], snapshot.is_current,
            bool(snapshot.errors_csv), bool(snapshot.errors_xlsx), rows,
            report.read_text() if report.exists() else None,
        )  # fmt: skip
    return state


def _in_new_data_directory(settings, path: Path) -> None:
    Snapshot.objects.all().delete()
    settings.DATA_DIR = path
    path.mkdir()


def test_a_batch_stores_what_importing_one_by_one_stores(db, settings, tmp_path, listed):
    _in_new_data_directory(settings, tmp_path / "one-by-one")
    alone = import_directory(listed, processes=1, batches=False)
    expected = _lake()

    _in_new_data_directory(settings, tmp_path / "batched")
    batched = import_directory(listed, processes=1)

    assert _lake() == expected
    assert (batched.files, batched.rows, batched.accepted, batched.rejected) == (
        alone.files, alone.rows, alone.accepted, alone.rejected,
    )  # fmt: skip
    assert batched.refused == alone.refused and len(batched.refused) == 1
    assert "6411_non_asn_2021.csv: Berkas tidak berisi baris data" in batched.refused[0]
    # Not vacuous: the cases are there, and most lists went through the batch.
    kukar_officials = expected[("64.02", "village_official", 2022)]
    assert kukar_officials[10].count("nik_on_other_list") == 2
    assert "non_asn" in kukar_officials[10]
    assert expected[("64.02", "non_asn", 2022)][5] == 1  # the repeated NIK
    assert "place_missing" in expected[("64.03", "non_asn", 2021)][10]
    readers = Counter(s.header_mapping["reader"] for s in Snapshot.objects.filter(kind="workers"))
    assert readers["batch"] >= 20 and readers["batch"] + readers["careful"] == len(expected)
    assert readers["careful"] == 3  # Windows-1252, title rows, a line break in a cell

    again = import_directory(listed, processes=1)
    assert again.statuses == Counter({"unchanged": batched.files - 1})


def test_a_list_current_before_the_batch_counts_as_another_list(db, settings, tmp_path, listed):
    """The village officials' list meets the non-ASN list's NIKs in the catalog, not in
    the batch; and the non-ASN file, unchanged, is not imported again."""
    non_asn = ImportRequest(listed / "workers" / "6402_non_asn_2022.csv", Kind.WORKERS,
                            pemda_code="64.02", category="non_asn", year=2022)  # fmt: skip
    officials = [listed / "workers" / name for name in ("6402_village_official_2022.csv",)]
    for path in listed.glob("*/*.csv"):
        if path not in officials and path.name != "6402_non_asn_2022.csv":
            path.unlink()
    states = []
    for batches in (False, True):
        _in_new_data_directory(settings, tmp_path / f"batches-{batches}")
        import_file(ImportRequest(**vars(non_asn)))
        loaded = import_directory(listed, processes=1, batches=batches)
        assert loaded.statuses == Counter({"unchanged": 1, "created": 1})
        states.append(_lake())
    assert states[0] == states[1]
    assert states[1][("64.02", "village_official", 2022)][10].count("nik_on_other_list") == 2

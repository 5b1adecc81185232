"""The small-table kit (`pantau.ingest.tables`): cells, whole numbers, named rows, the report."""

from __future__ import annotations

import csv
import os
import stat
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from pantau.core.messages import ERROR, WARNING, Issue
from pantau.ingest import tables
from pantau.ingest.formats import Column
from pantau.ingest.types import FileRejected

COLUMNS = (
    Column("code", ("kode",), required=True),
    Column("amount", ("jumlah",), required=True),
    Column("note", ("catatan",)),
)


class KitIssue(Issue):
    catalogue = {
        "amount_invalid": (ERROR, "Bukan angka ({value}).", "Not a number ({value})."),
        "code_missing": (ERROR, "Kode kosong.", "The code is empty."),
        "note_odd": (WARNING, "{value}: catatan aneh.", "{value}: odd note."),
    }


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("cell", "text"),
    [(None, ""), (2023.0, "2023"), (2023.5, "2023.5"), ("  64.02 ", "64.02"), (7, "7")],
)
def test_text_of_a_cell(cell, text):
    assert tables.text_of(cell) == text


def test_a_short_row_has_no_cell_past_its_end():
    assert (tables.cell(["a", "b"], 1), tables.cell(["a", "b"], 2)) == ("b", None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1500000", (1500000, None)),
        ("1.500.000", (1500000, None)),
        ("1,500,000", (1500000, None)),
        ("Rp1.500.000", (1500000, None)),
        ("Rp. 1.500.000", (1500000, None)),
        ("rp1,500,000", (1500000, None)),
        ("1.500.000,00", (1500000, None)),  # zero cents
        ("1,500,000.00", (1500000, None)),
        ("1 500 000", (1500000, None)),
        ("1\u00a0500\u00a0000", (1500000, None)),  # no-break spaces, as Excel exports them
        ("1.500", (1500, None)),  # a thousands separator, not a fraction
        (1500000.0, (1500000, None)),  # a whole Excel number
        (1500000, (1500000, None)),
        (Decimal("1500000"), (1500000, None)),
        (Decimal("1500000.00"), (1500000, None)),
        ("0", (0, None)),
        ("-0", (0, None)),
        ("", (None, "amount_missing")),
        (None, (None, "amount_missing")),
        ("-", (None, "amount_missing")),
        ("—", (None, "amount_missing")),
        ("1,5", (None, "amount_decimal")),
        ("1.5", (None, "amount_decimal")),
        ("1.500.000,50", (None, "amount_decimal")),
        (1500000.5, (None, "amount_decimal")),
        (Decimal("1.5"), (None, "amount_decimal")),
        ("1,5 miliar", (None, "amount_invalid")),
        ("1.50.000", (None, "amount_invalid")),
        ("1.500.00", (None, "amount_invalid")),
        ("1.500,000", (1500, None)),  # a grouped whole part and a zero fraction
        ("satu juta", (None, "amount_invalid")),
        ("0x10", (None, "amount_invalid")),
        (True, (None, "amount_invalid")),
        ("-100", (None, "amount_negative")),
        ("−1.500", (None, "amount_negative")),  # a typographic minus
        ("1000000000000001", (None, "amount_too_large")),
    ],
)
def test_parse_whole_reads_numbers_as_people_write_them(cell, expected):
    assert tables.parse_whole(cell, "amount") == expected


def test_parse_whole_empty_when_not_required_and_its_limit():
    assert tables.parse_whole("", "realized", required=False) == (None, None)
    assert tables.parse_whole("-", "realized", required=False) == (None, None)
    assert tables.parse_whole("101", "persons", limit=100) == (None, "persons_too_large")
    assert tables.parse_whole("100", "persons", limit=100) == (100, None)


def test_a_zero_fraction_can_be_refused():
    assert tables.parse_whole("2450000.0", "employed") == (2450000, None)
    assert tables.parse_whole("2450000.0", "employed", zero_fraction=False) == (
        None, "employed_decimal")  # fmt: skip
    assert tables.parse_whole(2450000.0, "employed", zero_fraction=False) == (2450000, None)


def test_parse_whole_never_returns_a_float():
    number, _ = tables.parse_whole(1500000.0, "amount")
    assert type(number) is int


# ---------------------------------------------------------------- rows by name


def test_records_by_name_finds_the_header_below_titles_and_names_each_cell():
    records = [
        (1, ["Daftar jumlah 2025"]),
        (3, ["Catatan", "Kode", "Jumlah", "lain"]),
        (4, ["ok", "64", "1.000"]),  # a short row
        (6, [None, "64.02", 2000.0, "x", "extra"]),
    ]
    assert tables.records_by_name(records, COLUMNS) == [
        (4, {"note": "ok", "code": "64", "amount": "1.000"}),
        (6, {"note": None, "code": "64.02", "amount": 2000.0}),
    ]


def test_records_by_name_refuses_a_file_of_only_a_header():
    with pytest.raises(FileRejected) as refused:
        tables.records_by_name([(1, ["kode", "jumlah"])], COLUMNS)
    assert refused.value.code == "no_rows"
    assert "tanpa baris data" in refused.value.message_id
    assert "no data rows" in refused.value.message_en


def test_records_by_name_refuses_a_missing_required_column():
    with pytest.raises(FileRejected) as refused:
        tables.records_by_name([(1, ["kode", "catatan"]), (2, ["64", "x"])], COLUMNS)
    assert refused.value.code == "missing_column" and "amount" in refused.value.message_id


# ---------------------------------------------------------------- results


def test_checked_counts_rows_with_errors_not_warnings():
    issues = [
        KitIssue("amount", "amount_invalid", "x", row=2),
        KitIssue("code", "code_missing", row=2),
        KitIssue("note", "note_odd", "?", row=3),
    ]
    assert tables.Checked(rows=3, accepted=[], issues=issues).rejected == 1


def test_store_counts_status():
    assert tables.StoreCounts(created=1, updated=1).status == "created"
    assert tables.StoreCounts(updated=1, unchanged=4).status == "updated"
    assert tables.StoreCounts(unchanged=4).status == "unchanged"


# ---------------------------------------------------------------- the error report


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_issues_no_report(own_data_directory):
    assert tables.write_issue_report("kit", [], ["code", "amount"]) == (None, None)
    assert not (own_data_directory / "reports").exists()


def test_the_report_in_csv_and_xlsx_private_and_without_formulas(own_data_directory):
    previous = os.umask(0o022)  # the usual umask would leave files readable by others
    try:
        csv_path, xlsx_path = tables.write_issue_report(
            "kit",
            [
                KitIssue("note", "note_odd", "@SUM(A1)", row=3),
                KitIssue("amount", "amount_invalid", "=HYPERLINK(1)", row=3),
                KitIssue("code", "code_missing", row=2),
            ],
            ["code", "amount", "note"],
        )
    finally:
        os.umask(previous)
    directory = csv_path.parent
    assert directory.parent == own_data_directory / "reports"
    assert directory.name.startswith("kit-") and xlsx_path.parent == directory
    assert (csv_path.name, xlsx_path.name) == ("errors.csv", "errors.xlsx")
    assert (mode(directory), mode(csv_path), mode(xlsx_path)) == (0o700, 0o600, 0o600)

    raw = csv_path.read_bytes()
    assert raw.startswith(b"baris,kolom,kode")  # no BOM: scripts look "baris" up by name
    with csv_path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [(line["baris"], line["kolom"], line["kode"], line["tingkat"]) for line in lines] == [
        ("2", "code", "code_missing", "galat"),
        ("3", "amount", "amount_invalid", "galat"),
        ("3", "note", "note_odd", "peringatan"),
    ]
    assert lines[1]["nilai"] == "'=HYPERLINK(1)"
    assert (lines[2]["pesan"], lines[2]["message"]) == (
        "'@SUM(A1): catatan aneh.", "'@SUM(A1): odd note.")  # fmt: skip
    assert lines[2]["nilai"] == "'@SUM(A1)"

    workbook = CalamineWorkbook.from_path(str(xlsx_path))
    assert workbook.sheet_names == ["Kesalahan"]
    rows = workbook.get_sheet_by_index(0).to_python()
    assert rows[0] == ["baris", "kolom", "kode", "tingkat", "pesan", "message", "nilai"]
    assert rows[2][:4] == [3, "amount", "amount_invalid", "galat"]  # the row as a number
    assert rows[2][6] == "'=HYPERLINK(1)"


def test_two_reports_in_the_same_second_get_directories_of_their_own(own_data_directory):
    issue = [KitIssue("code", "code_missing", row=2)]
    first, _ = tables.write_issue_report("kit", issue, ["code"])
    second, _ = tables.write_issue_report("kit", issue, ["code"])
    assert first.parent != second.parent and second.is_file()

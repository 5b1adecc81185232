"""`pantau import workforce`: each row rule, file-level refusals, atomic and idempotent upsert."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from pantau.engine.models import Workforce
from pantau.engine.workforce import SHIPPED_FILE, import_workforce, region_population
from pantau.ingest.types import FileRejected

pytestmark = pytest.mark.usefixtures("own_data_directory", "no_stored_figures")

HEADER = ("region_code", "year", "employed", "source")
GOOD = ("64", "2023", "2100000", "BPS Kalimantan Timur, Sakernas Agustus 2023")


def write_csv(path: Path, rows, header=HEADER, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def report_lines(summary) -> list[dict[str, str]]:
    with Path(summary.errors_file).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stored() -> dict[tuple[str, int], int]:
    return {(w.region_id, w.year): w.employed for w in Workforce.objects.all()}


# ---------------------------------------------------------------- accepted files


def test_the_shipped_file_imports_as_published(tmp_path):
    summary = import_workforce(SHIPPED_FILE)
    assert (summary.status, summary.rows, summary.accepted, summary.rejected) == (
        "created", 14, 14, 0)  # fmt: skip
    assert summary.errors_file is None
    row = Workforce.objects.get(region_id="75", year=2023)
    assert (row.employed, row.is_estimate) == (631521, False)
    assert "631.521 orang" in row.source


@pytest.mark.parametrize(
    "header",
    [
        ("Region Code", "YEAR", "Employed", "Source"),
        ("REGION_CODE", "year", "EMPLOYED", "source"),
        ("province_code", "province_name", "year", "employed", "source"),
        ("kode_wilayah", "tahun", "penduduk_bekerja", "sumber"),
    ],
)
def test_header_ignores_case_spaces_underscores_and_extra_columns(tmp_path, header):
    row = list(GOOD) if len(header) == 4 else ["64", "Kalimantan Timur", "2023", "2100000", "BPS"]
    summary = import_workforce(write_csv(tmp_path / "w.csv", [row], header=header))
    assert (summary.accepted, summary.rejected) == (1, 0)
    assert stored() == {("64", 2023): 2100000}


def test_semicolons_bom_and_thousands_separators(tmp_path):
    path = tmp_path / "w.csv"
    rows = [
        ("64", "2022", "2.395.000", "BPS"),
        ("6402", "2022", "412,345", "BPS"),  # undotted regency code
        ("64.71", "2022", "312 000", "BPS"),
    ]
    write_csv(path, rows, delimiter=";", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    summary = import_workforce(path)
    assert (summary.accepted, summary.rejected) == (3, 0)
    assert stored() == {("64", 2022): 2395000, ("64.02", 2022): 412345, ("64.71", 2022): 312000}


def test_xlsx_first_sheet_with_number_cells(tmp_path):
    import xlsxwriter

    path = tmp_path / "w.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Bekerja")
    sheet.write_row(0, 0, ["Kode Wilayah", "Tahun", "Penduduk Bekerja", "Sumber"])
    sheet.write_row(1, 0, [11, 2022, 2395000, "BPS Aceh"])  # Excel numbers, not text
    sheet.write_row(2, 0, ["64.02", 2022, 412345.5, "BPS"])  # decimal: rejected
    workbook.add_worksheet("Other").write_row(0, 0, ["nothing", "here"])
    workbook.close()
    summary = import_workforce(path)
    assert (summary.rows, summary.accepted, summary.rejected) == (2, 1, 1)
    assert stored() == {("11", 2022): 2395000}
    [line] = report_lines(summary)
    assert (line["baris"], line["kolom"], line["kode"]) == ("3", "employed", "employed_decimal")


# ---------------------------------------------------------------- each row rule


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("region_code", "", "region_missing"),
        ("region_code", "6x", "region_invalid"),
        ("region_code", "64.1", "region_invalid"),  # Excel's 64.10
        ("region_code", "99", "region_unknown"),
        ("region_code", "64.99", "region_unknown"),
        ("region_code", "64.02.05", "region_level"),
        ("region_code", "6402052001", "region_level"),
        ("region_code", "Indonesia", "region_national"),
        ("year", "", "year_missing"),
        ("year", "2023.5", "year_invalid"),
        ("year", "tahun 2023", "year_invalid"),
        ("year", "1999", "year_out_of_range"),
        ("year", "2101", "year_out_of_range"),
        ("employed", "", "employed_missing"),
        ("employed", "2,45", "employed_decimal"),
        ("employed", "2.395,5", "employed_decimal"),
        ("employed", "2450000.0", "employed_decimal"),
        ("employed", "-2395000", "employed_not_positive"),
        ("employed", "0", "employed_not_positive"),
        ("employed", "2,45 juta", "employed_invalid"),
        ("employed", "2.39.5000", "employed_invalid"),
        ("employed", "45000000", "employed_above_population"),
        ("source", "  ", "source_missing"),
    ],
)
def test_each_rule_rejects_its_row_by_number_and_column(tmp_path, column, value, code):
    bad = {"region_code": "64", "year": "2024", "employed": "2100000", "source": "BPS"}
    bad[column] = value
    path = write_csv(tmp_path / "w.csv", [GOOD, [bad[h] for h in HEADER]])
    summary = import_workforce(path)
    assert (summary.status, summary.rows, summary.accepted, summary.rejected) == (
        "created", 2, 1, 1)  # fmt: skip
    assert stored() == {("64", 2023): 2100000}
    [line] = report_lines(summary)
    assert (line["baris"], line["kolom"], line["kode"], line["tingkat"]) == (
        "3", column, code, "galat")  # fmt: skip
    assert line["pesan"] and line["message"] and line["pesan"] != line["message"]
    assert line["nilai"].removeprefix("'") == value.strip()  # '-…: not a formula


def test_population_check_names_the_population(tmp_path):
    path = write_csv(tmp_path / "w.csv", [("64", "2023", "45.000.000", "BPS")])
    [line] = report_lines(import_workforce(path))
    assert f"{region_population()['64']}" in line["message"]


def test_a_row_with_several_problems_is_one_rejected_row(tmp_path):
    path = write_csv(tmp_path / "w.csv", [GOOD, ("99", "19", "-1", "")])
    summary = import_workforce(path)
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert [line["kolom"] for line in report_lines(summary)] == list(HEADER)


def test_duplicate_region_and_year_keeps_the_first_and_names_it(tmp_path):
    rows = [GOOD, ("64.02", "2023", "380000", "BPS"), ("64", "2023", "9999", "BPS again")]
    summary = import_workforce(write_csv(tmp_path / "w.csv", rows))
    assert (summary.accepted, summary.rejected) == (2, 1)
    assert stored()[("64", 2023)] == 2100000
    [line] = report_lines(summary)
    assert (line["baris"], line["kode"]) == ("4", "duplicate")
    assert "baris 2" in line["pesan"] and "row 2" in line["message"]


def test_dotted_and_undotted_codes_are_the_same_region(tmp_path):
    rows = [("64.02", "2023", "380000", "BPS"), ("6402", "2023", "381000", "BPS")]
    summary = import_workforce(write_csv(tmp_path / "w.csv", rows))
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert report_lines(summary)[0]["kode"] == "duplicate"


def test_report_cells_cannot_run_as_formulas(tmp_path):
    path = write_csv(tmp_path / "w.csv", [("=HYPERLINK(1)", "2023", "1", "BPS")])
    [line] = report_lines(import_workforce(path))
    assert line["nilai"] == "'=HYPERLINK(1)"


def test_the_report_lives_under_the_data_directory(tmp_path, own_data_directory):
    summary = import_workforce(write_csv(tmp_path / "w.csv", [("99", "2023", "1", "BPS")]))
    assert summary.errors_file.parent.parent == own_data_directory / "reports"
    assert summary.errors_file.parent.name.startswith("workforce-")
    with summary.errors_file.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == [
            "baris", "kolom", "kode", "tingkat", "pesan", "message", "nilai"]  # fmt: skip
    again = import_workforce(write_csv(tmp_path / "w.csv", [("99", "2023", "1", "BPS")]))
    assert again.errors_file != summary.errors_file  # same second: a report of its own


# ---------------------------------------------------------------- storing


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "w.csv", [GOOD, ("64.02", "2023", "380000", "BPS")])
    assert import_workforce(path).status == "created"
    before = {w.pk: w.imported_at for w in Workforce.objects.all()}
    again = import_workforce(path)
    assert (again.status, again.accepted, again.counts.unchanged) == ("unchanged", 2, 2)
    assert {w.pk: w.imported_at for w in Workforce.objects.all()} == before


def test_a_changed_figure_updates_its_row_and_keeps_the_others(tmp_path):
    Workforce.objects.create(region_id="11", year=2022, employed=2395000, source="BPS Aceh")
    import_workforce(write_csv(tmp_path / "w.csv", [GOOD, ("64.02", "2023", "380000", "BPS")]))
    changed = write_csv(tmp_path / "w2.csv", [("64", "2023", "2123456", "BPS, exact figure")])
    summary = import_workforce(changed)
    assert (summary.status, summary.counts.updated) == ("updated", 1)
    assert stored() == {("11", 2022): 2395000, ("64", 2023): 2123456, ("64.02", 2023): 380000}
    assert Workforce.objects.get(region_id="64", year=2023).source == "BPS, exact figure"


def test_a_new_row_beside_a_changed_one_reports_created(tmp_path):
    import_workforce(write_csv(tmp_path / "w.csv", [GOOD]))
    rows = [("64", "2023", "2100001", "BPS"), ("64", "2024", "2200000", "BPS")]
    summary = import_workforce(write_csv(tmp_path / "w2.csv", rows))
    assert (summary.status, summary.counts.created, summary.counts.updated) == ("created", 1, 1)


def test_a_published_figure_replaces_an_estimate(tmp_path):
    Workforce.objects.create(region_id="64", year=2023, employed=1, source="x", is_estimate=True)
    summary = import_workforce(write_csv(tmp_path / "w.csv", [GOOD]))
    assert summary.status == "updated"
    row = Workforce.objects.get(region_id="64", year=2023)
    assert (row.employed, row.is_estimate) == (2100000, False)


def test_a_file_with_only_rejected_rows_stores_nothing(tmp_path):
    summary = import_workforce(write_csv(tmp_path / "w.csv", [("99", "2023", "1", "BPS")]))
    assert (summary.status, summary.accepted, summary.rejected) == ("unchanged", 0, 1)
    assert not Workforce.objects.exists()


def test_a_failure_while_storing_stores_nothing(tmp_path, monkeypatch):
    Workforce.objects.create(region_id="64", year=2023, employed=1, source="old")
    rows = [GOOD, ("64.02", "2023", "380000", "BPS")]  # one update, one new row

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Workforce.objects, "bulk_update", broken)
    with pytest.raises(RuntimeError):
        import_workforce(write_csv(tmp_path / "w.csv", rows))
    assert stored() == {("64", 2023): 1}


# ---------------------------------------------------------------- file-level refusals


def refusal(path: Path) -> FileRejected:
    with pytest.raises(FileRejected) as raised:
        import_workforce(path)
    return raised.value


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\n \r\n", "empty_file"),
        (os.urandom(64) + b"\x00" * 64, "unreadable_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls_not_supported"),
        (b"PK\x03\x04not really a workbook", "unreadable_file"),
        (b"region_code,year,employed,source\n", "no_rows"),
        (b"kode,nama\n64,Kaltim\n", "header_not_found"),
        (b"province_code,province_name,year,source\n64,Kaltim,2023,BPS\n", "missing_column"),
    ],
)
def test_whole_file_refusals_store_nothing(tmp_path, content, code):
    Workforce.objects.create(region_id="11", year=2022, employed=2395000, source="BPS Aceh")
    path = tmp_path / "w.csv"
    path.write_bytes(content)
    error = refusal(path)
    assert error.code == code and error.message_id and error.message_en
    assert stored() == {("11", 2022): 2395000}


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes(b"province_code,province_name,year\n64,Kaltim,2023\n")
    error = refusal(path)
    assert "employed, source" in error.message_id and "employed, source" in error.message_en


def test_a_file_that_does_not_exist(tmp_path):
    assert refusal(tmp_path / "nope.csv").code == "file_not_found"


# ---------------------------------------------------------------- the command


def test_cli_json_shape(tmp_path, capsys):
    path = write_csv(tmp_path / "w.csv", [GOOD, ("99", "2023", "1", "BPS")])
    call_command("import", "workforce", str(path), "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert set(body) == {"status", "rows", "accepted", "rejected", "errors_file"}
    assert (body["status"], body["rows"], body["accepted"], body["rejected"]) == (
        "created", 2, 1, 1)  # fmt: skip
    assert body["errors_file"].endswith("errors.csv") and Path(body["errors_file"]).is_file()

    write_csv(path, [GOOD])
    call_command("import", "workforce", str(path), "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert (body["status"], body["errors_file"]) == ("unchanged", None)


def test_cli_text_summary(tmp_path, capsys):
    path = write_csv(tmp_path / "w.csv", [GOOD, ("99", "2023", "1", "BPS")])
    call_command("import", "workforce", str(path))
    out = capsys.readouterr().out
    assert "dibuat" in out and "diterima 1" in out and "ditolak 1" in out and "errors.csv" in out
    assert "errors.xlsx" in out


def test_cli_missing_column_is_one_line_with_status_2(tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes(b"region_code,year,source\n64,2023,BPS\n")
    with pytest.raises(UsageError) as raised:
        call_command("import", "workforce", str(path), "--format", "json")
    assert raised.value.returncode == 2
    assert "employed" in str(raised.value) and "\n" not in str(raised.value)


def test_a_real_process_prints_one_line_and_no_traceback(tmp_path, set_up_homes):
    path = tmp_path / "w.csv"
    path.write_bytes(b"region_code,year,source\n64,2023,BPS\n")
    command = [sys.executable, "-m", "pantau", "import", "workforce", str(path), "--format", "json"]
    with set_up_homes.copy(tmp_path / "data", postgres=False) as env:
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        assert done.returncode == 2 and done.stdout == ""
        [line] = done.stderr.strip().splitlines()
        assert line.startswith("pantau: ") and "employed" in line and "Traceback" not in line

        write_csv(path, [GOOD])
        done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "created"

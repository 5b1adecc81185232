"""The error report of an import: the CSV is every issue, for programs (no BOM, raw column
names); the XLSX is the first `XLSX_MAX_ROWS` with a last line saying where the rest is."""

from __future__ import annotations

from python_calamine import CalamineWorkbook

from pantau.ingest import reports
from tests.ingest.files import issues_of, worker, workers, write_csv


def test_a_long_report_is_cut_in_the_xlsx_and_whole_in_the_csv(db, tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "XLSX_MAX_ROWS", 2)
    rows = [worker(nik=f"12345{index}", name=f"=HYPERLINK({index})") for index in range(3)]
    summary = workers(write_csv(tmp_path / "w.csv", rows))
    issues = issues_of(summary)
    assert len(issues) > 2
    with open(summary.errors_file, "rb") as handle:
        assert handle.read().startswith(b"baris,kolom,kode,")  # no BOM

    book = CalamineWorkbook.from_path(str(summary.errors_xlsx))
    assert book.sheet_names == ["Kesalahan"]
    header, first, second, last = book.get_sheet_by_index(0).to_python()
    assert header == list(reports.REPORT_COLUMNS)
    assert [first[0], second[0]] == [float(issue["baris"]) for issue in issues[:2]]
    assert [first[2], second[2]] == [issue["kode"] for issue in issues[:2]]
    total = len(issues)
    assert last[0] == (f"2 dari {total} baris; laporan lengkap ada di errors.csv "
                       f"/ 2 of {total} rows; the full report is errors.csv")  # fmt: skip


def test_a_short_report_has_no_last_line(db, tmp_path):
    summary = workers(write_csv(tmp_path / "w.csv", [worker(name="=cmd|' /C calc'!A0")]))
    sheet = CalamineWorkbook.from_path(str(summary.errors_xlsx)).get_sheet_by_index(0)
    header, *body = sheet.to_python()
    assert len(body) == len(issues_of(summary)) == 1
    assert body[0][0] == 2.0  # the row number, a number
    assert body[0][6] == "'=cmd|' /C calc'!A0"  # neutralised once, not twice

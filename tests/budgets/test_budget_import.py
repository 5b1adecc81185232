"""`pantau import budgets`: good files, each bad row, whole-file refusals, atomicity,
idempotency, stages within a file, the error report and the command's JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from pantau.budgets.allocations.imports import import_budgets
from pantau.budgets.models import Allocation
from pantau.core.command import UsageError
from pantau.ingest.types import FileRejected
from tests.budgets.budget_files import HEADER, report_lines, row, write_csv

pytestmark = pytest.mark.usefixtures("db", "own_data_directory")


GOOD = [
    row(),
    row(pemda_code="64.02", category="village_official", persons="2200", amount="1800000000",
        realized="1200000000", programs="JKK,JKM"),
    row(pemda_code="64", category="vulnerable", persons="50000", amount="10.080.000.000",
        document="Perkada Kaltim 12/2024"),
    row(pemda_code="6471", category="rt_rw", persons="3100", amount="Rp624.960.000"),
]  # fmt: skip


def stored() -> dict[tuple, tuple]:
    return {
        (a.pemda_id, a.year, a.category, a.stage): (a.persons, a.amount, a.realized, a.is_current)
        for a in Allocation.objects.all()
    }


# ---------------------------------------------------------------- accepted files


def test_a_good_file(tmp_path):
    summary = import_budgets(write_csv(tmp_path / "b.csv", GOOD))
    assert (summary.status, summary.rows, summary.accepted, summary.rejected) == (
        "created", 4, 4, 0)  # fmt: skip
    assert summary.errors_file is None
    assert stored() == {
        ("64.02", 2025, "non_asn", "murni"): (1200, 2500000000, None, True),
        ("64.02", 2025, "village_official", "murni"): (2200, 1800000000, 1200000000, True),
        ("64", 2025, "vulnerable", "murni"): (50000, 10080000000, None, True),
        ("64.71", 2025, "rt_rw", "murni"): (3100, 624960000, None, True),
    }
    row_ = Allocation.objects.get(pemda_id="64.02", category="village_official")
    assert (row_.programs, row_.source, row_.source_name, row_.source_row) == (
        "JKK,JKM", "import", "b.csv", 3)  # fmt: skip


def test_indonesian_headers_semicolons_bom_and_title_rows(tmp_path):
    header = ("No", "Kode Pemda", "Tahun", "Kategori", "Tahap", "Jumlah Orang", "Pagu (Rp)",
              "Realisasi (Rp)", "Program", "Dasar")  # fmt: skip
    rows = [["1", *row(stage="APBD Perubahan")]]
    before = [["REKAP ANGGARAN JAMSOSTEK KUTAI KARTANEGARA"], []]
    path = write_csv(tmp_path / "b.csv", rows, header=header, delimiter=";",
                     encoding="utf-8-sig", before=before)  # fmt: skip
    summary = import_budgets(path)
    assert (summary.accepted, summary.rejected) == (1, 0)
    assert Allocation.objects.get().stage == "perubahan"


def test_windows_1252_and_optional_columns_left_out(tmp_path):
    header = ("kode_pemda", "tahun", "kategori", "tahap", "sasaran", "anggaran", "dokumen")
    rows = [["64.02", "2025", "non_asn", "murni", "10", "1000000", "DPA Dinas Tenaga Kerja – 2025"]]
    summary = import_budgets(write_csv(tmp_path / "b.csv", rows, header, encoding="cp1252"))
    assert summary.accepted == 1
    assert Allocation.objects.get().document == "DPA Dinas Tenaga Kerja – 2025"


def test_xlsx_with_number_cells(tmp_path):
    import xlsxwriter

    path = tmp_path / "b.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Anggaran")
    sheet.write_row(0, 0, HEADER)
    sheet.write_row(1, 0, [6402, 2025, "non_asn", "murni", 1200, 2500000000, 0, "", "DPA"])
    sheet.write_row(2, 0, ["64.71", 2025.0, "rt_rw", "murni", 10, 1500000.5, None, "", ""])
    workbook.close()
    summary = import_budgets(path)
    assert (summary.rows, summary.accepted, summary.rejected) == (2, 1, 1)
    assert stored() == {("64.02", 2025, "non_asn", "murni"): (1200, 2500000000, 0, True)}
    [line] = report_lines(summary.errors_file)
    assert (line["baris"], line["kolom"], line["kode"]) == ("3", "amount", "amount_decimal")


def test_a_totals_row_is_skipped(tmp_path):
    rows = [*GOOD, ["", "", "", "", "56400", "JUMLAH 14.000.000.000", "", "", ""]]
    summary = import_budgets(write_csv(tmp_path / "b.csv", rows))
    assert (summary.rows, summary.accepted, summary.rejected, summary.skipped_rows) == (4, 4, 0, 1)


# ---------------------------------------------------------------- each bad row


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("pemda_code", "", "pemda_missing"),
        ("pemda_code", "64.1", "pemda_invalid"),
        ("pemda_code", "99", "pemda_unknown"),
        ("pemda_code", "64.02.05.2001", "pemda_level"),  # a village is no Pemda
        ("pemda_code", "6402052001", "pemda_level"),
        ("pemda_code", "64.02.05", "pemda_level"),
        ("year", "2025.5", "year_invalid"),
        ("year", "1999", "year_out_of_range"),
        ("year", "", "year_missing"),
        ("category", "guru honorer", "category_invalid"),
        ("stage", "final", "stage_invalid"),
        ("persons", "-3", "persons_negative"),
        ("persons", "", "persons_missing"),
        ("amount", "-2500000000", "amount_negative"),
        ("amount", "1.5", "amount_decimal"),
        ("amount", "2,5 miliar", "amount_invalid"),
        ("realized", "banyak", "realized_invalid"),
        ("programs", "JKK,JKN", "programs_invalid"),
        ("document", "@SUM(A1)", "formula"),
    ],
)
def test_each_rule_rejects_its_row_by_number_and_column(tmp_path, column, value, code):
    bad = row(**{"pemda_code": "64.71", column: value})
    summary = import_budgets(write_csv(tmp_path / "b.csv", [row(), bad]))
    assert (summary.status, summary.rows, summary.accepted, summary.rejected) == (
        "created", 2, 1, 1)  # fmt: skip
    assert list(stored()) == [("64.02", 2025, "non_asn", "murni")]
    [line] = report_lines(summary.errors_file)
    assert (line["baris"], line["kolom"], line["kode"], line["tingkat"]) == (
        "3", column, code, "galat")  # fmt: skip
    assert line["pesan"] and line["message"] and line["pesan"] != line["message"]
    assert line["nilai"].removeprefix("'") == value


def test_programmes_the_category_cannot_have(tmp_path):
    bad = row(category="vulnerable", programs="JKK,JKM,JP")  # JP does not exist for BPU
    [line] = report_lines(import_budgets(write_csv(tmp_path / "b.csv", [bad])).errors_file)
    assert (line["kolom"], line["kode"]) == ("programs", "programs_not_allowed")
    assert "JP" in line["message"] and "BPU" in line["message"]


def test_a_row_with_several_problems_is_one_rejected_row(tmp_path):
    bad = row(pemda_code="99", year="19", amount="-1", stage="")
    summary = import_budgets(write_csv(tmp_path / "b.csv", [bad]))
    assert (summary.accepted, summary.rejected, summary.status) == (0, 1, "unchanged")
    assert [line["kolom"] for line in report_lines(summary.errors_file)] == [
        "pemda_code", "year", "stage", "amount"]  # fmt: skip
    assert not Allocation.objects.exists()


def test_duplicate_rows_keep_the_first_and_name_it(tmp_path):
    rows = [row(), row(category="vulnerable"), row(pemda_code="6402", amount="1")]
    summary = import_budgets(write_csv(tmp_path / "b.csv", rows))
    assert (summary.accepted, summary.rejected) == (2, 1)
    assert Allocation.objects.get(category="non_asn").amount == 2500000000
    [line] = report_lines(summary.errors_file)
    assert (line["baris"], line["kode"]) == ("4", "duplicate")
    assert "baris 2" in line["pesan"] and "row 2" in line["message"]


def test_a_user_imports_only_for_its_own_pemda(tmp_path, make_user):
    kukar = make_user("kukar-budget", "pemda", "64.02")
    rows = [row(), row(pemda_code="64.71"), row(pemda_code="64")]
    summary = import_budgets(write_csv(tmp_path / "b.csv", rows), user=kukar)
    assert (summary.accepted, summary.rejected) == (1, 2)
    assert {line["kode"] for line in report_lines(summary.errors_file)} == {"pemda_not_allowed"}
    assert Allocation.objects.get().entered_by == kukar


# ---------------------------------------------------------------- stages in a file


def test_both_stages_in_one_file_end_with_the_perubahan_in_force(tmp_path):
    # The perubahan comes first in the file: murni rows are stored first all the same.
    rows = [row(stage="perubahan", amount="3000000000"), row(stage="murni", amount="2500000000")]
    summary = import_budgets(write_csv(tmp_path / "b.csv", rows))
    assert (summary.counts.created, summary.counts.updated, summary.warnings) == (1, 1, 0)
    assert stored() == {
        ("64.02", 2025, "non_asn", "murni"): (1200, 2500000000, None, False),
        ("64.02", 2025, "non_asn", "perubahan"): (1200, 3000000000, None, True),
    }
    assert import_budgets(write_csv(tmp_path / "b.csv", rows)).status == "unchanged"


def test_a_murni_file_after_the_perubahan_is_history_with_a_warning(tmp_path):
    import_budgets(write_csv(tmp_path / "p.csv", [row(stage="perubahan", amount="3000000000")]))
    summary = import_budgets(write_csv(tmp_path / "m.csv", [row(stage="murni")]))
    assert (summary.status, summary.counts.history, summary.warnings) == ("updated", 1, 1)
    [line] = report_lines(summary.errors_file)
    assert (line["kode"], line["tingkat"], line["baris"]) == (
        "murni_after_perubahan", "peringatan", "2")  # fmt: skip
    assert Allocation.objects.get(is_current=True).stage == "perubahan"
    again = import_budgets(write_csv(tmp_path / "m.csv", [row(stage="murni")]))
    assert (again.status, again.counts.unchanged, again.errors_file) == ("unchanged", 1, None)


def test_a_realization_above_the_allocation_is_a_warning(tmp_path):
    summary = import_budgets(write_csv(tmp_path / "b.csv", [row(amount="100", realized="120")]))
    assert (summary.accepted, summary.rejected, summary.warnings) == (1, 0, 1)
    [line] = report_lines(summary.errors_file)
    assert (line["kode"], line["tingkat"]) == ("realized_exceeds_allocation", "peringatan")


# ---------------------------------------------------------------- idempotency, atomicity


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "b.csv", GOOD)
    assert import_budgets(path).status == "created"
    before = list(Allocation.objects.values_list("pk", "created_at", "is_current"))
    again = import_budgets(path)
    assert (again.status, again.accepted, again.counts.unchanged) == ("unchanged", 4, 4)
    assert (again.counts.created, again.counts.updated, again.counts.history) == (0, 0, 0)
    assert list(Allocation.objects.values_list("pk", "created_at", "is_current")) == before


def test_a_changed_row_replaces_and_keeps_the_others(tmp_path):
    import_budgets(write_csv(tmp_path / "b.csv", GOOD))
    changed = [*GOOD[:3], row(pemda_code="6471", category="rt_rw", persons="3200",
                              amount="Rp645.120.000")]  # fmt: skip
    summary = import_budgets(write_csv(tmp_path / "b2.csv", changed))
    assert (summary.status, summary.counts.updated, summary.counts.unchanged) == ("updated", 1, 3)
    balikpapan = Allocation.objects.get(pemda_id="64.71", is_current=True)
    assert (balikpapan.persons, balikpapan.amount) == (3200, 645120000)
    assert Allocation.objects.filter(pemda_id="64.71").count() == 2  # the old one is history


def test_a_failure_while_storing_stores_nothing(tmp_path, monkeypatch):
    calls = []
    real = Allocation.objects.create

    def failing(**fields):
        calls.append(fields)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(**fields)

    monkeypatch.setattr(Allocation.objects, "create", failing)
    with pytest.raises(RuntimeError):
        import_budgets(write_csv(tmp_path / "b.csv", GOOD))
    assert len(calls) == 3 and not Allocation.objects.exists()


# ---------------------------------------------------------------- file-level refusals


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"\n \r\n", "empty_file"),
        (os.urandom(64) + b"\x00" * 64, "unreadable_file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls_not_supported"),
        (b"PK\x03\x04not really a workbook", "unreadable_file"),
        (b"PAR1" + b"\x00" * 20, "unreadable_file"),
        (",".join(HEADER).encode() + b"\n", "no_rows"),
        (b"kode,nama\n64,Kaltim\n", "header_not_found"),
        (b"pemda_code,year,category,stage,persons\n64,2025,non_asn,murni,10\n", "missing_column"),
    ],
)
def test_whole_file_refusals_store_nothing(tmp_path, content, code):
    import_budgets(write_csv(tmp_path / "first.csv", [row(pemda_code="65")]))
    path = tmp_path / "b.csv"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as raised:
        import_budgets(path)
    assert raised.value.code == code and raised.value.message_id and raised.value.message_en
    assert list(stored()) == [("65", 2025, "non_asn", "murni")]


def test_missing_columns_are_named(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"kode_pemda,tahun,kategori,tahap\n64,2025,non_asn,murni\n")
    with pytest.raises(FileRejected) as raised:
        import_budgets(path)
    assert "persons, amount" in raised.value.message_id
    assert "persons, amount" in raised.value.message_en


def test_a_file_that_does_not_exist(tmp_path):
    with pytest.raises(FileRejected) as raised:
        import_budgets(tmp_path / "nope.csv")
    assert raised.value.code == "file_not_found"


# ---------------------------------------------------------------- the error report


def test_the_report_in_csv_and_xlsx_under_the_data_directory(tmp_path, own_data_directory):
    from python_calamine import CalamineWorkbook

    summary = import_budgets(write_csv(tmp_path / "b.csv", [row(pemda_code="=1+1")]))
    assert summary.errors_file.parent.parent == own_data_directory / "reports"
    assert summary.errors_file.parent.name.startswith("budgets-")
    [line] = report_lines(summary.errors_file)
    assert list(line) == ["baris", "kolom", "kode", "tingkat", "pesan", "message", "nilai"]
    assert line["nilai"] == "'=1+1"  # not a formula in a spreadsheet
    sheet = CalamineWorkbook.from_path(str(summary.errors_xlsx)).get_sheet_by_index(0)
    header, first = sheet.to_python()[:2]
    assert header[:3] == ["baris", "kolom", "kode"] and first[2] == "pemda_invalid"


# ---------------------------------------------------------------- the command


def test_cli_json_summary(tmp_path, capsys):
    path = write_csv(tmp_path / "b.csv", [*GOOD, row(pemda_code="99")])
    call_command("import", "budgets", str(path), "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert set(body) == {"status", "rows", "accepted", "rejected", "warnings", "errors_file",
                         "counts"}  # fmt: skip
    assert (body["status"], body["rows"], body["accepted"], body["rejected"]) == (
        "created", 5, 4, 1)  # fmt: skip
    assert body["counts"] == {"created": 4, "updated": 0, "unchanged": 0, "history": 0}
    assert Path(body["errors_file"]).is_file()

    write_csv(path, GOOD)
    call_command("import", "budgets", str(path), "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert (body["status"], body["errors_file"], body["counts"]["unchanged"]) == (
        "unchanged", None, 4)  # fmt: skip


def test_cli_text_summary(tmp_path, capsys):
    call_command("import", "budgets", str(write_csv(tmp_path / "b.csv", [row(), row(year="x")])))
    out = capsys.readouterr().out
    assert "dibuat" in out and "diterima 1" in out and "ditolak 1" in out and "errors.csv" in out


def test_cli_refusal_is_one_line_with_status_2(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"pemda_code,year,category,stage,persons\n64,2025,non_asn,murni,1\n")
    with pytest.raises(UsageError) as raised:
        call_command("import", "budgets", str(path), "--format", "json")
    assert raised.value.returncode == 2
    assert "amount" in str(raised.value) and "\n" not in str(raised.value)

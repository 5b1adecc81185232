"""Every validation rule, one bad value at a time, on the real pipeline (DuckDB + regions).

Each test runs twice: on the database for small files (the optimizer chooses the joins'
build sides) and on the one for large files (joins built on the region tables), which a
test file would otherwise never reach.
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from pantau.ingest import importer
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from tests.ingest.files import ANDI, RINA, SITI, member, worker, write_csv


@pytest.fixture(autouse=True, params=["small_file", "large_file"])
def database(request, monkeypatch):
    if request.param == "large_file":
        monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)
    return request.param


def test_each_file_size_gets_its_own_database(db, tmp_path, database):
    summary, _issues = run(tmp_path, [worker()])
    assert summary["accepted"] == 1
    disabled = [
        con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0]
        for key, con in importer._shared.items()
        if key[2] == (database == "small_file")
    ]
    assert disabled == (["join_order,build_side_probe_side"] if database == "large_file" else [""])


def run(tmp_path: Path, rows, kind="workers", **request) -> tuple[dict, list[dict]]:
    path = write_csv(tmp_path / f"{kind}.csv", rows)
    if kind == "workers":
        request = {"pemda_code": "64.02", "category": "non_asn", "year": 2025, **request}
    else:
        request = {"as_of": datetime.date(2022, 7, 1), **request}
    summary = import_file(ImportRequest(path=path, kind=kind, dry_run=True, **request))
    issues = []
    if summary.errors_file:
        with open(summary.errors_file, encoding="utf-8") as handle:
            issues = list(csv.DictReader(handle))
    return summary.as_json(), issues


WORKER_CASES = [
    # (field changes, expected code, column)
    ({"nik": ""}, "nik_missing", "nik"),
    ({"nik": "6.40205E+15"}, "nik_excel_mangled", "nik"),
    ({"nik": "6402054507900001.0"}, "nik_excel_mangled", "nik"),
    ({"nik": "640205450790001"}, "nik_format", "nik"),
    ({"nik": "64020545079000012"}, "nik_format", "nik"),
    ({"nik": "64020A4507900001"}, "nik_format", "nik"),
    ({"nik": "9902054507900001"}, "nik_province", "nik"),
    ({"nik": "6402053102900001"}, "nik_birth_date", "nik"),  # 31 February
    ({"nik": "6402057507900001"}, "nik_birth_date", "nik"),  # day 75 - 40 = 35
    ({"nik": "6402054507900000"}, "nik_serial", "nik"),
    ({"birth_date": "1991-07-05"}, "nik_birth_date_mismatch", "birth_date"),
    ({"sex": "L"}, "nik_sex_mismatch", "sex"),
    ({"name": ""}, "name_missing", "name"),
    ({"name": '=HYPERLINK("http://x")'}, "formula", "name"),
    ({"name": "@SUM(A1)"}, "formula", "name"),
    ({"name": "x" * 300}, "too_long", "name"),
    ({"birth_date": "kemarin"}, "birth_date_invalid", "birth_date"),
    ({"birth_date": "1990-02-30"}, "birth_date_invalid", "birth_date"),
    ({"sex": "X"}, "sex_invalid", "sex"),
    ({"region_code": ""}, "region_missing", "region_code"),
    ({"region_code": "64.02.99.9999"}, "region_unknown", "region_code"),
    ({"region_code": "64.71.01"}, "region_outside_pemda", "region_code"),
    ({"region_code": "65"}, "region_outside_pemda", "region_code"),
    ({"monthly_income": "3,5 juta"}, "amount_invalid", "monthly_income"),
    ({"monthly_income": "3500000.50"}, "amount_invalid", "monthly_income"),
    ({"monthly_income": "-5000"}, "amount_negative", "monthly_income"),
]


@pytest.mark.parametrize(("changes", "code", "column"), WORKER_CASES)
def test_worker_rule(db, tmp_path, changes, code, column):
    summary, issues = run(tmp_path, [worker(nik=ANDI, name="Andi", birth_date="1985-03-12",
                                            sex="L"), worker(**changes)])  # fmt: skip
    assert (summary["rows"], summary["accepted"], summary["rejected"]) == (2, 1, 1)
    [issue] = [i for i in issues if i["tingkat"] == "galat"]
    assert (issue["kode"], issue["kolom"], issue["baris"]) == (code, column, "3")
    assert issue["pesan"] and issue["message"]  # Indonesian and English


@pytest.mark.parametrize(
    "changes",
    [
        {"nik": " 6402 0545 0790 0001 "},
        {"nik": "'6402054507900001"},
        {"nik": "6402.0545.0790.0001"},
        {"birth_date": "05/07/1990"},
        {"birth_date": "05-07-1990"},
        {"birth_date": "33059"},  # Excel serial for 1990-07-05
        {"birth_date": ""},
        {"sex": "Perempuan"},
        {"sex": "F"},
        {"sex": ""},
        {"region_code": "6402052001"},
        {"region_code": "64.02"},
        {"monthly_income": "Rp3.500.000"},
        {"monthly_income": "3.500.000"},
        {"monthly_income": "3500000.0"},
        {"monthly_income": ""},
        {"position": ""},
    ],
)
def test_worker_values_people_write_are_accepted(db, tmp_path, changes):
    summary, issues = run(tmp_path, [worker(**changes)])
    assert summary["accepted"] == 1, issues


def test_duplicate_nik_keeps_the_first_and_names_its_row(db, tmp_path):
    rows = [worker(), worker(nik=ANDI, name="Andi", birth_date="", sex=""), worker(name="Lagi")]
    summary, issues = run(tmp_path, rows)
    assert (summary["accepted"], summary["rejected"]) == (2, 1)
    [issue] = issues
    assert (issue["kode"], issue["baris"], issue["nilai"]) == ("nik_duplicate", "4", "2")
    assert "baris 2" in issue["pesan"] and "row 2" in issue["message"]


def test_a_nik_written_otherwise_is_not_a_duplicate(db, tmp_path):
    # "+6402054507900001" and SITI's NIK cast to the same number, but only a well-formed
    # NIK has one (`nik_number`, what repeats are found by): the valid row stays accepted.
    rows = [member(nik="+" + SITI), member()]
    summary, issues = run(tmp_path, rows, kind="members")
    assert (summary["accepted"], summary["rejected"]) == (1, 1)
    assert [(i["baris"], i["kode"]) for i in issues] == [("2", "nik_format")]


def test_duplicate_of_a_rejected_first_row_and_one_nik_problem_per_row(db, tmp_path):
    rows = [
        worker(region_code="99.99"),  # line 2: the first, rejected for its region
        worker(name="Kedua"),  # line 3: a duplicate of line 2
        worker(birth_date="1991-01-01"),  # line 4: its NIK problem is the birth date only
    ]
    summary, issues = run(tmp_path, rows)
    assert (summary["accepted"], summary["rejected"]) == (0, 3)
    assert [(i["baris"], i["kode"]) for i in issues] == [
        ("2", "region_unknown"),
        ("3", "nik_duplicate"),
        ("4", "nik_birth_date_mismatch"),
    ]


def test_nik_from_another_district_is_a_warning_not_a_rejection(db, tmp_path):
    # 64.99.01 has never existed; a NIK keeps the district that issued it.
    summary, issues = run(tmp_path, [worker(nik="6499014507900001")])
    assert (summary["accepted"], summary["warnings"]) == (1, 1)
    assert issues[0]["kode"] == "nik_district_unknown"
    assert issues[0]["tingkat"] == "peringatan"


MEMBER_CASES = [
    ({"segment": "ASN"}, "segment_invalid", "segment"),
    ({"programs": "JKK,JKN"}, "programs_invalid", "programs"),
    ({"programs": ""}, "programs_invalid", "programs"),
    ({"payer_type": "pemda"}, "payer_type_invalid", "payer_type"),
    ({"payer_region": ""}, "payer_region_missing", "payer_region"),
    ({"payer_type": "apbd_province"}, "payer_region_invalid", "payer_region"),
    ({"payer_type": "apbdes"}, "payer_region_invalid", "payer_region"),
    ({"region_code": "64"}, "region_level", "region_code"),
    ({"region_code": "64.99"}, "region_unknown", "region_code"),
    ({"wage": "-1"}, "amount_negative", "wage"),
    ({"enrolled_on": "2021-13-01"}, "enrolled_on_invalid", "enrolled_on"),
    ({"paid_until": "2022-13"}, "paid_until_invalid", "paid_until"),
    ({"paid_until": ""}, "paid_until_invalid", "paid_until"),
    ({"status": "maybe"}, "status_invalid", "status"),
    ({"kpj": "=1+1"}, "formula", "kpj"),
]


def test_a_bpjs_birth_date_other_than_the_niks_is_kept_with_a_warning(db, tmp_path):
    """BPJS's record is not the Pemda's to correct: kept, and flagged when reconciled."""
    rows = [member(birth_date="1991-07-05"), member(nik=RINA, birth_date="1992-11-21")]
    summary, issues = run(tmp_path, rows, kind="members")
    assert (summary["accepted"], summary["rejected"], summary["warnings"]) == (2, 0, 1)
    [issue] = issues
    assert (issue["baris"], issue["kode"], issue["kolom"], issue["nilai"]) == (
        "2", "member_birth_date_differs", "birth_date", "1991-07-05"
    )  # fmt: skip
    assert issue["tingkat"] == "peringatan"


@pytest.mark.parametrize(("changes", "code", "column"), MEMBER_CASES)
def test_member_rule(db, tmp_path, changes, code, column):
    good = member(nik=RINA, name="RINA", birth_date="1992-11-21")
    summary, issues = run(tmp_path, [good, member(**changes)], kind="members")
    assert (summary["rows"], summary["accepted"], summary["rejected"]) == (2, 1, 1), issues
    assert [(i["kode"], i["kolom"]) for i in issues] == [(code, column)]


@pytest.mark.parametrize(
    "changes",
    [
        {"programs": "jkk; jkm | jht"},
        {"programs": "JKK"},
        {"segment": "bpu", "payer_type": "self", "payer_region": ""},
        {"segment": "Penerima Upah"},
        {"status": "Aktif"},
        {"status": "tidak aktif"},
        {"paid_until": "2022-06-30"},
        {"payer_type": "apbdes", "payer_region": "64.02.05.2001"},
        {"payer_type": "apbd_province", "payer_region": "64"},
        {"region_code": "64.02.05"},
        {"name": "", "birth_date": "", "sex": "", "kpj": "", "enrolled_on": ""},
        # Stray spaces around every value (the exact fast paths fall back to trimming).
        {
            "segment": " PU ",
            "programs": " JKK,JKM ",
            "payer_type": " apbd_regency ",
            "payer_region": " 64.02 ",
            "wage": " 3500000 ",
            "enrolled_on": " 2021-01-10 ",
            "paid_until": " 2022-06 ",
            "status": " active ",
            "sex": " F ",
            "region_code": " 6402 ",
            "birth_date": " 05/07/1990 ",
        },
    ],
)
def test_member_values_bpjs_extracts_contain_are_accepted(db, tmp_path, changes):
    summary, issues = run(tmp_path, [member(**changes)], kind="members")
    assert summary["accepted"] == 1, issues


def test_a_nik_on_another_current_list_of_the_same_pemda_is_a_warning(db, tmp_path):
    first = write_csv(tmp_path / "rt.csv", [worker()])
    import_file(ImportRequest(path=first, kind="workers", pemda_code="6402",
                              category="vulnerable", year=2025))  # fmt: skip
    summary, issues = run(tmp_path, [worker(), worker(nik=ANDI, name="Andi", birth_date="",
                                                      sex="")])  # fmt: skip
    assert (summary["accepted"], summary["warnings"]) == (2, 1)
    assert issues[0]["kode"] == "nik_on_other_list"
    assert "vulnerable" in issues[0]["pesan"]
    # Another year or another Pemda is not the same list.
    summary, _ = run(tmp_path, [worker()], year=2024)
    assert summary["warnings"] == 0


def test_sql_and_python_nik_rules_agree(db, tmp_path):
    """The SQL pass and pantau.ingest.nik give the same verdict on the same NIKs."""
    import random

    from pantau.ingest.nik import NikError, parse_nik

    rng = random.Random(7)
    niks = []
    for _ in range(300):
        digits = "64020" + "".join(rng.choice("0123456789") for _ in range(11))
        niks.append(digits if rng.random() < 0.9 else digits[: rng.randint(10, 15)])
    rows = [worker(nik=nik, birth_date="", sex="", name=f"P{i}") for i, nik in enumerate(niks)]
    summary, issues = run(tmp_path, rows)
    rejected_rows = {int(i["baris"]) for i in issues if i["tingkat"] == "galat"}
    for index, nik in enumerate(niks):
        try:
            parse_nik(nik)
            python_ok = True
        except NikError:
            python_ok = False
        first = niks.index(nik) == index
        assert (index + 2 not in rejected_rows) == (python_ok and first), nik

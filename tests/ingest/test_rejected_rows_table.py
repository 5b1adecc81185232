"""The rejected rows beside the error report's download: the first errors of the report (not
its warnings), NIKs whole only for whom may see them, and one audit event naming the
report's regions and the rows shown (docs/access.md)."""

from __future__ import annotations

import csv

import pytest
from django.test import RequestFactory

from pantau.audit.models import AuditEvent
from pantau.ingest.models import ImportRun
from pantau.ingest.reports import REPORT_COLUMNS
from pantau.ingest.uploads import rejected_rows

SITI = "6402055507900001"
ANDI = "6501011203850002"


def issue(nik, tingkat="galat", kolom="tanggal_lahir", nama="SITI AMINAH"):
    return {"baris": "2", "kolom": kolom, "kode": "E1", "tingkat": tingkat,
            "pesan": f"NIK {nik}: salah", "message": f"NIK {nik}: wrong", "nilai": "x",
            "nik": f"'{nik}", "nama": nama}  # fmt: skip


def checked_run(data_dir, issues, user, tail=b""):
    path = data_dir / "errors.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(issues)
    with path.open("ab") as handle:
        handle.write(tail)
    result = {"errors_file": str(path), "people_regions": ["64.02", "65.01"],
              "report_regions": ["64.02", "65.01"]}  # fmt: skip
    return ImportRun.objects.create(
        kind="members", source_name="peserta.csv", region_id="64", user=user, result=result
    )


@pytest.fixture
def uploader(make_user):
    return make_user("bpjs-kaltim", "bpjs", "64")


ISSUES = [issue(SITI), issue(ANDI, tingkat="peringatan"), issue(ANDI, kolom="nik")]


@pytest.mark.parametrize(("role", "region", "niks"), [
    ("bpjs", None, [SITI, ANDI]),  # BPJS's national staff: whole NIKs
    ("national", None, ["640205**********", "650101**********"]),
])  # fmt: skip
def test_errors_only_with_niks_whole_or_masked(data_dir, uploader, make_user, role, region, niks):
    run = checked_run(data_dir, ISSUES, uploader)
    rows = rejected_rows(make_user("other", role, region), run)
    assert [row["nik"] for row in rows] == niks
    assert [row["kolom"] for row in rows] == ["tanggal_lahir", "nik"]  # not the warning
    assert rows[0]["pesan"] == f"NIK {niks[0]}: salah"


def test_at_most_the_limit_and_one_audit_event(data_dir, uploader):
    run = checked_run(data_dir, [issue(SITI)] * 4, uploader)
    request = RequestFactory().get(f"/impor/{run.pk}/", REMOTE_ADDR="10.1.2.3")
    assert len(rejected_rows(uploader, run, request=request, limit=3)) == 3
    event = AuditEvent.objects.get()
    assert (event.user, event.action, event.region_code, event.rows) == (
        uploader, "view_rejected_rows", "", 3,
    )  # fmt: skip
    assert event.description == f"Baris ditolak impor {run.pk} (peserta.csv); wilayah: 64.02, 65.01"
    assert (event.ip_address, event.path) == ("10.1.2.3", f"/impor/{run.pk}/")


def test_no_errors_shown_none_recorded(data_dir, uploader):
    run = checked_run(data_dir, [issue(SITI, tingkat="peringatan")], uploader)
    assert rejected_rows(uploader, run) == []
    assert not AuditEvent.objects.exists()


def test_a_byte_that_is_not_utf8_does_not_hide_the_rows(data_dir, uploader):
    run = checked_run(
        data_dir,
        [issue(SITI)],
        uploader,
        tail=b"3,nama,E2,galat,p,m,x,'" + ANDI.encode() + b",ANDI \xff\r\n",
    )
    rows = rejected_rows(uploader, run)
    assert [row["nik"] for row in rows] == [SITI, ANDI]
    assert rows[1]["nama"] == "ANDI \ufffd"


def test_a_line_break_inside_a_cell_is_kept(data_dir, uploader):
    """A spreadsheet cell may hold a line break (Alt+Enter): the row shows it as it was."""
    run = checked_run(data_dir, [issue(SITI, nama="SITI\r\nAMINAH")], uploader)
    [row] = rejected_rows(uploader, run)
    assert row["nama"] == "SITI\r\nAMINAH"


@pytest.mark.parametrize(("cell", "whole", "masked"), [
    (f"'{SITI}", SITI, "640205**********"),  # the report's text mark goes
    (f"'X{SITI}", f"X{SITI}", "*" * 17),  # a stray letter stays: shown as the file held it
    ("", "", ""),  # a row without a NIK shows none
])  # fmt: skip
def test_the_nik_column_as_the_file_held_it(data_dir, uploader, make_user, cell, whole, masked):
    run = checked_run(data_dir, [{**issue(SITI), "nik": cell}], uploader)
    assert [row["nik"] for row in rejected_rows(uploader, run)] == [whole]
    assert [row["nik"] for row in rejected_rows(make_user("nasional", "national"), run)] == [masked]

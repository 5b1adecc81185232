"""A membership extract covers a region (`--region`, default the whole country; a branch
officer's own region): rows working outside it are rejected with row, column and code, and it
supersedes only the extract of the same month and the same region."""

from __future__ import annotations

import csv
import datetime

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest, NotAllowed
from pantau.lake.models import Snapshot
from tests.ingest.files import member, write_csv

JULY = datetime.date(2022, 7, 1)
# Valid NIKs issued in Muara Badak (64.02.05): men born on the 1st to 3rd of March 1985.
NIKS = [f"6402050{day}0385000{day}" for day in range(1, 4)]


def balikpapan_rows() -> list[dict]:
    return [
        member(nik=NIKS[0], birth_date="1985-03-01", sex="L", region_code="64.71.01"),
        member(nik=NIKS[1], birth_date="1985-03-02", sex="L", region_code="64.02"),  # Kukar
        member(nik=NIKS[2], birth_date="1985-03-03", sex="L", region_code="6471"),
    ]


def report(summary) -> list[dict]:
    with open(summary.errors_file, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_rows_working_outside_the_extracts_region_are_rejected(db, tmp_path):
    path = write_csv(tmp_path / "bpp.csv", balikpapan_rows())
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY,
                                        region_code="6471"))  # fmt: skip
    assert (summary.rows, summary.accepted, summary.rejected) == (3, 2, 1)
    [issue] = report(summary)
    assert (issue["baris"], issue["kolom"], issue["kode"], issue["nilai"]) == (
        "3", "region_code", "region_outside_extract", "64.02")  # fmt: skip
    assert "di luar wilayah cakupan" in issue["pesan"] and "outside" in issue["message"]
    assert Snapshot.objects.get().region_code == "64.71"


def test_a_national_extract_takes_rows_from_everywhere(db, tmp_path):
    path = write_csv(tmp_path / "national.csv", balikpapan_rows())
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY))
    assert (summary.accepted, summary.rejected) == (3, 0)
    assert Snapshot.objects.get().region_code == ""


def test_an_extract_supersedes_only_the_same_month_and_region(db, tmp_path):
    national = write_csv(tmp_path / "national.csv", balikpapan_rows())
    first = import_file(ImportRequest(path=national, kind="members", as_of=JULY))
    rows = balikpapan_rows()
    branch = write_csv(tmp_path / "bpp.csv", [rows[0], rows[2]])
    second = import_file(ImportRequest(path=branch, kind="members", as_of=JULY,
                                       region_code="64.71"))  # fmt: skip
    current = Snapshot.objects.current().filter(kind="members")
    assert sorted(current.values_list("pk", flat=True)) == [first.snapshot, second.snapshot]

    # The branch's corrected file replaces its own July extract, not the national one.
    corrected = write_csv(tmp_path / "bpp-2.csv", [{**rows[0], "paid_until": "2022-07"}, rows[2]])
    third = import_file(ImportRequest(path=corrected, kind="members", as_of=JULY,
                                      region_code="6471"))  # fmt: skip
    assert sorted(current.values_list("pk", flat=True)) == [first.snapshot, third.snapshot]
    assert Snapshot.objects.get(pk=second.snapshot).superseded_by_id == third.snapshot
    # A branch's file for another month supersedes nothing.
    june = datetime.date(2022, 6, 1)
    june = import_file(ImportRequest(path=branch, kind="members", as_of=june,
                                     region_code="64.71"))  # fmt: skip
    assert current.count() == 3 and Snapshot.objects.get(pk=june.snapshot).is_current
    # The same file again for the same month and region is unchanged.
    again = import_file(ImportRequest(path=corrected, kind="members", as_of=JULY,
                                      region_code="64.71"))  # fmt: skip
    assert (again.status, again.snapshot) == ("unchanged", third.snapshot)


def test_a_branch_officers_extract_covers_its_region_never_wider(make_user, tmp_path):
    officer = make_user("bpjs-bpp", "bpjs", "64.71")
    path = write_csv(tmp_path / "bpp.csv", balikpapan_rows())
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY, user=officer))
    assert Snapshot.objects.get(pk=summary.snapshot).region_code == "64.71"
    assert summary.rejected == 1  # the Kukar row
    for wider in ("64", "64.02"):
        with pytest.raises(NotAllowed):
            import_file(ImportRequest(path=path, kind="members", as_of=JULY, user=officer,
                                      region_code=wider))  # fmt: skip
    # A national BPJS officer chooses.
    national = make_user("bpjs-pusat", "bpjs")
    chosen = import_file(ImportRequest(path=path, kind="members", as_of=JULY, user=national,
                                       region_code="64"))  # fmt: skip
    assert Snapshot.objects.get(pk=chosen.snapshot).region_code == "64"


def test_the_command_takes_dotted_and_undotted_regions_and_refuses_unknown_ones(
    db, tmp_path, capsys
):
    path = write_csv(tmp_path / "bpp.csv", balikpapan_rows())
    call_command("import", "members", str(path), "--as-of", "2022-07", "--region", "6471",
                 "--format", "json")  # fmt: skip
    assert Snapshot.objects.get().region_code == "64.71"
    call_command("import", "members", str(path), "--as-of", "2022-07", "--region", "64.71",
                 "--format", "json")  # fmt: skip
    assert '"unchanged"' in capsys.readouterr().out
    for unknown in ("99.99", "banjarmasin"):
        with pytest.raises(UsageError) as raised:
            call_command("import", "members", str(path), "--as-of", "2022-07",
                         "--region", unknown)  # fmt: skip
        assert raised.value.returncode == 2
        assert f"Wilayah {unknown} tidak dikenal" in str(raised.value)
        assert f"Unknown region {unknown}" in str(raised.value)
    assert Snapshot.objects.count() == 1

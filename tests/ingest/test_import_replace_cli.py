"""`pantau import` refuses, with exit status 2 and the comparison, a file that would replace
the current snapshot with fewer than 90 % of its people or with rejected rows, unless
`--replace` is given."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from pantau.core.command import UsageError
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from tests.ingest.files import ANDI, RINA, SITI, member, worker, write_csv

PEOPLE = [
    worker(nik=SITI),
    worker(nik=ANDI, name="Andi", birth_date="1985-03-12", sex="L"),
    worker(nik=RINA, name="Rina", birth_date="1992-11-21"),
]
LIST = ["--pemda", "64.02", "--category", "non_asn", "--year", "2025"]


def import_workers(path, *extra):
    call_command("import", "workers", str(path), *LIST, *extra)


@pytest.fixture
def current(db, tmp_path):
    import_workers(write_csv(tmp_path / "v1.csv", PEOPLE), "--format", "json")
    return Snapshot.objects.get()


def test_fewer_people_are_refused_with_the_comparison(current, tmp_path, capsys):
    shorter = write_csv(tmp_path / "v2.csv", PEOPLE[:2])  # 2 of 3: 67 %
    with pytest.raises(UsageError) as raised:
        import_workers(shorter)
    assert raised.value.returncode == 2
    message = str(raised.value)
    assert f"snapshot #{current.pk} (v1.csv, 3 orang) dengan 2 orang (66%)" in message
    assert "--replace" in message and "this file would replace" in message
    assert Snapshot.objects.get() == current

    capsys.readouterr()
    import_workers(shorter, "--dry-run")  # checking first shows the same comparison
    assert "dengan 2 orang (66%)" in capsys.readouterr().out

    import_workers(shorter, "--replace")
    assert Snapshot.objects.current().get().accepted == 2


def test_rejected_rows_are_refused_too_and_json_shows_the_comparison(current, tmp_path, capsys):
    capsys.readouterr()
    broken = write_csv(tmp_path / "v2.csv", [*PEOPLE, worker(nik="640205150790000")])
    with pytest.raises(UsageError):
        import_workers(broken, "--format", "json")
    body = json.loads(capsys.readouterr().out)
    assert body["status"] == "needs_confirmation" and body["snapshot"] is None
    assert body["errors_file"].endswith("errors.csv")
    assert body["replaces"]["rejected"] == 1 and body["replaces"]["fewer"] is False
    assert Snapshot.objects.get() == current


def test_a_list_with_nine_in_ten_people_replaces_without_a_question(db, tmp_path):
    ten = [worker(nik=f"64020501038500{n:02d}", birth_date="1985-03-01", sex="L")
           for n in range(1, 11)]  # fmt: skip
    import_workers(write_csv(tmp_path / "v1.csv", ten))
    import_workers(write_csv(tmp_path / "v2.csv", ten[:9]))  # exactly 90 %
    assert Snapshot.objects.current().get().accepted == 9


def test_a_smaller_membership_extract_is_refused_as_well(db, tmp_path):
    july = datetime.date(2022, 7, 1)
    rows = [member(nik=SITI), member(nik=ANDI, birth_date="1985-03-12", sex="L")]
    import_file(ImportRequest(path=write_csv(tmp_path / "m1.csv", rows), kind="members",
                              as_of=july))  # fmt: skip
    smaller = write_csv(tmp_path / "m2.csv", rows[:1])
    summary = import_file(ImportRequest(path=smaller, kind="members", as_of=july))
    assert summary.status == "needs_confirmation" and summary.replaces["current_people"] == 2
    assert Snapshot.objects.current().get().accepted == 2
    with pytest.raises(UsageError):
        call_command("import", "members", str(smaller), "--as-of", "2022-07")
    call_command("import", "members", str(smaller), "--as-of", "2022-07", "--replace")
    assert Snapshot.objects.current().get().accepted == 1

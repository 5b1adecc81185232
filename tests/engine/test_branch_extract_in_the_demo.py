"""The issue's case on the demo data: the BPJS Balikpapan branch officer uploads a 40-row file
for July 2022. It used to replace the national July extract (59,144 active members in the full
demo) by month alone; now it covers Balikpapan (64.71), the officer's region, and the engine
keeps the national extract for everyone outside the city. Read through a refresh."""

from __future__ import annotations

import csv
import datetime

import pytest

from pantau.engine import refresh
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage
from pantau.ingest.directory import import_directory
from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest
from pantau.lake.models import Snapshot
from pantau.regions.codes import is_within
from pantau.site.demo.generate import generate_files

pytestmark = pytest.mark.usefixtures("own_data_directory")

JULY = datetime.date(2022, 7, 1)
BALIKPAPAN = "64.71"


def coverage() -> tuple[dict, dict]:
    generation = CurrentGeneration.objects.get(as_of=JULY).generation
    members = dict(
        MemberCoverage.objects.filter(generation=generation).values_list(
            "region_code", "active_members"
        )
    )
    lists = {
        (row.region_code, row.category): (row.listed, row.covered, row.lapsed, row.not_enrolled)
        for row in ListCoverage.objects.filter(generation=generation)
    }
    return members, lists


def outside_balikpapan(code: str) -> bool:
    """Regions whose numbers the branch's file must not touch: not the city, not inside it,
    and not above it (East Kalimantan and Indonesia add the city's numbers up)."""
    return not is_within(code, BALIKPAPAN) and code not in ("", "64")


def test_a_branch_file_leaves_the_national_extract_in_force_outside_its_city(make_user, tmp_path):
    demo = tmp_path / "demo"
    generate_files(demo, scale=1.0, seed=2022, year=2022, as_of=("2022-07",), provinces=["64"])
    loaded = import_directory(demo, processes=1)
    assert not loaded.refused
    national = Snapshot.objects.current().get(kind="members")
    refresh.run(JULY)
    members_before, lists_before = coverage()

    # The branch's file: 40 of the city's members as the national extract has them, all but
    # the first ten now inactive.
    with (demo / "members" / "members_2022-07.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames
        city = [row for row in reader if is_within(row["region_code"], BALIKPAPAN)]
    assert len(city) > 40 and members_before[BALIKPAPAN] > 40
    branch_rows = [
        {**row, "status": "active" if index < 10 else "inactive"}
        for index, row in enumerate(city[:40])
    ]
    path = tmp_path / "bpjs-balikpapan-juli.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(branch_rows)
    officer = make_user("bpjs-balikpapan", "bpjs", BALIKPAPAN)
    summary = import_file(ImportRequest(path=path, kind="members", as_of=JULY, user=officer))
    assert (summary.status, summary.accepted) == ("created", 40), summary.errors_file

    branch = Snapshot.objects.get(pk=summary.snapshot)
    national.refresh_from_db()
    assert branch.region_code == BALIKPAPAN and national.is_current
    refresh.run(JULY)
    members_after, lists_after = coverage()

    active_in_city = sum(1 for row in branch_rows if row["status"] == "active")
    assert members_after[BALIKPAPAN] == active_in_city == 10
    change = active_in_city - members_before[BALIKPAPAN]
    assert members_after["64"] == members_before["64"] + change
    assert members_after[""] == members_before[""] + change
    assert {code: n for code, n in members_after.items() if outside_balikpapan(code)} == {
        code: n for code, n in members_before.items() if outside_balikpapan(code)
    }
    assert {key: n for key, n in lists_after.items() if outside_balikpapan(key[0])} == {
        key: n for key, n in lists_before.items() if outside_balikpapan(key[0])
    }
    # The city's own lists see the branch's file: its people not in it are no members now.
    city_lists = lists_after[(BALIKPAPAN, "")]
    assert city_lists != lists_before[(BALIKPAPAN, "")]
    assert city_lists[1] <= 10  # covered: at most the ten active members

"""The scorecard tells "recorded as no" from "nothing recorded" (issue 16, part 4): a Pemda
whose RKPD and APBD were never entered reads "belum dicatat", not "tidak"."""

from __future__ import annotations

import datetime

import pytest

from tests.budgets.scorecard_world import coverage, plan

KALTIM = "/wilayah/64/peringkat/"


@pytest.fixture
def kaltim(make_user):
    admin = make_user("admin", "national", None, is_superuser=True)
    plan(admin, "64.02", True, False)  # recorded: in the RKPD, not in the APBD
    coverage(datetime.date(2025, 12, 1), members={"64.02": (300, 1000)})


def planning_line(page: str, code: str) -> str:
    row = page.split(f'data-code="{code}"')[1]
    return row.split('data-part="planning"')[1].split("</tr>")[0]


def test_nothing_recorded_reads_belum_dicatat(client_as, kaltim):
    page = client_as("viewer").get(KALTIM, {"tahun": "2025"}).content.decode()
    assert "Dalam RKPD 2025: ya; dalam APBD 2025: tidak." in planning_line(page, "64.02")
    paser = planning_line(page, "64.01")  # nothing entered for Paser
    assert "Dalam RKPD 2025: belum dicatat; dalam APBD 2025: belum dicatat." in paser
    assert "tidak" not in paser


def test_in_english(client_as, kaltim):
    page = client_as("viewer").get(KALTIM, {"tahun": "2025"}, HTTP_ACCEPT_LANGUAGE="en").text
    assert "not recorded" in planning_line(page, "64.01")
    assert "not recorded" not in planning_line(page, "64.02")

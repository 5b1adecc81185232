"""Who sees an upload's run, its whole NIKs, and who starts or confirms it, read from the run:
the regions of its people (found by the check, else the region it is for), its uploader, and
whether it waits for a decision. As data, on unsaved runs and users (no database)."""

from __future__ import annotations

import pytest

from pantau.accounts.models import User
from pantau.ingest.models import ImportRun
from pantau.ingest.uploads import (
    can_start,
    can_view_run,
    may_see_niks,
    may_start,
    needs_confirmation,
    people_regions,
    report_regions,
    run_region_code,
)

UPLOADER = 7
BOTH = ["64.02", "65.01"]
BRANCH = {"people_regions": BOTH, "report_regions": ["64.02"]}

# (Pemda, region, result, region the run is for, people's regions, report's regions)
REGIONS = [
    ("64.02", None, {}, "64.02", ["64.02"], ["64.02"]),  # a Pemda's list
    (None, "64", {}, "64", ["64"], ["64"]),  # a branch's extract before its check
    (None, None, {}, None, [None], [None]),  # a national extract
    (None, "64", {"people_regions": BOTH}, "64", BOTH, BOTH),
    (None, "64", BRANCH, "64", BOTH, ["64.02"]),
    (None, "64", {"people_regions": [], "report_regions": []}, "64", ["64"], ["64"]),
]  # fmt: skip


@pytest.mark.parametrize(("pemda", "region", "result", "code", "people", "report"), REGIONS)
def test_the_regions_of_a_run(pemda, region, result, code, people, report):
    run = ImportRun(pemda_id=pemda, region_id=region, result=result)
    assert run_region_code(run) == code
    assert people_regions(run) == people
    assert report_regions(run) == report


def user(role, region=None, pk=8, **fields):
    return User(pk=pk, username=f"u{pk}", role=role, region_id=region, **fields)


# (user, sees the run's rows, sees whole NIKs, may start it), for the branch's checked extract
# (people in 64.02 and 65.01, the report's only in 64.02) uploaded by BPJS Kaltim's officer
WHO = [
    (user("bpjs", "64", pk=UPLOADER), True, True, True),  # its uploader
    (user("bpjs", "64"), False, True, False),  # another officer of its region: not 65.01's rows
    (user("pemda", "64.02"), False, True, False),  # holds the report's people, not the file's
    (user("pemda", "65"), False, False, False),
    (user("national"), True, False, False),
    (user("bpjs"), True, True, True),  # BPJS's national staff
    (user("viewer"), False, False, False),
    (user("bpjs", "64", pk=UPLOADER, is_active=False), False, False, False),
]  # fmt: skip


@pytest.mark.parametrize(("who", "rows", "niks", "starts"), WHO)
def test_who_sees_and_starts_a_run(who, rows, niks, starts):
    run = ImportRun(region_id="64", user_id=UPLOADER, result=BRANCH)
    assert can_view_run(who, run) is rows
    assert may_see_niks(who, run) is niks
    assert may_start(who, run) is starts


U, Q, R, D, F = (ImportRun.Status.UPLOADED, ImportRun.Status.QUEUED, ImportRun.Status.RUNNING,
                 ImportRun.Status.DONE, ImportRun.Status.FAILED)  # fmt: skip
WOULD_REPLACE = {"replaces": {"needs_confirmation": True}}
KEEPS = {"replaces": {"needs_confirmation": False}}

# (status, result, may be started, waits for the confirmation of a replacement)
DECISIONS = [
    (U, {}, True, False),
    (Q, {}, False, False),
    (R, {}, False, False),
    (D, {"status": "done"}, False, False),
    (D, {"status": "dry_run"}, True, False),
    (D, {"status": "dry_run", **WOULD_REPLACE}, True, True),
    (D, {"status": "needs_confirmation", **WOULD_REPLACE}, True, True),
    (D, {"status": "needs_confirmation", **KEEPS}, True, False),
    (D, {"status": "done", **WOULD_REPLACE}, False, False),
    (D, {}, False, False),
    (F, {"status": "dry_run"}, False, False),
]


@pytest.mark.parametrize(("status", "result", "startable", "confirm"), DECISIONS)
def test_which_runs_wait_for_a_start_or_a_confirmation(status, result, startable, confirm):
    run = ImportRun(status=status, result=result)
    assert can_start(run) is startable
    assert needs_confirmation(run) is confirm


def test_the_uploader_sees_whole_niks_of_people_outside_its_region():
    """BPJS Kaltim's extract whose report lists people of Malinau (65.01) too."""
    run = ImportRun(region_id="64", user_id=UPLOADER, result={"people_regions": BOTH})
    uploader = user("bpjs", "64", pk=UPLOADER)
    assert can_view_run(uploader, run) and may_see_niks(uploader, run)
    assert not may_see_niks(user("bpjs", "64"), run)

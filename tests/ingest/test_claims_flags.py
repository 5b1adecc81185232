"""Claims that are accepted and counted but flagged: the amount differs from what the rules
expect, the NIK is in no membership extract, the event lies before the enrolment.

The amount flag is the row's own and is stored with it; the membership flags depend on the
extracts current at the time: they are in the import's report and counts, and the engine
recomputes them at every refresh (`claims.settle`)."""

from __future__ import annotations

import datetime
import json

import duckdb
import pytest

from pantau.ingest import importer
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, RINA, SITI, claim, claims, issues, members
from tests.ingest.files import write_csv


@pytest.fixture(autouse=True, params=["small_file", "large_file"])
def database(request, monkeypatch):
    if request.param == "large_file":
        monkeypatch.setattr(importer, "SMALL_FILE_BYTES", 0)
    return request.param


ANDI_MEMBER = {"nik": ANDI, "birth_date": "1985-03-12", "sex": "L", "enrolled_on": "2020-02-01"}


def flags(summary) -> dict[int, list[str]]:
    """File row → the flags the report gives it."""
    found: dict[int, list[str]] = {}
    for row, _column, code, _value in issues(summary, "peringatan"):
        if code.startswith("claim_"):
            found.setdefault(row, []).append(code)
    return found


def stored(summary) -> dict[str, tuple]:
    """claim_no → (expected_amount, expected_basis, warning codes) as the lake holds them."""
    data = Snapshot.objects.get(pk=summary.snapshot).absolute_path / "data"
    rows = duckdb.sql(
        f"SELECT claim_no, expected_amount, expected_basis, warnings "
        f"FROM read_parquet('{data}/**/*.parquet')"
    ).fetchall()
    return {
        claim_no: (amount, basis, [w["code"] for w in json.loads(warnings or "[]")])
        for claim_no, amount, basis, warnings in rows
    }


def test_amount_checked_against_the_rules(db, tmp_path):
    members(tmp_path, {}, ANDI_MEMBER)
    rows = [
        claim(claim_no="JKM-ok"),  # Rp42,000,000 since PP 82/2019
        claim(claim_no="JKM-low", nik=ANDI, amount="40000000"),
        # JKK death: 48 × Rp3,500,000 + Rp10,000,000 funeral + Rp12,000,000 periodic
        claim(claim_no="JKK-ok", program="JKK", amount="190000000"),
        claim(claim_no="JKK-nowage", program="JKK", amount="1", wage=""),  # not checkable
        claim(claim_no="JHT", program="JHT", event="old_age", amount="12345678"),
        # JKM before PP 82/2019 (PP 44/2015): Rp24,000,000
        claim(claim_no="JKM-2019", event_date="2019-06-01", paid_on="2019-07-01",
              amount="42000000"),
    ]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows))
    assert (summary.accepted, summary.rejected, summary.flagged) == (6, 0, 2)
    lake = stored(summary)
    assert lake["JKM-ok"][0] == 42_000_000 and lake["JKM-ok"][2] == []
    assert lake["JKM-ok"][1].startswith("PP 82/2019")
    assert lake["JKM-low"] == (42_000_000, lake["JKM-ok"][1], ["claim_amount_differs"])
    assert lake["JKK-ok"][0] == 190_000_000 and lake["JKK-ok"][2] == []
    assert lake["JKK-nowage"] == (None, None, [])
    assert lake["JHT"] == (None, None, [])
    assert lake["JKM-2019"][0] == 24_000_000 and lake["JKM-2019"][1].startswith("PP 44/2015")
    assert lake["JKM-2019"][2] == ["claim_amount_differs"]
    # The expected amount as people read it, with its regulation (the report and the upload page).
    assert (3, "amount", "claim_amount_differs", "Rp42.000.000, PP 82/2019") in (
        issues(summary, "peringatan")
    )
    assert flags(summary) == {
        3: ["claim_amount_differs"],
        7: ["claim_amount_differs", "claim_before_enrolment"],
    }


def test_not_a_member_of_any_extract(db, tmp_path):
    members(tmp_path, {}, as_of=datetime.date(2022, 6, 1))
    members(tmp_path, ANDI_MEMBER, as_of=datetime.date(2022, 7, 1))  # another month
    rows = [claim(claim_no="K-1"), claim(claim_no="K-2", nik=ANDI),
            claim(claim_no="K-3", nik=RINA), claim(claim_no="K-4", nik="123")]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows))
    assert (summary.accepted, summary.rejected, summary.flagged) == (3, 1, 1)
    assert flags(summary) == {4: ["claim_not_member"]}
    assert (4, "nik", "claim_not_member", "") in issues(summary, "peringatan")
    # A rejected row is not flagged: it is not counted at all.
    assert [issue for issue in issues(summary) if issue[0] == 5] == [
        (5, "nik", "nik_format", "123")
    ]


def test_without_membership_extracts_no_nik_is_a_member(db, tmp_path):
    summary = claims(write_csv(tmp_path / "c.csv", [claim(claim_no="K-1")]))
    assert (summary.accepted, summary.flagged) == (1, 1)
    assert flags(summary) == {2: ["claim_not_member"]}
    assert stored(summary)["K-1"][2] == []  # not stored: the engine recomputes it


def test_event_before_the_earliest_enrolment(db, tmp_path):
    # SITI enrolled 2021-01-10 in one extract and 2021-03-01 in another: the earliest counts.
    members(tmp_path, {}, as_of=datetime.date(2022, 6, 1))
    members(tmp_path, {"enrolled_on": "2021-03-01"}, as_of=datetime.date(2022, 7, 1))
    rows = [
        claim(claim_no="K-1", event_date="2021-01-09", amount="42000000"),
        claim(claim_no="K-2", event_date="2021-01-10"),
        claim(claim_no="K-3", event_date="2021-02-01", amount="1"),
    ]
    summary = claims(write_csv(tmp_path / "c.csv", rows))
    assert (summary.accepted, summary.flagged) == (3, 2)
    assert flags(summary) == {2: ["claim_before_enrolment"], 4: ["claim_amount_differs"]}
    assert (2, "event_date", "claim_before_enrolment", "2021-01-10") in issues(
        summary, "peringatan"
    )
    assert Snapshot.objects.get(pk=summary.snapshot).flagged == 2
    assert summary.warnings == 2


def test_an_enrolment_without_a_date_is_no_flag(db, tmp_path):
    members(tmp_path, {"enrolled_on": ""})
    summary = claims(write_csv(tmp_path / "c.csv", [claim(claim_no="K-1", nik=SITI)]))
    assert (summary.accepted, summary.flagged) == (1, 0)

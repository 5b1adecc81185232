"""The demo's claims extract (issue 17): a few hundred claims paid in East and North
Kalimantan from January 2021 to July 2022, written from the generated members; JKM
Rp42,000,000 to the heirs of village heads (APBDes) and an RT head (APBD) for the Balikpapan
handover; exactly three claims flagged on purpose, every other one checks out."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pantau.core.vocabulary import CLAIM_PAIRS, PEMDA_PAYERS
from pantau.ingest.formats import CLAIM_COLUMNS
from pantau.ingest.nik import parse_nik
from pantau.rules.claims import expected_claim
from pantau.site.demo import claims as demo
from pantau.site.demo.generate import generate_files

pytestmark = pytest.mark.django_db

MONTHS = tuple(f"2022-{month:02d}" for month in range(1, 8))  # as the demo generates


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def generate(out: Path, scale: float):
    generate_files(out, scale=scale, seed=2022, year=2022, as_of=MONTHS, provinces=["64", "65"])
    written = demo.write_claims_file(out)
    members = {}  # NIK → its membership rows of every extract
    for path in sorted((out / "members").glob("members_*.csv")):
        for row in read(path):
            members.setdefault(row["nik"], []).append(row)
    positions = {}
    for path in sorted((out / "workers").glob("*.csv")):
        positions.update((row["nik"], row["position"]) for row in read(path))
    return written, read(written.path), members, positions


@pytest.fixture(scope="module")
def world(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return generate(tmp_path_factory.mktemp("demo-claims"), 0.25)


@pytest.fixture(scope="module")
def full_scale(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return generate(tmp_path_factory.mktemp("demo-claims-1"), 1.0)


def flags(row: dict, members: dict) -> set[str]:
    """What the claims import flags, computed here from the files alone."""
    found = set()
    expected = expected_claim(row["program"], row["event"], row["event_date"],
                              int(row["wage"]) if row["wage"] else None)  # fmt: skip
    if expected is not None and expected.amount != int(row["amount"]):
        found.add("claim_amount_differs")
    if row["nik"] not in members:
        found.add("claim_not_member")
    elif row["event_date"] < min(m["enrolled_on"] for m in members[row["nik"]]):
        found.add("claim_before_enrolment")
    return found


def test_the_heirs_of_village_heads_and_an_rt_head_get_jkm_42_million(world):
    written, rows, members, positions = world
    by_number = {row["claim_no"]: row for row in rows}
    story = [by_number[number] for number in written.story]
    heads = [row for row in story if positions[row["nik"]] == "Kepala Desa"]
    rt_heads = [row for row in story if positions[row["nik"]].startswith("Ketua RT")]
    assert len(heads) == demo.VILLAGE_HEADS and len(rt_heads) == 1
    assert len(story) == len(heads) + len(rt_heads)
    for row in story:
        assert (row["program"], row["event"], int(row["amount"])) == ("JKM", "death", 42_000_000)
        assert date(2022, 6, 1) <= date.fromisoformat(row["paid_on"]) <= date(2022, 7, 5)
        assert row["event_date"] < row["paid_on"] and row["heir_relation"] in ("istri", "suami")
        assert row["nik"][:2] == "64" and row["region_code"][:2] == "64"
        # the payer is the membership's: the Pemda paid these contributions
        membership = members[row["nik"]][-1]
        assert (row["payer_type"], row["payer_region"]) == (
            membership["payer_type"], membership["payer_region"],
        )  # fmt: skip
        assert row["payer_type"] in PEMDA_PAYERS
        assert flags(row, members) == set()
    for row in heads:
        assert row["payer_type"] == "apbdes"
        assert len(row["payer_region"]) == 13 and row["payer_region"][:2] == "64"  # a village
    assert rt_heads[0]["payer_type"] == "apbd_regency"
    assert rt_heads[0]["payer_region"] == demo.HANDOVER_REGION  # Balikpapan pays its RT heads
    assert heads[0]["branch"] == "Balikpapan"


def test_exactly_three_claims_are_flagged_each_for_its_own_reason(world):
    written, rows, members, _ = world
    flagged = {row["claim_no"]: flags(row, members) for row in rows if flags(row, members)}
    assert flagged == {number: {code} for code, number in written.flagged.items()}
    assert set(written.flagged) == {
        "claim_amount_differs", "claim_not_member", "claim_before_enrolment",
    }  # fmt: skip
    differs = next(r for r in rows if r["claim_no"] == written.flagged["claim_amount_differs"])
    assert (differs["program"], int(differs["amount"])) == ("JKM", 24_000_000)  # PP 44/2015's
    stranger = next(r for r in rows if r["claim_no"] == written.flagged["claim_not_member"])
    parse_nik(stranger["nik"])  # a valid NIK, only not a member's


def test_the_claims_look_like_a_bpjs_extract(world):
    written, rows, members, _ = world
    assert list(rows[0]) == [column.name for column in CLAIM_COLUMNS]
    assert written.rows == len(rows)
    assert len({row["claim_no"] for row in rows}) == len(rows)
    assert all((row["program"], row["event"]) in CLAIM_PAIRS for row in rows)
    assert all("2021-01-01" <= row["paid_on"] <= "2022-07-31" for row in rows)
    assert all(row["event_date"] <= row["paid_on"] for row in rows)
    assert all(int(row["amount"]) > 0 for row in rows)
    assert all(row["region_code"][:2] in ("64", "65") and len(row["region_code"]) >= 5
               for row in rows)  # fmt: skip
    assert {row["region_code"][:2] for row in rows} == {"64", "65"}
    programs = Counter(row["program"] for row in rows)
    assert {"JKK", "JKM", "JHT"} <= set(programs)
    assert programs["JKK"] + programs["JHT"] > programs["JKM"]
    # Every claim the rules can check pays what they say, but the one flagged on purpose.
    for row in rows:
        expected = expected_claim(row["program"], row["event"], row["event_date"],
                                  int(row["wage"]) if row["wage"] else None)  # fmt: skip
        if expected and row["claim_no"] != written.flagged["claim_amount_differs"]:
            assert int(row["amount"]) == expected.amount
    # Most claims are paid in months spread over the whole period.
    months = Counter(row["paid_on"][:7] for row in rows)
    assert len(months) >= 12


def test_at_full_scale_a_few_hundred_claims_of_every_programme(full_scale):
    written, rows, members, _ = full_scale
    assert 200 <= len(rows) <= 500
    programs = Counter(row["program"] for row in rows)
    assert set(programs) >= {"JKK", "JKM", "JHT", "JP"}
    events = Counter((row["program"], row["event"]) for row in rows)
    assert events[("JKK", "accident")] >= 50 and events[("JHT", "resignation")] >= 30
    assert events[("JKK", "death")] >= 1 and events[("JKK", "disability_total")] >= 1
    assert sum(1 for row in rows if flags(row, members)) == 3
    pemda_paid = [row for row in rows if row["payer_type"] in PEMDA_PAYERS]
    assert len(pemda_paid) >= 10


def test_the_same_members_give_the_same_claims(world, tmp_path):
    written, *_ = world
    again, *_ = generate(tmp_path, 0.25)
    assert (
        hashlib.sha256(again.path.read_bytes()).digest()
        == hashlib.sha256(written.path.read_bytes()).digest()
    )
    assert (again.story, again.flagged) == (written.story, written.flagged)


def test_no_members_of_kalimantan_no_claims(tmp_path):
    generate_files(tmp_path, scale=0.05, seed=2022, year=2022, as_of=["2022-07"],
                   provinces=["51"])  # fmt: skip
    assert demo.write_claims_file(tmp_path) is None
    assert not (tmp_path / "claims").exists()

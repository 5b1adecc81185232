"""The briefing pack's world, as data with known answers.

The Balikpapan meeting of 5 July 2022 on Kaltim (64) and Kaltara (65), and an earlier one on
10 March 2022 on Kaltim. Coverage is published for March and July 2022 (and for August, after
the meeting, which the pack must not read); the budgets of 2022, the claims world of the
claims tests (refreshed for real), and follow-up actions.

Expected (July 2022, the meeting's month):
- Kaltim: 2,128 active members of a workforce of 3,176: UCJ 67.0 %; March: 2,000 (63.0 %).
- Kaltara: 303 of 594: 51.0 %.
- Kaltim Non ASN lists: 202 listed, 129 covered (63.9 %), 73 not covered costing
  Rp197,925,024 a year; Kaltara village officials: 54 listed, 18 covered.
- Budgets 2022: Kutai Kartanegara (64.02) listed Non ASN and budgeted nothing; Paser (64.01)
  listed and budgeted. So Kaltim: 2 Pemda with Non ASN lists, 1 not budgeted.
- Claims January–July 2022 (tests/engine/claims_world.py): Kaltim JKK 2 claims Rp8,000,000
  (1 Pemda-funded, Rp3,000,000), JKM 1 Rp42,000,000 (Pemda-funded), JHT 1 Rp10,000,000;
  Kaltara JKM 1 Rp42,000,000 (Pemda-funded).
- Actions: Kutai Kartanegara's "Anggarkan Non ASN" due 30 June 2022 (overdue on 5 July),
  Kaltara's "Tetapkan Pergub" due 31 December 2022 (open), Paser's done before the meeting
  (not in the pack).
"""

from __future__ import annotations

from datetime import date

from pantau.monev import services
from tests.budgets.test_budget_status import allocate, listed
from tests.dashboard.coverage_data import publish

MEETING_DAY = date(2022, 7, 5)


def coverage() -> None:
    publish(
        "2022-03",
        members={"64": (2000, 3176), "64.02": (380, 621), "65": (280, 594)},
        lists={("64", "non_asn"): (150, 80, 30, 40, 150_000_000)},
    )
    publish(
        "2022-07",
        members={"64": (2128, 3176), "64.01": (151, 238), "64.02": (405, 621), "65": (303, 594)},
        lists={
            ("64", "non_asn"): (202, 129, 40, 33, 197_925_024),
            ("64.02", "non_asn"): (56, 34, 10, 12, 39_500_652),
            ("64.01", "non_asn"): (29, 17, 5, 7, 14_040_168),
            ("65", "village_official"): (54, 18, 20, 16, 6_580_452),
        },
    )
    # After the meeting: never in its pack.
    publish("2022-08", members={"64": (2999, 3176), "65": (590, 594)})


def budgets() -> None:
    listed("64.02", "non_asn", 56, need=120_000_000, year=2022)
    listed("64.01", "non_asn", 29, need=60_000_000, year=2022)
    allocate("64.01", "non_asn", 60_000_000, year="2022", persons="29")


def meetings():
    earlier = services.create_meeting(
        title="Monev Kaltim triwulan I", held_on=date(2022, 3, 10), place="Samarinda",
        regions=["64"], agencies=["Kemenko PMK"],
    )  # fmt: skip
    meeting = services.create_meeting(
        title="Monev Inpres 2/2021 Kaltim dan Kaltara", held_on=MEETING_DAY, place="Balikpapan",
        regions=["64", "65"], agencies=["Kemenko PMK", "Kemendagri", "Setkab", "KSP"],
    )  # fmt: skip
    services.add_action(meeting=earlier, owner="64.02", due=date(2022, 6, 30),
                        text="Anggarkan Non ASN")  # fmt: skip
    done = services.add_action(meeting=earlier, owner="64.01", due=date(2022, 6, 30),
                               text="Kirim DPA")  # fmt: skip
    services.change_status(done, "done", on=date(2022, 5, 2))
    services.add_action(meeting=meeting, owner="65", due=date(2022, 12, 31),
                        text="Tetapkan Pergub")  # fmt: skip
    return meeting


def build(tmp_path):
    """Everything above; the meeting the pack is for."""
    from pantau.engine import claims
    from tests.engine.claims_world import build_claims_world

    coverage()
    budgets()
    build_claims_world(tmp_path)
    assert claims.refresh_claims()["status"] == "created"
    return meetings()

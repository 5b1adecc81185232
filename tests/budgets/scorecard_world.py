"""The scorecard tests' data: lists, allocations, coverage, regulations and plans of a year."""

from __future__ import annotations

import datetime

from pantau.budgets.allocations.services import record_allocation
from pantau.budgets.compliance import services as compliance
from pantau.budgets.models import Need
from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage, Refresh
from pantau.lake.models import Snapshot
from pantau.regions.models import Region
from tests.budgets.budget_files import entry

YEAR = 2025


def listed(pemda: str, category: str, persons: int, need: int | None, year: int = YEAR):
    """A worker list in force (its catalog row) and the need computed for it."""
    snapshot = Snapshot.objects.create(
        kind="workers", pemda_id=pemda, category=category, year=year, source_name="l.csv",
        sha256=f"{abs(hash((pemda, category, year))):064d}"[:64], rules_version="test",
        path=f"lake/workers/{pemda}-{category}-{year}", rows=persons, accepted=persons,
    )  # fmt: skip
    Need.objects.create(pemda_id=pemda, year=year, category=category, programs="",
                        persons=persons, amount=need, list_snapshot=snapshot)  # fmt: skip
    return snapshot


def allocate(pemda: str, category: str, amount: int, year: int = YEAR) -> None:
    record_allocation(entry(pemda_code=pemda, category=category, amount=str(amount),
                            year=str(year)))  # fmt: skip


def coverage(
    as_of: datetime.date,
    members: dict[str, tuple[int, int | None]] | None = None,
    lists: dict[str, tuple[int, int]] | None = None,
) -> CurrentGeneration:
    """A refreshed month as the engine leaves it: `members` {code: (active, workforce)},
    `lists` {code: (listed, covered)} on the all-categories row."""
    generation = as_of.year * 100 + as_of.month
    refresh = Refresh.objects.create(as_of=as_of, engine="duckdb", generation=generation,
                                     status=Refresh.Status.DONE)  # fmt: skip
    current = CurrentGeneration.objects.create(as_of=as_of, generation=generation,
                                               refresh=refresh)  # fmt: skip
    for code, (active, workforce) in (members or {}).items():
        MemberCoverage.objects.create(
            generation=generation, as_of=as_of, region_code=code, active_members=active,
            workforce=workforce, workforce_year=as_of.year if workforce else None,
        )  # fmt: skip
    for code, (count, covered) in (lists or {}).items():
        ListCoverage.objects.create(
            generation=generation, as_of=as_of, region_code=code, category="", listed=count,
            covered=covered, not_enrolled=count - covered,
        )  # fmt: skip
    return current


def regulate(user, pemda: str, kind: str, categories: list[str], issued_on=None, number="1"):
    compliance.add_regulation(user, Region.objects.get(code=pemda), {
        "kind": kind, "number": f"{number} Tahun 2023",
        "issued_on": issued_on or datetime.date(2023, 3, 1), "categories": categories,
    })  # fmt: skip


def plan(user, pemda: str, rkpd: bool, apbd: bool, year: int = YEAR) -> None:
    compliance.set_planning(user, Region.objects.get(code=pemda), year=year, in_rkpd=rkpd,
                            in_apbd=apbd)  # fmt: skip


def kaltim_world(admin) -> None:
    """The scorecard pages' and API's East Kalimantan: Kukar with a Perda, both plans, its
    Non ASN listed and part budgeted; the province planned; North Kalimantan in the RKPD only;
    December 2025's coverage."""
    regulate(admin, "64.02", "perda", ["non_asn"])
    plan(admin, "64.02", True, True)
    plan(admin, "64", True, True)
    plan(admin, "65", True, False)
    listed("64.02", "non_asn", 4, 1000)
    allocate("64.02", "non_asn", 500)
    coverage(datetime.date(2025, 12, 1), members={"64.02": (300, 1000), "64": (5000, 10000)},
             lists={"64.02": (4, 3), "64": (4, 3)})  # fmt: skip

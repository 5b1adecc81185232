"""What the lists need: a year of contributions for the people on each Pemda's current list.

need(Pemda, year, category, programmes) = Σ over the persons on the list in force of
`rules.budget(category, 1, year, months=12, wage=…, programs=…).total`, where the list in
force is the Pemda's current list of that category for the year or, if none, for the latest
earlier year (as `pantau refresh` picks lists).

- PU categories (the category's default segment is PU) are computed on each person's
  `monthly_income`; persons without one are counted in `persons_without_wage` and add
  nothing. When nobody has a wage, the amount is None (unknown).
- BPU categories are the flat package; no wage is needed.
- A year the rules cannot compute (before July 2015) gives None.

The person-level rows are read from the lake with one DuckDB query per refresh (`GROUP BY
list, monthly_income` over every list needed), and the costs are computed once per distinct
(category, wage, programmes, year). The results are stored in `Need` so that pages never read
the lake. `refresh_needs` is idempotent: rows whose figures are unchanged are not written.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from pantau.budgets.models import Allocation, Need
from pantau.core.duckdb import new_database
from pantau.lake import scan
from pantau.lake.catalog import current_lists, lists_in_force
from pantau.lake.models import Snapshot
from pantau.rules import api as rules


@dataclass
class NeedRefresh:
    """What `refresh_needs` did."""

    years: list[int] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict:
        return {
            "years": self.years,
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class NeedFigure:
    pemda: str
    year: int
    category: str
    programs: str
    persons: int
    amount: int | None
    persons_without_wage: int
    list_snapshot: int


def is_pu(category: str) -> bool:
    return rules.default_programs(category).segment == "pu"


def _years(pemdas: list[str] | None) -> list[int]:
    """Every year with a current allocation or list, and this year when any list exists."""
    allocations = Allocation.objects.current()
    lists = current_lists(pemdas)
    if pemdas is not None:
        allocations = allocations.filter(pemda_id__in=pemdas)
    years = set(allocations.values_list("year", flat=True))
    list_years = set(lists.values_list("year", flat=True))
    if list_years:
        years |= list_years | {timezone.localdate().year}
    return sorted(years)


def _as_list(value, cast) -> list | None:
    if value is None:
        return None
    if isinstance(value, str | int):
        return [cast(value)]
    return [cast(item) for item in value]


def refresh_needs(
    year: int | Iterable[int] | None = None,
    pemda: str | Iterable[str] | None = None,
    full: bool = False,
) -> NeedRefresh:
    """Recompute the `Need` rows of the given year(s) (None: every year that has a current
    allocation or list, plus this year when any list exists), for the given Pemda(s) (None:
    all). Rows no longer needed (no list in force, a programme set no allocation names any
    more) are deleted. Running it again with nothing changed writes nothing.

    A row already computed from the list now in force under the same rules data is kept as
    it is, so only new lists are read; `full` recomputes every row.
    """
    pemdas = _as_list(pemda, str)
    years = _as_list(year, int)
    if years is None:
        years = _years(pemdas)
    summary = NeedRefresh(years=sorted(set(years)))
    if not years:
        return summary
    # The fields read below alone: a list's catalog row holds JSON columns that cost more
    # to decode than everything else here (2,208 lists at national scale).
    snapshots = list(
        current_lists(pemdas).filter(year__lte=max(years)).only("pemda", "category", "year", "path")
    )
    wanted: dict[int, dict[tuple[str, str], Snapshot]] = {
        y: lists_in_force(y, snapshots=snapshots) for y in summary.years
    }
    named = _named_programs(summary.years, pemdas)
    stored = {} if full else _stored(summary.years, pemdas)
    rules_version = rules.version()
    figures: list[NeedFigure] = []
    pending: list[tuple] = []
    for y, by_key in wanted.items():
        for (code, category), snapshot in by_key.items():
            for programs in sorted({"", *named.get((code, y, category), ())}):
                row = stored.get((code, y, category, programs))
                if (
                    row is not None
                    and row.list_snapshot_id == snapshot.pk
                    and row.rules_version == rules_version
                ):
                    figures.append(NeedFigure(code, y, category, programs, row.persons,
                                              row.amount, row.persons_without_wage,
                                              snapshot.pk))  # fmt: skip
                else:
                    pending.append((code, y, category, programs, snapshot))
    counts = _wage_counts(list({entry[4].pk: entry[4] for entry in pending}.values()))
    costs = CostTable()
    for _code, y, category, programs, snapshot in pending:
        costs.prime(category, counts.get(snapshot.pk, {}), programs, y)
    for code, y, category, programs, snapshot in pending:
        figures.append(_figure(code, y, category, programs, snapshot,
                               counts.get(snapshot.pk, {}), costs))  # fmt: skip
    _store(figures, summary, pemdas)
    return summary


class StoredNeed(NamedTuple):
    """A stored `Need` row as a need refresh compares it: read as tuples, since model
    instances cost 0.1 s a refresh at 4,416 rows (552 Pemda × 4 categories × 2 years), twice
    (docs/benchmarks.md, "Gap rows in buckets")."""

    pk: int
    persons: int
    amount: int | None
    persons_without_wage: int
    list_snapshot_id: int | None
    rules_version: str


COMPARED = ("persons", "amount", "persons_without_wage", "list_snapshot_id", "rules_version")


def _stored(years: list[int], pemdas: list[str] | None, rows=None) -> dict[tuple, StoredNeed]:
    if rows is None:
        rows = Need.objects.all()
    rows = rows.filter(year__in=years)
    if pemdas is not None:
        rows = rows.filter(pemda_id__in=pemdas)
    return {
        (pemda, year, category, programs): StoredNeed(*values)
        for pemda, year, category, programs, *values in rows.values_list(
            "pemda_id", "year", "category", "programs", "pk", *COMPARED
        )
    }


def _named_programs(years: list[int], pemdas: list[str] | None) -> dict[tuple, set[str]]:
    """(Pemda, year, category) → the programme sets its current allocation names."""
    allocations = Allocation.objects.current().filter(year__in=years).exclude(programs="")
    if pemdas is not None:
        allocations = allocations.filter(pemda_id__in=pemdas)
    named: dict[tuple, set[str]] = defaultdict(set)
    for code, y, category, programs in allocations.values_list(
        "pemda_id", "year", "category", "programs"
    ):
        named[(code, y, category)].add(programs)
    return named


def _wage_counts(snapshots: list[Snapshot]) -> dict[int, dict[int | None, int]]:
    """list id → {monthly wage (None: none, or a BPU category): persons}, in one query."""
    if not snapshots:
        return {}
    pu = ", ".join(str(int(s.pk)) for s in snapshots if is_pu(s.category)) or "NULL"
    listed = scan.snapshots_sql(
        [(s.pk, str(s.absolute_path)) for s in snapshots], ["monthly_income"]
    )
    sql = f"""SELECT snapshot, CASE WHEN snapshot IN ({pu}) THEN monthly_income END AS wage,
        count(*) AS persons
    FROM ({listed}) GROUP BY ALL"""
    con = new_database(os.environ.get("PANTAU_ENGINE_MEMORY", "1GB"))
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    counts: dict[int, dict[int | None, int]] = defaultdict(dict)
    for snapshot, wage, persons in rows:
        counts[snapshot][None if wage is None else int(wage)] = int(persons)
    return counts


class CostTable:
    """A year of one person's contributions per (category, wage, programmes, year).

    `prime` asks the rules for every wage of a (category, programmes, year) at once.
    """

    def __init__(self) -> None:
        self._costs: dict[tuple, int | None] = {}

    def prime(self, category: str, wages: Iterable[int | None], programs: str, year: int):
        missing = [w for w in wages if (category, w, programs, year) not in self._costs]
        if not missing:
            return
        try:
            chosen = programs.lower() if programs else None
            # Numbers only (no working text), months under the same rules computed once.
            costs = rules.annual_costs(category, year, missing, programs=chosen)
        except rules.RuleError:
            costs = dict.fromkeys(missing)  # a year or programme set the rules do not cover
        for wage in missing:
            self._costs[(category, wage, programs, year)] = costs[wage]

    def __call__(self, category: str, wage: int | None, programs: str, year: int) -> int | None:
        key = (category, wage, programs, year)
        if key not in self._costs:
            self.prime(category, [wage], programs, year)
        return self._costs[key]


def _figure(code, year, category, programs, snapshot, wages, costs: CostTable) -> NeedFigure:
    pu = is_pu(category)
    persons = sum(wages.values())
    without_wage = wages.get(None, 0) if pu else 0
    amount: int | None = 0
    priced = 0
    for wage, count in wages.items():
        if pu and wage is None:
            continue
        cost = costs(category, wage, programs, year)
        if cost is None:
            amount = None
            break
        amount += count * cost
        priced += count
    if amount is not None and pu and priced == 0:
        amount = None  # nobody on the list has a wage: the need is unknown
    return NeedFigure(code, year, category, programs, persons, amount, without_wage, snapshot.pk)


def _store(figures: list[NeedFigure], summary: NeedRefresh, pemdas: list[str] | None) -> None:
    rules_version = rules.version()
    now = timezone.now()
    with transaction.atomic():
        existing = _stored(summary.years, pemdas, Need.objects.select_for_update())
        created, changed = [], []
        for figure in figures:
            key = (figure.pemda, figure.year, figure.category, figure.programs)
            values = {
                "persons": figure.persons,
                "amount": figure.amount,
                "persons_without_wage": figure.persons_without_wage,
                "list_snapshot_id": figure.list_snapshot,
                "rules_version": rules_version,
            }
            row = existing.pop(key, None)
            if row is None:
                created.append(Need(pemda_id=figure.pemda, year=figure.year,
                                    category=figure.category, programs=figure.programs,
                                    **values))  # fmt: skip
            elif any(getattr(row, name) != value for name, value in values.items()):
                # bulk_update skips auto_now
                changed.append(Need(pk=row.pk, computed_at=now, **values))
            else:
                summary.unchanged += 1
        Need.objects.bulk_create(created)
        Need.objects.bulk_update(
            changed,
            [
                "persons",
                "amount",
                "persons_without_wage",
                "list_snapshot",
                "rules_version",
                "computed_at",
            ],  # fmt: skip
        )
        if existing:
            Need.objects.filter(pk__in=[row.pk for row in existing.values()]).delete()
    summary.created, summary.updated, summary.deleted = len(created), len(changed), len(existing)

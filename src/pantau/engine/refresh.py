"""`refresh`: reconcile, aggregate, and swap the new numbers in atomically.

Steps: pick the snapshots in force at the as-of month (the lineage) → skip when the same
lineage was already computed (unless `full`) → plan what changed since the generation in
force (`incremental`) → the engine computes the changed units' partials and person-level
gap rows into `lake/coverage/<generation>/` → the unchanged units are hard-linked from the
previous generation → the partials are summed into the region rows, inserted under the new
generation → the `CurrentGeneration` pointer moves in one transaction → the older
generation's rows and files are deleted.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from pantau.core.bulk import insert_rows
from pantau.core.paths import private_dir, restrict_tree
from pantau.core.vocabulary import Kind
from pantau.engine import claims_refresh, incremental, nik_index, reconcile
from pantau.engine.backends import BACKENDS, ENGINES
from pantau.engine.errors import RefreshError
from pantau.engine.models import (
    CurrentGeneration,
    ListCoverage,
    MemberCoverage,
    Refresh,
    Workforce,
)
from pantau.lake.catalog import current_lists, lists_in_force
from pantau.lake.models import Snapshot
from pantau.regions.models import Region
from pantau.rules import api as rules


@dataclass
class RefreshSummary:
    status: str  # "created" or "unchanged"
    as_of: date
    engine: str
    refresh: int
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    # What was recomputed (`incremental.Plan.summary`); empty when unchanged.
    recomputed: dict = field(default_factory=dict)
    # The claims numbers' refresh (`claims_refresh.refresh_claims`); empty when not asked.
    claims: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        claims = {"claims": self.claims} if self.claims else {}
        return {
            "status": self.status,
            "as_of": self.as_of.strftime("%Y-%m"),
            "engine": self.engine,
            "refresh": self.refresh,
            "recomputed": self.recomputed,
            "timings": self.timings,
            "counts": self.counts,
            **claims,
        }


def latest_as_of() -> date | None:
    return Snapshot.objects.current().filter(kind=Kind.MEMBERS).aggregate(m=Max("as_of"))["m"]


def member_months() -> list[date]:
    """Every month with a current membership extract, oldest first."""
    months = Snapshot.objects.current().filter(kind=Kind.MEMBERS).values_list("as_of", flat=True)
    return sorted({month.replace(day=1) for month in months if month is not None})


class ListInForce(NamedTuple):
    """What a refresh reads of a list's catalog row: tuples, not model instances, which
    cost 0.1 s a refresh at 2,208 lists (docs/benchmarks.md, "Gap rows in buckets")."""

    pk: int
    pemda_id: str
    category: str
    year: int
    path: str
    level: str  # the Pemda's
    nik_numbers: bool


def inputs_for(as_of: date, grace_months: int = 1) -> reconcile.Inputs:
    """The membership extracts in force and each Pemda's latest list of the as-of year or before."""
    fields = ("pk", "pemda_id", "category", "year", "path", "pemda__level", "nik_numbers")
    rows = current_lists().filter(year__lte=as_of.year).values_list(*fields)
    lists = [ListInForce(*row) for row in rows]
    chosen = lists_in_force(as_of.year, snapshots=lists)
    return reconcile.Inputs(
        as_of=as_of,
        grace_months=grace_months,
        members=member_extracts(as_of),
        lists=[
            (s.pk, str(settings.DATA_DIR / s.path), s.pemda_id, s.level, s.category)
            for s in sorted(chosen.values(), key=lambda s: s.pk)
        ],
        numbered_lists=frozenset(s.pk for s in chosen.values() if s.nik_numbers),
    )


# Lists holding at most this share of the membership rows in force (an upload's list against
# a national extract) are joined with the province partitions holding their people alone,
# found first from the NIKs (`backends.duckdb`); with more, every partition holds some. Only
# for extracts of many partitions: against three, finding the one to read cost more than
# reading all (one Pemda's list at 10 million members: 0.17 s against 0.13 s).
FEW_LISTED_SHARE = 0.01
FEW_LISTED_PROVINCES = 10


def few_listed(lists: list[tuple], members: tuple[reconcile.MemberExtract, ...]) -> bool:
    """Whether `lists` hold few people against the extracts `members`, spread over many
    province partitions (the catalog's counts of accepted rows and provinces)."""
    extracts = [extract.snapshot for extract in members if extract.path is not None]
    if not lists or not extracts:
        return False
    rows, provinces = 0, set()
    for accepted, partitions in Snapshot.objects.filter(pk__in=extracts).values_list(
        "accepted", "provinces"
    ):
        rows += accepted
        provinces.update(partitions or ())
    if len(provinces) < FEW_LISTED_PROVINCES:
        return False
    listed = Snapshot.objects.filter(pk__in=[entry[0] for entry in lists]).aggregate(
        n=Sum("accepted")
    )
    return (listed["n"] or 0) <= FEW_LISTED_SHARE * rows


def member_extracts(as_of: date) -> tuple[reconcile.MemberExtract, ...]:
    """The extracts that count at `as_of`: of the current ones of that month or before, newest
    first (latest month, then latest import), each for the work regions no newer one covers."""
    candidates = (
        Snapshot.objects.current()
        .filter(kind=Kind.MEMBERS, as_of__lte=as_of)
        .order_by("-as_of", "-pk")
        .only("pk", "path", "accepted", "region_code", "nik_numbers")
    )
    return reconcile.extracts_in_force(incremental.extract_of(s) for s in candidates)


def gap_cost_rows(pairs: list[tuple[str, int | None]], year: int) -> list[tuple]:
    """A year of the category's default contributions per (category, wage), from the rules."""
    wages: dict[str, list[int | None]] = {}
    for category, wage in pairs:
        wages.setdefault(category, []).append(wage)
    rows = []
    for category, amounts in wages.items():
        # None: a PU category without a wage, counted in gap_wage_missing.
        costs = rules.annual_costs(category, year, amounts)
        rows += [(category, wage, costs[wage]) for wage in amounts]
    return rows


def pu_categories() -> list[str]:
    return [c for c in rules.CATEGORIES if rules.default_programs(c).segment == "pu"]


def run(
    as_of: date | None = None,
    engine: str = "duckdb",
    full: bool = False,
    grace_months: int = 1,
    claims: bool = True,
) -> RefreshSummary:
    """Recompute what changed since the last refresh of the month (everything if `full`);
    then, with `claims`, the claims numbers (cheap when neither the claims files nor the
    membership extracts changed: `claims_refresh.refresh_claims`)."""
    summary = _run(as_of, engine, full, grace_months)
    if claims:
        summary.claims = claims_refresh.refresh_claims(engine, full)
    return summary


def _run(as_of: date | None, engine: str, full: bool, grace_months: int) -> RefreshSummary:
    if engine not in ENGINES:
        raise RefreshError(f"mesin tidak dikenal / unknown engine: {engine}")
    started = time.perf_counter()
    as_of = (as_of or latest_as_of() or timezone.localdate()).replace(day=1)
    inputs = inputs_for(as_of, grace_months)
    lineage = {**inputs.lineage(), "workforce": incremental.workforce_fingerprint(as_of.year)}
    current = CurrentGeneration.objects.filter(as_of=as_of).select_related("refresh").first()
    if not full and current and current.refresh.inputs == lineage:
        return RefreshSummary("unchanged", as_of, engine, current.refresh_id)
    previous_dir = coverage_root() / str(current.files) if current else None
    plan = incremental.plan(inputs, current.refresh.inputs if current else None, previous_dir,
                            full)  # fmt: skip

    record = Refresh.objects.create(as_of=as_of, engine=engine, full=plan.full, generation=0,
                                    inputs=lineage)  # fmt: skip
    record.generation = record.pk
    out_dir = coverage_root() / str(record.generation)
    staging = out_dir.with_name(out_dir.name + ".staging")
    result = None
    try:
        backend = BACKENDS[engine]
        shutil.rmtree(staging, ignore_errors=True)
        private_dir(staging)
        timings = {"plan": round(time.perf_counter() - started, 3)}
        few = few_listed(plan.lists, inputs.members)
        indexes = nik_index.directories(inputs.members) if few else ()
        result = backend.compute(replace(inputs, lists=plan.lists), pu_categories(),
                                 gap_cost_rows, staging, plan.member_provinces, few,
                                 indexes)  # fmt: skip
        timings.update(result.timings)
        watch = reconcile.Stopwatch()
        incremental.carry_over(plan, previous_dir, staging)
        watch.lap("carry_over")
        # Only the rows of the regions a recomputed or dropped unit reaches are stored
        # again; not when the denominators changed (they are on every member row).
        changed = None
        same_workforce = current and current.refresh.inputs.get("workforce") == lineage["workforce"]
        if not plan.full and same_workforce:
            changed = incremental.changed_regions(plan, previous_dir, staging)
            watch.lap("changed_regions")
        list_rows, member_rows, totals = incremental.combine(staging, inputs, changed)
        watch.lap("combine")

        def publish() -> None:
            """The generation's files in place, once the engine has written the last."""
            result.finish()
            restrict_tree(staging)  # gap rows are person-level: 0600/0700 whatever the umask
            staging.rename(out_dir)

        counts = None
        if changed:
            publish()
            counts = _store_changes(record, current, list_rows, member_rows, changed)
            if counts is None:  # another refresh moved the month meanwhile: store it all
                list_rows, member_rows, totals = incremental.combine(out_dir, inputs)
                counts = _store(record, as_of, list_rows, member_rows)
        else:
            # The region rows are inserted while the engine may still write gap rows; the
            # month's pointer moves to them only after `publish`.
            counts = _store(record, as_of, list_rows, member_rows, publish)
        watch.lap("store")
        timings.update(watch.timings)
        timings.update(result.timings)  # the background writes' own
    except BaseException as error:
        if result is not None and result.pending is not None:
            # Nothing may still write into the directories removed here; the first error
            # is the one reported.
            with contextlib.suppress(Exception):
                result.finish()
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)
        record.status = Refresh.Status.FAILED
        record.error = str(error)[:2000]
        record.finished_at = timezone.now()
        record.save()
        raise
    timings["total"] = round(time.perf_counter() - started, 3)
    record.status = Refresh.Status.DONE
    record.finished_at = timezone.now()
    record.timings = timings
    record.counts = {**totals, **counts, "reconciled": result.counts.get("listed", 0)}
    record.save()
    return RefreshSummary("created", as_of, engine, record.pk, record.timings, record.counts,
                          plan.summary())  # fmt: skip


LIST_COLUMNS = ("region_code", "category", "listed", "covered", "lapsed", "not_enrolled",
                "gap_cost_annual", "gap_wage_missing", "birth_date_mismatch",
                "paid_by_other")  # fmt: skip
MEMBER_COLUMNS = (
    "region_code", "active_members",
    *(f"segment_{s.lower()}" for s in reconcile.SEGMENTS),
    *(f"payer_{p}" for p in reconcile.PAYERS),
)  # fmt: skip


def _insert(model, generation: int, as_of: date, columns: tuple[str, ...], rows: list[tuple]):
    """Raw rows, not the ORM: a refresh inserts hundreds of thousands (`core.bulk`)."""
    if model is MemberCoverage:
        columns = (*columns, "workforce", "workforce_year", "workforce_is_estimate")
    # The month as the database takes it, once: SQLite's driver would otherwise convert
    # the date object again on each of the rows.
    month = connection.ops.adapt_datefield_value(as_of)
    insert_rows(model._meta.db_table, columns, rows,
                fixed={"generation": generation, "as_of": month})  # fmt: skip


def _workforce_for(as_of: date) -> dict[str, tuple[int, int, bool]]:
    """Each region's employed persons of the as-of year, or the latest earlier year.

    Indonesia's figure is the sum of the provinces', only when every province has one.
    """
    found: dict[str, tuple[int, int, bool]] = {}
    for row in Workforce.objects.filter(year__lte=as_of.year).order_by("year"):
        found[row.region_id] = (row.employed, row.year, row.is_estimate)
    provinces = [code for code in found if len(code) == 2]
    if provinces and len(provinces) == Region.objects.filter(level="province").count():
        found[reconcile.NATIONAL] = (
            sum(found[code][0] for code in provinces),
            max(found[code][1] for code in provinces),
            any(found[code][2] for code in provinces),
        )
    return found


def _with_workforce(as_of: date, member_rows: list[tuple]) -> list[tuple]:
    workforce = _workforce_for(as_of)
    return [(*row, *(workforce.get(row[0]) or (None, None, False))) for row in member_rows]


# SQLite's page cache while a refresh writes region rows, in KiB (its default is 2 MB): a
# generation of the national 440,000 rows takes 25 MB of table and 15 MB of index, and a
# cache much smaller than that reads the same pages again and again (docs/benchmarks.md,
# "Storing region rows in key order"). Only for the writes: a page server's many
# connections keep the default.
STORE_CACHE_KIB = 65_536


@contextmanager
def _store_cache() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{STORE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def _store(record: Refresh, as_of: date, list_rows: list[tuple], member_rows: list[tuple],
           before_swap: Callable[[], None] | None = None):  # fmt: skip
    """A new generation of every region row, then (after `before_swap`, which puts the
    generation's files in place) the month's pointer moved to it and the old generation
    deleted, in one transaction."""
    members = _with_workforce(as_of, member_rows)
    with _store_cache(), transaction.atomic():
        _insert(ListCoverage, record.generation, as_of, LIST_COLUMNS, list_rows)
        _insert(MemberCoverage, record.generation, as_of, MEMBER_COLUMNS, members)
        if before_swap is not None:
            before_swap()
        previous = CurrentGeneration.objects.select_for_update().filter(as_of=as_of).first()
        CurrentGeneration.objects.update_or_create(
            as_of=as_of, defaults={"generation": record.generation, "refresh": record}
        )
        if previous is not None:
            ListCoverage.objects.filter(as_of=as_of, generation=previous.generation).delete()
            MemberCoverage.objects.filter(as_of=as_of, generation=previous.generation).delete()
    _drop_files(previous, record)
    return {"list_rows": len(list_rows), "member_rows": len(member_rows)}


def _store_changes(
    record: Refresh,
    current: CurrentGeneration,
    list_rows: list[tuple],
    member_rows: list[tuple],
    changed: incremental.Changed,
) -> dict | None:
    """An incremental refresh's rows: those of the `changed` regions replaced in the
    generation in force (which keeps its number), the month's pointer moved to `record`'s
    files, in one transaction. A reader sees the old rows or the new ones, as with a new
    generation, at the cost of the rows that changed instead of every region's (at the
    national scale 440,000 rows were written and as many deleted for one Pemda's list).

    None, with nothing written, when another refresh of the month moved the pointer since
    `current` was read: the changes were computed against rows no longer in force.
    """
    as_of = current.as_of
    members = _with_workforce(as_of, member_rows)
    with _store_cache(), transaction.atomic():
        locked = CurrentGeneration.objects.select_for_update().filter(as_of=as_of).first()
        if locked is None or locked.refresh_id != current.refresh_id:
            return None
        deleted = {
            model: _delete_regions(model, locked.generation, as_of, regions)
            for model, regions in ((ListCoverage, changed.list_regions),
                                   (MemberCoverage, changed.member_regions))
        }  # fmt: skip
        _insert(ListCoverage, locked.generation, as_of, LIST_COLUMNS, list_rows)
        _insert(MemberCoverage, locked.generation, as_of, MEMBER_COLUMNS, members)
        CurrentGeneration.objects.filter(pk=locked.pk).update(refresh=record)
    _drop_files(locked, record)
    # The rows in force: the last refresh's count, less what went, plus what came (a count
    # of the table where that refresh recorded none).
    before = current.refresh.counts
    counts = {}
    for name, model, stored in (("list_rows", ListCoverage, len(list_rows)),
                                ("member_rows", MemberCoverage, len(members))):  # fmt: skip
        if name in before:
            counts[name] = before[name] - deleted[model] + stored
        else:
            counts[name] = model.objects.filter(generation=locked.generation, as_of=as_of).count()
    return counts


def _delete_regions(model, generation: int, as_of: date, regions: frozenset[str]) -> int:
    deleted = 0
    ordered = sorted(regions)
    for start in range(0, len(ordered), 500):  # well under any database's parameter limit
        deleted += model.objects.filter(
            generation=generation, as_of=as_of, region_code__in=ordered[start : start + 500]
        ).delete()[0]
    return deleted


def _drop_files(previous: CurrentGeneration | None, record: Refresh) -> None:
    """The files of the refresh the month's pointer left go with its numbers (no personal
    data is kept without a use); after the commit, so a failed swap keeps them. The new
    refresh's hard links keep the files it shares."""
    if previous is not None and previous.files != record.generation:
        shutil.rmtree(coverage_root() / str(previous.files), ignore_errors=True)


def coverage_root() -> Path:
    """`<generation>/lists`, `members` (partials) and `gaps` (person rows) of each refresh."""
    return Path(settings.DATA_DIR) / "lake" / "coverage"


def gaps_dir(generation: int) -> Path:
    return coverage_root() / str(generation) / "gaps"

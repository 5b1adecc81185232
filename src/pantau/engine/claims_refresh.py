"""Compute the claims indicators and swap them in atomically (`refresh_claims`).

Steps, as the coverage refresh (`refresh.py`): the lineage (the current claims files and the
current membership extracts, by snapshot id) → skip when the generation in force has the same
lineage (unless `full`) → the engine checks the claims in force and writes the flagged claims'
rows to `lake/claims-computed/<generation>.staging/`, renamed into place → the nation's,
provinces' and regencies' totals are inserted under the new generation → the `CurrentClaims`
pointer moves in one transaction → the older generation's rows and files are deleted.
Readers see the old numbers or the new ones, never a mix (`pantau.engine.claims` reads rows of
the pointer's generation in one statement).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pantau.core.bulk import insert_rows
from pantau.core.paths import private_dir, restrict_tree
from pantau.engine import claims_lookup, claims_sql
from pantau.engine.backends import BACKENDS, ENGINES
from pantau.engine.errors import RefreshError
from pantau.engine.models import ClaimRefresh, ClaimTotal, CurrentClaims, Refresh
from pantau.lake import catalog
from pantau.lake.models import Snapshot


def claims_root() -> Path:
    """`<generation>/flagged/`: the flagged claims of each claims generation, as Parquet. (The
    claims files themselves are snapshots under `lake/claims/`.)"""
    return Path(settings.DATA_DIR) / "lake" / "claims-computed"


def flagged_dir(generation: int) -> Path:
    return claims_root() / str(generation) / "flagged"


def claim_snapshots() -> list[Snapshot]:
    """The current claims files, oldest first (a later file's row of a claim_no wins)."""
    return catalog.claims_in_force()


def member_snapshots() -> list[Snapshot]:
    """Every current membership extract with rows, of any month and region: a claim's NIK is
    checked against all of them (seen at all; the earliest enrolment)."""
    return catalog.current_memberships()


def lineage(claims: list[Snapshot], members: list[Snapshot]) -> dict:
    return {
        "layout": claims_sql.LAYOUT,
        "claims": [s.pk for s in claims],
        "members": [s.pk for s in members],
        # Where the districts' and villages' totals are summed from when asked (`claims.py`).
        "claim_files": [[s.pk, s.path] for s in claims if s.accepted],
    }


def refresh_claims(engine: str = "duckdb", full: bool = False) -> dict:
    """Bring the claims numbers up to date; "unchanged" when neither the claims files nor the
    membership extracts changed since the generation in force (unless `full`)."""
    if engine not in ENGINES:
        raise RefreshError(f"mesin tidak dikenal / unknown engine: {engine}")
    started = time.perf_counter()
    claims, members = claim_snapshots(), member_snapshots()
    inputs = lineage(claims, members)
    current = CurrentClaims.objects.select_related("refresh").first()
    if not full and current is not None and current.refresh.inputs == inputs:
        return {"status": "unchanged", "engine": engine, "refresh": current.refresh_id}
    if current is None and not claims:
        # Nothing to compute and nothing shown yet: no empty generation either.
        return {"status": "unchanged", "engine": engine, "refresh": None}

    record = ClaimRefresh.objects.create(engine=engine, full=full, generation=0, inputs=inputs)
    record.generation = record.pk
    out_dir = claims_root() / str(record.generation)
    staging = out_dir.with_name(out_dir.name + ".staging")
    try:
        shutil.rmtree(staging, ignore_errors=True)
        private_dir(staging)
        lookup_started = time.perf_counter()
        extra = {}
        if engine == "duckdb":
            # The pair files (`claims_lookup`); Spark joins the extracts' rows itself.
            extra["lookups"], _built = claims_lookup.prepare(claims, members)
        lookup_seconds = round(time.perf_counter() - lookup_started, 3)
        rows, result = BACKENDS[engine].compute_claims(
            [(s.pk, str(s.absolute_path)) for s in claims if s.accepted],
            [str(s.absolute_path) for s in members if s.accepted],
            staging,
            **extra,
        )
        restrict_tree(staging)  # person-level rows: 0600/0700 whatever the umask
        staging.rename(out_dir)
        store_started = time.perf_counter()
        previous = _store(record, rows)
        timings = {"claims_lookup": lookup_seconds, **result.timings,
                   "claims_store": round(time.perf_counter() - store_started, 3)}  # fmt: skip
    except Exception as error:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)
        record.status = Refresh.Status.FAILED
        record.error = str(error)[:2000]
        record.finished_at = timezone.now()
        record.save()
        raise
    if previous is not None and previous != record.generation:
        # After the commit, so a failed swap keeps them.
        shutil.rmtree(claims_root() / str(previous), ignore_errors=True)
    timings["claims_total"] = round(time.perf_counter() - started, 3)
    record.status = Refresh.Status.DONE
    record.finished_at = timezone.now()
    record.timings = timings
    record.counts = {**result.counts, "rows": len(rows)}
    record.save()
    return {"status": "created", "engine": engine, "refresh": record.pk,
            "timings": record.timings, "counts": record.counts}  # fmt: skip


def _store(record: ClaimRefresh, rows: list[tuple]) -> int | None:
    """Insert the new generation, move the pointer, delete the old rows: one transaction.
    Returns the previous generation."""
    with transaction.atomic():
        insert_rows(ClaimTotal._meta.db_table, claims_sql.TOTAL_COLUMNS, rows,
                    fixed={"generation": record.generation})  # fmt: skip
        previous = CurrentClaims.objects.select_for_update().first()
        if previous is None:
            CurrentClaims.objects.create(generation=record.generation, refresh=record)
            return None
        old = previous.generation
        CurrentClaims.objects.filter(pk=previous.pk).update(
            generation=record.generation, refresh=record
        )
        ClaimTotal.objects.filter(generation=old).delete()
    return old

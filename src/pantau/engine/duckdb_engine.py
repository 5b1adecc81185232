"""The reconciliation SQL on DuckDB, embedded: the default engine."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pantau.core.duckdb import new_database
from pantau.engine import reconcile


@dataclass
class Result:
    list_rows: list[tuple]
    member_rows: list[tuple]
    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def connect() -> duckdb.DuckDBPyConnection:
    con = new_database(os.environ.get("PANTAU_ENGINE_MEMORY", "3GB"))
    con.execute("SET enable_progress_bar = false")
    return con


def compute(
    inputs: reconcile.Inputs,
    pu_categories: list[str],
    gap_cost_rows: Callable[[list[tuple], int], list[tuple]],
    gaps_dir: Path,
) -> Result:
    watch = reconcile.Stopwatch()
    lap = watch.lap
    con = connect()
    try:
        meta = reconcile.list_meta_rows(inputs)
        con.register("list_meta_arrow", pa.table({
            "snapshot": pa.array([m[0] for m in meta], pa.int64()),
            "pemda": pa.array([m[1] for m in meta], pa.string()),
            "pemda_level": pa.array([m[2] for m in meta], pa.string()),
            "category": pa.array([m[3] for m in meta], pa.string()),
        }))  # fmt: skip
        con.execute("CREATE TEMP TABLE list_meta AS SELECT * FROM list_meta_arrow")
        con.execute(f"CREATE TEMP VIEW listed AS {reconcile.listed_sql(inputs)}")
        con.execute(f"CREATE TEMP TABLE members AS {reconcile.members_sql(inputs)}")
        lap("read_members")
        con.execute(
            "CREATE TEMP TABLE reconciled AS " + reconcile.with_cost_wage_sql(inputs, pu_categories)
        )
        lap("reconcile")
        pairs = con.execute(reconcile.GAP_PAIRS_SQL).fetchall()
        costs = gap_cost_rows(pairs, inputs.as_of.year)
        con.register("gap_costs_arrow", pa.table({
            "category": pa.array([c[0] for c in costs], pa.string()),
            "wage": pa.array([c[1] for c in costs], pa.int64()),
            "gap_cost": pa.array([c[2] for c in costs], pa.int64()),
        }))  # fmt: skip
        con.execute("CREATE TEMP TABLE gap_costs AS SELECT * FROM gap_costs_arrow")
        lap("gap_costs")
        _write_gaps(con, gaps_dir)
        lap("write_gaps")
        list_rows = con.execute(reconcile.LIST_COVERAGE_SQL).fetchall()
        member_rows = con.execute(reconcile.MEMBER_COVERAGE_SQL).fetchall()
        lap("aggregate")
        counts = dict(
            zip(reconcile.COUNT_NAMES, con.execute(reconcile.COUNTS_SQL).fetchall()[0],
                strict=True)
        )  # fmt: skip
        counts["members"] = con.execute("SELECT count(*) FROM members").fetchall()[0][0]
    finally:
        con.close()
    return Result(list_rows, member_rows, watch.timings, counts)


def _write_gaps(con, gaps_dir: Path) -> None:
    """Person-level gap rows (lapsed, never enrolled) by Pemda, for the gap lists."""
    staging = gaps_dir.with_name(gaps_dir.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    gaps = "SELECT count(*) FROM reconciled WHERE status <> 'covered'"
    if not con.execute(gaps).fetchall()[0][0]:
        staging.mkdir()
    else:
        con.execute(
            f"COPY ({reconcile.GAPS_SQL}) TO '{staging}' "
            "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (pemda))"
        )
    staging.rename(gaps_dir)

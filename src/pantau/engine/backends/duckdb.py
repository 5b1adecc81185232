"""The reconciliation SQL on DuckDB, embedded: the default engine."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from pantau.core.duckdb import new_database
from pantau.engine import claims_sql, nik_index, reconcile
from pantau.engine.backends.result import Result
from pantau.lake import scan


def connect() -> duckdb.DuckDBPyConnection:
    con = new_database(os.environ.get("PANTAU_ENGINE_MEMORY", "3GB"))
    con.execute("SET enable_progress_bar = false")
    # The refresh's tables live for one run: compressing them costs more than it saves
    # (docs/benchmarks.md, "Why the code is shaped so").
    con.execute("SET force_compression = 'uncompressed'")
    return con


def compute(
    inputs: reconcile.Inputs,
    pu_categories: list[str],
    gap_cost_rows: Callable[[list[tuple], int], list[tuple]],
    out_dir: Path,
    member_provinces: list[str] | None = None,
    few_listed: bool = False,
    nik_indexes: tuple[Path, ...] = (),
) -> Result:
    """Partials and gap rows of `inputs.lists` and of the `member_provinces` (None: all).
    `few_listed`: the lists hold few people against the extract (`refresh.few_listed`);
    their partitions are then looked up in `nik_indexes`, the extracts' NIK indexes
    (`nik_index.directories`), or without them found by a scan.

    Writes `out_dir/lists/_bucket=<n>/` (`reconcile.BUCKETS` files by the list),
    `out_dir/members/computed.parquet` and `out_dir/gaps/_bucket=<n>/`
    (`reconcile.GAP_BUCKETS` files by the list; see `incremental`); `out_dir` is new. The
    gap rows are written in a thread of their own, while the caller sums and stores the
    partials: `Result.finish` waits for them.
    """
    watch = reconcile.Stopwatch()
    lap = watch.lap
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect()
    counts: dict = {}
    writer = None
    try:
        # A view, not a table: the join reads six columns and the member partials four,
        # each straight from Parquet, cheaper than copying the extract into a table first
        # (docs/benchmarks.md, "Why the code is shaped so").
        members = reconcile.members_sql(inputs, inputs.by_number)
        con.execute(f"CREATE TEMP VIEW members AS {members}")
        lap("read_members")
        gaps = None
        if inputs.lists:
            counts, gaps = _reconcile(con, inputs, pu_categories, gap_cost_rows, out_dir, lap,
                                      few_listed, nik_indexes)  # fmt: skip
        if member_provinces is None or member_provinces:
            _copy(con, reconcile.member_partials_sql(member_provinces), out_dir / "members")
        lap("member_partials")
        if gaps is not None:
            # Last: DuckDB's other statements would share the cores with it (measured
            # slower), the caller's Python work leaves one idle.
            writer = _GapWriter(con, gaps)
    except BaseException:
        con.close()  # the writer starts last: nothing after it can fail here
        raise
    if writer is None:
        con.close()
        return Result(watch.timings, counts)

    def pending() -> dict:
        try:
            return writer.wait()
        finally:
            con.close()

    return Result(watch.timings, counts, pending)


class _GapWriter:
    """The gap rows' COPY on a cursor of its own, in a thread: DuckDB works on them while the
    refresh's Python sums and stores the region rows, which leave a core idle (the national
    refresh: docs/benchmarks.md, "Gap rows in buckets")."""

    def __init__(self, con, sql: str) -> None:
        self._cursor = con.cursor()  # a connection of its own to the same database
        self._error: BaseException | None = None
        self._seconds = 0.0
        self._thread = threading.Thread(target=self._run, args=(sql,), name="gap-rows")
        self._thread.start()

    def _run(self, sql: str) -> None:
        started = time.perf_counter()
        try:
            self._cursor.execute(sql)
        except BaseException as error:  # re-raised by wait(), in the refresh's thread
            self._error = error
        finally:
            self._seconds = time.perf_counter() - started

    def wait(self) -> dict:
        self._thread.join()
        self._cursor.close()
        if self._error is not None:
            raise self._error
        return {"write_gaps": round(self._seconds, 3)}


def _reconcile(con, inputs, pu_categories, gap_cost_rows, out_dir: Path, lap, few_listed,
               nik_indexes):  # fmt: skip
    """The counts, and the statement writing the gap rows (None without any)."""
    meta = reconcile.list_meta_rows(inputs)
    con.register("list_meta_arrow", pa.table({
        "snapshot": pa.array([m[0] for m in meta], pa.int64()),
        "pemda": pa.array([m[1] for m in meta], pa.string()),
        "pemda_level": pa.array([m[2] for m in meta], pa.string()),
        "category": pa.array([m[3] for m in meta], pa.string()),
    }))  # fmt: skip
    # Tables of the database, not TEMP: the gap writer's cursor reads them too.
    con.execute("CREATE TABLE list_meta AS SELECT * FROM list_meta_arrow")
    # By the NIKs' numbers where the files have them: an integer join, and the scan of a
    # 60-million-row extract reads integers instead of text (docs/benchmarks.md, "NIKs
    # joined as numbers").
    by_number = inputs.by_number
    con.execute(f"CREATE TEMP VIEW listed AS {reconcile.listed_sql(inputs, by_number)}")
    members = "members"
    if few_listed:
        # An upload's few thousand people against a national extract: the partitions
        # holding them found from the NIKs alone, then every column the join needs read
        # from those partitions only (one Pemda's list against 60 million rows: 0.80 s,
        # against 0.48 s to find its one partition and 0.11 s to join it). Looked up in the
        # extracts' NIK indexes when they have them (a few milliseconds), else scanned.
        provinces = _indexed_provinces(con, nik_indexes) if by_number and nik_indexes else None
        if provinces is not None:
            lap("nik_index")
        else:
            provinces = {row[0] for row in con.execute(
                reconcile.matched_provinces_sql(by_number)).fetchall()}  # fmt: skip
            lap("matched_provinces")
        only = ", ".join(scan.quoted(p) for p in sorted(provinces)) or "NULL"
        con.execute(f"CREATE TEMP VIEW matched AS SELECT * FROM members "
                    f"WHERE province_code IN ({only})")  # fmt: skip
        members = "matched"
    reconciled = reconcile.reconciled_sql(inputs, pu_categories, by_number, members)
    con.execute(f"CREATE TABLE reconciled AS {reconciled}")
    lap("reconcile")
    pairs = con.execute(reconcile.GAP_PAIRS_SQL).fetchall()
    costs = gap_cost_rows(pairs, inputs.as_of.year)
    con.register("gap_costs_arrow", pa.table({
        "category": pa.array([c[0] for c in costs], pa.string()),
        "wage": pa.array([c[1] for c in costs], pa.int64()),
        "gap_cost": pa.array([c[2] for c in costs], pa.int64()),
    }))  # fmt: skip
    con.execute("CREATE TABLE gap_costs AS SELECT * FROM gap_costs_arrow")
    lap("gap_costs")
    counts = dict(
        zip(reconcile.COUNT_NAMES, con.execute(reconcile.COUNTS_SQL).fetchall()[0], strict=True)
    )
    gaps = None
    if counts["listed"] > counts["covered"]:
        bucket = reconcile.gap_bucket_of("snapshot")
        sql = f"SELECT *, {bucket} AS _bucket FROM ({reconcile.GAPS_SQL})"
        gaps = _copy_sql(sql, out_dir / "gaps", "_bucket")
    _copy(con, f"SELECT *, {reconcile.bucket_of('snapshot')} AS _bucket "
               f"FROM ({reconcile.LIST_PARTIALS_SQL})", out_dir / "lists", "_bucket")  # fmt: skip
    lap("list_partials")
    return counts, gaps


def _indexed_provinces(con, nik_indexes: tuple[Path, ...]) -> set[str] | None:
    """The provinces holding the listed NIKs, from the extracts' indexes (`nik_index`)."""
    niks = con.sql(
        "SELECT DISTINCT nik_number FROM listed WHERE nik_number IS NOT NULL"
    ).to_arrow_table()["nik_number"]
    return nik_index.provinces_holding(nik_indexes, niks.to_numpy())


def _copy(con, sql: str, directory: Path, partition_by: str | None = None) -> None:
    """Snappy Parquet: `<column>=<value>/` directories, or one `computed.parquet`."""
    con.execute(_copy_sql(sql, directory, partition_by))


def _copy_sql(sql: str, directory: Path, partition_by: str | None = None) -> str:
    if partition_by is None:
        directory.mkdir(parents=True, exist_ok=True)
        directory = directory / "computed.parquet"
    target = str(directory).replace("'", "''")
    partitioned = f", PARTITION_BY ({partition_by})" if partition_by else ""
    return f"COPY ({sql}) TO '{target}' (FORMAT parquet, COMPRESSION snappy{partitioned})"


def compute_claims(
    claims: list[tuple[int, str]], member_dirs: list[str], out_dir: Path,
    lookups: list[Path] = (),
) -> tuple[list[tuple], Result]:  # fmt: skip
    """The claims totals of the nation, provinces and regencies (`claims_sql.TOTAL_COLUMNS`
    rows, for the database) and the flagged claims' rows in `out_dir/flagged/`
    (docs/engine.md, "Claims"). With `lookups`, the pair files of these claims files and
    extracts (`claims_lookup`), the membership flags come from them instead of a join with
    the extracts' rows."""
    watch = reconcile.Stopwatch()
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect()
    try:
        con.execute(f"CREATE TEMP VIEW claim_rows AS {claims_sql.claim_rows_sql(claims)}")
        flagged = claims_sql.FLAGGED_SQL
        if lookups and member_dirs:
            files = ", ".join(scan.quoted(str(path)) for path in lookups)
            con.execute(f"CREATE TEMP VIEW lookups AS SELECT * FROM read_parquet([{files}])")
            checked = claims_sql.checked_from_lookups_sql(len(claims), len(member_dirs))
            # A view: the claims and the small lookups joined twice (flagged rows, totals)
            # cost less than keeping a million checked rows (docs/benchmarks.md).
            con.execute(f"CREATE TEMP VIEW checked AS {checked}")
            if len(claims) == 1:  # no claim of another file to be replaced by
                flagged = claims_sql.flagged_from_lookups_sql(len(member_dirs))
        else:
            members = claims_sql.member_rows_sql(member_dirs)
            con.execute(f"CREATE TEMP VIEW member_rows AS {members}")
            checked = claims_sql.checked_sql(len(claims), len(member_dirs))
            con.execute(f"CREATE TEMP TABLE checked AS {checked}")
        watch.lap("claims_check")
        _copy(con, flagged, out_dir / "flagged")
        watch.lap("claims_flagged")
        rows = con.execute(claims_sql.TOTALS_SQL).fetchall()
        watch.lap("claims_totals")
    finally:
        con.close()
    return rows, Result(watch.timings, claims_sql.national_counts(rows))

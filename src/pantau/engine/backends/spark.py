"""The reconciliation SQL on Apache Spark: the optional second engine (`--engine spark`).

Spark runs the statements DuckDB runs. They are written once, in DuckDB's dialect, in
`reconcile` (and, for the few glue statements of a backend, below as in `backends/duckdb.py`), and
translated to Spark SQL by sqlglot when a refresh runs. sqlglot translates `count(*) FILTER
(…)`, `UNNEST([…]) AS t(place)` (to `LATERAL VIEW EXPLODE`), `IS NOT DISTINCT FROM` and
`x::TYPE` by itself. This module helps it in two places, and says so:

- `read_parquet('<snapshot>/data/**/*.parquet', …)` (a membership extract) becomes a temp
  view of that snapshot, read with Spark's Parquet reader: hive partitions discovered under
  `<snapshot>/data`, partition values kept as strings, so `province_code` `11` stays `'11'`
  (`_translate`).
- `listed` (every list in force, with its snapshot id) is one scan of all the lists' files,
  each row given the snapshot of the directory its file is in (`_read_lists`), as
  `reconcile.listed_sql` does with DuckDB's `filename` column. A `UNION ALL` of one read per
  list gives the same rows, but Spark cannot take it at scale: at 500 lists its analyzer
  overflows the JVM stack on the chain of unions, and even as a balanced tree the reads and
  branches cost many times the one scan (docs/benchmarks.md, "Why the code is shaped so").
  (`listed_sql` still gives the empty relation when no list is in force.)

tests/engine/test_engines_agree.py holds both engines to the same rows on the reconciliation
ground truth.

One SparkSession per process (it takes seconds to start), started on first use and stopped
at exit; each refresh works in its own `newSession()` (own temp views, shared SparkContext).
Settings:
`PANTAU_SPARK_MASTER` (default `local[2]`; `spark://host:7077` for a standalone cluster, as
`scripts/spark-cluster start` prints it), `PANTAU_SPARK_MEMORY` (driver memory, default `2g`),
`PANTAU_SPARK_EXECUTOR_MEMORY` (each executor's memory on a cluster, Spark's default `1g`; it
must fit in what a worker offers), `PANTAU_SPARK_SHUFFLE_PARTITIONS` (default 4, enough for
the aggregates; a cluster with many cores joining national data wants 16-64) and
`PANTAU_SPARK_DRIVER_HOST` (the address the executors
reach this process at; default `SPARK_LOCAL_IP`, itself `127.0.0.1` unless set). With a
cluster master, every worker must see the data directory at the same path (the same machine,
or shared storage mounted at the same place: docs/scale-out.md), and the executors' Python
is this process's (`PYSPARK_PYTHON` overrides), so it must exist on every worker.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

from pantau.engine import claims_sql, reconcile
from pantau.engine.backends.result import Result
from pantau.engine.errors import RefreshError

SHUFFLE_PARTITIONS = 4  # the aggregates are small; Spark's default of 200 only adds tasks

_session = None
_lock = threading.Lock()


def _require() -> None:
    try:
        import pyspark  # noqa: F401
        import sqlglot  # noqa: F401
    except ImportError as error:
        raise RefreshError(
            "mesin Spark belum terpasang, pasang extra `spark` (pip install 'pantau[spark]') / "
            "the Spark engine is not installed: install the `spark` extra"
        ) from error


def session():
    """The process's SparkSession, started on first use and reused."""
    global _session
    with _lock:
        if _session is None or _session.sparkContext._jsc is None:  # never started, or stopped
            local_ip = os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            from pyspark.sql import SparkSession

            scratch = Path(settings.DATA_DIR) / "tmp" / "spark"
            scratch.mkdir(parents=True, exist_ok=True)
            builder = (
                SparkSession.builder.appName("pantau")
                .master(os.environ.get("PANTAU_SPARK_MASTER", "local[2]"))
                .config("spark.driver.memory", os.environ.get("PANTAU_SPARK_MEMORY", "2g"))
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config(
                    "spark.sql.shuffle.partitions",
                    os.environ.get("PANTAU_SPARK_SHUFFLE_PARTITIONS", str(SHUFFLE_PARTITIONS)),
                )
                .config("spark.sql.session.timeZone", "UTC")
                # Partition values as strings: province `11`, Pemda `64.02`.
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .config("spark.local.dir", str(scratch))
                .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
                .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                # On a cluster: where the executors reach the driver, and the Python they run.
                .config("spark.driver.host", os.environ.get("PANTAU_SPARK_DRIVER_HOST", local_ip))
                .config("spark.pyspark.python", os.environ.get("PYSPARK_PYTHON", sys.executable))
            )
            if os.environ.get("PANTAU_SPARK_EXECUTOR_MEMORY"):
                builder = builder.config(
                    "spark.executor.memory", os.environ["PANTAU_SPARK_EXECUTOR_MEMORY"]
                )
            _session = builder.getOrCreate()
            _session.sparkContext.setLogLevel("ERROR")
        return _session


def stop() -> None:
    """Stop the process's SparkSession (at exit; tests call it to free the JVM)."""
    global _session
    with _lock:
        if _session is not None:
            # A query can return while Spark still finishes a job it no longer needs (seen
            # after a join with an empty side); stopping under it logs errors. Let it end.
            tracker = _session.sparkContext.statusTracker()
            deadline = time.monotonic() + 5
            while tracker.getActiveJobsIds() and time.monotonic() < deadline:
                time.sleep(0.05)
            _session.stop()
            _session = None


atexit.register(stop)


@lru_cache(maxsize=64)
def _translate_constant(sql: str) -> str:
    return _translate(sql, ())


def _translate(sql: str, views: tuple[tuple[str, str], ...]) -> str:
    """DuckDB SQL → Spark SQL, with each `read_parquet` of a snapshot replaced by its view.

    `views` pairs a snapshot directory with the name of the temp view registered for it.
    """
    import sqlglot
    from sqlglot import exp

    by_glob = {f"{directory}/data/**/*.parquet": view for directory, view in views}

    def rewrite(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and isinstance(node.this, exp.ReadParquet):
            glob = node.this.expressions[0].name
            if glob not in by_glob:
                raise ValueError(f"no Spark view for {glob}")
            table = exp.to_table(by_glob[glob])
            if node.alias:
                table.set("alias", node.args["alias"])
            return table
        return node

    expression = sqlglot.parse_one(sql, read="duckdb").transform(rewrite)
    return expression.sql(dialect="spark")


def _sql(spark, sql: str, views: tuple[tuple[str, str], ...] = ()):
    return spark.sql(_translate(sql, views) if views else _translate_constant(sql))


def _read_snapshot(spark, directory: str, view: str) -> None:
    """A snapshot's Parquet partitions as a temp view (a `read_parquet` of reconcile.py)."""
    data = f"{directory}/data"
    spark.read.option("basePath", data).parquet(data).createOrReplaceTempView(view)


def _local(uri: str) -> str:
    """`file:/x/a%20b` and `file:///x/a%20b` (Spark writes both) as `/x/a%20b`."""
    if not uri.startswith("file:"):
        raise ValueError(f"the lake must be on a local (or mounted) file system: {uri}")
    return re.sub(r"^file:/*", "/", uri)


def _read_lists(spark, lists: list[tuple]):
    """Every listed person with the snapshot id of the list (`listed_sql`'s rows), in one scan."""
    return _read_snapshots(spark, [(snapshot, directory) for snapshot, directory, *_ in lists],
                           reconcile.LISTED_COLUMNS)  # fmt: skip


def _read_snapshots(spark, snapshots: list[tuple[int, str]], columns):
    """`columns` of every snapshot's rows with the snapshot's id, in one scan.

    Each row's file path (`_metadata.file_path`) is matched with the file's snapshot, found by
    walking up from each file the scan lists to the snapshot's `data` directory.
    """
    from pyspark.sql import functions as F

    owner = {os.path.abspath(f"{directory}/data"): snapshot for snapshot, directory in snapshots}
    files = spark.read.option("recursiveFileLookup", "true").parquet(*owner)
    snapshot_of = []
    for uri in files.inputFiles():
        path = Path(unquote(_local(uri)))
        directory = next((str(d) for d in path.parents if str(d) in owner), None)
        if directory is None:
            raise ValueError(f"{uri} is in none of the snapshots' directories")
        snapshot_of.append((_local(uri), owner[directory]))
    frame = spark.createDataFrame(snapshot_of, "file STRING, snapshot BIGINT")
    path = F.regexp_replace(F.col("_metadata.file_path"), "^file:/*", "/")
    return (
        files.select(*columns, path.alias("file"))
        .join(F.broadcast(frame), "file")
        .drop("file")
    )  # fmt: skip


def compute(
    inputs: reconcile.Inputs,
    pu_categories: list[str],
    gap_cost_rows: Callable[[list[tuple], int], list[tuple]],
    out_dir: Path,
    member_provinces: list[str] | None = None,
    few_listed: bool = False,  # the DuckDB engine's shortcut; a cluster reads in parallel
    nik_indexes: tuple[Path, ...] = (),  # read by that shortcut alone
) -> Result:
    """As `backends.duckdb.compute`: the same partials and gap rows, in the same layout."""
    _require()
    watch = reconcile.Stopwatch()
    lap = watch.lap
    out_dir.mkdir(parents=True, exist_ok=True)

    spark = session().newSession()  # own temp views; the SparkContext is shared
    lap("spark_start")
    cached = []
    counts: dict = {}
    try:
        # One view per extract in force (a branch's beside the national one, say).
        views = tuple(
            (extract.path, f"snapshot_{extract.snapshot}")
            for extract in inputs.members
            if extract.path is not None
        )
        for directory, view in views:
            _read_snapshot(spark, directory, view)
        members = _sql(spark, reconcile.members_sql(inputs), views)
        if member_provinces is None:
            members = members.persist()
            cached.append(members)
        members.createOrReplaceTempView("members")
        lap("read_members")
        if inputs.lists:
            counts = _reconcile(spark, inputs, pu_categories, gap_cost_rows, out_dir, cached, lap)
        if member_provinces is None or member_provinces:
            # One file, as DuckDB writes it: partials are small.
            _write(_sql(spark, reconcile.member_partials_sql(member_provinces)).coalesce(1),
                   out_dir / "members" / "computed")  # fmt: skip
        lap("member_partials")
    finally:
        for frame in cached:
            frame.unpersist()
    return Result(watch.timings, counts)


def _reconcile(spark, inputs, pu_categories, gap_cost_rows, out_dir: Path, cached, lap) -> dict:
    spark.createDataFrame(
        reconcile.list_meta_rows(inputs),
        "snapshot BIGINT, pemda STRING, pemda_level STRING, category STRING",
    ).createOrReplaceTempView("list_meta")
    _read_lists(spark, inputs.lists).createOrReplaceTempView("listed")
    reconciled = _sql(spark, reconcile.reconciled_sql(inputs, pu_categories)).persist()
    cached.append(reconciled)
    reconciled.createOrReplaceTempView("reconciled")
    counts = dict(
        zip(reconcile.COUNT_NAMES, tuple(_sql(spark, reconcile.COUNTS_SQL).collect()[0]),
            strict=True)
    )  # fmt: skip
    lap("reconcile")
    pairs = [tuple(row) for row in _sql(spark, reconcile.GAP_PAIRS_SQL).collect()]
    costs = gap_cost_rows(pairs, inputs.as_of.year)
    spark.createDataFrame(
        costs, "category STRING, wage BIGINT, gap_cost BIGINT"
    ).createOrReplaceTempView("gap_costs")
    lap("gap_costs")
    if counts["listed"] > counts["covered"]:
        # Each row names its list, as DuckDB writes them; in one directory, as the
        # partials (`incremental.carry_over` copies kept rows into buckets).
        _write(_sql(spark, reconcile.GAPS_SQL).coalesce(1), out_dir / "gaps" / "computed")
    lap("write_gaps")
    _write(_sql(spark, reconcile.LIST_PARTIALS_SQL).coalesce(1), out_dir / "lists" / "computed")
    lap("list_partials")
    return counts


def _write(frame, directory: Path, *partition_by: str) -> None:
    """Snappy Parquet (under `<column>=<value>/` directories if partitioned), without
    Hadoop's checksums."""
    writer = frame.write.partitionBy(*partition_by) if partition_by else frame.write
    writer.option("compression", "snappy").parquet(str(directory))
    for checksum in directory.rglob(".*.crc"):  # Hadoop's local checksums: not data
        checksum.unlink()


def compute_claims(
    claims: list[tuple[int, str]], member_dirs: list[str], out_dir: Path
) -> tuple[list[tuple], Result]:
    """As `backends.duckdb.compute_claims`: the same totals and flagged claims' rows."""
    _require()
    watch = reconcile.Stopwatch()
    out_dir.mkdir(parents=True, exist_ok=True)
    spark = session().newSession()
    watch.lap("spark_start")
    cached = []
    try:
        if claims:
            rows = _read_snapshots(spark, claims, claims_sql.CLAIM_COLUMNS)
        else:
            rows = _sql(spark, claims_sql.claim_rows_sql([]))
        rows.createOrReplaceTempView("claim_rows")
        if member_dirs:
            data = [f"{directory}/data" for directory in member_dirs]
            members = spark.read.option("recursiveFileLookup", "true").parquet(*data)
            members.select("nik", "enrolled_on").createOrReplaceTempView("member_rows")
        else:
            _sql(spark, claims_sql.member_rows_sql([])).createOrReplaceTempView("member_rows")
        checked = _sql(spark, claims_sql.checked_sql(len(claims), len(member_dirs))).persist()
        cached.append(checked)
        checked.createOrReplaceTempView("checked")
        watch.lap("claims_check")
        _write(_sql(spark, claims_sql.FLAGGED_SQL).coalesce(1), out_dir / "flagged")
        watch.lap("claims_flagged")
        rows = [tuple(row) for row in _sql(spark, claims_sql.TOTALS_SQL).collect()]
        watch.lap("claims_totals")
    finally:
        for frame in cached:
            frame.unpersist()
    return rows, Result(watch.timings, claims_sql.national_counts(rows))

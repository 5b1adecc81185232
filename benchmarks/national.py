"""Benchmark: the whole country (issue 21).

60 million membership rows (42 million active) working in every regency and city of the 38
provinces, and 10 million list rows over all 552 Pemda (38 provinces, 514 regencies and
cities) × the four categories (2,208 lists), generated with real Kemendagri codes from the
data directory's region table (after `pantau setup`). Measured, every command as a user runs
it (a child process, peak RSS from wait4):

- the import of the 60M-row membership CSV (`pantau import members`) against DuckDB's own
  CSV-to-Parquet copy of the same file (benchmarks/ingest.py's baseline): ratio of the rates,
  target ≥ 0.5;
- the full refresh on DuckDB (`pantau refresh --full`): under 10 s and 4 GB, beside the
  hand-written counts query of benchmarks/engine.py (province numbers and gap cost in one
  DuckDB query, here over the 2,208 lists in one scan); their numbers must agree for every
  province (`pantau coverage --region P`), or the run stops;
- a one-Pemda refresh (a new version of one Pemda's list, some new people, then
  `pantau refresh`, which recomputes that list alone: engine/incremental.py, the province
  partitions holding its people found in the NIK index the worker built after the import,
  `pantau worker --batch`, timed apart): under 1 s;
- the full refresh on a Spark standalone cluster on this machine (`scripts/spark-cluster`,
  two workers), reported with its timings; RSS summed over the driver's and the executors'
  processes, sampled;
- peak memory and disk (the lake's files in force, the refresh's files);
- the cost curve: import and full refresh at each `--members` size (1, 10, 60 million by
  default), the lists staying the same.

Prints one JSON object (progress on stderr); exits 1 when a target is missed.

    python -m benchmarks.national [--members 1000000,10000000,60000000] [--listed 10000000]
        [--dir /work/bench-national] [--repeat 2] [--no-spark] [--keep]

A quick check: `--members 1000000 --listed 200000`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.engine import (
    AS_OF,
    BASELINE_SQL,
    COVERED_FROM,
    NIK_MACRO,
    SPREAD,
    YEAR,
    compile_bytecode,
    make_members,
    mismatches,
    parquet,
    rss_of,
    sql_list,
)
from benchmarks.engine import baseline as engine_baseline

TARGET_IMPORT_RATIO = 0.5
TARGET_FULL_S = 10.0
TARGET_RSS_MB = 4096
TARGET_ONE_PEMDA_S = 1.0

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("non_asn", "village_official", "rt_rw", "vulnerable")
INACTIVE_IN_10 = 3  # 60M rows, 42M active
FRESH_ROWS = 100  # new people in the one Pemda's new list

# Member i works in regency or city i modulo their number (all 514); by a hash of i, three in
# ten are inactive (`make_members` of benchmarks/engine.py otherwise).
INACTIVE = f"h % 10 < {INACTIVE_IN_10}"

# List k (Pemda p, category c) holds listed persons g = {first} + j: six in ten are members
# working in the Pemda (a regency's or city's own; a province's, in its regencies in turn),
# spread over the largest extract by SPREAD (each category from another offset), the others
# NIKs no extract has. Each works in one of the Pemda's villages and earns Rp 2.5-5 million a
# month in whole thousands. The first {fresh} rows are new people (the one-Pemda refresh).
LIST_SQL = """
COPY (
  SELECT nik(CASE WHEN j < {fresh} THEN {fresh_from} + j
                  WHEN hash(g) % 10 < 6
                    THEN {region_count} * (((j + {offset}) * {spread}) % {slots})
                         + {work}[1 + j % {work_count}]
                  ELSE {members} + g END) AS nik,
    'Pekerja ' || g AS name, '' AS birth_date, '' AS sex,
    v.code AS region_code,
    'Staf' AS position, CAST((2500 + (g * 7919) % 2501) * 1000 AS VARCHAR) AS monthly_income
  FROM (SELECT j, {first} + j AS g FROM range({rows}) t(j)) t
  JOIN villages v ON v.pemda = '{pemda}' AND v.idx = (t.j * 31) % {village_count}
) TO '{path}' (HEADER, DELIMITER ',')
"""

# The baseline's `listed`: every list in force in one scan, its Pemda and category from the
# snapshot directory (as `reconcile.listed_sql` does with the file name).
LISTED_SQL = """SELECT l.nik, l.monthly_income, substr(m.pemda, 1, 2) AS province, m.category
  FROM read_parquet('{lake}/workers/*/data/**/*.parquet', filename = true) l
  JOIN (VALUES {meta}) m(dir, pemda, category)
    ON m.dir = regexp_extract(l.filename, '/workers/([0-9a-f]+)/', 1)"""

IMPORT_BASELINE = (
    "import duckdb,sys; con=duckdb.connect(); con.execute('SET enable_progress_bar = false');"
    'con.execute("COPY (SELECT * FROM read_csv(?, all_varchar=true)) TO ? '
    '(FORMAT parquet, COMPRESSION zstd)", [sys.argv[1], sys.argv[2]])'
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class Regions:
    """Every Pemda (province, regency, city), its villages, the regencies members work in."""

    def __init__(self, database: Path) -> None:
        con = sqlite3.connect(database)
        self.provinces = [r[0] for r in con.execute(
            "SELECT code FROM regions_region WHERE level = 'province' ORDER BY code")]  # fmt: skip
        self.work_regions = [r[0] for r in con.execute(
            "SELECT code FROM regions_region WHERE level IN ('regency', 'city') "
            "ORDER BY code")]  # fmt: skip
        self.pemdas = self.provinces + self.work_regions
        # NIKs are registered in the first district of each regency and city.
        self.districts = [r[0].replace(".", "") for r in con.execute(
            "SELECT min(code) FROM regions_region WHERE level = 'district' "
            "GROUP BY regency_code ORDER BY 1")]  # fmt: skip
        self.villages = con.execute(
            "SELECT code, province_code, regency_code FROM regions_region "
            "WHERE level = 'village' ORDER BY code"
        ).fetchall()
        con.close()

    def work_of(self, pemda: str) -> list[int]:
        """The indexes (in work_regions) of the regencies whose members a Pemda's lists hold."""
        if "." in pemda:
            return [self.work_regions.index(pemda)]
        return [i for i, code in enumerate(self.work_regions) if code.startswith(pemda + ".")]


def generator(regions: Regions):
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(NIK_MACRO.format(districts=sql_list(regions.districts),
                                 count=len(regions.districts)))  # fmt: skip
    # Each Pemda's villages, numbered 0…n-1: a province's all, a regency's or city's own.
    con.execute("CREATE TABLE v (code VARCHAR, province VARCHAR, regency VARCHAR)")
    con.executemany("INSERT INTO v VALUES (?, ?, ?)", regions.villages)
    con.execute(
        "CREATE TABLE villages AS "
        "SELECT province AS pemda, code, row_number() OVER (PARTITION BY province ORDER BY code)"
        " - 1 AS idx FROM v UNION ALL "
        "SELECT regency, code, row_number() OVER (PARTITION BY regency ORDER BY code) - 1 FROM v"
    )
    counts = dict(con.execute("SELECT pemda, count(*) FROM villages GROUP BY 1").fetchall())
    return con, counts


def list_files(regions: Regions, listed: int) -> list[tuple[int, str, str, int, int]]:
    """(k, Pemda, category, first person, rows) of every list: `listed` rows over all."""
    lists = [(p, c) for p in regions.pemdas for c in CATEGORIES]
    each, extra = divmod(listed, len(lists))
    out, first = [], 0
    for k, (pemda, category) in enumerate(lists):
        rows = each + (k < extra)
        out.append((k, pemda, category, first, rows))
        first += rows
    return out


def write_list(con, counts, regions, path: Path, item, members: int, fresh: int = 0,
               fresh_from: int = 0) -> None:  # fmt: skip
    k, pemda, category, first, rows = item
    work = regions.work_of(pemda)
    slots = members // len(regions.work_regions)
    con.execute(LIST_SQL.format(
        fresh=fresh, fresh_from=fresh_from, region_count=len(regions.work_regions),
        offset=CATEGORIES.index(category) * rows, spread=SPREAD, slots=slots,
        work="[" + ", ".join(map(str, work)) + "]", work_count=len(work),
        members=members, first=first, rows=rows, pemda=pemda, village_count=counts[pemda],
        path=path,
    ))  # fmt: skip


def list_path(directory: Path, pemda: str, category: str) -> Path:
    return directory / f"{pemda.replace('.', '')}_{category}_{YEAR}.csv"


def timed(args: list[str], env: dict) -> tuple[float, dict, int]:
    seconds, summary, rss = rss_of(args, env)
    return round(seconds, 2), summary, rss


def import_members(con, regions, scratch: Path, env: dict, rows: int, with_baseline: bool):
    path = scratch / "members.csv"
    started = time.perf_counter()
    make_members(con, regions, path, rows, None, inactive=INACTIVE)
    result = {"rows": rows, "generate_s": round(time.perf_counter() - started, 1),
              "file_mb": round(path.stat().st_size / 2**20)}  # fmt: skip
    log(f"members {rows:,}: CSV {result['file_mb']:,} MB in {result['generate_s']} s")
    if with_baseline:
        out = scratch / "baseline.parquet"
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", IMPORT_BASELINE, str(path), str(out)])
        _, status, usage = os.wait4(process.pid, 0)
        if status:
            raise SystemExit("the DuckDB CSV-to-Parquet baseline failed")
        result["import_baseline_s"] = round(time.perf_counter() - started, 2)
        result["import_baseline_peak_rss_mb"] = usage.ru_maxrss // 1024
        result["import_baseline_parquet_mb"] = round(out.stat().st_size / 2**20)
        out.unlink()
        log(f"  DuckDB CSV→Parquet: {result['import_baseline_s']} s")
    seconds, summary, rss = timed(
        ["import", "members", str(path), "--as-of", AS_OF, "--format", "json"], env
    )
    path.unlink()
    if summary["rejected"] or summary["status"] != "created" or summary["accepted"] != rows:
        raise SystemExit(f"import members: {summary}")
    result.update({"import_s": seconds, "import_peak_rss_mb": rss,
                   "import_rows_per_s": round(rows / seconds)})  # fmt: skip
    if with_baseline:
        result["import_ratio"] = round(result["import_baseline_s"] / seconds, 3)
    log(f"  pantau import members: {seconds} s, {rss} MB")
    # What the worker does after the import (`pantau serve` runs it beside the server): the
    # extract's NIK index (engine/nik_index.py), which a one-Pemda refresh reads. Timed
    # apart: the import is done, and its numbers refreshable, without it.
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pantau", "worker", "--batch", "--no-startup-delay"],
                   env=env, check=True, capture_output=True)  # fmt: skip
    result["worker_after_import_s"] = round(time.perf_counter() - started, 2)
    log(f"  pantau worker (the NIK index): {result['worker_after_import_s']} s")
    return result


def baseline_sql(data_dir: Path) -> str:
    con = sqlite3.connect(data_dir / "pantau.sqlite3")
    members = con.execute(
        "SELECT path FROM lake_snapshot WHERE is_current AND kind = 'members' "
        "ORDER BY as_of DESC, id DESC LIMIT 1"
    ).fetchone()[0]  # fmt: skip
    lists = con.execute(
        "SELECT path, pemda_id, category FROM lake_snapshot WHERE is_current AND kind = "
        "'workers' AND accepted > 0"
    ).fetchall()
    con.close()
    meta = ", ".join(f"('{Path(path).name}', '{pemda}', '{category}')"
                     for path, pemda, category in lists)  # fmt: skip
    listed = LISTED_SQL.format(lake=data_dir / "lake", meta=meta)
    return BASELINE_SQL.format(covered_from=COVERED_FROM, members=parquet(data_dir / members),
                               lists=listed)  # fmt: skip


# The hand-written query, read from a file (with 2,208 lists it is longer than one
# command-line argument may be).
BASELINE_CODE = (
    "import duckdb,json,sys; con=duckdb.connect(); con.execute('SET enable_progress_bar = false');"
    "print(json.dumps(con.execute(open(sys.argv[1]).read()).fetchall()))"
)


def baseline(sql: str, scratch: Path) -> tuple[float, dict, int]:
    """As benchmarks/engine.py's `baseline` (seconds, numbers by province, peak RSS in MB),
    the query given to the child in a file."""
    path = scratch / "baseline.sql"
    path.write_text(sql)
    return engine_baseline(sql, code=BASELINE_CODE, argument=str(path))


def full_refreshes(data_dir: Path, scratch: Path, env: dict, repeat: int, check: bool) -> dict:
    """Baseline query and full refresh in turns, `repeat` times; the best of each."""
    sql = baseline_sql(data_dir)
    bases, fulls, base_rss, full_rss, full, expected = [], [], 0, 0, {}, {}
    for _ in range(repeat):
        seconds, expected, rss = baseline(sql, scratch)
        bases.append(round(seconds, 2))
        base_rss = max(base_rss, rss)
        seconds, full, rss = timed(["refresh", "--full", "--format", "json"], env)
        fulls.append(seconds)
        full_rss = max(full_rss, rss)
        log(f"  baseline {bases[-1]} s, full refresh {seconds} s ({rss} MB)")
    result = {
        "baseline_s": min(bases), "baseline_all_s": bases, "baseline_peak_rss_mb": base_rss,
        "full_s": min(fulls), "full_all_s": fulls, "full_peak_rss_mb": full_rss,
        "ratio_to_baseline": round(min(fulls) / min(bases), 3),
        "timings": full["timings"], "counts": full["counts"],
    }  # fmt: skip
    if check:
        wrong = mismatches(expected, env)
        result["matches_baseline"] = not wrong
        if wrong:  # reported (and the run fails), after the other steps
            result["mismatches"] = wrong
    return result


def one_pemda(con, counts, regions, scratch: Path, env: dict, items, members: int,
              repeat: int) -> dict:  # fmt: skip
    """A new version of one regency's Non ASN list (new people in it), then `pantau refresh`."""
    item = next(i for i in items if "." in i[1])  # the first regency's (or city's) list
    tries = []
    for attempt in range(repeat):
        path = list_path(scratch, item[1], item[2])
        write_list(con, counts, regions, path, item, members, fresh=FRESH_ROWS * (attempt + 1),
                   fresh_from=10 * members + attempt * 1000)  # fmt: skip
        imported, summary, _ = timed(["import", "workers", str(path), "--pemda", item[1],
                                      "--category", item[2], "--year", str(YEAR), "--replace",
                                      "--format", "json"], env)  # fmt: skip
        path.unlink()
        if summary["status"] != "created":
            raise SystemExit(f"import workers: {summary}")
        seconds, done, rss = timed(["refresh", "--format", "json"], env)
        tries.append({"seconds": seconds, "peak_rss_mb": rss, "import_s": imported,
                      "recomputed": done["recomputed"], "timings": done["timings"]})  # fmt: skip
        log(f"  one Pemda ({item[1]} {item[2]}): refresh {seconds} s")
    best = min(tries, key=lambda t: t["seconds"])
    return {"pemda": item[1], "category": item[2], **best,
            "all_s": [t["seconds"] for t in tries]}  # fmt: skip


class TreeRss:
    """The summed RSS of some processes and all their descendants, sampled every 0.25 s."""

    def __init__(self, roots: list[int]) -> None:
        self.roots, self.peak, self._stop = set(roots), 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def sample(self) -> int:
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, grown = set(self.roots), True
        while grown:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grown = bool(more)
        total = 0
        for pid in tree:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            total += int(found.group(1)) if found else 0
        return total // 1024

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            self.peak = max(self.peak, self.sample())


def spark_cluster(data_dir: Path, env: dict, options, expected_counts: dict) -> dict:
    """Start the standalone cluster, one full refresh on it, stop it."""
    cluster_dir = data_dir.parent / "spark-cluster"
    script = ROOT / "scripts" / "spark-cluster"
    cluster_env = {**env, "PANTAU_PYTHON": sys.executable, "SPARK_CLUSTER_DIR": str(cluster_dir)}
    ports = ["--port", "17177", "--webui-port", "18180", "--worker-webui-port", "18181",
             "--memory", options.worker_memory, "--cores", "1"]  # fmt: skip
    result: dict = {"workers": 2, "worker_cores": 1, "worker_memory": options.worker_memory,
                    "executor_memory": options.worker_memory,
                    "driver_memory": options.spark_memory}  # fmt: skip
    started = time.perf_counter()
    try:
        out = subprocess.run([str(script), "start", *ports], env=cluster_env, check=True,
                             capture_output=True, text=True)  # fmt: skip
        url = out.stdout.strip().splitlines()[-1]
        result["cluster_start_s"] = round(time.perf_counter() - started, 1)
        log(f"  cluster {url} up in {result['cluster_start_s']} s")
        workers = [int((cluster_dir / f"worker-{n}.pid").read_text()) for n in (1, 2)]
        spark_env = {**env, "PANTAU_SPARK_MASTER": url,
                     "PANTAU_SPARK_MEMORY": options.spark_memory,
                     "PANTAU_SPARK_EXECUTOR_MEMORY": options.worker_memory}  # fmt: skip
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "pantau", "refresh", "--full", "--engine", "spark",
             "--format", "json"], env=spark_env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        with TreeRss([process.pid, *workers]) as tree:
            output = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status:
            raise SystemExit("the refresh on the Spark cluster failed")
        summary = json.loads(output)
        result.update({
            "full_s": round(seconds, 2), "timings": summary["timings"],
            "counts": summary["counts"],
            "counts_match_duckdb": summary["counts"] == expected_counts,
            "python_peak_rss_mb": usage.ru_maxrss // 1024,
            "all_processes_peak_rss_mb": tree.peak,
        })  # fmt: skip
        log(f"  Spark cluster refresh {result['full_s']} s, {tree.peak} MB in all")
    finally:
        subprocess.run([str(script), "stop", *ports], env=cluster_env, capture_output=True)
    return result


def du_bytes(path: Path) -> int:
    if not path.exists():
        return 0
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def du_mb(path: Path) -> int:
    return du_bytes(path) // 2**20


def disk(data_dir: Path) -> dict:
    con = sqlite3.connect(data_dir / "pantau.sqlite3")
    current = con.execute("SELECT kind, path FROM lake_snapshot WHERE is_current").fetchall()
    con.close()
    in_force: dict = {}
    for kind, path in current:
        in_force[kind] = in_force.get(kind, 0) + du_bytes(data_dir / path)
    return {
        "lake_in_force_mb": {kind: size // 2**20 for kind, size in in_force.items()},
        "lake_all_mb": du_mb(data_dir / "lake"),
        "coverage_mb": du_mb(data_dir / "lake" / "coverage"),
        "database_mb": (data_dir / "pantau.sqlite3").stat().st_size // 2**20,
        "data_dir_mb": du_mb(data_dir),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", default="1000000,10000000,60000000",
                        help="membership rows, comma-separated: the cost curve; the last is "
                             "the national run")  # fmt: skip
    parser.add_argument("--listed", type=int, default=10_000_000)
    parser.add_argument(
        "--pemdas", type=int, default=0, help="the first N Pemda only (a quick check); 0: all 552"
    )
    parser.add_argument("--dir", default="/work/bench-national")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--processes", type=int, default=2, help="for the lists' import")
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--spark-memory", default="2g", help="the driver's")
    parser.add_argument("--worker-memory", default="3g", help="each worker's and executor's")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    options = parser.parse_args()
    sizes = sorted(int(n) for n in options.members.split(","))
    compile_bytecode()
    results: dict = {
        "benchmark": "national", "members": sizes, "listed": options.listed,
        "active_share": 1 - INACTIVE_IN_10 / 10, "as_of": AS_OF, "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "targets": {"import_ratio": TARGET_IMPORT_RATIO, "full_s": TARGET_FULL_S,
                    "full_peak_rss_mb": TARGET_RSS_MB, "one_pemda_s": TARGET_ONE_PEMDA_S},
    }  # fmt: skip
    scratch = Path(options.dir)
    if scratch.exists():
        raise SystemExit(f"{scratch} exists: remove it first")
    data_dir, files = scratch / "data", scratch / "files"
    (files / "workers").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    try:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pantau", "setup"], env=env, check=True,
                       capture_output=True)  # fmt: skip
        results["setup_s"] = round(time.perf_counter() - started, 1)
        regions = Regions(data_dir / "pantau.sqlite3")
        if options.pemdas:
            regions.pemdas = regions.pemdas[:: max(1, len(regions.pemdas) // options.pemdas)]
        con, counts = generator(regions)
        items = list_files(regions, options.listed)
        results["pemdas"], results["lists"] = len(regions.pemdas), len(items)
        log(f"setup {results['setup_s']} s; {len(items)} lists of {len(regions.pemdas)} Pemda")

        # The lists, generated against the largest extract and imported once.
        started = time.perf_counter()
        for item in items:
            write_list(con, counts, regions, list_path(files / "workers", item[1], item[2]),
                       item, sizes[-1])  # fmt: skip
        generated = round(time.perf_counter() - started, 1)
        csv_mb = du_mb(files / "workers")
        log(f"lists: {csv_mb} MB of CSV in {generated} s")
        seconds, summary, rss = timed(["import", "dir", str(files), "--processes",
                                       str(options.processes), "--format", "json"],
                                      env)  # fmt: skip
        if summary["refused"] or summary["statuses"] != {"created": len(items)}:
            raise SystemExit(f"import dir: {summary}")
        shutil.rmtree(files)
        results["lists_import"] = {
            "files": len(items), "rows": summary["accepted"], "rejected": summary["rejected"],
            "csv_mb": csv_mb, "generate_s": generated, "import_s": seconds,
            "processes": options.processes, "peak_rss_mb_of_parent": rss,
        }  # fmt: skip
        log(f"lists imported: {summary['accepted']:,} rows in {seconds} s")

        # The cost curve: each extract size imported, then refreshed in full.
        curve = []
        for rows in sizes:
            last = rows == sizes[-1]
            step = import_members(con, regions, scratch, env, rows, with_baseline=last)
            step.update(full_refreshes(data_dir, scratch, env, options.repeat if last else 1, last))
            step["disk"] = disk(data_dir)
            curve.append(step)
            log(json.dumps(step))
        results["curve"] = curve
        national = curve[-1]

        # A one-Pemda refresh, at the national size; then the same full refresh on a
        # standalone cluster. A failure in either is reported, not the end of the run.
        try:
            results["one_pemda"] = one_pemda(con, counts, regions, scratch, env, items,
                                             sizes[-1], options.repeat)  # fmt: skip
        except (Exception, SystemExit) as error:
            results["one_pemda"] = {"error": repr(error)}
        log(json.dumps(results["one_pemda"]))
        con.close()
        results["disk"] = disk(data_dir)
        if not options.no_spark:
            try:
                # DuckDB's numbers for the lists now in force (one Pemda's changed).
                _, duck, _ = timed(["refresh", "--full", "--format", "json"], env)
                results["spark_cluster"] = spark_cluster(data_dir, env, options, duck["counts"])
            except (Exception, SystemExit) as error:
                results["spark_cluster"] = {"error": repr(error)}
    finally:
        if not options.keep:
            shutil.rmtree(scratch, ignore_errors=True)

    met = {
        "import_ratio": national["import_ratio"] >= TARGET_IMPORT_RATIO,
        "full_under_10s": national["full_s"] < TARGET_FULL_S,
        "full_under_4gb": national["full_peak_rss_mb"] < TARGET_RSS_MB,
        "matches_baseline": national.get("matches_baseline", False),
        "one_pemda_under_1s": results["one_pemda"].get("seconds", 99) < TARGET_ONE_PEMDA_S,
    }
    if "spark_cluster" in results:
        met["spark_counts_match"] = results["spark_cluster"].get("counts_match_duckdb", False)
    results["targets_met"] = met
    results["meets_target"] = all(met.values())
    print(json.dumps(results))
    sys.exit(0 if results["meets_target"] else 1)


if __name__ == "__main__":
    main()

"""Benchmark: `make demo` ready to serve (`pantau demo --no-serve` on a fresh SQLite data
directory; issue 22's target: under 30 s on an idle machine), and what the batch import
of the demo's lists brings.

Each run takes a new data directory. The demo's whole command is timed `--runs` times (the
median counts), with the CPU seconds of it and its processes. Baseline in the same run: the
demo's own files (`pantau generate`, the demo's scale, seed and months) imported by `pantau
import dir` into a set-up data directory, once in batches (the demo's way) and once one list
at a time (`--one-by-one`, the way of every upload), both on every core.

    PYTHONPATH=src:. python -m benchmarks.demo [--runs 3] [--work var/bench-demo]

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 30.0


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return env


def _timed(args: list[str], data_dir: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pantau", *args], env=_env(data_dir),
                          capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"pantau {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 2
        ),
        "stdout": done.stdout,
    }


def _settle() -> None:
    """Write out what the last run left in the page cache before the next one starts.

    A demo writes about 280 MB; without this each run paid for flushing the one before it
    (three runs back to back got slower in turn), which a user's single `make demo` does not.
    """
    os.sync()
    time.sleep(2)


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("var/bench-demo"))
    options = parser.parse_args()
    work = options.work.resolve()
    _settle()
    load_before = os.getloadavg()[0]

    demo_runs = []
    for run in range(options.runs):
        timed = _timed(["demo", "--no-serve"], _fresh(work / f"demo-{run}"))
        east, north = (
            line.split("│")[-2].strip()
            for line in timed.pop("stdout").splitlines()
            if line.startswith(("│ 64 ", "│ 65 "))
        )
        demo_runs.append({**timed, "kaltim": east, "kaltara": north})
        shutil.rmtree(work / f"demo-{run}", ignore_errors=True)
        _settle()

    files = work / "files"
    shutil.rmtree(files, ignore_errors=True)
    generator = _fresh(work / "generator")
    _timed(["setup"], generator)
    months = [arg for month in range(1, 8) for arg in ("--as-of", f"2022-{month:02d}")]
    _timed(["generate", "--out", str(files), "--seed", "2022", *months], generator)
    imports = {}
    for way, flags in (("batches", []), ("one_by_one", ["--one-by-one"])):
        data_dir = _fresh(work / way)
        _timed(["setup"], data_dir)
        timed = _timed(["import", "dir", str(files), "--format", "json", *flags], data_dir)
        summary = json.loads(timed.pop("stdout"))
        imports[way] = {**timed, "files": summary["files"], "accepted": summary["accepted"]}
        shutil.rmtree(data_dir, ignore_errors=True)

    median = statistics.median(run["seconds"] for run in demo_runs)
    print(json.dumps({
        "benchmark": "demo",
        "cores": os.cpu_count(),
        "load_before": load_before,
        "demo_runs": demo_runs,
        "demo_median_seconds": median,
        "target_seconds": TARGET_SECONDS,
        "target_met": median < TARGET_SECONDS,
        "import_dir": imports,
        "batch_speedup": round(imports["one_by_one"]["seconds"] / imports["batches"]["seconds"], 2),
        "same_rows": imports["batches"]["accepted"] == imports["one_by_one"]["accepted"],
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()

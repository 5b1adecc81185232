"""Benchmark: a monev meeting's briefing pack (issue 19).

Targets: the pack of a meeting on two provinces (East and North Kalimantan: 15 Pemda) is
ready in under 10 s on 2 cores, the pack of a meeting on all 38 provinces (552 Pemda) in
under 60 s. Each is timed as the whole command a user or the worker runs,
`pantau meetings pack ID --out DIR --format json` in a child process (start-up, the numbers,
the PDF, the XLSX), best and median of `--repeat`, with its peak RSS. Beside them, in the same
run, the floor of any PDF pack: a child process that imports WeasyPrint and writes a one-page
PDF. The data directory is the demo's (`pantau demo --no-serve`, about a minute, made on
first use); the national meeting is recorded there on first use.
Prints one JSON object; exits 1 when a target is missed.

    python benchmarks/packs.py [--data-dir var/bench-packs] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS_S = {"two provinces": 10.0, "all provinces": 60.0}
NATIONAL_TITLE = "Rapat koordinasi nasional Inpres 2/2021 (benchmark)"
PROVINCE_CODES = (
    "import json; from pantau.regions.models import Region;"
    "print(json.dumps(list(Region.objects.filter(level='province')"
    ".order_by('code').values_list('code', flat=True))))"
)
FLOOR = (
    "import weasyprint, sys;"
    "weasyprint.HTML(string='<h1>Pantau</h1><p>satu halaman</p>').write_pdf(sys.argv[1])"
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def environment(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PANTAU_DATA_DIR")}
    env["PANTAU_DATA_DIR"] = str(data_dir)
    return env


def pantau(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pantau", *args], env=env, check=True,
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout


def timed(args: list[str], env: dict) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MB) and output of a child process."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"{' '.join(args)} failed with status {status}")
    return time.perf_counter() - started, usage.ru_maxrss // 1024, out


def prepare(data_dir: Path, env: dict) -> dict[str, int]:
    if not (data_dir / "pantau.sqlite3").exists():
        log(f"preparing the demo world in {data_dir} (about a minute)")
        pantau(env, "demo", "--no-serve")
    meetings = json.loads(pantau(env, "meetings", "list", "--format", "json"))
    rows = meetings["rows"]
    by_title = {row["title"]: row["id"] for row in rows}
    balikpapan = next(i for t, i in by_title.items() if "Kalimantan Utara" in t)
    if NATIONAL_TITLE not in by_title:
        listing = pantau(env, "shell", "-c", PROVINCE_CODES).strip().splitlines()[-1]
        provinces = json.loads(listing)
        answer = pantau(env, "meetings", "create", "--title", NATIONAL_TITLE, "--date",
                        "2022-07-20", "--place", "Jakarta", "--regions", ",".join(provinces),
                        "--format", "json")  # fmt: skip
        created = json.loads(answer)
        by_title[NATIONAL_TITLE] = created["id"]
    return {"two provinces": balikpapan, "all provinces": by_title[NATIONAL_TITLE]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "var" / "bench-packs")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    data_dir = options.data_dir.resolve()
    env = environment(data_dir)
    meetings = prepare(data_dir, env)
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        floors = [timed([sys.executable, "-c", FLOOR, f"{scratch}/floor.pdf"], env)[0]
                  for _ in range(options.repeat)]  # fmt: skip
        for name, meeting in meetings.items():
            timings, peak, made = [], 0, {}
            for attempt in range(options.repeat):
                out = f"{scratch}/{name.replace(' ', '-')}-{attempt}"
                seconds, rss, text = timed([sys.executable, "-m", "pantau", "meetings", "pack",
                                            str(meeting), "--out", out, "--format", "json"],
                                           env)  # fmt: skip
                timings.append(seconds)
                peak = max(peak, rss)
                made = json.loads(text)
            pdf_kb = Path(made["pdf"]).stat().st_size // 1024
            xlsx_kb = Path(made["xlsx"]).stat().st_size // 1024
            runs.append({
                "meeting": name,
                "meeting_id": meeting,
                "pages": made["pages"],
                "as_of": made["as_of"],
                "pdf_kb": pdf_kb,
                "xlsx_kb": xlsx_kb,
                "best_s": round(min(timings), 2),
                "median_s": round(statistics.median(timings), 2),
                "all_s": [round(t, 2) for t in timings],
                "peak_rss_mb": peak,
                "target_s": TARGETS_S[name],
                "meets_target": max(timings) < TARGETS_S[name],
            })  # fmt: skip
    result = {
        "benchmark": "packs",
        "cores": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "floor_one_page_pdf_s": round(min(floors), 2),
        "runs": runs,
        "meets_target": all(run["meets_target"] for run in runs),
    }
    print(json.dumps(result))
    sys.exit(0 if result["meets_target"] else 1)


if __name__ == "__main__":
    main()

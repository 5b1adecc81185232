"""`pantau refresh --engine spark` on a real Spark standalone cluster (a master and two
workers, started by `scripts/spark-cluster` from pyspark's own launcher) gives the same
region aggregates, counts and gap rows as the DuckDB refresh of the same lake. Real
processes: the cluster, and `pantau` with `PANTAU_SPARK_MASTER=spark://…`. Skipped where
Java or pyspark is missing.

The cluster listens on free ports picked for the run (`free_ports`), so no cluster started
with the defaults (7077, 8080) is ever touched.

Run by the PostgreSQL half of the suite only: a cluster is what a production installation
adds, and production runs on PostgreSQL; the refresh stores its numbers through the same code
whichever engine computed them (tests/engine/test_engines_agree*.py run Spark on both
databases). Two halves each starting a master, two workers and their executors at once on
two cores took a minute and a half of each half."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the `spark` extra (pyspark) is not installed")
pytest.importorskip("sqlglot", reason="the `spark` extra (sqlglot) is not installed")

pytestmark = pytest.mark.spark

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed: a Spark cluster needs a JVM", allow_module_level=True)

from pantau.site.demo.generate import generate_files  # noqa: E402
from tests.ingest.own_database import suite_on_postgresql  # noqa: E402

if not suite_on_postgresql():
    pytest.skip("the Spark cluster test runs in the PostgreSQL half", allow_module_level=True)

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "spark-cluster"


def is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports() -> list[int]:
    """The master's port, its web UI's, and the first of two consecutive ports for the two
    workers' web UIs: four free ports in a range no service of this machine uses."""
    chooser = random.Random(os.getpid())
    while True:
        base = chooser.randrange(20_000, 60_000, 4)
        ports = [base, base + 1, base + 2, base + 3]
        if all(is_free(port) for port in ports):
            return ports


# The stored aggregates of the latest generation (a refresh drops the one before it), and
# its gap rows in the lake (each naming its list), in the same order whatever the engine
# wrote and however it laid out its files.
STORED = (
    "import json, duckdb; from pantau.engine import refresh\n"
    "from pantau.engine.models import ListCoverage, MemberCoverage, Refresh\n"
    "g = Refresh.objects.latest('pk').pk\n"
    "def rows(model):\n"
    "    fields = [f.name for f in model._meta.concrete_fields"
    " if f.name not in ('id', 'generation')]\n"
    "    return sorted(model.objects.filter(generation=g).values_list(*fields))\n"
    'gaps = duckdb.sql(f"SELECT * FROM read_parquet('
    "'{refresh.gaps_dir(g)}/**/*.parquet', hive_partitioning = false)\").fetchall()\n"
    "print(json.dumps({'generation': g, 'lists': rows(ListCoverage),"
    " 'members': rows(MemberCoverage), 'gaps': sorted(gaps, key=repr)}, default=str))"
)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A master and two workers (1 core, 1 GB each): their URL and directory (logs, work
    directories). Stopped after the module whatever happens in it, and on a failed start."""
    directory = tmp_path_factory.mktemp("spark-cluster")
    master, webui, workers, _ = free_ports()
    ports = ["--port", str(master), "--webui-port", str(webui),
             "--worker-webui-port", str(workers)]  # fmt: skip
    env = {**os.environ, "PANTAU_PYTHON": sys.executable, "SPARK_CLUSTER_DIR": str(directory)}
    try:
        started = subprocess.run([str(SCRIPT), "start", *ports], env=env, capture_output=True,
                                 text=True, timeout=150)  # fmt: skip
        assert started.returncode == 0, started.stderr
        yield started.stdout.strip().splitlines()[-1], directory, master
    finally:
        subprocess.run([str(SCRIPT), "stop", *ports], env=env, capture_output=True, timeout=60)


def test_a_refresh_on_the_standalone_cluster_equals_duckdb(cluster, db, tmp_path, set_up_homes):
    url, directory, master = cluster
    assert url == f"spark://127.0.0.1:{master}"
    # North Kalimantan's lists of every category and its members, from the demo generator
    # (with its planted mistakes), so every status and gap rows occur.
    generated = generate_files(tmp_path / "files", scale=0.05, provinces=["65"])
    assert generated["worker_files"] >= 10

    with set_up_homes.copy(tmp_path / "data") as env:

        def pantau(*args: str, **extra: str) -> str:
            done = subprocess.run([sys.executable, "-m", "pantau", *args],
                                  env={**env, **extra}, capture_output=True, text=True)  # fmt: skip
            assert done.returncode == 0, done.stderr[-3000:]
            return done.stdout

        def stored() -> dict:
            return json.loads(pantau("shell", "-c", STORED).splitlines()[-1])

        imported = json.loads(pantau("import", "dir", str(tmp_path / "files"), "--format", "json"))
        assert imported["refused"] == []
        duck = json.loads(pantau("refresh", "--format", "json"))
        duck_rows = stored()
        sparked = json.loads(pantau("refresh", "--full", "--engine", "spark", "--format", "json",
                                    PANTAU_SPARK_MASTER=url))  # fmt: skip
        spark_rows = stored()

    assert (duck["engine"], duck_rows["generation"]) == ("duckdb", duck["refresh"])
    assert (sparked["engine"], spark_rows["generation"]) == ("spark", sparked["refresh"])
    assert sparked["counts"] == duck["counts"]
    for part in ("lists", "members", "gaps"):
        assert spark_rows[part] == duck_rows[part], part
    # Not vacuous: every status counted, region rows down to the Pemda, gap rows written.
    counts = duck["counts"]
    assert min(counts["covered"], counts["lapsed"], counts["not_enrolled"]) > 0
    assert {row[1] for row in duck_rows["lists"]} >= {"", "65", "65.01"}
    assert len(duck_rows["gaps"]) == counts["lapsed"] + counts["not_enrolled"]
    # The work ran in the cluster's executors (each worker keeps an application directory).
    assert all(list(directory.glob(f"worker-{n}/app-*")) for n in (1, 2))

"""Imports confirmed in the browser run in the worker that `pantau serve` starts beside
gunicorn; it stops with the server and comes back if it dies."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid: int) -> dict[int, str]:
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found[int(entry.name)] = cmdline
    return found


def task_workers(pid: int) -> list[int]:
    return [child for child, cmd in children(pid).items() if "worker_main" in cmd]


def wait_for(condition, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def served(tmp_path):
    # A data directory of its own, so a SQLite file of its own, whatever the suite uses.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PANTAU_", "DATABASE_URL"))}
    env.update(PANTAU_DATA_DIR=str(tmp_path), PANTAU_WORKERS="1", PANTAU_THREADS="1")
    subprocess.run([sys.executable, "-m", "pantau", "migrate", "-v0"], env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pantau", "serve", "--port", str(port)],
        env=env,
        stdout=(tmp_path / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: _healthy(port))
        server.port = port
        yield server
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for child in children(server.pid):
            os.kill(child, signal.SIGKILL)


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_serve_runs_one_task_worker_and_stops_it_on_sigterm(served):
    [worker] = wait_for(lambda: task_workers(served.pid))
    assert "--no-reload" in children(served.pid)[worker]
    served.send_signal(signal.SIGTERM)
    assert served.wait(30) == 0
    wait_for(lambda: not Path(f"/proc/{worker}").exists() or _zombie(worker), 10)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_dead_task_worker_is_started_again(served):
    [worker] = wait_for(lambda: task_workers(served.pid))
    os.kill(worker, signal.SIGKILL)
    # Restarted by the master's loop, at most every 10 seconds.
    [again] = wait_for(lambda: [p for p in task_workers(served.pid) if p != worker], 20)
    assert again != worker
    served.send_signal(signal.SIGINT)  # Ctrl+C
    assert served.wait(30) == 0
    assert not task_workers(served.pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True

"""Imports confirmed in the browser run in the worker that `pantau serve` starts beside
gunicorn; it stops with the server and comes back if it dies."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from tests.processes import children, task_workers, wait_for, zombie


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_serve_runs_one_task_worker_and_stops_it_on_sigterm(served):
    [worker] = wait_for(lambda: task_workers(served.pid))
    assert "--no-reload" in children(served.pid)[worker]
    served.send_signal(signal.SIGTERM)
    assert served.wait(30) == 0
    wait_for(lambda: not Path(f"/proc/{worker}").exists() or zombie(worker), 10)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_a_dead_task_worker_is_started_again(served):
    [worker] = wait_for(lambda: task_workers(served.pid))
    os.kill(worker, signal.SIGKILL)
    # Restarted by the master's loop, at most every PANTAU_WORKER_RESTART_SECONDS (1 s here).
    [again] = wait_for(lambda: [p for p in task_workers(served.pid) if p != worker], 20)
    assert again != worker
    served.send_signal(signal.SIGINT)  # Ctrl+C
    assert served.wait(30) == 0
    assert not task_workers(served.pid)

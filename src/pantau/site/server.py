"""`pantau serve`: gunicorn (a production WSGI server), static files through WhiteNoise,
and one task worker (`pantau worker`: django-tasks' `db_worker` with a heartbeat) for
imports started from the web.

The worker is a child process of gunicorn's master: started once the port is bound,
restarted if it dies, and stopped when the server stops (Ctrl+C or SIGTERM).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

logger = logging.getLogger(__name__)

# A running import finishes before the worker exits; past this it is killed (the import
# is atomic, so a killed one leaves the previous data in place).
WORKER_STOP_SECONDS = float(os.environ.get("PANTAU_WORKER_STOP_SECONDS", "60"))
# A worker that keeps dying is started again no more often than this.
WORKER_RESTART_SECONDS = float(os.environ.get("PANTAU_WORKER_RESTART_SECONDS", "10"))


def worker_main(argv: list[str]) -> None:
    """Entry point of the worker process: `pantau worker`, tied to the master's life.

    On Linux the worker asks for SIGTERM when its parent dies, so a master killed
    outright (SIGKILL, out of memory) leaves no worker behind. This runs in the new
    process rather than in a `preexec_fn`, which is unsafe in gunicorn's threaded master.
    """
    parent, *args = argv
    if sys.platform == "linux":
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() != int(parent):  # the master died before prctl took effect
            sys.exit(0)
    from pantau.cli import main

    main(["pantau", "worker", *args])


class TaskWorker:
    """The `pantau worker` child process."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.stopping = False
        self.signalled = False

    def start(self) -> None:
        self.started_at = time.monotonic()
        self.signalled = False
        command = [
            sys.executable, "-c",
            "import sys; from pantau.site.server import worker_main; worker_main(sys.argv[1:])",
            str(os.getpid()), "--no-reload", "--interval", "1", "--verbosity", "1",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            # Its own session: a Ctrl+C in the terminal reaches only the master, which
            # then stops the worker once, gracefully (a second signal kills a running task).
            start_new_session=True,
        )

    def alive(self) -> bool:
        # gunicorn's master reaps every child (waitpid(-1)); poll() then reports a dead
        # worker with status 0, which is all this needs to know.
        return self.process is not None and self.process.poll() is None

    def check(self) -> None:
        """Restart a worker that died, at most every WORKER_RESTART_SECONDS."""
        if self.stopping or self.alive():
            return
        if time.monotonic() - self.started_at < WORKER_RESTART_SECONDS:
            return
        if self.process is not None:
            logger.warning("pantau: the task worker stopped; starting it again")
        self.start()

    def terminate(self) -> None:
        """Ask the worker to stop, once: it finishes a running import first (a second
        signal would make db_worker abandon it)."""
        self.stopping = True
        if self.alive() and not self.signalled:
            self.process.send_signal(signal.SIGTERM)
            self.signalled = True

    def stop(self, timeout: float = WORKER_STOP_SECONDS) -> None:
        self.terminate()
        if not self.alive():
            return
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            logger.warning("pantau: the task worker did not stop in %s s; killing it", timeout)
            self.process.kill()
            self.process.wait()


class PantauArbiter(Arbiter):
    """gunicorn's master, also looking after the task worker in its main loop."""

    def __init__(self, app, task_worker: TaskWorker | None) -> None:
        super().__init__(app)
        self.task_worker = task_worker

    def start(self) -> None:
        super().start()  # binds the port: a server that cannot start starts no worker
        if self.task_worker is not None:
            self.task_worker.start()

    def manage_workers(self) -> None:
        super().manage_workers()
        if self.task_worker is not None and os.getpid() == self.pid:
            self.task_worker.check()

    def halt(self, reason=None, exit_status=0) -> None:
        if self.task_worker is not None:
            # Stopped alongside the web workers, which gunicorn stops in super().halt().
            self.task_worker.terminate()
        try:
            super().halt(reason, exit_status)
        finally:
            if self.task_worker is not None:
                self.task_worker.stop()


class PantauServer(BaseApplication):
    def __init__(self, options: dict, task_worker: TaskWorker | None = None):
        self.options = options
        self.task_worker = task_worker
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from pantau.wsgi import application

        return application

    def run(self):
        try:
            PantauArbiter(self, self.task_worker).run()
        except RuntimeError as error:
            print(f"\nError: {error}\n", file=sys.stderr)
            sys.exit(1)


def serve(host: str = "127.0.0.1", port: int = 8000, task_worker: bool = True) -> None:
    cores = os.cpu_count() or 2
    worker = TaskWorker() if task_worker else None
    try:
        PantauServer(
            {
                "bind": f"{host}:{port}",
                "workers": int(os.environ.get("PANTAU_WORKERS", cores + 1)),
                "worker_class": "gthread",
                "threads": int(os.environ.get("PANTAU_THREADS", "4")),
                "accesslog": os.environ.get("PANTAU_ACCESS_LOG") or None,
                "errorlog": "-",
                "loglevel": "warning",
                "timeout": 120,
                # Workers import Django once in the master and fork: faster start, less memory.
                "preload_app": True,
            },
            task_worker=worker,
        ).run()
    finally:
        # Whatever way the master ends (an error, a signal), the worker ends with it.
        if worker is not None:
            worker.stop()

"""`pantau serve`: gunicorn (a production WSGI server), static files through WhiteNoise."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


class PantauServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from pantau.wsgi import application

        return application


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    cores = os.cpu_count() or 2
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
        }
    ).run()

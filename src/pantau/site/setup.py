"""`pantau setup`: migrate, load the region hierarchy, collect static files. Idempotent."""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

from pantau.core.paths import private_dir, restrict_data_dir, write_private_text
from pantau.regions.services import LoadResult, Progress, load_regions


@dataclass(frozen=True)
class SetupResult:
    regions: LoadResult
    seconds: float


def run_setup(progress: Progress | None = None, static: bool = True) -> SetupResult:
    """Everything but the static files when not `static` (`collect_static_quietly` then)."""
    started = time.perf_counter()
    quiet = io.StringIO()
    call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
    regions = load_regions(progress=progress)
    from pantau.engine.workforce import load_shipped_workforce
    from pantau.lake.storage import collect_garbage

    # The real BPS figures Pantau ships (docs/data-sources.md); idempotent.
    load_shipped_workforce()

    collect_garbage()
    restrict_data_dir(settings.DATA_DIR)  # files written before they were made private
    if static:
        collect_static(quiet)
    return SetupResult(regions=regions, seconds=time.perf_counter() - started)


def static_sources_fingerprint() -> str:
    """What collectstatic would collect: every source file's name, size and change time, and
    the storage that processes them (an upgrade of Pantau or of a library changes it)."""
    collector = f"{settings.STORAGES['staticfiles']['BACKEND']}\0{settings.STATIC_ROOT}"
    digest = hashlib.sha256(collector.encode())
    ignored = apps.get_app_config("staticfiles").ignore_patterns  # as collectstatic's
    for finder in get_finders():
        for path, storage in finder.list(ignored):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static(out: io.StringIO) -> bool:
    """collectstatic, unless the collected files came from the same sources: hashing and
    compressing 1,300 files takes seconds, a second `pantau setup` should take none. Returns
    whether it ran."""
    marker = private_dir(Path(settings.DATA_DIR) / "cache") / "static-sources"
    fingerprint = static_sources_fingerprint()
    collected = Path(settings.STATIC_ROOT).is_dir()
    if collected and marker.exists() and marker.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0, stdout=out)
    write_private_text(marker, fingerprint)
    return True


def collect_static_quietly() -> bool:
    """`collect_static` without its output (for `core.processes.aside`)."""
    return collect_static(io.StringIO())

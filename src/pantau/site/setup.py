"""`pantau setup`: migrate, load the region hierarchy, collect static files. Idempotent."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command

from pantau.core.paths import restrict_data_dir
from pantau.regions.services import LoadResult, Progress, load_regions


@dataclass(frozen=True)
class SetupResult:
    regions: LoadResult
    seconds: float


def run_setup(progress: Progress | None = None) -> SetupResult:
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
    call_command("collectstatic", interactive=False, verbosity=0, stdout=quiet)
    return SetupResult(regions=regions, seconds=time.perf_counter() - started)

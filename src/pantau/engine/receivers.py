"""What the engine does when ingest publishes a snapshot (`ingest.signals.snapshot_published`)."""

from __future__ import annotations

import logging

from pantau.core.vocabulary import Kind

logger = logging.getLogger(__name__)


def prepare_claims_lookups(sender, snapshot, **kwargs) -> None:
    """A new claims file or membership extract: its pairs' lookup files (`claims_lookup`) are
    queued for the worker, not written here: writing them inside the import cost a
    million-claim import a fifth of its time (docs/benchmarks.md, "Claims import"). The next
    refresh writes whatever the worker has not yet."""
    if snapshot.kind in (Kind.CLAIMS, Kind.MEMBERS) and snapshot.accepted:
        _queue("prepare_claims_lookups", snapshot)


def prepare_nik_index(sender, snapshot, **kwargs) -> None:
    """A new membership extract: its NIK index (`nik_index`) is queued for the worker, not
    built here (a read and a sort of its NIK column: 1.2–1.3 s after an import of 80 s at 60
    million rows, which the import's speed target cannot spare)."""
    if snapshot.kind == Kind.MEMBERS and snapshot.accepted and snapshot.nik_numbers:
        _queue("prepare_nik_indexes", snapshot)


def _queue(name: str, snapshot) -> None:
    """Queue the task `engine.tasks.<name>`; the import stands if queueing fails."""
    # Here, not at the top: this module loads with the app.
    from pantau.engine import tasks

    try:
        getattr(tasks, name).enqueue()
    except Exception:
        logger.exception("%s after snapshot %s", name, snapshot.pk)

"""What the engine does when ingest publishes a snapshot (`ingest.signals.snapshot_published`)."""

from __future__ import annotations

import logging

from pantau.core.vocabulary import Kind

logger = logging.getLogger(__name__)


def prepare_claims_lookups(sender, snapshot, **kwargs) -> None:
    """A new claims file or membership extract: its pairs' lookup files (`claims_lookup`) are
    queued for the worker, not written here: writing them inside the import cost a
    million-claim import a fifth of its time (docs/benchmarks.md, "Claims import"). The next
    refresh writes whatever the worker has not yet. The import stands if queueing fails."""
    if snapshot.kind not in (Kind.CLAIMS, Kind.MEMBERS) or not snapshot.accepted:
        return
    # Here, not at the top: this module loads with the app.
    from pantau.engine.tasks import prepare_claims_lookups as task

    try:
        task.enqueue()
    except Exception:
        logger.exception("claims lookups after snapshot %s", snapshot.pk)


def prepare_nik_index(sender, snapshot, **kwargs) -> None:
    """A new membership extract: its NIK index (`nik_index`) is queued for the worker, not
    built here (a read and a sort of its NIK column: 1.2–1.3 s after an import of 80 s at 60
    million rows, which the import's speed target cannot spare). The import stands if
    queueing fails."""
    if snapshot.kind != Kind.MEMBERS or not snapshot.accepted or not snapshot.nik_numbers:
        return
    from pantau.engine.tasks import prepare_nik_indexes as task

    try:
        task.enqueue()
    except Exception:
        logger.exception("NIK index after snapshot %s", snapshot.pk)

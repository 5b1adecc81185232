"""What the site does when a lower floor reports new data (connected in SiteConfig.ready())."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def update_numbers_after_import(sender, run, **kwargs) -> None:
    """`ingest.signals.data_imported`: coverage and budget need with the new snapshot; a
    failure here keeps the import. Meanwhile every page says the numbers are being updated
    (`pantau.site.freshness`)."""
    # Imported here: the engine (and DuckDB) load when numbers change, not in every process.
    from pantau.site.freshness import updating
    from pantau.site.numbers import update_numbers

    try:
        with updating(f"import-{run.pk}"):  # pages say the numbers are being updated
            update_numbers()
    except Exception:
        logger.exception("numbers not updated after import %s", run.pk)

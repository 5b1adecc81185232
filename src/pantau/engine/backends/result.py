"""What every back end returns, so the refresh reads DuckDB's and Spark's runs alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Result:
    """What a backend computed: timings per step and counts of the units it reconciled.

    `pending`, when set, finishes writing what the backend still writes in the background
    (the DuckDB engine's gap rows, while the refresh sums and stores the region rows):
    `finish` runs it once, re-raising its error, and must be called before the files are
    read or moved."""

    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    pending: Callable[[], dict] | None = None

    def finish(self) -> None:
        """Wait for the background writes; their timings join the others."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self.timings.update(pending())

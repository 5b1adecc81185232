"""What every back end returns, so the refresh reads DuckDB's and Spark's runs alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Result:
    """What a backend computed: timings per step and counts of the units it reconciled."""

    timings: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)

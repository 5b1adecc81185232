"""Whether the data directory holds the demo world, and on what scale.

`pantau demo` writes `demo.json` in the data directory (`mark_demo_world`); every page then
says "Data demo — bukan data resmi" and states the scale next to absolute numbers, because a
demo's 2.000 active members stand for about 1,3 million real ones. The file is read once per
change (its modification time keys a small memo), so a page pays one `stat`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from django.conf import settings

from pantau.core.display import number
from pantau.core.paths import write_private_text

MARKER_NAME = "demo.json"

_memo: dict[tuple[str, int], DemoWorld] = {}


@dataclass(frozen=True)
class DemoWorld:
    """The demo's scale: one generated member stands for `per_member` real participants."""

    per_member: Fraction

    @property
    def people(self) -> str:
        """`640`; `12.800` in Indonesian, `12,800` in English; `213,33` at scale 3."""
        return number(self.per_member, 0 if self.per_member.denominator == 1 else 2)

    @property
    def ratio(self) -> str:
        """`1:640`, `1:12.800`."""
        return f"1:{self.people}"


def marker_path() -> Path:
    return Path(settings.DATA_DIR) / MARKER_NAME


def mark_demo_world(per_member: Fraction) -> None:
    """Record that this data directory is the demo's (`pantau demo`)."""
    text = json.dumps({"per_member": str(per_member)})
    write_private_text(marker_path(), text)


def demo_world() -> DemoWorld | None:
    """The demo's scale, or None outside a demo."""
    path = marker_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        return None
    if key not in _memo:
        _memo.clear()
        per_member = Fraction(json.loads(path.read_text(encoding="utf-8"))["per_member"])
        _memo[key] = DemoWorld(per_member)
    return _memo[key]

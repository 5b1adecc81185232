"""Whether a file may replace the current snapshot of its target without a confirmation.

A list or extract with fewer than 90 % of the people of the one it replaces, or with
rejected rows, is usually a partial export or a broken file, not a smaller workforce:
published silently, it would take covered people out of every number. Such a file is
imported only when the user confirms (`--replace`, the wizard's button).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pantau.lake.models import Snapshot

# The new file must keep at least 9 in 10 of the current snapshot's people (integers only).
KEPT_NUMERATOR, KEPT_DENOMINATOR = 9, 10


@dataclass
class Replacement:
    snapshot: int  # the current snapshot the file would replace
    source_name: str
    current_people: int  # its accepted rows
    new_people: int  # the file's accepted rows
    rejected: int  # the file's rejected rows
    fewer: bool  # fewer than 90 % of the current people
    needs_confirmation: bool

    def as_json(self) -> dict:
        return asdict(self)


def compare(current: Snapshot | None, accepted: int, rejected: int) -> Replacement | None:
    """What importing `accepted` people (and `rejected` rows) over `current` would do."""
    if current is None:
        return None
    fewer = accepted * KEPT_DENOMINATOR < current.accepted * KEPT_NUMERATOR
    return Replacement(
        snapshot=current.pk,
        source_name=current.source_name,
        current_people=current.accepted,
        new_people=accepted,
        rejected=rejected,
        fewer=fewer,
        needs_confirmation=fewer or rejected > 0,
    )


def refusal_message(replaces: dict) -> tuple[str, str]:
    """The comparison in both languages, for the command line's refusal."""
    new, current, rejected = (
        replaces["new_people"],
        replaces["current_people"],
        replaces["rejected"],
    )
    share = f"{new * 100 // current}%" if current else "-"
    return (
        f"berkas ini akan menggantikan snapshot #{replaces['snapshot']} "
        f"({replaces['source_name']}, {current:,} orang) dengan {new:,} orang ({share}) dan "
        f"{rejected:,} baris ditolak; tidak diimpor. Ulangi dengan --replace untuk menggantinya",
        f"this file would replace snapshot #{replaces['snapshot']} "
        f"({replaces['source_name']}, {current:,} people) with {new:,} people ({share}) and "
        f"{rejected:,} rejected rows; not imported. Run again with --replace to replace it",
    )

"""Registering a published snapshot and superseding the one it replaces; which are in force."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from pantau.core.vocabulary import Kind
from pantau.lake.models import Snapshot


def target_filter(
    kind: str, *, pemda_code=None, category=None, year=None, as_of=None, region_code=None
) -> dict:
    """The fields that say which snapshot a new one supersedes.

    A membership extract supersedes only the one of the same month and the same region
    (`region_code` None or "": the whole country): a branch's file for its city leaves the
    national extract of that month current (docs/engine.md says which rows count).
    """
    if kind == Kind.WORKERS:
        return {"kind": kind, "pemda_id": pemda_code, "category": category, "year": year}
    return {"kind": kind, "as_of": as_of, "region_code": region_code or ""}


def current_for(kind: str, **target) -> Snapshot | None:
    return Snapshot.objects.current().filter(**target_filter(kind, **target)).first()


def register(snapshot: Snapshot, target: dict) -> Snapshot:
    """Save `snapshot` as the current one for its target, in one transaction."""
    with transaction.atomic():
        previous = list(
            Snapshot.objects.select_for_update().current().filter(**target_filter(**target))
        )
        snapshot.is_current = False
        snapshot.save()
        for old in previous:
            old.is_current = False
            old.superseded_by = snapshot
            old.save(update_fields=["is_current", "superseded_by"])
        snapshot.is_current = True
        snapshot.save(update_fields=["is_current"])
    return snapshot


def current_lists(pemdas: Iterable[str] | None = None):
    """The current worker lists with accepted rows, oldest year first."""
    lists = Snapshot.objects.current().filter(kind=Kind.WORKERS, accepted__gt=0)
    if pemdas is not None:
        lists = lists.filter(pemda_id__in=list(pemdas))
    return lists.order_by("year", "pk")


def lists_in_force(
    year: int, pemdas: Iterable[str] | None = None, snapshots: list[Snapshot] | None = None
) -> dict[tuple[str, str], Snapshot]:
    """(Pemda, category) → its current list of `year` or of the latest earlier year.

    The one rule for the refresh, the budget need and the budget pages. `snapshots` (from
    `current_lists`, ordered by year) saves the query when several years are looked at.
    """
    if snapshots is None:
        snapshots = list(current_lists(pemdas).filter(year__lte=year))
    chosen: dict[tuple[str, str], Snapshot] = {}
    for snapshot in snapshots:
        if snapshot.year <= year:
            chosen[(snapshot.pemda_id, snapshot.category)] = snapshot  # later years win
    return chosen

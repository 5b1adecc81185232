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


def target_of(snapshot: Snapshot) -> dict:
    """The target (for `register`) of a worker list or membership extract not yet saved."""
    return {
        "kind": snapshot.kind, "pemda_code": snapshot.pemda_id, "category": snapshot.category,
        "year": snapshot.year, "as_of": snapshot.as_of, "region_code": snapshot.region_code,
    }  # fmt: skip


def current_for(kind: str, **target) -> Snapshot | None:
    """The current snapshot a new one for `target` would supersede (claims: none)."""
    if kind == Kind.CLAIMS:
        return None
    return Snapshot.objects.current().filter(**target_filter(kind, **target)).first()


def claims_of_size(size: int):
    """The current claims extracts whose file had `size` bytes (recorded since issue 17)."""
    return Snapshot.objects.current().filter(kind=Kind.CLAIMS, header_mapping__bytes=size)


def current_claims_with(sha256: str) -> Snapshot | None:
    """A current claims extract of these bytes: importing them again changes nothing."""
    return Snapshot.objects.current().filter(kind=Kind.CLAIMS, sha256=sha256).first()


def register(snapshot: Snapshot, target: dict) -> Snapshot:
    """Save `snapshot` as the current one for its target, in one transaction.

    A claims extract is a batch, not a replacement: it supersedes nothing, and every
    claims snapshot stays current (`claims_in_force`).
    """
    if snapshot.kind == Kind.CLAIMS:
        snapshot.is_current = True
        snapshot.save()
        return snapshot
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


def register_lists(snapshots: list[Snapshot]) -> None:
    """Save worker lists as current, in one transaction: those whose targets have no current
    list in two queries for all (a batch of a hundred new lists: `ingest.batch`), any other
    as `register` does."""
    with transaction.atomic():
        taken = set(
            Snapshot.objects.select_for_update()
            .current()
            .filter(
                kind=Kind.WORKERS,
                pemda_id__in={s.pemda_id for s in snapshots},
                year__in={s.year for s in snapshots},
            )
            .values_list("pemda_id", "category", "year")
        )
        fresh = [s for s in snapshots if (s.pemda_id, s.category, s.year) not in taken]
        for snapshot in fresh:
            snapshot.is_current = True
        Snapshot.objects.bulk_create(fresh)
        for snapshot in snapshots:
            if snapshot.pk is None:
                register(snapshot, target_of(snapshot))


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


def claims_in_force() -> list[Snapshot]:
    """The current claims extracts, oldest first.

    For each `claim_no`, the row of the newest snapshot (the highest pk, the last in this
    list) is the one in force: a later file corrects an earlier one.
    """
    return list(Snapshot.objects.current().filter(kind=Kind.CLAIMS).order_by("pk"))


def current_memberships() -> list[Snapshot]:
    """The current membership extracts with accepted rows (every month and region)."""
    return list(Snapshot.objects.current().filter(kind=Kind.MEMBERS, accepted__gt=0).order_by("pk"))

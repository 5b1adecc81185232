"""The budget page tests' data: lists with a need, allocations, and the pages' addresses."""

from __future__ import annotations

from django.urls import reverse

from pantau.budgets.allocations.services import record_allocation
from pantau.budgets.models import Need
from pantau.lake.models import Snapshot
from tests.budgets.budget_files import entry

YEAR = 2025


def listed(pemda: str, category: str, persons: int, need: int | None, year: int = YEAR):
    """A list in force (its catalog row: the pages never read the lake) and its need."""
    snapshot = Snapshot.objects.create(
        kind="workers", pemda_id=pemda, category=category, year=year, source_name="l.csv",
        sha256="0" * 64, rules_version="test", path=f"lake/workers/{pemda}-{category}-{year}",
        rows=persons, accepted=persons,
    )  # fmt: skip
    Need.objects.create(pemda_id=pemda, year=year, category=category, programs="",
                        persons=persons, amount=need, list_snapshot=snapshot)  # fmt: skip
    return snapshot


def allocate(pemda: str, category: str, amount: int, year: int = YEAR, source: str = "form",
             source_name: str = "", **changes):  # fmt: skip
    values = entry(pemda_code=pemda, category=category, amount=str(amount), year=str(year),
                   **changes)  # fmt: skip
    return record_allocation(values, source=source, source_name=source_name).allocation


def region_url(code: str | None = None, **query) -> str:
    url = reverse("budgets:region", args=[code]) if code else reverse("budgets:national")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def pemda_url(code: str, **query) -> str:
    url = reverse("budgets:pemda", args=[code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

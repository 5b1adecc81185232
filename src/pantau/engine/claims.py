"""The one reader of the claims indicators, for the claims pages, the dashboard tile and the
CLI (`pantau claims`); and `refresh_claims`, which computes them (`claims_refresh.py`).

Totals come from `ClaimTotal` rows of the generation in force (`CurrentClaims`), read with
the pointer in the same statement (a sub-select), so a reader sees one generation even while
a refresh swaps. Each function is one query (`flagged_claims`: one query and one DuckDB read
of the generation's flagged claims), whatever the number of regions or months.

`region_code` "" is Indonesia; `first` and `last` are first days of months, both included,
None for no bound. Person-level rows (`flagged_claims`) are returned UNMASKED: the caller
masks per `accounts.scope` and audits.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

import duckdb
from django.db.models import IntegerField, Subquery, Sum
from django.db.models.functions import Coalesce

from pantau.engine import claims_sql
from pantau.engine.claims_refresh import flagged_dir, refresh_claims
from pantau.engine.models import ClaimTotal, CurrentClaims
from pantau.lake import scan

__all__ = ["ClaimNumbers", "by_month", "by_program", "children", "computed_at",
           "flagged_claims", "flagged_total", "months", "refresh_claims"]  # fmt: skip

MEASURES = ("count", "amount", "pemda_funded_count", "pemda_funded_amount", "flagged")


@dataclass(frozen=True)
class ClaimNumbers:
    count: int = 0
    amount: int = 0  # integer Rupiah
    pemda_funded_count: int = 0
    pemda_funded_amount: int = 0
    flagged: int = 0

    def __add__(self, other: ClaimNumbers) -> ClaimNumbers:
        if not isinstance(other, ClaimNumbers):
            return NotImplemented
        return ClaimNumbers(*(getattr(self, m) + getattr(other, m) for m in MEASURES))

    def as_dict(self) -> dict:
        """The numbers `pantau claims` gives per programme (flagged is reported apart)."""
        numbers = asdict(self)
        numbers.pop("flagged")
        return numbers


def _generation():
    return Subquery(CurrentClaims.objects.values("generation")[:1])


def _rows(region_code: str | None = None, first: date | None = None, last: date | None = None,
          parent: str | None = None):  # fmt: skip
    rows = ClaimTotal.objects.filter(generation=_generation())
    if parent is not None:
        rows = rows.filter(parent_code=parent)
    else:
        rows = rows.filter(region_code=region_code or "")
    if first is not None:
        rows = rows.filter(month__gte=first.replace(day=1))
    if last is not None:
        rows = rows.filter(month__lte=last.replace(day=1))
    return rows


def _sums():
    return {m: Coalesce(Sum(m), 0, output_field=IntegerField()) for m in MEASURES}


def _numbers(row: dict) -> ClaimNumbers:
    return ClaimNumbers(*(int(row[m] or 0) for m in MEASURES))


def computed_at() -> datetime | None:
    """When the claims numbers in force were computed; None: no claims numbers yet."""
    current = CurrentClaims.objects.select_related("refresh").first()
    return current.refresh.finished_at if current is not None else None


def months(region_code: str) -> list[date]:
    """The months with payments in the region, oldest first."""
    return list(_rows(region_code).values_list("month", flat=True).distinct().order_by("month"))


def by_program(region_code: str, first: date | None = None, last: date | None = None
               ) -> dict[str, ClaimNumbers]:  # fmt: skip
    """The region's numbers per programme (every programme with claims), months summed."""
    rows = _rows(region_code, first, last).values("program").annotate(**_sums()).order_by("program")
    return {row["program"]: _numbers(row) for row in rows}


def by_month(region_code: str, first: date | None = None, last: date | None = None
             ) -> list[tuple[date, str, ClaimNumbers]]:  # fmt: skip
    """The region's numbers per month of payment and programme, oldest first."""
    rows = _rows(region_code, first, last).order_by("month", "program")
    rows = rows.values("month", "program", *MEASURES)
    return [(row["month"], row["program"], _numbers(row)) for row in rows]


def children(region_code: str, first: date | None = None, last: date | None = None
             ) -> list[tuple[str, dict[str, ClaimNumbers]]]:  # fmt: skip
    """Each region one level below with claims, by code, and its numbers per programme."""
    rows = (
        _rows(first=first, last=last, parent=region_code or "")
        .values("region_code", "program").annotate(**_sums()).order_by("region_code", "program")
    )  # fmt: skip
    found: dict[str, dict[str, ClaimNumbers]] = {}
    for row in rows:
        found.setdefault(row["region_code"], {})[row["program"]] = _numbers(row)
    return list(found.items())


def flagged_total(region_code: str, first: date | None = None, last: date | None = None) -> int:
    """Flagged claims paid in the region in the months."""
    total = _rows(region_code, first, last).aggregate(n=Coalesce(Sum("flagged"), 0))["n"]
    return int(total)


FLAGGED_KEYS = ("claim_no", "nik", "name", "program", "event", "event_date", "paid_on", "amount",
                "expected_amount", "expected_basis", "region_code", "payer_type",
                "heir_relation")  # fmt: skip


def flagged_claims(region_code: str, first: date | None = None, last: date | None = None,
                   limit: int = 100, offset: int = 0) -> tuple[list[dict], int]:  # fmt: skip
    """The flagged claims paid in the region (its work region inside it) in the months, newest
    payment first, a page of them and how many there are. UNMASKED: the caller masks and
    audits. `reasons`: the flag codes, `enrolled_on` the earliest enrolment found."""
    current = CurrentClaims.objects.values_list("generation", flat=True).first()
    if current is None:
        return [], 0
    files = flagged_dir(current)
    if not files.is_dir() or not any(files.glob("*.parquet")):
        return [], 0
    where, params = ["true"], []
    if region_code:
        where.append("(region_code = ? OR starts_with(region_code, ?))")
        params += [region_code, region_code + "."]
    if first is not None:
        where.append("paid_on >= ?")
        params.append(first.replace(day=1))
    if last is not None:
        # Before the first day of the month after `last`.
        index = last.year * 12 + last.month
        where.append("paid_on < ?")
        params.append(date(index // 12, index % 12 + 1, 1))
    source = f"read_parquet({scan.quoted(str(files / '*.parquet'))})"
    condition = " AND ".join(where)
    con = duckdb.connect()
    try:
        count_sql = f"SELECT count(*) FROM {source} WHERE {condition}"
        total = con.execute(count_sql, params).fetchone()[0]
        cursor = con.execute(
            f"SELECT * FROM {source} WHERE {condition} "
            "ORDER BY paid_on DESC, claim_no LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    finally:
        con.close()
    claims = []
    for row in rows:
        claim = {key: row[key] for key in FLAGGED_KEYS}
        claim["reasons"] = [code for column, code in claims_sql.REASONS if row[column]]
        claim["enrolled_on"] = row["enrolled_on"]
        claims.append(claim)
    return claims, int(total)

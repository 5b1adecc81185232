"""The one reader of the claims indicators, for the claims pages, the dashboard tile and the
CLI (`pantau claims`); and `refresh_claims`, which computes them (`claims_refresh.py`).

Totals of the nation, provinces and regencies or cities come from `ClaimTotal` rows of the
generation in force (`CurrentClaims`), read with the pointer in the same statement (a
sub-select), so a reader sees one generation even while a refresh swaps; those of districts
and villages are summed when asked from the claims files the generation read and its flagged
claims (hundreds of thousands of total rows with a million claims: too slow to compute and
store at every refresh; docs/engine.md "Claims"), as the flagged claims are read from
`flagged/`. Each function is one query, plus one DuckDB read of a small Parquet file
below regencies and for `flagged_claims`, whatever the number of regions or months.

`region_code` "" is Indonesia; `first` and `last` are first days of months, both included,
None for no bound. Person-level rows (`flagged_claims`) are returned UNMASKED: the caller
masks per `accounts.scope` and audits.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
from django.conf import settings
from django.db.models import Subquery

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


def _current() -> int | None:
    return CurrentClaims.objects.values_list("generation", flat=True).first()


Row = tuple[str, str, date, ClaimNumbers]  # region, programme, month, numbers


def _total_rows(region_code: str = "", first: date | None = None, last: date | None = None,
                parent: str | None = None) -> list[Row]:  # fmt: skip
    """The total rows of a region (or of the regions one level below `parent`) in the months:
    from the database down to regencies and cities, summed from the claims files below."""
    first = first.replace(day=1) if first is not None else None
    last = last.replace(day=1) if last is not None else None
    level = len(parent) + 3 if parent is not None else len(region_code or "")
    if level < claims_sql.DEEP_LENGTH:
        rows = ClaimTotal.objects.filter(generation=_generation())
        rows = rows.filter(parent_code=parent) if parent is not None else rows.filter(
            region_code=region_code or ""
        )  # fmt: skip
        if first is not None:
            rows = rows.filter(month__gte=first)
        if last is not None:
            rows = rows.filter(month__lte=last)
        found = rows.values_list("region_code", "program", "month", *MEASURES)
    else:
        found = _deep_rows(region_code, first, last, parent)
    return [(r[0], r[1], r[2], ClaimNumbers(*(int(v) for v in r[3:]))) for r in found]


def _deep_rows(region_code: str, first: date | None, last: date | None,
               parent: str | None) -> list[tuple]:  # fmt: skip
    """Totals of a district or village (or of a regency's districts, a district's villages),
    summed from the claims files of the generation in force (its lineage names them; files
    never change) and its flagged claims: one query for the pointer, one DuckDB read."""
    current = (
        CurrentClaims.objects.select_related("refresh").only("generation", "refresh__inputs")
        .first()
    )  # fmt: skip
    if current is None:
        return []
    files = [(int(pk), str(Path(settings.DATA_DIR) / path))
             for pk, path in current.refresh.inputs.get("claim_files", [])]  # fmt: skip
    if not files:
        return []
    within = parent if parent is not None else region_code
    # A parent's children by the length of their codes; a region: its own and its villages'.
    length = {5: 8, 8: 13}.get(len(within)) if parent is not None else len(within)
    if length is None:  # a village has no regions below it
        return []
    flagged = flagged_dir(current.generation)
    glob = str(flagged / "*.parquet")
    if not any(flagged.glob("*.parquet")):
        glob = str(flagged / "none")  # no flagged claims: an empty relation below
    params: list = []
    if first is not None:
        params.append(first)
    if last is not None:
        index = last.year * 12 + last.month  # before the first day of the month after
        params.append(date(index // 12, index % 12 + 1, 1))
    sql = claims_sql.deep_totals_sql(files, glob, within, length, first is not None,
                                     last is not None)  # fmt: skip
    if glob.endswith("/none"):
        sql = sql.replace(f"read_parquet({scan.quoted(glob)})",
                          "(SELECT NULL::VARCHAR AS claim_no WHERE false)")  # fmt: skip
    return _duckdb(sql, params)


def _duckdb(sql: str, params: list) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _by_program(rows: list[Row]) -> dict[str, ClaimNumbers]:
    found: dict[str, ClaimNumbers] = {}
    for _region, program, _month, numbers in rows:
        found[program] = found.get(program, ClaimNumbers()) + numbers
    return dict(sorted(found.items()))


def computed_at() -> datetime | None:
    """When the claims numbers in force were computed; None: no claims numbers yet."""
    current = CurrentClaims.objects.select_related("refresh").first()
    return current.refresh.finished_at if current is not None else None


def claim_files() -> list[int]:
    """The claims files (snapshot ids) behind the claims numbers in force."""
    current = CurrentClaims.objects.select_related("refresh").first()
    return [pk for pk, _path in current.refresh.inputs.get("claim_files", [])] if current else []


def months(region_code: str) -> list[date]:
    """The months with payments in the region, oldest first."""
    return sorted({month for _region, _program, month, _numbers in _total_rows(region_code)})


def by_program(region_code: str, first: date | None = None, last: date | None = None
               ) -> dict[str, ClaimNumbers]:  # fmt: skip
    """The region's numbers per programme (every programme with claims), months summed."""
    return _by_program(_total_rows(region_code, first, last))


def by_month(region_code: str, first: date | None = None, last: date | None = None
             ) -> list[tuple[date, str, ClaimNumbers]]:  # fmt: skip
    """The region's numbers per month of payment and programme, oldest first."""
    rows = _total_rows(region_code, first, last)
    return sorted(((month, program, numbers) for _r, program, month, numbers in rows),
                  key=lambda row: (row[0], row[1]))  # fmt: skip


def children(region_code: str, first: date | None = None, last: date | None = None
             ) -> list[tuple[str, dict[str, ClaimNumbers]]]:  # fmt: skip
    """Each region one level below with claims, by code, and its numbers per programme."""
    by_region: dict[str, list[Row]] = {}
    for row in _total_rows(first=first, last=last, parent=region_code or ""):
        by_region.setdefault(row[0], []).append(row)
    return [(code, _by_program(rows)) for code, rows in sorted(by_region.items())]


def flagged_total(region_code: str, first: date | None = None, last: date | None = None) -> int:
    """Flagged claims paid in the region in the months."""
    return sum(numbers.flagged for *_, numbers in _total_rows(region_code, first, last))


FLAGGED_KEYS = ("claim_no", "nik", "name", "program", "event", "event_date", "paid_on", "amount",
                "expected_amount", "expected_basis", "region_code", "payer_type",
                "heir_relation")  # fmt: skip


def flagged_claims(region_code: str, first: date | None = None, last: date | None = None,
                   limit: int = 100, offset: int = 0) -> tuple[list[dict], int]:  # fmt: skip
    """The flagged claims paid in the region (its work region inside it) in the months, newest
    payment first, a page of them and how many there are. UNMASKED: the caller masks and
    audits. `reasons`: the flag codes; `enrolled_on`: the NIK's earliest enrolment in the
    current extracts (None: no member)."""
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

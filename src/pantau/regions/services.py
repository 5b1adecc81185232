"""Loading the shipped Kemendagri hierarchy into the database, idempotently."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import ProtectedError

from pantau.regions.codes import ancestor_codes, canonical_code, depth
from pantau.regions.models import Region, RegionSource

SHIPPED_REGIONS = Path(__file__).resolve().parent / "data" / "regions.csv.gz"
REGULATION = "Kepmendagri No. 300.2.2-2138 Tahun 2025"
LEVELS = {"province", "regency", "city", "district", "village"}
BATCH_SIZE = 5000

Progress = Callable[[int], None]


@dataclass(frozen=True)
class LoadResult:
    status: str  # "created", "updated" or "unchanged"
    rows: int
    removed: int = 0


class RegionFileError(ValueError):
    """The region file itself is inconsistent (bad code, unknown level, orphan)."""


def read_region_rows(raw: bytes) -> list[dict[str, str]]:
    """Rows of a `code,name,level,parent_code` CSV, checked and sorted parents first."""
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
    rows: list[dict[str, str]] = []
    seen: set[str] = set()
    for line_number, row in enumerate(reader, start=2):
        code = canonical_code(row["code"])
        level = row["level"].strip()
        if level not in LEVELS:
            raise RegionFileError(f"line {line_number}: unknown level {level!r}")
        if code in seen:
            raise RegionFileError(f"line {line_number}: duplicate code {code}")
        seen.add(code)
        rows.append({"code": code, "name": " ".join(row["name"].split()), "level": level})
    for row in rows:
        parent = row["code"].rsplit(".", 1)[0] if "." in row["code"] else None
        if parent is not None and parent not in seen:
            raise RegionFileError(f"region {row['code']} has no parent {parent} in the file")
    rows.sort(key=lambda row: (depth(row["code"]), row["code"]))
    return rows


COLUMNS = (
    "code",
    "digits",
    "name",
    "level",
    "parent_id",
    "province_code",
    "regency_code",
    "district_code",
    "regency_count",
    "city_count",
    "district_count",
    "village_count",
)


def build_region_rows(rows: Iterable[dict[str, str]]) -> list[tuple]:
    """Database rows (in `COLUMNS` order) with ancestor codes and descendant counts."""
    rows = list(rows)
    counts: Counter[tuple[str, str]] = Counter()
    chains = []
    for row in rows:
        chain = ancestor_codes(row["code"])
        chains.append(chain)
        level = row["level"]
        for ancestor in chain[:-1]:
            counts[(ancestor, level)] += 1
    built = []
    for row, chain in zip(rows, chains, strict=True):
        code = row["code"]
        built.append(
            (
                code,
                code.replace(".", ""),
                row["name"],
                row["level"],
                chain[-2] if len(chain) > 1 else None,
                chain[0],
                chain[1] if len(chain) > 1 else None,
                chain[2] if len(chain) > 2 else None,
                counts[(code, "regency")],
                counts[(code, "city")],
                counts[(code, "district")],
                counts[(code, "village")],
            )
        )
    return built


def _upsert_sql() -> str:
    """One INSERT … ON CONFLICT statement; SQLite (≥3.24) and PostgreSQL share the syntax.

    Raw rows instead of `bulk_create`: building 91,599 model instances and their batched
    statements took most of the load's time budget (docs/benchmarks.md).
    """
    table = connection.ops.quote_name(Region._meta.db_table)
    columns = ", ".join(COLUMNS)
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    return (
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders}) "
        f"ON CONFLICT (code) DO UPDATE SET {_changed_only(table, 'IS NOT')}"
    )


def _changed_only(table: str, distinct: str) -> str:
    """SET … WHERE the row differs: an unchanged region is not rewritten.

    A new decree changes a few hundred of 91,599 rows; rewriting all of them (and
    re-checking their foreign keys) took minutes inside an enclosing transaction.
    """
    updates = ", ".join(f"{column} = excluded.{column}" for column in COLUMNS[1:])
    current = ", ".join(f"{table}.{column}" for column in COLUMNS[1:])
    incoming = ", ".join(f"excluded.{column}" for column in COLUMNS[1:])
    return f"{updates} WHERE ({current}) {distinct} ({incoming})"


def _copy_upsert(cursor, regions: list[tuple], progress: Progress | None) -> None:
    """PostgreSQL: COPY into a scratch table, then one INSERT … SELECT … ON CONFLICT.

    `executemany` of 91,599 rows is ten times slower on PostgreSQL (docs/benchmarks.md).
    """
    table = connection.ops.quote_name(Region._meta.db_table)
    columns = ", ".join(COLUMNS)
    cursor.execute(
        f"CREATE TEMPORARY TABLE region_load (LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
    )
    with cursor.cursor.copy(f"COPY region_load ({columns}) FROM STDIN") as copy:
        for start in range(0, len(regions), BATCH_SIZE):
            batch = regions[start : start + BATCH_SIZE]
            for row in batch:
                copy.write_row(row)
            if progress:
                progress(len(batch))
    cursor.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM region_load "
        f"ON CONFLICT (code) DO UPDATE SET {_changed_only(table, 'IS DISTINCT FROM')}"
    )


def load_regions(
    path: Path = SHIPPED_REGIONS,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> LoadResult:
    """Load (or update) the hierarchy from a gzipped or plain CSV; unchanged files are skipped.

    One transaction: a failure leaves the previous hierarchy as it was.
    """
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    digest = hashlib.sha256(raw).hexdigest()
    source = RegionSource.objects.first()
    if (
        not force
        and source is not None
        and source.sha256 == digest
        and Region.objects.count() == source.rows
    ):
        return LoadResult("unchanged", source.rows)

    regions = build_region_rows(read_region_rows(raw))
    # `read_region_rows` has checked that every parent is in the file, so SQLite's
    # row-by-row foreign-key checks (most of the insert's time) are switched off
    # for the load; PostgreSQL checks once, at the end of its single INSERT.
    with connection.constraint_checks_disabled():
        return _store(regions, digest, progress)


def _store(regions: list[tuple], digest: str, progress: Progress | None) -> LoadResult:
    with transaction.atomic(), connection.cursor() as cursor:
        first_load = not Region.objects.exists()
        if connection.vendor == "postgresql":
            _copy_upsert(cursor, regions, progress)
        else:
            sql = _upsert_sql()
            for start in range(0, len(regions), BATCH_SIZE):
                batch = regions[start : start + BATCH_SIZE]
                cursor.executemany(sql, batch)
                if progress:
                    progress(len(batch))
        removed = 0
        if not first_load:
            # Codes dropped by a newer Kepmendagri, deepest first so parents go last;
            # through the ORM so that anything still referring to them stops the load.
            wanted = {region[0] for region in regions}
            stale = sorted(
                (
                    code
                    for code in Region.objects.values_list("code", flat=True)
                    if code not in wanted
                ),
                key=lambda code: -depth(code),
            )
            for start in range(0, len(stale), 500):
                chunk = stale[start : start + 500]
                try:
                    Region.objects.filter(code__in=chunk).delete()
                except ProtectedError as error:
                    codes = sorted({str(obj) for obj in error.protected_objects})[:5]
                    raise RegionFileError(
                        f"regions {', '.join(chunk[:5])} are no longer in the file but "
                        f"records still refer to them ({', '.join(codes)}); re-code those "
                        "first. Nothing was changed."
                    ) from None
            removed = len(stale)
        RegionSource.objects.all().delete()
        RegionSource.objects.create(sha256=digest, rows=len(regions), regulation=REGULATION)
    return LoadResult("created" if first_load else "updated", len(regions), removed)

"""What a refresh must recompute, and how the rest is carried over from the last one.

A generation's results in the lake (`lake/coverage/<generation>/`) are kept per *unit*:
a list (its snapshot id) or a province partition of the membership extract.

- `lists/**/*.parquet`: each list's counts per region and category (list partials, with
  the list's `snapshot`), in a few files (`_bucket=<n>/`, `kept/`);
- `members/**/*.parquet`: each province partition's active members per region (with its
  `province_code`);
- `gaps/**/*.parquet`: each list's lapsed and never enrolled persons (with the list's
  `snapshot`), in more files of the same kind (`reconcile.GAP_BUCKETS`).

A list unit depends on its list and on the membership rows of its people; a province unit
only on its partition. So a new list for one Pemda recomputes that list alone, and a new
membership extract recomputes the provinces whose rows changed (found by a digest per
partition) and the lists holding a person whose membership row changed. Every other unit
is carried over from the previous generation: its partials and gap rows hard-linked where
their file holds kept units alone (files are immutable), else copied into a few bucket
files (one file per list would cost two seconds per refresh at two thousand lists; one
file for all, a copy of every kept list's rows). Only the regions a recomputed
or dropped unit reaches are summed anew and stored (`changed_regions`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db import transaction

from pantau.core.duckdb import new_database
from pantau.engine import reconcile
from pantau.engine.models import MemberPartition, Workforce
from pantau.lake.models import Snapshot

# The membership columns a digest covers: everything the reconciliation or the member
# aggregates read.
MEMBER_COLUMNS = ("nik", "birth_date", "status", "paid_until", "payer_type", "payer_region",
                  "region_code", "segment")  # fmt: skip


@dataclass
class Plan:
    """The units to compute; `member_provinces` None means every partition."""

    full: bool
    reason: str
    lists: list[tuple] = field(default_factory=list)
    member_provinces: list[str] | None = None
    kept_lists: list[int] = field(default_factory=list)
    kept_provinces: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "full": self.full,
            "reason": self.reason,
            "lists": len(self.lists),
            "lists_kept": len(self.kept_lists),
            "member_provinces": "all"
            if self.member_provinces is None
            else len(self.member_provinces),
            "member_provinces_kept": len(self.kept_provinces),
        }


def workforce_fingerprint(year: int) -> str:
    """Changes when a denominator the refresh would store changes."""
    rows = Workforce.objects.filter(year__lte=year).order_by("region_id", "year")
    text = repr(list(rows.values_list("region_id", "year", "employed", "is_estimate")))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def plan(inputs: reconcile.Inputs, previous: dict | None, previous_dir: Path | None,
         full: bool) -> Plan:  # fmt: skip
    """Compare the inputs with the lineage of the generation in force (`previous`)."""
    everything = Plan(True, "", list(inputs.lists), None)
    if full:
        everything.reason = "full"
        return everything
    if previous is None or previous_dir is None or not previous_dir.is_dir():
        everything.reason = "no_previous"
        return everything
    if previous.get("layout") != reconcile.LAYOUT:
        everything.reason = "layout_changed"  # the kept files would not fit the new ones
        return everything
    if previous.get("grace_months") != inputs.grace_months or "lists" not in previous:
        everything.reason = "grace_changed"
        return everything
    old_members, new_members = reconcile.member_ids(previous.get("members")), inputs.member_ids
    if bool(old_members) != bool(new_members):
        everything.reason = "members_appeared_or_went"
        return everything
    old_lists = set(previous["lists"])
    lists = [entry for entry in inputs.lists if entry[0] not in old_lists]
    kept_lists = [entry[0] for entry in inputs.lists if entry[0] in old_lists]
    member_provinces: list[str] = []
    kept_provinces = _provinces_in(previous_dir / "members")
    reason = "lists"
    if old_members != new_members:
        old_inputs = _inputs_with(inputs, old_members)
        old = _digests(old_inputs) if old_inputs is not None else None
        new = _digests(inputs)
        if old is None or new is None:  # an extract's files are gone: start over
            everything.reason = "members_missing"
            return everything
        member_provinces = sorted(p for p in old.keys() | new.keys() if old.get(p) != new.get(p))
        kept_provinces = [p for p in kept_provinces if p not in member_provinces]
        touched = _lists_touched(inputs, old_inputs, member_provinces)
        lists += [entry for entry in inputs.lists if entry[0] in touched and entry[0] in old_lists]
        kept_lists = [snapshot for snapshot in kept_lists if snapshot not in touched]
        reason = "members"
    return Plan(False, reason, sorted(lists), member_provinces, kept_lists, kept_provinces)


def _partials(directory: Path) -> str | None:
    """The partial files under `directory` as a DuckDB source, or None without any."""
    if not any(directory.glob("**/*.parquet")):
        return None
    return (
        f"read_parquet('{_quoted(directory)}/**/*.parquet', hive_partitioning = false, "
        "union_by_name = true)"
    )


def _provinces_in(directory: Path) -> list[str]:
    """The province partitions whose member partials a generation holds."""
    source = _partials(directory)
    if source is None:
        return []
    con = new_database("1GB")
    try:
        rows = con.execute(f"SELECT DISTINCT province_code FROM {source}").fetchall()
    finally:
        con.close()
    return sorted(row[0] for row in rows)


def _snapshot_files(snapshot: Snapshot) -> str | None:
    if not (snapshot.absolute_path / "data").is_dir():
        return None
    return reconcile._parquet(str(snapshot.absolute_path))


def extract_of(snapshot: Snapshot) -> reconcile.MemberExtract:
    path = str(snapshot.absolute_path) if snapshot.accepted else None
    return reconcile.MemberExtract(snapshot.pk, path, snapshot.region_code, snapshot.nik_numbers)


def _inputs_with(inputs: reconcile.Inputs, ids: list[int]) -> reconcile.Inputs | None:
    """`inputs` with the extracts of an earlier lineage (ids newest first, as recorded), or
    None when one of them is no longer in the catalog."""
    snapshots = Snapshot.objects.in_bulk(ids)
    if len(snapshots) != len(ids):
        return None
    return replace(inputs, members=tuple(extract_of(snapshots[pk]) for pk in ids))


def _digests(inputs: reconcile.Inputs) -> dict[str, str] | None:
    """Each province partition's digest of the membership rows in force.

    One extract: its stored partition digests. Several (regional extracts): the rows that
    count are read and digested the same way, so the two kinds compare (a branch's extract
    arriving beside the national one changes only the provinces it reaches).
    """
    if len(inputs.members) == 1:
        return partition_digests(inputs.members[0].snapshot)
    if any(e.path is not None and not Path(e.path, "data").is_dir() for e in inputs.members):
        return None
    return _province_digests(f"({reconcile.members_sql(inputs)})")


def _province_digests(source_sql: str) -> dict[str, str]:
    """Rows and an order-free digest of the membership rows of `source_sql`, per province."""
    columns = ", ".join(MEMBER_COLUMNS)
    con = new_database("1GB")
    try:
        rows = con.execute(
            f"""SELECT province_code, count(*), bit_xor(hash({columns}))
            FROM {source_sql} GROUP BY province_code"""
        ).fetchall()
    finally:
        con.close()
    return {province: f"{count}:{digest:016x}" for province, count, digest in rows}


def partition_digests(snapshot_id: int) -> dict[str, str] | None:
    """Rows and an order-free digest of each province partition, computed once per extract."""
    stored = MemberPartition.objects.filter(snapshot_id=snapshot_id)
    if stored.exists():
        return {row.province_code: row.digest for row in stored}
    snapshot = Snapshot.objects.get(pk=snapshot_id)
    files = _snapshot_files(snapshot)
    if files is None:
        return None
    digests = _province_digests(files)
    with transaction.atomic():
        MemberPartition.objects.filter(snapshot_id=snapshot_id).delete()
        MemberPartition.objects.bulk_create(
            MemberPartition(snapshot_id=snapshot_id, province_code=province, digest=digest)
            for province, digest in digests.items()
        )
    return digests


def _lists_touched(inputs: reconcile.Inputs, old_inputs: reconcile.Inputs,
                   provinces: list[str]) -> set[int]:  # fmt: skip
    """Lists holding a person whose membership row in force differs between the two."""
    if not provinces or not inputs.lists:
        return set()
    only = _sql_list(provinces)
    columns = ", ".join(MEMBER_COLUMNS)
    old = reconcile.members_sql(old_inputs)
    new = reconcile.members_sql(inputs)
    con = new_database("1GB")
    try:
        rows = con.execute(
            f"""WITH old AS (SELECT {columns} FROM ({old}) WHERE province_code IN ({only})),
            new AS (SELECT {columns} FROM ({new}) WHERE province_code IN ({only})),
            changed AS (
                SELECT nik FROM (SELECT * FROM old EXCEPT SELECT * FROM new)
                UNION SELECT nik FROM (SELECT * FROM new EXCEPT SELECT * FROM old)
            )
            SELECT DISTINCT snapshot FROM ({reconcile.listed_sql(inputs)})
            WHERE nik IN (SELECT nik FROM changed)"""
        ).fetchall()
    finally:
        con.close()
    return {row[0] for row in rows}


# A partial or gap file whose units are all kept is hard-linked into the next generation;
# the kept rows of the other files are copied into as many bucket files as the engine writes
# (`reconcile.BUCKETS`, `GAP_BUCKETS`) by a hash of the unit, so that the next change of
# one unit copies one bucket's rows instead of every kept unit's (438,000 partial rows,
# 0.3 s, for one Pemda's list among 2,208). Past four files a bucket linked, everything
# kept is copied again.
FILES_PER_BUCKET = 4


def carry_over(plan: Plan, previous_dir: Path | None, out_dir: Path) -> None:
    """The kept units from the previous generation: files linked, or their kept rows copied
    (`FILES_PER_BUCKET`)."""
    if plan.full or previous_dir is None:
        return
    lists = [int(s) for s in plan.kept_lists]
    kept = [
        ("gaps", "snapshot", lists, reconcile.GAP_BUCKETS, reconcile.gap_bucket_of),
        ("lists", "snapshot", lists, reconcile.BUCKETS, reconcile.bucket_of),
        ("members", "province_code", [str(p) for p in plan.kept_provinces], reconcile.BUCKETS,
         reconcile.bucket_of),
    ]  # fmt: skip
    con = None
    try:
        for name, unit, values, buckets, bucket_of in kept:
            files = sorted((previous_dir / name).glob("**/*.parquet"))
            if not values or not files:
                continue
            con = con or new_database("1GB")
            _carry_partials(con, files, out_dir / name / "kept", unit, values,
                            FILES_PER_BUCKET * buckets, bucket_of(unit))  # fmt: skip
    finally:
        if con is not None:
            con.close()


def _carry_partials(con, files: list[Path], target: Path, unit: str, kept: list,
                    most_linked: int, bucket: str) -> None:  # fmt: skip
    listing = ", ".join(f"'{_quoted(path)}'" for path in files)
    units = {
        filename: set(values)
        for filename, values in con.execute(
            f"SELECT filename, list(DISTINCT {unit}) FROM read_parquet([{listing}], "
            "filename = true, hive_partitioning = false, union_by_name = true) GROUP BY filename"
        ).fetchall()
    }  # a file without rows is not there: nothing to carry
    wanted = set(kept)
    holding = [path for path in files if units.get(str(path), set()) & wanted]
    if not holding:
        return
    whole = [path for path in holding if units[str(path)] <= wanted]
    if len(whole) > most_linked:
        whole = []
    split = [path for path in holding if path not in whole]
    target.mkdir(parents=True, exist_ok=True)
    for number, path in enumerate(whole):
        # A file of one bucket stays in a directory of that bucket (`gaps.gap_files_sql`).
        directory = reconcile.bucket_directory(path) or ""
        (target / directory).mkdir(exist_ok=True)
        _link_file(path, target / directory / f"{number}.parquet")
    if split:
        sources = ", ".join(f"'{_quoted(path)}'" for path in split)
        rows = (
            f"SELECT *, {bucket} AS _bucket "
            f"FROM read_parquet([{sources}], hive_partitioning = false, union_by_name = true) "
            f"WHERE {unit} IN ({_sql_list(kept)})"
        )
        con.execute(
            f"COPY ({rows}) TO '{_quoted(target / 'split')}' "
            "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (_bucket))"
        )


def _link_file(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: copy
        shutil.copyfile(source, target)


@dataclass(frozen=True)
class Changed:
    """The regions whose rows an incremental refresh must store again: every region in the
    partials of a recomputed unit (its new rows) or of a unit of the previous generation
    that was not kept (its old rows), for the list table and the member table. Indonesia
    (`reconcile.NATIONAL`) is always among the list regions: its row gives the totals."""

    list_regions: frozenset[str]
    member_regions: frozenset[str]


def changed_regions(plan: Plan, previous_dir: Path, out_dir: Path) -> Changed:
    """The regions a refresh of `plan` changes, read from the partials of the previous
    generation (`previous_dir`) and of the new one (`out_dir`, carried over already)."""
    recomputed = _sql_list(entry[0] for entry in plan.lists)
    kept = _sql_list(plan.kept_lists)
    con = new_database("1GB")
    try:
        selects = []
        if (new := _partials(out_dir / "lists")) is not None:
            selects.append(f"SELECT region_code FROM {new} WHERE snapshot IN ({recomputed})")
        if (old := _partials(previous_dir / "lists")) is not None:
            selects.append(f"SELECT region_code FROM {old} WHERE snapshot NOT IN ({kept})")
        list_regions = {reconcile.NATIONAL, *_regions(con, selects)}
        selects = []
        if plan.member_provinces:
            provinces = _sql_list(plan.member_provinces)
            if (new := _partials(out_dir / "members")) is not None:
                selects.append(
                    f"SELECT region_code FROM {new} WHERE province_code IN ({provinces})"
                )
            kept_provinces = _sql_list(plan.kept_provinces)
            if (old := _partials(previous_dir / "members")) is not None:
                selects.append(
                    f"SELECT region_code FROM {old} WHERE province_code NOT IN ({kept_provinces})"
                )
        member_regions = _regions(con, selects)
    finally:
        con.close()
    return Changed(frozenset(list_regions), frozenset(member_regions))


def _regions(con, selects: list[str]) -> set[str]:
    if not selects:
        return set()
    return {row[0] for row in con.execute(" UNION ".join(selects)).fetchall()}


def combine(out_dir: Path, inputs: reconcile.Inputs, changed: Changed | None = None
            ) -> tuple[list[tuple], list[tuple], dict]:  # fmt: skip
    """The region tables' rows, summed over every unit's partials, and the totals; only
    the rows of the `changed` regions when given (an incremental refresh stores no more)."""
    con = new_database("1GB")
    try:
        list_rows: list[tuple] = []
        lists = _partials(out_dir / "lists")
        if lists is not None:
            only = _only_regions(con, "list", changed and changed.list_regions)
            con.execute(f"CREATE VIEW list_partials AS SELECT * FROM {lists}{only}")
            list_rows = con.execute(reconcile.COMBINE_LISTS_SQL).fetchall()
        member_rows: list[tuple] = []
        members_partials = _partials(out_dir / "members")
        if members_partials is not None:
            only = _only_regions(con, "member", changed and changed.member_regions)
            con.execute(f"CREATE VIEW member_partials AS SELECT * FROM {members_partials}{only}")
            member_rows = con.execute(reconcile.COMBINE_MEMBERS_SQL).fetchall()
        members = _members_count(con, inputs)
    finally:
        con.close()
    national = next((r for r in list_rows if r[0] == reconcile.NATIONAL and r[1] == ""), None)
    totals = dict(zip(reconcile.COUNT_NAMES, national[2:6] if national else (0, 0, 0, 0),
                      strict=True))  # fmt: skip
    totals["members"] = members
    return list_rows, member_rows, totals


def _only_regions(con, name: str, regions: frozenset[str] | None) -> str:
    """A condition keeping the partial rows of `regions` (a table of them); "" for all."""
    if regions is None:
        return ""
    con.execute(f"CREATE TEMP TABLE {name}_regions AS SELECT unnest($1::VARCHAR[]) AS region_code",
                [sorted(regions)])  # fmt: skip
    return f" WHERE region_code IN (SELECT region_code FROM {name}_regions)"


def _members_count(con, inputs: reconcile.Inputs) -> int:
    """Membership rows in force: one extract's from its Parquet footers (no data is read);
    several extracts' by reading the NIKs and regions that decide which rows count."""
    extracts = [extract for extract in inputs.members if extract.path is not None]
    if not extracts:
        return 0
    if len(inputs.members) == 1:
        source = reconcile._parquet(extracts[0].path)
    else:
        source = f"({reconcile.members_sql(inputs)})"
    return con.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]


def _sql_list(values) -> str:
    """Snapshot ids (integers) or province codes (text) for `IN (…)`; NULL for none, which
    matches nothing."""
    return ", ".join(f"'{v}'" if isinstance(v, str) else str(int(v)) for v in values) or "NULL"


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")

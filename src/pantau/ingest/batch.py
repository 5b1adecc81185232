"""Many small worker lists checked as one batch (`pantau import dir`, the national demo).

Checking one small list costs DuckDB about 20 ms of planning its statement whatever the
rows, which a thousand lists paid a thousand times (docs/benchmarks.md, "make demo").
Here every list of a batch is read, checked and written by one statement, with its
number (`_file`) and Pemda (`_pemda`) on each row; then each list becomes its own
snapshot, with its own error report, exactly as `importer.import_file` makes it:

    each file: the request checked, hashed, its header found, read (pyarrow, one line per
        record) → one table `raw` → one checking statement (into memory)
    → repeated NIKs within a list, and NIKs on the Pemda's other lists of the year (the lists
        current before the batch, and the batch's earlier lists: the order of one-by-one
        imports in path order), written partitioned by list and province
    → every list's counts and report lines in one statement each
    → per list: report files, publish; the catalog rows of all in one transaction.

Only what the one-by-one path would take on its fast path comes here: worker lists without
a current snapshot for their target, UTF-8 CSV under `SMALL_FILE_BYTES` with the header
on the first line and one line per record, not naming places by name. Every other file
is returned to the caller, who imports it one by one (`import_file`), so its refusal or
replacement reads exactly as it always does. Nothing of a batch is visible before its
lists are published; a killed batch leaves unregistered directories that the garbage
collection removes.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from pantau.core.vocabulary import Kind
from pantau.ingest import importer, readers, reports, validation
from pantau.ingest.formats import HeaderMatch
from pantau.ingest.signals import snapshot_published
from pantau.ingest.types import FileRejected, ImportRequest, ImportSummary
from pantau.lake import catalog, storage
from pantau.lake.models import Snapshot

# What a batch reads into memory at most (the files' bytes); a directory holds many batches.
BATCH_BYTES = 32 << 20
NAMED_PLACES = frozenset(("district_name", "village_name"))

Outcome = tuple[str, dict | None, str | None]  # path, summary (as_json), refusal


@dataclass
class _List:
    """One file of the batch, read."""

    number: int  # `_file`: its place in path order
    request: ImportRequest
    size: int
    sha256: str
    delimiter: str
    header: HeaderMatch
    rows: pa.Table

    @property
    def present(self) -> frozenset[str]:
        return frozenset(self.header.mapping.values())


def _digest(path: Path) -> tuple[str, int, int]:
    """SHA-256, physical lines (as `importer.file_digest` counts them) and size."""
    data = path.read_bytes()
    lines = data.count(b"\n") + (0 if data[-1:] in (b"\n", b"") else 1)
    return hashlib.sha256(data).hexdigest(), lines, len(data)


def _read(path: Path, lines: int, kind: str) -> tuple[str, HeaderMatch, pa.Table] | None:
    """The file's delimiter, header and records, or None when it needs the careful path."""
    try:
        encoding, bom, delimiter, header, _ = readers.sniff_csv(path, kind, None)
    except FileRejected:
        return None
    if encoding != "utf-8" or bom or header.row_index != 0 or header.missing:
        return None
    try:
        table = pacsv.read_csv(str(path), **readers.one_line_records(delimiter, header))
    except (pa.ArrowException, ValueError, OSError):
        return None
    if table.num_rows == 0 or table.num_rows + 1 != lines:
        return None  # a line break inside a cell, a blank line: the careful path numbers lines
    names = {f"c{position}": name for position, name in header.mapping.items()}
    return delimiter, header, table.rename_columns([names[name] for name in table.column_names])


def _raw(lists: list[_List], present: frozenset[str]) -> pa.Table:
    """The rows of lists with the same columns, with `_row`, `_file` and `_pemda`."""
    columns = sorted(present)
    tables = []
    for item in lists:
        count = item.rows.num_rows
        tables.append(
            pa.table(
                {
                    "_row": pa.array(range(2, count + 2), pa.int64()),
                    "_file": pa.array([item.number] * count, pa.int32()),
                    "_pemda": pa.array([item.request.pemda_code] * count, pa.string()),
                }
                | {name: item.rows.column(name) for name in columns}
            )
        )
    return pa.concat_tables(tables)


def import_batch(requests: Iterable[ImportRequest]) -> tuple[list[Outcome], list[ImportRequest]]:
    """Import the batchable lists of `requests`; (their outcomes, the requests left over).

    The requests left over are for `import_file`, after this batch (their order relative
    to the batch decides only which of two lists says a NIK is on the other).
    """
    started = time.perf_counter()
    storage.collect_garbage(everything=False)
    current = {
        (s.pemda_id, s.category, s.year): s
        for s in Snapshot.objects.current().filter(kind=Kind.WORKERS)
    }
    outcomes: list[Outcome] = []
    left: list[ImportRequest] = []
    lists: list[_List] = []
    targets: set[tuple] = set()
    for request in requests:
        if request.kind != Kind.WORKERS or request.dry_run or request.user is not None:
            left.append(request)
            continue
        try:
            request = importer.check_request(request)
        except FileRejected:
            left.append(request)  # refused there, in its words
            continue
        path = Path(request.path)
        target = (request.pemda_code, request.category, int(request.year))
        if path.suffix.lower() != ".csv" or path.stat().st_size >= importer.SMALL_FILE_BYTES:
            left.append(request)
            continue
        sha256, lines, size = _digest(path)
        existing = current.get(target)
        if existing is not None and existing.sha256 == sha256:
            outcomes.append((str(path), importer.unchanged(existing).as_json(), None))
            continue
        read = _read(path, lines, request.kind) if existing is None else None
        if target in targets or read is None or set(read[1].mapping.values()) & NAMED_PLACES:
            left.append(request)
            continue
        targets.add(target)
        delimiter, header, rows = read
        request.year = int(request.year)
        lists.append(_List(len(lists), request, size, sha256, delimiter, header, rows))
    if not lists:
        return outcomes, left
    con = importer.connect()
    _batch_id, work = storage.new_staging_dir()
    try:
        try:
            counts = _check(con, lists, current, work)
        except duckdb.Error:
            # Nothing is published yet: the lists go one by one, where a file's problem is
            # told as that file's.
            return outcomes, left + [item.request for item in lists]
        seconds = round((time.perf_counter() - started) / len(lists), 3)
        published = [
            _publish(con, item, work / "settled", counts.get(item.number), seconds)
            for item in lists
        ]
        # The batch's catalog rows at once: saving each with its own queries and commit cost
        # as much as the rest of publishing a list.
        catalog.register_lists([snapshot for snapshot, _ in published if snapshot is not None])
        for snapshot, outcome in published:
            if snapshot is not None:
                outcome[1]["snapshot"] = snapshot.pk
                snapshot_published.send(sender=Snapshot, snapshot=snapshot)
            outcomes.append(outcome)
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)
    return outcomes, left


def _check(con, lists: list[_List], current: dict, work: Path) -> dict[int, Counts]:
    """Check every list into `work/settled/_file=<number>/`; its numbers, per list number
    (the view `checked` and the table `batch_issues` hold every list's rows and report
    lines, with `_file`)."""
    provinces = tuple(
        row[0]
        for row in con.execute("SELECT code FROM regions WHERE level = 'province'").fetchall()
    )
    context = validation.Context(
        kind=Kind.WORKERS, today=datetime.date.today(), provinces=provinces, batch=True
    )
    importer.ensure_nik_births(con, context.day)
    groups: dict[frozenset[str], list[_List]] = {}
    for item in lists:
        groups.setdefault(item.present, []).append(item)
    for number, (present, members) in enumerate(groups.items()):
        con.register("raw", _raw(members, present))
        sql = validation.build_sql(context, set(present))
        # In memory until settled (a batch is at most BATCH_BYTES of files): written once.
        if number:
            con.execute(f"INSERT INTO batch_checked BY NAME {sql}")
        else:
            con.execute(f"CREATE TEMP TABLE batch_checked AS {sql}")
        con.unregister("raw")
    duplicates = _settle(con, lists, current, work / "settled")
    # Every list's report lines at once: four statements for each list's report were a
    # third of the batch.
    validation.open_checked(con, work / "settled", keys="_file, ")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE batch_issues AS "
        + reports.ISSUES_SELECT.replace("{keys}", "_file, ")
    )
    issues = dict(con.execute("SELECT _file, count(*) FROM batch_issues GROUP BY _file").fetchall())
    counted = con.execute(
        """SELECT _file, count(*), count(*) FILTER (NOT rejected),
            coalesce(sum(len(warnings)), 0)
        FROM checked GROUP BY _file"""
    ).fetchall()
    return {
        row[0]: Counts(*row[1:], duplicates.get(row[0], 0), issues.get(row[0], 0))
        for row in counted
    }


@dataclass(frozen=True)
class Counts:
    """A checked list's numbers (without a warning said once for the file)."""

    rows: int
    accepted: int
    warnings: int
    duplicates: int
    issues: int  # its report's lines


def _settle(con, lists: list[_List], current: dict, settled: Path) -> dict:
    """Repeated NIKs within each list, and NIKs on the Pemda's other lists of the year, as
    `validation.mark_duplicates` and `importer._register_other_lists` settle them for one
    list; the rows rewritten into `settled`, one directory per list. Returns the rows
    rejected as repeats, per list number."""
    con.register(
        "batch_lists_arrow",
        pa.table(
            {
                "list": pa.array([item.number for item in lists], pa.int32()),
                "pemda": [item.request.pemda_code for item in lists],
                "category": [item.request.category for item in lists],
                "year": pa.array([item.request.year for item in lists], pa.int32()),
            }
        ),
    )
    con.execute("CREATE OR REPLACE TEMP TABLE batch_lists AS SELECT * FROM batch_lists_arrow")
    con.unregister("batch_lists_arrow")
    con.execute(
        """CREATE OR REPLACE TEMP TABLE duplicate_niks AS
        SELECT _file AS dup_file, nik AS dup_nik, min(source_row) AS first_row
        FROM batch_checked WHERE nik IS NOT NULL GROUP BY _file, nik HAVING count(*) > 1"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE marked AS
        SELECT t.* EXCLUDE (errors, nik_raw, province_code, dup_file, dup_nik, first_row, late),
            {validation.DUPLICATE_MARKS}
        FROM (SELECT t.*, d.*, {validation.LATE_DUPLICATE} AS late FROM batch_checked t
              LEFT JOIN duplicate_niks d ON d.dup_file = t._file AND d.dup_nik = t.nik) t"""
    )
    _other_lists(con, lists, current)
    stored = ", ".join(validation.STORED_COLUMNS[Kind.WORKERS])
    con.execute(
        f"""COPY (
        SELECT {stored}, source_row, errors,
            CASE WHEN other_categories IS NULL THEN t.warnings
                 WHEN t.warnings IS NULL
                 THEN to_json([issue('nik_on_other_list', 'nik', other_categories)])
                 ELSE to_json(list_append(from_json(t.warnings, {validation.ISSUES_TYPE}),
                              issue('nik_on_other_list', 'nik', other_categories))) END
                AS warnings,
            nik_raw, province_code, _file
        FROM marked t LEFT JOIN other_lists o ON o.other_file = t._file AND o.other_nik = t.nik
        ) TO '{settled}' ({validation.PARQUET_OPTIONS}, PARTITION_BY (_file, province_code))"""
    )
    return dict(
        con.execute(
            """SELECT _file, count(*) FROM marked
            WHERE contains(errors, '"code":"nik_duplicate"') GROUP BY _file"""
        ).fetchall()
    )


def _other_lists(con, lists: list[_List], current: dict) -> None:
    """`other_lists(other_file, other_nik, other_categories)`: for each list, its NIKs that
    the Pemda's other lists of the year hold among their accepted rows, where "other"
    means of another category and current before this list: before the batch, or
    earlier in it."""
    wanted = {(item.request.pemda_code, item.request.year) for item in lists}
    before = [
        snapshot
        for (pemda, _category, year), snapshot in current.items()
        if (pemda, year) in wanted and snapshot.accepted
    ]
    earlier_sources = [
        f"""SELECT m.nik, b.pemda, b.year, b.category, m._file AS rank FROM marked m
        JOIN batch_lists b ON b.list = m._file
        WHERE m.province_code <> '{validation.REJECTED}' AND m.nik IS NOT NULL"""
    ]
    for snapshot in before:
        earlier_sources.append(
            f"""SELECT nik, '{snapshot.pemda_id}', {int(snapshot.year)}, '{snapshot.category}', -1
            FROM read_parquet('{snapshot.absolute_path / "data"}/**/*.parquet',
                              hive_partitioning = true)"""
        )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE other_lists AS
        WITH earlier AS ({" UNION ALL ".join(earlier_sources)})
        SELECT t._file AS other_file, t.nik AS other_nik,
            {validation.other_categories_sql("e.category")} AS other_categories
        FROM (SELECT DISTINCT _file, nik FROM marked WHERE nik IS NOT NULL) t
        JOIN batch_lists b ON b.list = t._file
        JOIN earlier e ON e.nik = t.nik AND e.pemda = b.pemda AND e.year = b.year
            AND e.category <> b.category AND e.rank < t._file
        GROUP BY t._file, t.nik"""
    )


def _publish(con, item: _List, settled: Path, counts: Counts | None, seconds: float):
    """One list of the batch as `import_file` publishes it, its catalog row not yet saved:
    (the snapshot or None, the outcome)."""
    request = item.request
    if counts is None:  # every line blank or a totals line
        return None, (str(request.path), None, str(importer.no_data_rows()))
    rows, accepted, warnings_count = counts.rows, counts.accepted, counts.warnings
    snapshot_id, staging = storage.new_staging_dir()
    try:
        data = staging / "data"
        os.rename(settled / f"_file={item.number}", data)
        file_warning = importer.file_warning(request, item.header)
        warnings_count += 1 if file_warning else 0
        if file_warning:  # its report says it on its first line: written on its own
            validation.open_checked(con, data, file_warning)
            report = reports.write(con, staging)
        else:
            lines = f"(SELECT * EXCLUDE (_file) FROM batch_issues WHERE _file = {item.number})"
            report = reports.write_issues(con, lines, counts.issues, staging)
        shutil.rmtree(data / f"province_code={validation.REJECTED}", ignore_errors=True)
        written = sorted(entry.name.split("=", 1)[1] for entry in data.iterdir() if entry.is_dir())
        final = storage.publish(staging, request.kind, snapshot_id)
        staging = None
        snapshot = importer.published_snapshot(
            request, final, report,
            sha256=item.sha256, rows=rows, accepted=accepted, rejected=rows - accepted,
            warnings=warnings_count, provinces=written,
            header_mapping={
                "columns": item.header.canonical,
                "ignored": item.header.ignored,
                "header_row": 1,
                "format": "csv",
                "encoding": "utf-8",
                "delimiter": item.delimiter,
                "reader": "batch",
                "duplicates": counts.duplicates,
                "seconds": seconds,
                "bytes": item.size,
            },
        )  # fmt: skip
        summary = ImportSummary(
            "created", None, rows, accepted, rows - accepted, warnings_count,
            str(final / report.csv.name) if report.csv else None,
            str(final / report.xlsx.name) if report.xlsx else None,
            header=item.header.canonical, kind=request.kind,
        )  # fmt: skip
        return snapshot, (str(request.path), summary.as_json(), None)
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)

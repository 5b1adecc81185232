"""Importing a worker list, a membership extract or a claims extract: `import_file`, the
one entry point for the CLI (`pantau import …`), the upload wizard's background task and
`pantau import dir`.

hash → (unchanged?) → read (`raw`) → one DuckDB pass that checks and writes Parquet
partitions into a staging directory → duplicates (claims: and the membership flags,
`claims.settle`) → error report → atomic rename → catalog row.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.utils.translation import gettext as _

from pantau.accounts.scope import can_upload_for, can_upload_members, can_upload_members_for
from pantau.core.duckdb import new_database
from pantau.core.paths import private_dir, restrict_tree
from pantau.core.vocabulary import PEMDA_LEVELS, Category, Kind
from pantau.ingest import (
    claims,
    people_regions,
    places,
    readers,
    replacement,
    reports,
    validation,
)
from pantau.ingest.formats import PLACE_COLUMNS, HeaderMatch
from pantau.ingest.signals import snapshot_published
from pantau.ingest.types import FileRejected, ImportRequest, ImportSummary, NotAllowed, Progress
from pantau.lake import catalog, storage
from pantau.lake.models import Snapshot
from pantau.regions.codes import try_canonical_code
from pantau.regions.models import Region, RegionSource

_regions_cache: dict[str, pa.Table] = {}


def file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 and physical lines (a last line without newline counts), in one read.

    The hash runs in a second thread (hashlib releases the GIL) while this one counts
    newlines (bytes.count does not), which nearly halves the time (docs/benchmarks.md).
    """
    digest = hashlib.sha256()
    lines, last = 0, b""
    with path.open("rb") as handle, ThreadPoolExecutor(max_workers=1) as hasher:
        pending = None
        while chunk := handle.read(8 << 20):
            if pending is not None:
                pending.result()  # chunks must reach the hash in order
            pending = hasher.submit(digest.update, chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
        if pending is not None:
            pending.result()
    return digest.hexdigest(), lines + (0 if last in (b"\n", b"") else 1)


def regions_table() -> pa.Table:
    """All region codes and levels as Arrow, cached per loaded region file: in this process,
    and in a Parquet file beside the lake that the next import process reads instead of the
    database (0.04 s against 0.08 s, which is 3 % of a million-claim import)."""
    source = RegionSource.objects.first()
    key = source.sha256 if source else "none"
    if key not in _regions_cache:
        _regions_cache.clear()
        _regions_cache[key] = _regions_from_file(source) if source else _regions_from_database()
    return _regions_cache[key]


REGIONS_SCHEMA = pa.schema([("code", pa.string()), ("level", pa.string())])


def _regions_from_database() -> pa.Table:
    rows = list(Region.objects.values_list("code", "level"))
    return pa.table(
        {"code": [row[0] for row in rows], "level": [row[1] for row in rows]},
        schema=REGIONS_SCHEMA,
    )


def _regions_from_file(source: RegionSource) -> pa.Table:
    # Named by the region file's hash: a new region file is a new name, never a stale table.
    path = Path(settings.DATA_DIR) / "cache" / f"regions-{source.sha256[:16]}.parquet"
    try:
        table = pq.read_table(path)
        if table.schema.equals(REGIONS_SCHEMA):
            return table
    except (OSError, pa.ArrowInvalid):
        pass  # not written yet, or cut short by a kill: written again below
    table = _regions_from_database()
    private_dir(path.parent)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    pq.write_table(table, partial)
    restrict_tree(partial)
    os.replace(partial, path)  # whole or absent for the next reader
    return table


_shared: dict[tuple[int, str, bool], duckdb.DuckDBPyConnection] = {}
_shared_lock = threading.Lock()

# Files below this size are checked in a second shared database whose optimizer may choose
# the joins' build sides (see `_new_database`).
SMALL_FILE_BYTES = 1 << 20


def connect(small: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to this process's DuckDB, which already holds the regions and macros.

    Each import works on its own cursor (its own connection to the same in-memory
    database) with TEMP tables, so imports in several threads do not meet; the regions
    table and macros are built once per process and region file, not for each import,
    which matters for the thousand small lists of a national demo. `small`
    files get the database for small files (`_new_database`).
    """
    source = RegionSource.objects.first()
    key = (os.getpid(), source.sha256 if source else "none", small)
    with _shared_lock:
        database = _shared.get(key)
        if database is None:
            for old_key in [k for k in _shared if k[:2] != key[:2]]:
                old = _shared.pop(old_key)
                # One inherited across fork() (a pool of import processes started by a
                # process that had imported) is the parent's: closing it in the child crashes
                # DuckDB, whose threads stayed behind. The child's copy goes with the process.
                if old_key[0] == key[0]:
                    old.close()
            database = _shared[key] = _new_database(small)
        return database.cursor()


def ensure_nik_births(con, today) -> None:
    """The shared database's NIK birth table for `today`, made by the first import of the
    day there (a server runs across midnight)."""
    name = validation.nik_births_table(today)
    with _shared_lock:
        made = con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]
        ).fetchall()[0][0]
        if not made:
            validation.create_nik_births(con, today)


def _new_database(small: bool = False) -> duckdb.DuckDBPyConnection:
    con = new_database(
        os.environ.get("PANTAU_DUCKDB_MEMORY", "1500MB"),
        # Rows per partition buffered by DuckDB's partitioned writer (files rewritten for
        # duplicates, batches of small files): a quarter of DuckDB's default, which took a
        # 10-million-row import to half again as much memory.
        partitioned_write_flush_threshold=131072,
    )
    # Progress is polled (query_progress) and shown by Pantau, not printed by DuckDB.
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    # The file's rows are a stream of unknown size: left to itself, the optimizer may
    # build its hash tables on the stream instead of on the region table (out of
    # memory at two million rows). Joins are written stream-first, tables-second.
    # A small file's rows are known to be few: there the optimizer builds on them instead
    # of hashing the 91,599 regions and 73,000 NIK birth dates for every file (the setting
    # is per database; the costs: docs/benchmarks.md, "Why the code is shaped so").
    if not small:
        con.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")
    con.register("regions_arrow", regions_table())
    con.execute("CREATE TABLE regions AS SELECT * FROM regions_arrow")
    con.unregister("regions_arrow")
    # NIKs begin with their district's code without dots.
    con.execute(
        "CREATE TABLE nik_districts AS "
        "SELECT replace(code, '.', '') AS digits FROM regions WHERE level = 'district'"
    )
    con.execute(validation.MACROS)
    reports.prepare(con)
    return con


# ---------------------------------------------------------------- request checks


def check_request(request: ImportRequest) -> ImportRequest:
    """Normalise codes and refuse impossible or unauthorised requests (FileRejected)."""
    if request.kind not in Kind.values:
        raise FileRejected("kind", _("Jenis impor tidak dikenal."), "Unknown import kind.")
    if not Path(request.path).is_file():
        raise FileRejected(
            "not_found",
            _("Berkas tidak ditemukan: %(path)s") % {"path": request.path},
            f"File not found: {request.path}",
        )
    if request.kind == Kind.WORKERS:
        code = try_canonical_code(request.pemda_code)
        pemda = Region.objects.filter(code=code, level__in=PEMDA_LEVELS).first() if code else None
        if pemda is None:
            raise FileRejected(
                "pemda",
                f"Pemda {request.pemda_code} tidak dikenal (harus provinsi atau kabupaten/kota).",
                f"Unknown Pemda {request.pemda_code} (a province, regency or city).",
            )
        request.pemda_code = pemda.code
        if request.category not in Category.values:
            raise FileRejected(
                "category",
                f"Kategori harus salah satu dari {', '.join(Category.values)}.",
                f"Category must be one of {', '.join(Category.values)}.",
            )
        if not request.year or not 2000 <= int(request.year) <= 2100:
            raise FileRejected("year", "Tahun tidak valid.", "Invalid year.")
        if request.user is not None and not can_upload_for(request.user, pemda.code):
            raise NotAllowed(
                "not_allowed",
                f"Anda tidak berwenang mengunggah daftar untuk Pemda {pemda.code} {pemda.name}.",
                f"You may not upload lists for Pemda {pemda.code} {pemda.name}.",
            )
    elif request.kind == Kind.CLAIMS:
        # A claims extract is a batch of payments: no Pemda, year or month; its rows must
        # lie inside the uploader's region (or --region, inside it).
        request.pemda_code = request.category = request.year = request.as_of = None
        _check_bpjs_uploader(request)
        request.region_code = extract_region(request)
    else:
        if request.as_of is None:
            raise FileRejected("as_of", "Bulan data (--as-of) wajib.", "--as-of is required.")
        request.as_of = request.as_of.replace(day=1)
        _check_bpjs_uploader(request)
        request.region_code = extract_region(request)
    return request


def _check_bpjs_uploader(request: ImportRequest) -> None:
    """Membership and claims extracts come from BPJS Ketenagakerjaan: only its officers
    (and the national team) upload them."""
    user = request.user
    if user is None or can_upload_members(user):
        return
    if request.kind == Kind.CLAIMS:
        raise NotAllowed(
            "not_allowed",
            "Hanya petugas BPJS Ketenagakerjaan yang dapat mengunggah data klaim.",
            "Only BPJS Ketenagakerjaan staff may upload claims extracts.",
        )
    raise NotAllowed(
        "not_allowed",
        "Hanya petugas BPJS Ketenagakerjaan yang dapat mengunggah data kepesertaan.",
        "Only BPJS Ketenagakerjaan staff may upload membership extracts.",
    )


def extract_region(request: ImportRequest) -> str | None:
    """The region a membership or claims extract covers (None: the whole country).

    An uploader with a region (a BPJS branch) covers that region by default and never a
    wider one: its file must not replace other regions' members (docs/engine.md), nor
    bring claims of other regions.
    """
    code = None
    if request.region_code not in (None, ""):
        code = try_canonical_code(request.region_code)
        if code is None or not Region.objects.filter(code=code).exists():
            raise FileRejected(
                "region",
                f"Wilayah {request.region_code} tidak dikenal (--region: kode Kemendagri).",
                f"Unknown region {request.region_code} (--region: a Kemendagri code).",
            )
    if request.user is None or request.user.scope_code is None:
        return code
    if code is None:
        return request.user.scope_code
    if not can_upload_members_for(request.user, code):
        if request.kind == Kind.CLAIMS:
            raise NotAllowed(
                "not_allowed",
                f"Anda tidak berwenang mengunggah data klaim untuk wilayah {code}.",
                f"You may not upload claims extracts for region {code}.",
            )
        raise NotAllowed(
            "not_allowed",
            f"Anda tidak berwenang mengunggah data kepesertaan untuk wilayah {code}.",
            f"You may not upload membership extracts for region {code}.",
        )
    return code


def _target(request: ImportRequest) -> dict:
    return {
        "kind": request.kind,
        "pemda_code": request.pemda_code,
        "category": request.category,
        "year": request.year,
        "as_of": request.as_of,
        "region_code": request.region_code,
    }


def unchanged(snapshot: Snapshot) -> ImportSummary:
    errors = str(Path(settings.DATA_DIR) / snapshot.errors_csv) if snapshot.errors_csv else None
    xlsx = str(Path(settings.DATA_DIR) / snapshot.errors_xlsx) if snapshot.errors_xlsx else None
    return ImportSummary(
        "unchanged", snapshot.pk, snapshot.rows, snapshot.accepted, snapshot.rejected,
        snapshot.warnings, errors, xlsx, header=snapshot.header_mapping.get("columns", {}),
        flagged=snapshot.flagged, kind=snapshot.kind,
    )  # fmt: skip


def _register_other_lists(con, request: ImportRequest) -> bool:
    """NIKs on the Pemda's other current lists of the same year, for the warning."""
    others = Snapshot.objects.current().filter(
        kind=Kind.WORKERS, pemda_id=request.pemda_code, year=request.year
    )
    others = [s for s in others.exclude(category=request.category) if s.accepted]
    if not others:
        return False
    selects = [
        f"SELECT nik, '{s.category}' AS category FROM read_parquet("
        f"'{s.absolute_path / 'data'}/**/*.parquet', hive_partitioning = true)"
        for s in others
    ]
    con.execute("CREATE OR REPLACE TEMP TABLE other_niks AS " + " UNION ALL ".join(selects))
    return True


# ---------------------------------------------------------------- the import


def import_file(request: ImportRequest, progress: Progress | None = None) -> ImportSummary:
    """Validate the file and, unless `dry_run`, publish its accepted rows as a snapshot.

    Atomic (nothing is visible until complete; a killed process leaves the previous
    state), idempotent (a byte-identical file for the same target is `unchanged`).
    Raises `FileRejected` (or `NotAllowed`) when the file cannot be imported at all.
    """
    request = check_request(request)
    path = Path(request.path)
    target = _target(request)
    target_fields = {k: v for k, v in target.items() if k != "kind"}
    existing = None if request.dry_run else catalog.current_for(request.kind, **target_fields)
    digesting = ThreadPoolExecutor(max_workers=1)
    size = path.stat().st_size
    if (
        request.kind == Kind.CLAIMS
        and not request.dry_run
        and catalog.claims_of_size(size).exists()
    ):
        # Claims files add up: one of the same bytes already in the lake is "unchanged".
        # Only a file the size of one of them is hashed first; any other is hashed while
        # it is checked.
        digest = digesting.submit(file_digest, path)
        same = catalog.current_claims_with(digest.result()[0])
        if same is not None:
            digesting.shutdown()
            return unchanged(same)
    elif existing is not None:
        # Only a file that replaces a current snapshot can be "unchanged": hash it first.
        digest = digesting.submit(file_digest, path)
        if digest.result()[0] == existing.sha256:
            digesting.shutdown()
            return unchanged(existing)
    else:
        # Nothing to compare with: the file is hashed while it is checked, not before.
        digest = digesting.submit(file_digest, path)

    started = time.perf_counter()
    if not request.dry_run:
        storage.collect_garbage(everything=False)
    small = size < SMALL_FILE_BYTES
    con = connect(small=small)
    snapshot_id, staging = storage.new_staging_dir()
    try:
        read_rows = 0

        def advance(rows: int) -> None:
            nonlocal read_rows
            read_rows += rows
            if progress:
                progress(read_rows, None)

        other_lists = request.kind == Kind.WORKERS and _register_other_lists(con, request)
        provinces = tuple(
            row[0]
            for row in con.execute("SELECT code FROM regions WHERE level = 'province'").fetchall()
        )
        context = validation.Context(
            kind=request.kind,
            pemda_code=request.pemda_code,
            extract_region=request.region_code or ""
            if request.kind in (Kind.MEMBERS, Kind.CLAIMS)
            else "",
            today=datetime.date.today(),
            other_lists=other_lists,
            provinces=provinces,
        )
        ensure_nik_births(con, context.day)
        data = staging / "data"
        result, total_raw = _read_and_check(
            con, request, path, lambda: digest.result()[1], context, data, advance, small
        )
        sha256 = digest.result()[0]
        duplicates = _settle(con, request.kind, data) if _written(data) else 0
        if progress:
            progress(total_raw, total_raw)
        rows = accepted = warnings_count = flagged = 0
        if _written(data):
            if request.kind == Kind.CLAIMS:
                claims.open_checked(con, data)
            else:
                validation.open_checked(con, data, file_warning(request, result.header))
            flags = claims.FLAGGED_COUNT_SQL if request.kind == Kind.CLAIMS else "0"
            rows, accepted, warnings_count, flagged = con.execute(
                "SELECT count(*), count(*) FILTER (NOT rejected), sum(len(warnings)), "
                f"{flags} FROM checked"
            ).fetchall()[0]
        warnings_count = int(warnings_count or 0)
        if rows == 0:
            raise no_data_rows()

        current = existing
        if request.dry_run:
            current = catalog.current_for(request.kind, **target_fields)
        replaces = replacement.compare(current, accepted, rows - accepted)
        # Not imported without a confirmation: checked only, as a dry run is.
        unconfirmed = replaces is not None and replaces.needs_confirmation and not request.replace
        if request.dry_run or unconfirmed:
            out_dir = storage.reports_dir(f"dry-run-{time.strftime('%Y%m%d-%H%M%S')}-{sha256[:8]}")
        else:
            out_dir = staging
        if rows == accepted and not warnings_count:
            report = reports.Report(None, None, 0)  # nothing to report: no query needed
        else:
            report = reports.write(con, out_dir)
        everyone, reported = [], []
        if request.user is not None:
            # Web uploads only: who may see the run's rows (CLI imports never show them).
            scope = request.user.scope_code
            source = claims.ROWS_VIEW if request.kind == Kind.CLAIMS else None
            everyone, reported = people_regions.read(con, data, invalid_as=scope, source=source)
        # Rejected rows live on only in the report: no personal data is kept without use.
        shutil.rmtree(data / f"province_code={validation.REJECTED}", ignore_errors=True)
        summary = ImportSummary(
            status="dry_run",
            snapshot=None,
            rows=rows,
            accepted=accepted,
            rejected=rows - accepted,
            warnings=warnings_count,
            errors_file=str(report.csv) if report.csv else None,
            errors_xlsx=str(report.xlsx) if report.xlsx else None,
            header=result.header.canonical,
            ignored_columns=result.header.ignored,
            skipped_rows=total_raw - rows,
            replaces=replaces.as_json() if replaces is not None else None,
            people_regions=everyone,
            report_regions=reported,
            flagged=flagged,
            kind=request.kind,
        )
        if request.dry_run:
            return summary
        if unconfirmed:
            summary.status = "needs_confirmation"
            return summary

        written = sorted(
            entry.name.split("=", 1)[1] for entry in data.iterdir() if entry.is_dir()
        ) if data.is_dir() else []  # fmt: skip
        final = storage.publish(staging, request.kind, snapshot_id)
        staging = None
        snapshot = published_snapshot(
            request, final, report,
            sha256=sha256, rows=rows, accepted=accepted, rejected=rows - accepted,
            warnings=warnings_count, flagged=flagged, provinces=written,
            header_mapping={
                "columns": result.header.canonical,
                "ignored": result.header.ignored,
                "header_row": result.header.row_index + 1,
                "format": result.format,
                "encoding": result.encoding,
                "delimiter": result.delimiter,
                "reader": result.path_taken,
                "duplicates": duplicates,
                "seconds": round(time.perf_counter() - started, 3),
                "bytes": size,
            },
        )  # fmt: skip
        catalog.register(snapshot, target)
        snapshot_published.send(sender=Snapshot, snapshot=snapshot)
        summary.status = "created"
        summary.snapshot = snapshot.pk
        summary.errors_file = str(final / report.csv.name) if report.csv else None
        summary.errors_xlsx = str(final / report.xlsx.name) if report.xlsx else None
        if progress:
            progress(total_raw, total_raw)
        return summary
    finally:
        digesting.shutdown(cancel_futures=True)
        con.close()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _settle(con, kind: str, data: Path) -> int:
    """What needs every row first: repeated NIKs (claims: repeated claim numbers, and the
    flags against the current membership extracts). Returns the rows rejected."""
    if kind != Kind.CLAIMS:
        return validation.mark_duplicates(con, data)
    memberships = [snapshot.absolute_path / "data" for snapshot in catalog.current_memberships()]
    return claims.settle(con, data, [path for path in memberships if path.is_dir()])


def published_snapshot(request: ImportRequest, final: Path, report: reports.Report, **fields):
    """The catalog row (not yet saved) of the snapshot published at `final` for `request`:
    its target and source from the request, its report's paths, and `fields` (the hash,
    counts, provinces and `header_mapping`)."""
    kind = request.kind
    return Snapshot(
        kind=kind,
        pemda_id=request.pemda_code if kind == Kind.WORKERS else None,
        category=request.category or "" if kind == Kind.WORKERS else "",
        year=request.year if kind == Kind.WORKERS else None,
        as_of=request.as_of if kind == Kind.MEMBERS else None,
        region_code=request.region_code or "" if kind in (Kind.MEMBERS, Kind.CLAIMS) else "",
        source_name=(request.source_name or Path(request.path).name)[:255],
        uploaded_by=request.user,
        rules_version=validation.RULES_VERSION,
        nik_numbers="nik_number" in validation.STORED_COLUMNS[kind],
        path=storage.relative(final),
        errors_csv=storage.relative(final / report.csv.name) if report.csv else "",
        errors_xlsx=storage.relative(final / report.xlsx.name) if report.xlsx else "",
        **fields,
    )


def no_data_rows() -> FileRejected:
    return FileRejected(
        "no_rows", "Berkas tidak berisi baris data.", "The file contains no data rows."
    )


def file_warning(request: ImportRequest, header: HeaderMatch) -> tuple[str, str, str] | None:
    """A worker list that names no place: everyone is placed at its Pemda, said once."""
    if request.kind != Kind.WORKERS or set(header.mapping.values()) & set(PLACE_COLUMNS):
        return None
    name = Region.objects.filter(code=request.pemda_code).values_list("name", flat=True).first()
    return ("place_missing", "region_code", f"{request.pemda_code} {name or ''}".strip())


def _check(con, context, present: set[str], data: Path, small: bool) -> None:
    """`validation.write`, with the Pemda's place names when the file names places. A
    claims extract's partitions are pyarrow's at any size, as its import was measured
    (docs/benchmarks.md, "Claims import")."""
    if context.kind == Kind.CLAIMS:
        validation.write(con, claims.build_claims_sql(context, present), data)
        return
    if context.kind == Kind.WORKERS and present & {"district_name", "village_name"}:
        places.create_tables(con, context.pemda_code)
    validation.write(con, validation.build_sql(context, present), data, small)


def _written(directory: Path) -> bool:
    return directory.is_dir() and any(directory.glob("*/*.parquet"))


def _read_and_check(
    con, request, path, lines: Callable[[], int], context, data, advance, small: bool
):
    """Read the file into `raw` and check it into `data`; (ReadResult, rows read).

    A CSV on the fast path is read as a stream while it is checked. If the stream
    fails part-way (a short row, a line break inside a cell) or its records do not
    match the file's lines, the partial output is dropped and the file is read again
    on the careful path, which numbers lines itself.
    """
    result = readers.read_into(
        con, path, request.kind, sheet=request.sheet, header_row=request.header_row,
        progress=advance,
    )  # fmt: skip
    present = set(result.header.mapping.values())
    if result.streamed is not None:
        try:
            _check(con, context, present, data, small)
            if result.streamed.count + 1 == lines():
                return result, result.streamed.count
        except duckdb.Error:
            pass
        shutil.rmtree(data, ignore_errors=True)
        result = readers.read_into(
            con, path, request.kind, header_row=request.header_row, progress=advance,
            fast=False,
        )  # fmt: skip
        present = set(result.header.mapping.values())
    total_raw = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    _check(con, context, present, data, small)
    return result, total_raw

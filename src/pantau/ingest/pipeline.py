"""The import pipeline behind `services.import_file`.

hash → (unchanged?) → read into DuckDB → validate in SQL → error report →
Parquet in a staging directory → atomic rename → catalog row.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa
from django.conf import settings
from django.utils.translation import gettext as _

from pantau.accounts.choices import Role
from pantau.accounts.scope import can_upload_for
from pantau.ingest import readers, reports, validation
from pantau.ingest.choices import Category, Kind
from pantau.ingest.services import (
    FileRejected,
    ImportRequest,
    ImportSummary,
    NotAllowed,
    Progress,
)
from pantau.lake import catalog, storage
from pantau.lake.models import Snapshot
from pantau.regions.codes import try_canonical_code
from pantau.regions.models import Region, RegionSource

PEMDA_LEVELS = ("province", "regency", "city")
# Above this, intermediate results stream through Parquet files instead of memory.
LARGE_FILE_BYTES = int(os.environ.get("PANTAU_LARGE_FILE_MB", "32")) << 20
_regions_cache: dict[str, pa.Table] = {}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(8 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def regions_table() -> pa.Table:
    """All region codes and levels as Arrow, cached per loaded region file."""
    source = RegionSource.objects.first()
    key = source.sha256 if source else "none"
    if key not in _regions_cache:
        rows = list(Region.objects.values_list("code", "level"))
        _regions_cache.clear()
        _regions_cache[key] = pa.table(
            {"code": [row[0] for row in rows], "level": [row[1] for row in rows]},
            schema=pa.schema([("code", pa.string()), ("level", pa.string())]),
        )
    return _regions_cache[key]


_shared: dict[tuple[int, str], duckdb.DuckDBPyConnection] = {}
_shared_lock = threading.Lock()


def connect() -> duckdb.DuckDBPyConnection:
    """A connection to this process's DuckDB, which already holds the regions and macros.

    Each import works on its own cursor (its own connection to the same in-memory
    database) with TEMP tables, so imports in several threads do not meet; the regions
    table and macros are built once per process and region file (about 70 ms saved on
    each import, which matters for the thousand small lists of a national demo).
    """
    source = RegionSource.objects.first()
    key = (os.getpid(), source.sha256 if source else "none")
    with _shared_lock:
        database = _shared.get(key)
        if database is None:
            for old in _shared.values():
                old.close()
            _shared.clear()
            database = _shared[key] = _new_database()
        return database.cursor()


def _new_database() -> duckdb.DuckDBPyConnection:
    scratch = Path(settings.DATA_DIR) / "tmp" / "duckdb"
    scratch.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        config={
            "threads": int(os.environ.get("PANTAU_DUCKDB_THREADS", os.cpu_count() or 2)),
            "memory_limit": os.environ.get("PANTAU_DUCKDB_MEMORY", "1500MB"),
            "temp_directory": str(scratch),
            "preserve_insertion_order": True,
        }
    )
    # Progress is polled (query_progress) and shown by Pantau, not printed by DuckDB.
    con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
    con.register("regions_arrow", regions_table())
    con.execute("CREATE TABLE regions AS SELECT * FROM regions_arrow")
    con.unregister("regions_arrow")
    con.execute(validation.MACROS)
    reports.prepare(con)
    return con


@contextmanager
def watching(con, estimate: int | None, progress: Progress | None, done: int = 0):
    """Reports a long DuckDB statement's progress from a side thread."""
    if progress is None or not estimate:
        yield
        return
    stop = threading.Event()

    def poll() -> None:
        while not stop.wait(0.25):
            try:
                share = con.query_progress()
            except Exception:  # noqa: BLE001 - progress is best effort
                return
            if share and share > 0:
                progress(done + int(estimate * min(share, 100) / 100), estimate)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


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
    else:
        if request.as_of is None:
            raise FileRejected("as_of", "Bulan data (--as-of) wajib.", "--as-of is required.")
        request.as_of = request.as_of.replace(day=1)
        user = request.user
        if user is not None and not (user.is_superuser or user.role == Role.BPJS):
            raise NotAllowed(
                "not_allowed",
                "Hanya petugas BPJS Ketenagakerjaan yang dapat mengunggah data kepesertaan.",
                "Only BPJS Ketenagakerjaan staff may upload membership extracts.",
            )
    return request


def _target(request: ImportRequest) -> dict:
    return {
        "kind": request.kind,
        "pemda_code": request.pemda_code,
        "category": request.category,
        "year": request.year,
        "as_of": request.as_of,
    }


def _unchanged(snapshot: Snapshot) -> ImportSummary:
    errors = str(Path(settings.DATA_DIR) / snapshot.errors_csv) if snapshot.errors_csv else None
    xlsx = str(Path(settings.DATA_DIR) / snapshot.errors_xlsx) if snapshot.errors_xlsx else None
    return ImportSummary(
        "unchanged", snapshot.pk, snapshot.rows, snapshot.accepted, snapshot.rejected,
        snapshot.warnings, errors, xlsx, header=snapshot.header_mapping.get("columns", {}),
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


def run_import(request: ImportRequest, progress: Progress | None = None) -> ImportSummary:
    request = check_request(request)
    path = Path(request.path)
    source_name = request.source_name or path.name
    sha256 = file_sha256(path)
    target = _target(request)
    target_fields = {k: v for k, v in target.items() if k != "kind"}
    if not request.dry_run:
        existing = catalog.current_for(request.kind, **target_fields)
        if existing is not None and existing.sha256 == sha256:
            return _unchanged(existing)

    started = time.perf_counter()
    if not request.dry_run:
        storage.collect_garbage(everything=False)
    con = connect()
    staging = None
    scratch = None
    if path.stat().st_size > LARGE_FILE_BYTES:
        scratch = Path(settings.DATA_DIR) / "tmp" / f"import-{os.getpid()}-{sha256[:12]}"
        scratch.mkdir(parents=True, exist_ok=True)
    try:
        read_rows = 0

        def advance(rows: int) -> None:
            nonlocal read_rows
            read_rows += rows
            if progress:
                progress(read_rows, None)

        estimate = _estimate_rows(path)
        with watching(con, estimate, progress):
            result = readers.read_into(
                con, path, request.kind, sheet=request.sheet, header_row=request.header_row,
                progress=advance, scratch=scratch,
            )  # fmt: skip
        present = set(result.header.mapping.values())
        other_lists = request.kind == Kind.WORKERS and _register_other_lists(con, request)
        provinces = tuple(
            row[0]
            for row in con.execute("SELECT code FROM regions WHERE level = 'province'").fetchall()
        )
        context = validation.Context(
            kind=request.kind,
            pemda_code=request.pemda_code,
            other_lists=other_lists,
            provinces=provinces,
        )
        total_raw = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
        if progress:
            progress(total_raw, total_raw)
        validation.run(con, context, present, scratch)
        rows, accepted, warnings_count = con.execute(
            "SELECT count(*), count(*) FILTER (len(errors) = 0), sum(len(warnings)) FROM checked"
        ).fetchall()[0]
        warnings_count = int(warnings_count or 0)
        if rows == 0:
            raise FileRejected(
                "no_rows", "Berkas tidak berisi baris data.", "The file contains no data rows."
            )

        if request.dry_run:
            out_dir = storage.reports_dir(f"dry-run-{time.strftime('%Y%m%d-%H%M%S')}-{sha256[:8]}")
        else:
            snapshot_id, staging = storage.new_staging_dir()
            out_dir = staging
        report = reports.write(con, out_dir)
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
        )
        if request.dry_run:
            return summary

        provinces = _write_parquet(con, request.kind, staging / "data")
        final = storage.publish(staging, request.kind, snapshot_id)
        staging = None
        snapshot = Snapshot(
            kind=request.kind,
            pemda_id=request.pemda_code if request.kind == Kind.WORKERS else None,
            category=request.category or "" if request.kind == Kind.WORKERS else "",
            year=request.year if request.kind == Kind.WORKERS else None,
            as_of=request.as_of if request.kind == Kind.MEMBERS else None,
            source_name=source_name[:255],
            sha256=sha256,
            uploaded_by=request.user,
            rows=rows,
            accepted=accepted,
            rejected=rows - accepted,
            warnings=warnings_count,
            rules_version=validation.RULES_VERSION,
            header_mapping={
                "columns": result.header.canonical,
                "ignored": result.header.ignored,
                "header_row": result.header.row_index + 1,
                "format": result.format,
                "encoding": result.encoding,
                "delimiter": result.delimiter,
                "reader": result.path_taken,
                "seconds": round(time.perf_counter() - started, 3),
            },
            provinces=provinces,
            path=storage.relative(final),
            errors_csv=storage.relative(final / report.csv.name) if report.csv else "",
            errors_xlsx=storage.relative(final / report.xlsx.name) if report.xlsx else "",
        )
        catalog.register(snapshot, target)
        summary.status = "created"
        summary.snapshot = snapshot.pk
        summary.errors_file = str(final / report.csv.name) if report.csv else None
        summary.errors_xlsx = str(final / report.xlsx.name) if report.xlsx else None
        if progress:
            progress(total_raw, total_raw)
        return summary
    finally:
        con.close()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _estimate_rows(path: Path) -> int | None:
    """Rows in a CSV from its size and first lines; None for other formats."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return None
    if head.startswith((b"PAR1", b"PK")) or not head:
        return None
    lines = head.count(b"\n") or 1
    return int(path.stat().st_size / (len(head) / lines))


def _write_parquet(con, kind: str, directory: Path) -> list[str]:
    """Accepted rows in hive partitions `province_code=XX/`; returns the provinces written.

    A Pemda's list lies in one province: it is written as one file straight into its
    partition, because DuckDB's partitioned writer costs two to three times a plain
    write (docs/benchmarks.md). Files spanning provinces use the partitioned writer.
    """
    columns = ", ".join(validation.STORED_COLUMNS[kind])
    provinces = [
        row[0]
        for row in con.execute(
            "SELECT DISTINCT province_code FROM checked WHERE len(errors) = 0 ORDER BY 1"
        ).fetchall()
    ]
    accepted = (
        f"SELECT {columns}, _row AS source_row, province_code FROM checked WHERE len(errors) = 0"
    )
    options = "FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880"
    if len(provinces) == 1:
        partition = directory / f"province_code={provinces[0]}"
        partition.mkdir(parents=True)
        con.execute(
            f"COPY ({accepted.replace(', province_code FROM', ' FROM')}) "
            f"TO '{partition / 'data_0.parquet'}' ({options})"
        )
    elif provinces:
        con.execute(f"COPY ({accepted}) TO '{directory}' ({options}, PARTITION_BY (province_code))")
    return provinces

"""Backup and restore of a whole installation (`pantau backup`, `pantau restore`).

A backup directory holds:

    manifest.json                     what a restore checks (below), written last
    database/<time>.sqlite3           SQLite: a copy made with SQLite's online backup API
    database/<time>.pgdump            PostgreSQL: `pg_dump --format=custom`
    files/<path under the data dir>   the lake's files in force and everything else a restore
                                      needs (reports, evidence, handover documents, briefing
                                      packs, uploads, mail, the secret key, the demo marker)

The manifest names the time, Pantau's version, the database vendor, the migrations applied,
the rows of every table, and every file with its size and SHA-256. Left out of `files/`: the
database files themselves, `tmp/` and `cache/` (scratch), `static/` (`pantau setup` collects
it again), `numbers-updating/` and `run/` (marks of running work, the worker's heartbeat),
`logs/` (the log file, rotated by logrotate), names starting with a dot (files being
written), and in the lake `_staging/` and what the catalog does not name.

**Why a backup is consistent (one point in time).** The database is copied first, in one
read: SQLite's backup API copies every page under one read lock; on PostgreSQL a REPEATABLE
READ transaction exports its snapshot and `pg_dump --snapshot` dumps exactly that snapshot,
while the same transaction reads which lake files it names. Only then are files copied, and
from the lake only those that database copy names: the snapshots of the catalog, the coverage
generations in force (`CurrentGeneration`), the claims generation in force (`CurrentClaims`)
and the claims' membership lookups. Lake files never change once published (a new import
writes a new directory, a refresh a new generation), so they are the same as at the copy's
moment. The one thing that can happen meanwhile is that a refresh finishing after the copy
deletes the generation it replaces; a file missing then means the copy is older than the
lake, and the backup starts again with a new copy of the database (`ATTEMPTS`). When the new
copy names the same generations, nothing replaced them: they are missing from the lake, and
the backup is written without them, listed under `missing` (status `incomplete`, exit 1), as
are snapshot directories the catalog names and the disk lacks. Files outside
the lake (evidence, packs) are written once under names of their own before the row naming
them commits, so the copy taken after the database has every file the database names.

**Only new files are copied** into a directory that holds a backup already: a file whose
path, size and modification time are those of the previous manifest keeps its recorded
hash and its copy; others are hashed and copied only if their content differs. Files of the
previous backup that the new one does not list, and its database copy, are removed once the
new manifest is written. A directory is 0700, every file 0600: a backup holds personal data.

**Restore** checks, before it writes anything, that the data directory and the database are
empty, that the vendor is the same, that this Pantau knows every migration the backup has
applied, and the database copy's hash; the files are copied into `tmp/` of the data directory
with their hashes checked and moved into place only after the database has been loaded. The
rows of every table are then counted against the manifest.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader

import pantau
from pantau.core.paths import (
    PRIVATE_DIR,
    PRIVATE_FILE,
    create_private_file,
    private_dir,
    write_private_text,
)
from pantau.engine.models import CurrentClaims, CurrentGeneration
from pantau.engine.tasks import prepare_nik_indexes
from pantau.lake.models import Snapshot

logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
ATTEMPTS = 3  # database copies tried when a refresh deletes a generation during a backup
CHUNK = 1 << 20

# Top-level entries of the data directory a backup leaves out (the lake is chosen by its
# catalog, the database is copied through its own door).
SKIPPED = {"lake", "tmp", "cache", "static", "numbers-updating", "logs", "run"}
# What a fresh data directory may already hold for a restore: `pantau` writes the secret key,
# `tmp/uploads` and on a server its log file (`logs/`) when it starts, the worker its
# heartbeat (`run/`), `pantau setup` the static files; none of it is data.
NOT_DATA = {"secret_key", "tmp", "cache", "static", "logs", "run"}
# What a backup directory holds (besides its manifest).
OWN = {MANIFEST, ".lock", "database", "files", f".{MANIFEST}.partial"}


class BackupError(Exception):
    """A backup or restore that must stop; `returncode` 2 for a refusal (nothing written)."""

    def __init__(self, message: str, returncode: int = 2) -> None:
        super().__init__(message)
        self.returncode = returncode


class _Moved(Exception):
    """A file the database copy names is gone: a refresh replaced it after the copy."""


@dataclass
class State:
    """What one database copy says, read in the same moment as the copy."""

    snapshot_paths: list[str]
    generations: list[int]
    claims_generations: list[int]
    snapshot_ids: set[int]
    counts: dict[str, int]
    migrations: dict[str, list[str]]


@dataclass
class BackupResult:
    out: Path
    vendor: str
    database_file: str
    database_bytes: int
    files: int
    files_copied: int
    bytes_copied: int
    bytes_total: int
    counts: dict[str, int]
    missing: list[str]
    attempts: int
    seconds: float

    def as_dict(self) -> dict:
        return {
            "status": "incomplete" if self.missing else "created",
            "out": str(self.out),
            "manifest": str(self.out / MANIFEST),
            "database": {
                "vendor": self.vendor,
                "file": str(self.out / self.database_file),
                "bytes": self.database_bytes,
            },
            "files": self.files,
            "files_copied": self.files_copied,
            "bytes_copied": self.bytes_copied,
            "bytes_total": self.bytes_total,
            "counts": self.counts,
            "missing": self.missing,
            "attempts": self.attempts,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class RestoreResult:
    source: Path
    data_dir: Path
    vendor: str
    files: int
    bytes_copied: int
    counts: dict[str, int]
    backup_created_at: str
    pending_migrations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "status": "restored",
            "from": str(self.source),
            "data_dir": str(self.data_dir),
            "database": {"vendor": self.vendor, "name": str(_database()["NAME"])},
            "backup_created_at": self.backup_created_at,
            "files": self.files,
            "bytes_copied": self.bytes_copied,
            "counts": self.counts,
            "pending_migrations": self.pending_migrations,
            "seconds": round(self.seconds, 3),
        }


# ---------------------------------------------------------------------------------------
# backup


def backup(out: Path, progress: Callable[[int, int], None] | None = None) -> BackupResult:
    """Write a backup of this installation into `out` (only what is new, if it holds one).

    `progress(done, total)` is told the bytes gone through (copied or found in place)."""
    started = time.perf_counter()
    out = _outside_data_dir(out)
    private_dir(out).chmod(PRIVATE_DIR)
    with _locked(out):
        previous = _previous_entries(out)
        moved_in = None  # the generations in force of a copy whose files were gone
        for attempt in range(1, ATTEMPTS + 1):
            database = private_dir(out / "database")
            moment = datetime.datetime.now(datetime.UTC)  # the backup's point in time
            stamp = moment.strftime("%Y%m%dT%H%M%S%fZ")
            try:
                copy, state = _copy_database(database, stamp)
            except BaseException:
                for partial in database.glob(f"{stamp}.*"):
                    partial.unlink(missing_ok=True)
                raise
            in_force = (sorted(state.generations), sorted(state.claims_generations))
            # Files gone although the new copy names the same generations as the one before:
            # no refresh replaced them, they are missing from the lake. The backup is made
            # without them and says so (status 1), rather than failing every night.
            tolerate = in_force == moved_in
            try:
                chosen, missing = _chosen_files(state, tolerate)
                entries, copied, bytes_copied = _copy_files(
                    out, chosen, previous, progress, missing if tolerate else None
                )
            except _Moved:
                copy.unlink(missing_ok=True)
                moved_in = in_force
                if attempt == ATTEMPTS:
                    raise BackupError(
                        "Berkas lake berubah selama pencadangan (refresh sedang berjalan?); "
                        "coba lagi nanti. / Lake files changed during the backup (a refresh "
                        "running?); try again later.",
                        returncode=1,
                    ) from None
                continue
            break
        manifest = {
            "format": FORMAT,
            "created_at": moment.isoformat(timespec="seconds"),
            "pantau_version": pantau.__version__,
            "data_dir": str(settings.DATA_DIR),
            "database": {
                "vendor": connection.vendor,
                "file": str(copy.relative_to(out)),
                "bytes": copy.stat().st_size,
                "sha256": _sha256(copy),
            },
            "migrations": state.migrations,
            "counts": state.counts,
            "files": entries,
            "missing": missing,
        }
        _write_json(out / MANIFEST, manifest)
        _prune(out, copy, {entry["path"] for entry in entries})
    return BackupResult(
        out=out,
        vendor=connection.vendor,
        database_file=manifest["database"]["file"],
        database_bytes=manifest["database"]["bytes"],
        files=len(entries),
        files_copied=copied,
        bytes_copied=bytes_copied,
        bytes_total=sum(entry["bytes"] for entry in entries),
        counts=state.counts,
        missing=missing,
        attempts=attempt,
        seconds=time.perf_counter() - started,
    )


def _outside_data_dir(out: Path) -> Path:
    out = Path(out).expanduser().resolve()
    data = Path(settings.DATA_DIR).resolve()
    if out == data or out.is_relative_to(data) or data.is_relative_to(out):
        raise BackupError(
            f"Cadangan harus di luar direktori data {data}: {out} / The backup must be outside "
            f"the data directory {data}: {out}"
        )
    if out.exists() and not out.is_dir():
        raise BackupError(f"--out bukan direktori / --out is not a directory: {out}")
    # A backup removes what its manifest does not list: never in someone else's directory.
    others = sorted(e.name for e in out.iterdir() if e.name not in OWN) if out.is_dir() else []
    if others:
        raise BackupError(
            f"{out} berisi berkas lain ({', '.join(others[:5])}): pilih direktori kosong atau "
            f"direktori cadangan Pantau. / {out} holds other files ({', '.join(others[:5])}): "
            "choose an empty directory or a Pantau backup's."
        )
    return out


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One backup at a time into a directory."""
    lock = create_private_file(out / ".lock")
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            raise BackupError(
                f"Pencadangan lain sedang menulis ke {out} / another backup is writing to {out}"
            ) from None
        yield


def _previous_entries(out: Path) -> dict[str, dict]:
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in manifest["files"]}
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return {}


def _copy_database(directory: Path, stamp: str) -> tuple[Path, State]:
    if connection.vendor == "sqlite":
        return _copy_sqlite(directory / f"{stamp}.sqlite3")
    if connection.vendor == "postgresql":
        return _dump_postgresql(directory / f"{stamp}.pgdump")
    raise BackupError(f"Basis data {connection.vendor} tidak didukung / not supported")


def _copy_sqlite(target: Path) -> tuple[Path, State]:
    partial = create_private_file(target.with_name(target.name + ".partial"))
    connection.ensure_connection()
    copy = sqlite3.connect(partial)
    try:
        # In one step (all pages): SQLite holds one read transaction over the whole copy.
        connection.connection.backup(copy)
        state = _read_state(_sqlite_runner(copy), _sqlite_tables(copy))
        # The copy is a single file: no -wal beside it, in the backup or after a restore.
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()
    os.replace(partial, target)
    return target, state


def _sqlite_runner(con: sqlite3.Connection):
    return lambda sql: con.execute(sql).fetchall()


def _sqlite_tables(con: sqlite3.Connection) -> set[str]:
    return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _dump_postgresql(target: Path) -> tuple[Path, State]:
    partial = create_private_file(target.with_name(target.name + ".partial"))
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()

        def run(sql: str) -> list[tuple]:
            cursor.execute(sql)
            return cursor.fetchall()

        state = _read_state(run, set(connection.introspection.table_names(cursor)))
        # pg_dump reads the very snapshot this transaction reads; it must stay open meanwhile.
        _run_tool(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={partial}"])
    os.replace(partial, target)
    return target, state


def _read_state(run: Callable[[str], list[tuple]], tables: set[str]) -> State:
    def table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    counts = _count_rows(run, tables)
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in tables:
        for app, name in run("SELECT app, name FROM django_migrations ORDER BY app, name"):
            migrations.setdefault(app, []).append(name)
    return State(
        snapshot_paths=[row[0] for row in run(f"SELECT path FROM {table(Snapshot)}")],
        snapshot_ids={row[0] for row in run(f"SELECT id FROM {table(Snapshot)}")},
        # The files in force are the refresh's (`CurrentGeneration.files`).
        generations=[row[0] for row in run(f"SELECT refresh_id FROM {table(CurrentGeneration)}")],
        claims_generations=[
            row[0] for row in run(f"SELECT generation FROM {table(CurrentClaims)}")
        ],
        counts=counts,
        migrations=migrations,
    )


def _tables() -> dict[str, str]:
    """Every table of the installed models, by model label (many-to-many tables included)."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            found.setdefault(meta.label_lower, meta.db_table)
    return found


@dataclass(frozen=True)
class Chosen:
    relative: str
    required: bool  # its absence means the database copy is older than the lake


def _chosen_files(state: State, tolerate: bool = False) -> tuple[list[Chosen], list[str]]:
    """The files to back up, by path relative to the data directory; and the snapshot
    directories the catalog names that are not on disk (reported, not fatal). A generation
    in force that is not on disk raises `_Moved`, or with `tolerate` is reported too."""
    data = Path(settings.DATA_DIR)
    chosen: list[Chosen] = []
    missing: list[str] = []
    for path in sorted(set(state.snapshot_paths)):
        if (data / path).is_dir():
            # Snapshots are never deleted: a listing is final.
            chosen += [Chosen(rel, False) for rel in _walk(data, data / path)]
        else:
            missing.append(path)
    lake = data / "lake"
    for root, generations in (
        (lake / "coverage", state.generations),
        (lake / "claims-computed", state.claims_generations),
    ):
        for generation in sorted(set(generations)):
            directory = root / str(generation)
            if not directory.is_dir():
                if not tolerate:
                    raise _Moved(str(directory))
                missing.append(str(directory.relative_to(data)))
                continue
            chosen += [Chosen(rel, True) for rel in _walk(data, directory)]
    lookups = lake / "claims-members"
    if lookups.is_dir():
        for path in sorted(lookups.iterdir()):
            pair = _lookup_pair(path.name)
            if pair and set(pair) <= state.snapshot_ids:
                chosen.append(Chosen(str(path.relative_to(data)), False))
    for entry in sorted(data.iterdir()):
        if entry.name in SKIPPED or entry.name.startswith((".", "pantau.sqlite3")):
            continue
        if entry.is_dir() and not entry.is_symlink():
            chosen += [Chosen(rel, False) for rel in _walk(data, entry)]
        elif entry.is_file():
            chosen.append(Chosen(entry.name, False))
    return chosen, missing


def _lookup_pair(name: str) -> tuple[int, int] | None:
    """`<claims id>-<extract id>.v<layout>.parquet` (engine/claims_lookup.py)."""
    stem, _, rest = name.partition(".")
    claims, dash, extract = stem.partition("-")
    if not dash or not (claims + extract).isdigit() or not rest.endswith(".parquet"):
        return None
    return int(claims), int(extract)


def _walk(data: Path, directory: Path) -> list[str]:
    found = []
    for root, directories, files in os.walk(directory):
        directories[:] = sorted(d for d in directories if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append(str(path.relative_to(data)))
    return found


def _copy_files(
    out: Path,
    chosen: list[Chosen],
    previous: dict[str, dict],
    progress: Callable[[int, int], None] | None,
    missing: list[str] | None = None,
) -> tuple[list[dict], int, int]:
    """Copy what is new; a required file that is gone raises `_Moved`, or, given a `missing`
    list, is added to it."""
    data = Path(settings.DATA_DIR)

    def gone(item: Chosen) -> None:
        if item.required and missing is None:
            raise _Moved(item.relative)
        if item.required:
            missing.append(item.relative)

    sizes = {}
    for item in chosen:
        try:
            sizes[item.relative] = (data / item.relative).stat()
        except FileNotFoundError:
            gone(item)
    total = sum(stat.st_size for stat in sizes.values())
    done = copied = bytes_copied = 0
    entries = []
    for item in chosen:
        stat = sizes.get(item.relative)
        if stat is None:
            continue  # an upload imported, a partial renamed: gone before the listing
        source = data / item.relative
        target = out / "files" / item.relative
        old = previous.get(item.relative)
        try:
            digest = _unchanged(old, stat, target)
            if digest is None:
                digest = _sha256(source)
                if not (old and old["sha256"] == digest and _size(target) == stat.st_size):
                    digest = _copy(source, target)
                    copied += 1
                    bytes_copied += stat.st_size
        except FileNotFoundError:
            gone(item)
            continue
        entries.append(
            {
                "path": item.relative,
                "bytes": stat.st_size,
                "sha256": digest,
                "mtime_ns": stat.st_mtime_ns,
            }
        )
        done += stat.st_size
        if progress:
            progress(done, total)
    return entries, copied, bytes_copied


def _unchanged(old: dict | None, stat: os.stat_result, target: Path) -> str | None:
    """The recorded hash of a file the previous backup copied and that has not changed
    since (same size and modification time; its copy in place with that size)."""
    if (
        old
        and old.get("bytes") == stat.st_size
        and old.get("mtime_ns") == stat.st_mtime_ns
        and _size(target) == stat.st_size
    ):
        return old["sha256"]
    return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return None


def _copy(source: Path, target: Path, expected: str | None = None) -> str:
    """Copy `source` to `target` (0600, its directories 0700, written under a temporary name
    and renamed); returns the SHA-256 of what was copied. With `expected`, a copy whose hash
    differs is removed and refused."""
    private_dir(target.parent)
    partial = target.with_name(f".{target.name}.partial")
    digest = hashlib.sha256()
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as written, source.open("rb") as read:
            while chunk := read.read(CHUNK):
                digest.update(chunk)
                written.write(chunk)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if expected is not None and digest.hexdigest() != expected:
        partial.unlink(missing_ok=True)
        raise _Mismatch(str(source))
    os.replace(partial, target)
    return digest.hexdigest()


class _Mismatch(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, payload: dict) -> None:
    partial = path.with_name(f".{path.name}.partial")
    write_private_text(partial, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    os.replace(partial, path)


def _prune(out: Path, database: Path, listed: set[str]) -> None:
    """Remove what the new manifest does not name: files of earlier backups (replaced
    coverage generations, deleted uploads), earlier database copies, partial files."""
    for old in (out / "database").iterdir():
        if old != database:
            old.unlink(missing_ok=True)
    files = out / "files"
    if not files.is_dir():
        return
    for root, directories, names in os.walk(files, topdown=False):
        for name in names:
            path = Path(root) / name
            if str(path.relative_to(files)) not in listed:
                path.unlink(missing_ok=True)
        for name in directories:
            with contextlib.suppress(OSError):
                (Path(root) / name).rmdir()  # only when empty


# ---------------------------------------------------------------------------------------
# restore


def restore(source: Path, progress: Callable[[int, int], None] | None = None) -> RestoreResult:
    """Restore the backup in `source` into this (empty) data directory and (empty) database."""
    started = time.perf_counter()
    source = Path(source).expanduser().resolve()
    manifest = _read_manifest(source)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"Cadangan ini dari basis data {vendor}, Pantau ini memakai {connection.vendor}: "
            "pemulihan hanya ke jenis basis data yang sama (SQLite ke PostgreSQL, atau "
            "sebaliknya, tidak didukung; atur DATABASE_URL sesuai cadangan). / This backup is "
            f"of a {vendor} database and this Pantau uses {connection.vendor}: a restore goes "
            "only into the same kind of database (SQLite into PostgreSQL, or the reverse, is "
            "not supported; set DATABASE_URL to match the backup)."
        )
    unknown = _unknown_migrations(manifest["migrations"])
    if unknown:
        raise BackupError(
            "Cadangan ini dibuat oleh Pantau yang lebih baru (migrasi tidak dikenal: "
            f"{', '.join(unknown[:5])}); pasang versi {manifest['pantau_version']} atau lebih "
            "baru. / This backup was made by a newer Pantau (unknown migrations: "
            f"{', '.join(unknown[:5])}); install version {manifest['pantau_version']} or later."
        )
    _ensure_empty()
    try:
        database = source / _safe_relative(manifest["database"]["file"])
    except _Mismatch:
        raise BackupError(f"{source / MANIFEST} rusak / is damaged") from None
    _verify(database, manifest["database"]["sha256"], manifest["database"]["bytes"])

    data = Path(settings.DATA_DIR)
    staging = private_dir(data / "tmp") / f"restore-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    private_dir(staging)
    entries = manifest["files"]
    total = sum(entry["bytes"] for entry in entries)
    done = 0
    try:
        for entry in entries:
            relative = _safe_relative(entry["path"])
            copy = source / "files" / relative
            if _size(copy) != entry["bytes"]:
                raise _Mismatch(entry["path"])
            try:
                _copy(copy, staging / relative, expected=entry["sha256"])
            except (FileNotFoundError, _Mismatch):
                raise _Mismatch(entry["path"]) from None
            done += entry["bytes"]
            if progress:
                progress(done, total)
        _load_database(database)
        for item in sorted(staging.iterdir()):
            target = data / item.name
            if item.name == "secret_key" or not target.exists():
                os.replace(item, target)  # the generated key of an empty directory gives way
            else:
                raise BackupError(f"{target} sudah ada / already exists", returncode=1)
    except _Mismatch as error:
        raise BackupError(
            f"Cadangan rusak: berkas {error} tidak cocok dengan manifest (ukuran atau "
            "SHA-256); tidak ada yang dipulihkan. / The backup is damaged: the file "
            f"{error} does not match the manifest (size or SHA-256); nothing was restored."
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    counts = _counts_now()
    differ = {
        label: (rows, counts.get(label))
        for label, rows in manifest["counts"].items()
        if counts.get(label) != rows
    }
    if differ:
        listed = ", ".join(
            f"{label} {want}≠{got}" for label, (want, got) in list(differ.items())[:5]
        )
        raise BackupError(
            f"Jumlah baris setelah pemulihan berbeda dari manifest: {listed} / Row counts "
            f"after the restore differ from the manifest: {listed}",
            returncode=1,
        )
    _queue_nik_indexes()
    return RestoreResult(
        source=source,
        data_dir=data,
        vendor=vendor,
        files=len(entries),
        bytes_copied=total + manifest["database"]["bytes"],
        counts=counts,
        backup_created_at=manifest["created_at"],
        pending_migrations=_pending_migrations(),
        seconds=time.perf_counter() - started,
    )


def _queue_nik_indexes() -> None:
    """The membership extracts' NIK indexes are not backed up (`cache/`): queued for the
    worker to build again (engine/nik_index.py); until then a refresh scans the extracts.
    The restore stands if queueing fails (a database a migration behind, say)."""
    try:
        prepare_nik_indexes.enqueue()
    except Exception:
        logger.exception("NIK indexes after the restore")


def _read_manifest(source: Path) -> dict:
    path = source / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            f"Tidak ada {MANIFEST} di {source}: bukan cadangan Pantau / no {MANIFEST} in "
            f"{source}: not a Pantau backup"
        ) from None
    except ValueError:
        raise BackupError(f"{path} rusak / is damaged (not JSON)") from None
    needed = ("format", "database", "files", "counts", "migrations", "created_at")
    if not isinstance(manifest, dict) or any(key not in manifest for key in needed):
        raise BackupError(f"{path} tidak lengkap / is incomplete")
    if manifest["format"] != FORMAT:
        raise BackupError(
            f"Format cadangan {manifest['format']} tidak dikenal / unknown backup format"
        )
    return manifest


def _safe_relative(relative: str) -> Path:
    """A manifest's path, refused if it would leave the data directory."""
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise _Mismatch(relative)
    return path


def _verify(path: Path, sha256: str, size: int) -> None:
    try:
        if path.stat().st_size != size or _sha256(path) != sha256:
            raise _Mismatch(str(path))
    except (FileNotFoundError, _Mismatch):
        raise BackupError(
            f"Cadangan rusak: {path} tidak cocok dengan manifest; tidak ada yang dipulihkan. / "
            f"The backup is damaged: {path} does not match the manifest; nothing was restored."
        ) from None


def _ensure_empty() -> None:
    """Refuse unless the data directory holds no data and the database no table."""
    data = Path(settings.DATA_DIR)
    found = sorted(
        entry.name
        for entry in data.iterdir()
        if entry.name not in NOT_DATA and not entry.name.startswith("pantau.sqlite3")
    )
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if found or tables:
        what = ", ".join(found[:5] + ([f"{len(tables)} tabel / tables"] if tables else []))
        raise BackupError(
            f"Pemulihan hanya ke direktori data dan basis data yang kosong; {data} atau basis "
            f"datanya berisi: {what}. Tidak ada yang ditimpa. / A restore goes only into an "
            f"empty data directory and database; {data} or its database holds: {what}. "
            "Nothing was overwritten."
        )


def _load_database(copy: Path) -> None:
    connections.close_all()
    if connection.vendor == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _copy(copy, target.with_name(target.name + ".restore"))
        os.replace(target.with_name(target.name + ".restore"), target)
        return
    # One transaction: a failure leaves the database empty. Owners and grants are the
    # target's own (the backup's role may not exist here).
    _run_tool(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={_database()['NAME']}",
            str(copy),
        ]
    )


def _counts_now() -> dict[str, int]:
    with connection.cursor() as cursor:

        def run(sql: str) -> list[tuple]:
            cursor.execute(sql)
            return cursor.fetchall()

        return _count_rows(run, set(connection.introspection.table_names(cursor)))


def _count_rows(run: Callable[[str], list[tuple]], tables: set[str]) -> dict[str, int]:
    """The rows of every model's table that exists, by model label."""
    return {
        label: run(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")[0][0]
        for label, name in sorted(_tables().items())
        if name in tables
    }


def _unknown_migrations(applied: dict[str, list[str]]) -> list[str]:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    return [
        f"{app}.{name}"
        for app, names in sorted(applied.items())
        for name in names
        if app in installed and (app, name) not in known
    ]


def _pending_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def size_label(count: int) -> str:
    """`812 B`, `4.2 kB`, `1.3 GB`: bytes in the unit that reads best, in powers of 1000 as
    the progress bar counts them."""
    value, unit = float(count), "B"
    for larger in ("kB", "MB", "GB"):
        if value < 1000:
            break
        value, unit = value / 1000, larger
    return f"{value:,.0f} B" if unit == "B" else f"{value:,.1f} {unit}"


# ---------------------------------------------------------------------------------------
# the database's own tools


def _database() -> dict:
    return connection.settings_dict


def _run_tool(command: list[str]) -> None:
    """Run pg_dump or pg_restore with the connection of the settings (the password in the
    environment, never on the command line)."""
    db = _database()
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):  # fmt: skip
        if db.get(key):
            env[variable] = str(db[key])
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} tidak ada di PATH; pasang klien PostgreSQL (apt-get install "
            f"postgresql-client). / {command[0]} is not on the PATH; install the PostgreSQL "
            "client (apt-get install postgresql-client).",
            returncode=1,
        )
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(
            f"{command[0]} gagal / failed: {detail[-1] if detail else done.returncode}",
            returncode=1,
        )

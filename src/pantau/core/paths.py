"""Where Pantau keeps its state: everything lives under one data directory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The data directory (`PANTAU_DATA_DIR`, default `./var`), created 0700 when missing."""
    return private_dir(Path(os.environ.get("PANTAU_DATA_DIR") or "var").expanduser().resolve())


def secret_key(directory: Path) -> str:
    """`PANTAU_SECRET_KEY`, or a key generated once and kept in the data directory.

    Keeping it on disk means sessions survive restarts without anyone having to
    invent a key; the file is private to its owner.
    """
    from_env = os.environ.get("PANTAU_SECRET_KEY")
    if from_env:
        return from_env
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting together must not write two different keys.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


# Person-level data (UU PDP 27/2022) is readable by Pantau's own account only: files 0600,
# directories 0700, whatever the umask (DuckDB, SQLite and xlsxwriter create files with
# 0666 less the umask, usually 0644).
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path) -> Path:
    """`mkdir -p` whose new directories are 0700 (mkdir's mode obeys the umask, so it is
    set again). Directories that exist already keep their mode: they may be the operator's."""
    missing = [directory for directory in (path, *path.parents) if not directory.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for directory in missing:
        directory.chmod(PRIVATE_DIR)
    return path


def restrict_tree(path: Path) -> Path:
    """Make a written file, or a directory and everything in it, private (0600/0700)."""
    if path.is_dir():
        path.chmod(PRIVATE_DIR)
        for root, directories, files in os.walk(path):
            for name in directories:
                os.chmod(os.path.join(root, name), PRIVATE_DIR)
            for name in files:
                os.chmod(os.path.join(root, name), PRIVATE_FILE)
    elif path.exists():
        path.chmod(PRIVATE_FILE)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write a text file created 0600 (never readable by others, even for a moment)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)  # an existing file keeps its mode on O_CREAT
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def create_private_file(path: Path) -> Path:
    """Create `path` 0600 (or make an existing file 0600, keeping its content) before a
    library writes into it: xlsxwriter truncates the file and keeps its mode, so it is never
    readable by others, not even while it is written."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.fchmod(fd, PRIVATE_FILE)  # an existing file keeps its mode on O_CREAT
    os.close(fd)
    return path


def private_sqlite_file(path: Path) -> Path:
    """Create the SQLite database file 0600 before SQLite opens it: SQLite gives its -wal
    and -shm files the database file's mode."""
    return create_private_file(path)


PERSON_DATA_DIRS = ("lake", "reports", "tmp")  # under the data directory


def restrict_data_dir(directory: Path) -> None:
    """Give what an older Pantau wrote with the umask's modes the private ones (`pantau
    setup`): the lake, error reports and scratch files, and the SQLite database."""
    for name in PERSON_DATA_DIRS:
        if (directory / name).is_dir():
            restrict_tree(directory / name)
    for database in directory.glob("pantau.sqlite3*"):
        restrict_tree(database)

"""Where Pantau keeps its state: everything lives under one data directory."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The data directory (`PANTAU_DATA_DIR`, default `./var`), created when missing."""
    path = Path(os.environ.get("PANTAU_DATA_DIR") or "var").expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


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

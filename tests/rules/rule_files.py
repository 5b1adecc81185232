"""Writing small regulation data files for tests (a new regulation is one file)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent


def write_rule_file(directory: Path, name: str, body: str) -> Path:
    """`directory/name.toml` with a `[regulation]` header whose id is the file name."""
    path = directory / f"{name}.toml"
    path.write_text(dedent(body).strip() + "\n", encoding="utf-8")
    return path


def regulation_header(name: str, *, kind: str = "regulation", short: str = "PP 99/2027") -> str:
    return dedent(
        f"""
        [regulation]
        id = "{name}"
        name = "{short}"
        title = "A hypothetical regulation written by a test"
        kind = "{kind}"
        """
    )

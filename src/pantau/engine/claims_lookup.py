"""The claims' membership lookups: one small Parquet file per (claims file, membership
extract) pair, `lake/claims-members/<claims id>-<extract id>.v<LAYOUT>.parquet`.

A claim's membership flags need its NIK looked up in every current extract: a join of the
claims with the ten million rows of each extract, which was most of a claims refresh
(docs/benchmarks.md, "Claims in the refresh"). Both sides are snapshots, whose files never
change once published, so a pair's answer never changes either: it is computed once, when
the pair first meets (`prepare`: in the worker after the import that brought either file,
or else at the first refresh that reads both), and read by every later refresh, `--full`
ones included. A file keeps only the claims the pair could flag (`claims.sql`,
`member_lookup`: about 6 % of the rows); the DuckDB engine combines the files of the
extracts current at refresh time (`lookup_facts`). The Spark engine joins the extracts
itself, and both give the same rows (tests/engine/test_claims_engines_agree.py). A file is
deleted once the catalog no longer has one of its snapshots.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings

from pantau.core.paths import private_dir, restrict_tree
from pantau.engine import claims_sql
from pantau.engine.backends.duckdb import connect
from pantau.lake import catalog
from pantau.lake.models import Snapshot

# Part of every file name: when the pair's SQL changes, the files of the old one are not read.
LAYOUT = 1


def lookup_root() -> Path:
    return Path(settings.DATA_DIR) / "lake" / "claims-members"


def lookup_path(claims: Snapshot, extract: Snapshot) -> Path:
    return lookup_root() / f"{claims.pk}-{extract.pk}.v{LAYOUT}.parquet"


def prepare(claims: list[Snapshot] | None = None,
            members: list[Snapshot] | None = None) -> tuple[list[Path], int]:  # fmt: skip
    """The pair files of the claims files × the membership extracts with accepted rows
    (default: the current ones), the missing ones written; the files of snapshots the catalog
    no longer has deleted (`_delete_stale`). Returns the files and how many were written."""
    claims = catalog.claims_in_force() if claims is None else claims
    members = catalog.current_memberships() if members is None else members
    pairs = [(c, m) for c in claims if c.accepted for m in members if m.accepted]
    wanted = {lookup_path(c, m): (c, m) for c, m in pairs}
    if not wanted and not lookup_root().exists():
        return [], 0
    root = private_dir(lookup_root())
    _delete_stale(root, set(wanted))
    missing = [(path, pair) for path, pair in wanted.items() if not path.exists()]
    if missing:
        con = connect()
        try:
            for path, (claim_file, extract) in missing:
                _write(con, path, claim_file, extract)
        finally:
            con.close()
    return list(wanted), len(missing)


def _delete_stale(root: Path, wanted: set[Path]) -> None:
    """Delete the files of another layout, of a snapshot the catalog no longer has, and
    partial files. A pair of snapshots merely not current now keeps its file: the lake keeps
    their files too, and a claims file set aside may be current again."""
    others = [path for path in root.iterdir() if path not in wanted]
    # Another process may be writing one (`_write`): partial files are left a day.
    day_ago = time.time() - 86_400
    others = [p for p in others if not p.name.startswith(".") or p.stat().st_mtime < day_ago]
    named = {path: _pair(path.name) for path in others}
    ids = {pk for pair in named.values() if pair for pk in pair}
    known = set(Snapshot.objects.filter(pk__in=ids).values_list("pk", flat=True))
    for path, pair in named.items():
        if pair is None or not set(pair) <= known:
            path.unlink(missing_ok=True)


def _pair(name: str) -> tuple[int, int] | None:
    """The (claims id, extract id) of a file name of this layout; None for any other name."""
    stem, _, rest = name.partition(".")
    claims, dash, extract = stem.partition("-")
    if rest != f"v{LAYOUT}.parquet" or not dash or not (claims + extract).isdigit():
        return None
    return int(claims), int(extract)


def _write(con, path: Path, claim_file: Snapshot, extract: Snapshot) -> None:
    rows = claims_sql.claim_rows_sql([(claim_file.pk, str(claim_file.absolute_path))])
    con.execute(f"CREATE OR REPLACE TEMP VIEW claim_rows AS {rows}")
    members = claims_sql.member_rows_sql([str(extract.absolute_path)])
    con.execute(f"CREATE OR REPLACE TEMP VIEW member_rows AS {members}")
    # Written under a temporary name and renamed: a file in place is always complete.
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    target = str(partial).replace("'", "''")
    sql = claims_sql.member_lookup_sql(extract.pk)
    con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet, COMPRESSION snappy)")
    restrict_tree(partial)  # claims rows and enrolment dates: 0600 whatever the umask
    partial.rename(path)

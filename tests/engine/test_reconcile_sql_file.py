"""The reconciliation's fixed SQL text, read from `engine/reconcile.sql`: how the file is cut
into named statements, and that every statement the engines run is complete."""

from __future__ import annotations

from pathlib import Path

import pantau.engine
from pantau.engine import reconcile
from pantau.engine.reconcile import sql_sections

SQL_FILE = Path(pantau.engine.__file__).with_name("reconcile.sql")

# A name line's trailing blanks, an indented comment, a `-- name:` line that is indented (so a
# comment), `--` inside a literal and after code, blank lines inside and around a statement.
TEXT = "\n".join([
    "-- A header: no statement yet.",
    "SELECT 'not in any statement'",
    "",
    "-- name: first",
    "-- What the first statement is for.",
    "SELECT a,",
    "",
    "    b",
    "  -- an indented comment",
    "FROM t",
    "-- name: second   ",
    "SELECT '-- not a comment' --  a comment at the end of a line stays",
    "  -- name: third",
    "WHERE x",
    "",
    "",
])  # fmt: skip


def test_a_sql_file_is_cut_at_its_name_lines_without_comment_lines():
    assert sql_sections(TEXT) == {
        "first": "SELECT a,\n\n    b\nFROM t",
        "second": "SELECT '-- not a comment' --  a comment at the end of a line stays\nWHERE x",
    }


def test_a_sql_file_without_name_lines_holds_no_statement():
    assert sql_sections("-- only a comment\nSELECT 1\n") == {}
    assert sql_sections("") == {}


def test_a_statement_named_twice_is_the_later_one():
    assert sql_sections("-- name: a\nSELECT 1\n-- name: a\nSELECT 2") == {"a": "SELECT 2"}


def test_the_shipped_file_names_each_statement_once():
    names = [
        line.removeprefix("-- name: ").strip()
        for line in SQL_FILE.read_text(encoding="utf-8").splitlines()
        if line.startswith("-- name: ")
    ]
    assert names == [
        "no_lists", "no_members", "reconciled", "matched_provinces", "by_region", "spread",
        "combine_lists", "member_partials", "combine_members", "gap_pairs", "counts", "gaps",
    ]  # fmt: skip
    assert list(reconcile.STATEMENTS) == names


def test_the_statements_reach_the_engines_without_comments_or_unfilled_fields():
    statements = [
        reconcile.LIST_PARTIALS_SQL,
        reconcile.COMBINE_LISTS_SQL,
        reconcile.COMBINE_MEMBERS_SQL,
        reconcile.GAP_PAIRS_SQL,
        reconcile.COUNTS_SQL,
        reconcile.GAPS_SQL,
        reconcile.member_partials_sql(),
        reconcile.member_partials_sql(["64"]),
        reconcile.matched_provinces_sql(),
        reconcile.matched_provinces_sql(by_number=True),
        *(reconcile.STATEMENTS[name] for name in ("no_lists", "no_members")),
    ]
    for sql in statements:
        assert "--" not in sql
        assert "{" not in sql and "}" not in sql
        assert sql == sql.strip()

"""Cells that a spreadsheet must not run as formulas (CSV/formula injection).

Every export of text that users typed (gap lists, budgets, error reports, the CLI) passes
its string cells through `safe_cell`: a cell that a spreadsheet would read as a formula gets
a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@")
CONTROL_STARTS = ("\t", "\r")
# Leading whitespace does not stop every spreadsheet: "\t=cmd" or " =cmd" may still run
# once the cell is trimmed on import.
LEADING_WHITESPACE = " \t\r\n"


def formula_like(value: str) -> bool:
    return value.startswith(CONTROL_STARTS) or value.lstrip(LEADING_WHITESPACE).startswith(
        FORMULA_STARTS
    )


def safe_cell(value: str) -> str:
    """`=1+1` → `'=1+1`; other text unchanged."""
    return "'" + value if formula_like(value) else value


# The same rule as a DuckDB macro, for reports that SQL writes (`COPY ... TO`).
SAFE_CELL_SQL = r"""
CREATE OR REPLACE MACRO safe_cell(x) AS
    CASE WHEN regexp_matches(x, '^([\t\r]|[ \t\r\n]*[=+\-@])') THEN '''' || x ELSE x END;
"""

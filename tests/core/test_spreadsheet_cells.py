"""Cells a spreadsheet would run as formulas get a leading apostrophe, in every export."""

from __future__ import annotations

import pytest

from pantau.core.duckdb import new_database
from pantau.core.spreadsheet import SAFE_CELL_SQL, safe_cell

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd", "\tplain", " =cmd", "\n =cmd"]
TEXT = ["Siti Aminah", "a=b", "64.02", "", "O'Brien", "x\n=1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_are_neutralised(cell):
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", TEXT)
def test_other_text_is_unchanged(cell):
    assert safe_cell(cell) == cell


def test_the_error_reports_sql_rule_is_the_same(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    con = new_database("256MB")
    con.execute(SAFE_CELL_SQL)
    for cell in FORMULAS + TEXT:
        assert con.execute("SELECT safe_cell(?)", [cell]).fetchall()[0][0] == safe_cell(cell)

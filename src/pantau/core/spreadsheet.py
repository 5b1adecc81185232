"""Spreadsheets: the formula guard, and the table writers of the XLSX and CSV downloads.

Every export of text that users typed (gap lists, budgets, error reports, the CLI) passes
its string cells through `safe_cell`: a cell that a spreadsheet would read as a formula gets
a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.

A table is a list of `Column`s over items:
- XLSX (`Workbook`, XlsxWriter): a bold header row, frozen; Rupiah and persons written as
  whole numbers with a thousands format (never floats), rates as numbers in % format; a
  "Keterangan" sheet says what the file is.
- CSV (`write_csv`): UTF-8 with a BOM (so that Excel reads it as UTF-8), comma-separated,
  amounts as plain whole numbers, a rate as a percentage with a decimal point (`85.3`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from pantau.core.display import round_half_up

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


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]  # called when writing, so it follows the request's language
    kind: str  # text | int | money | rate
    value: Callable[[object], object]
    width: int = 14


def write_csv(columns, items) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header() for column in columns])
    for item in items:
        line = []
        for column in columns:
            value = column.value(item)
            if value is None or value == "":
                line.append("")
            elif column.kind == "rate":
                line.append(format(round_half_up(value * 100, 1), "f"))
            elif column.kind in ("int", "money"):
                line.append(str(int(value)))
            else:
                line.append(safe_cell(str(value)))
        writer.writerow(line)
    # A BOM so that Excel opens the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


class Workbook:
    """An in-memory workbook with the formats the tables use."""

    def __init__(self) -> None:
        import xlsxwriter

        self.out = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.out, {"in_memory": True,
                                                   "strings_to_formulas": False,
                                                   "strings_to_numbers": False,
                                                   "strings_to_urls": False})  # fmt: skip
        self.bold = self.book.add_format({"bold": True, "bg_color": "#E8EEF6",
                                          "text_wrap": True, "valign": "top"})  # fmt: skip
        self.formats = {
            "int": self.book.add_format({"num_format": "#,##0"}),
            "money": self.book.add_format({"num_format": "#,##0"}),
            "rate": self.book.add_format({"num_format": "0.0%"}),
        }

    def table(self, name: str, columns, items, freeze_columns: int = 0) -> None:
        sheet = self.book.add_worksheet(name[:31])
        for index, column in enumerate(columns):
            sheet.set_column(index, index, column.width)
            sheet.write_string(0, index, column.header(), self.bold)
        for line, item in enumerate(items, start=1):
            for index, column in enumerate(columns):
                value = column.value(item)
                if value is None or value == "":
                    continue
                if column.kind in ("int", "money"):
                    # Whole numbers, written as Python ints: never a float amount.
                    sheet.write_number(line, index, int(value), self.formats[column.kind])
                elif column.kind == "rate":
                    # A ratio, not money: the spreadsheet shows it as 85.3%.
                    sheet.write_number(line, index, float(value), self.formats["rate"])
                else:
                    sheet.write_string(line, index, safe_cell(str(value)))
        sheet.freeze_panes(1, freeze_columns)
        sheet.autofilter(0, 0, max(1, len(items)), len(columns) - 1)

    def notes(self, lines: list[tuple[str, str]]) -> None:
        sheet = self.book.add_worksheet(_("Keterangan")[:31])
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 90)
        for index, (label, value) in enumerate(lines):
            sheet.write_string(index, 0, label, self.bold)
            sheet.write_string(index, 1, safe_cell(value))

    def close(self) -> bytes:
        self.book.close()
        return self.out.getvalue()

"""Spreadsheets: the formula guard, and the table writers of the XLSX and CSV downloads.

Every export of text that users typed (gap lists, budgets, error reports, the CLI) passes
its string cells through `safe_cell`: a cell that a spreadsheet would read as a formula gets
a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.

A table is a list of `Column`s over items:
- XLSX (`Workbook`, XlsxWriter): a bold header row, frozen; Rupiah and persons written as
  whole numbers with a thousands format (never floats), rates as numbers in % format, scores
  as numbers with a fixed count of decimals; a "Keterangan" sheet says what the file is. In
  memory for a download, or streamed to a file (`Workbook(path)`, constant memory) for the
  reports and the CLI.
- CSV (`write_csv`): UTF-8 with a BOM (so that Excel reads it as UTF-8), comma-separated,
  amounts as plain whole numbers, a rate as a percentage with a decimal point (`85.3`), a
  score with its decimals (`72.5`). `bom=False` for files that programs read back (the
  error reports, whose first column name scripts look up).

These are the only XLSX and CSV writers of the product; what stays outside: DuckDB's
`COPY … TO` for reports of millions of rows (with `SAFE_CELL_SQL`), and the demo world's
generated input files, which are data to import, not exports.
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


KINDS = ("text", "int", "money", "rate", "number")
TEXT_FORMAT = 49  # Excel's built-in "Text" number format: typed digits keep leading zeros


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]  # called when writing, so it follows the request's language
    kind: str  # text | int | money | rate | number (with `decimals`)
    value: Callable[[object], object]
    width: int = 14
    decimals: int = 0  # kind "number": a score such as 72.5 (one) or 12.25 (two)


def header(text: str) -> Callable[[], str]:
    """A fixed header (a column name that scripts read, not a label to translate)."""
    return lambda: text


def csv_cell(column: Column, value: object) -> str:
    if value is None or value == "":
        return ""
    if column.kind == "rate":
        return format(round_half_up(value * 100, 1), "f")
    if column.kind in ("int", "money"):
        return str(int(value))
    if column.kind == "number":
        return format(round_half_up(value, column.decimals), "f")
    return safe_cell(str(value))


def write_csv(columns, items, bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header() for column in columns])
    for item in items:
        writer.writerow([csv_cell(column, column.value(item)) for column in columns])
    # A BOM so that Excel opens the file as UTF-8.
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


class Workbook:
    """A workbook with the formats the tables use: in memory (`close()` gives its bytes),
    or streamed to `path` row by row, in constant memory (`close()` gives b"")."""

    def __init__(self, path=None) -> None:
        import xlsxwriter

        self.out = io.BytesIO() if path is None else None
        options = {"strings_to_formulas": False, "strings_to_numbers": False,
                   "strings_to_urls": False}  # fmt: skip
        if path is None:
            self.book = xlsxwriter.Workbook(self.out, {"in_memory": True, **options})
        else:
            self.book = xlsxwriter.Workbook(str(path), {"constant_memory": True, **options})
        self.bold = self.book.add_format({"bold": True, "bg_color": "#E8EEF6",
                                          "text_wrap": True, "valign": "top"})  # fmt: skip
        self.formats = {
            "int": self.book.add_format({"num_format": "#,##0"}),
            "money": self.book.add_format({"num_format": "#,##0"}),
            "rate": self.book.add_format({"num_format": "0.0%"}),
            "number": {0: self.book.add_format({"num_format": "0"}),
                       1: self.book.add_format({"num_format": "0.0"}),
                       2: self.book.add_format({"num_format": "0.00"})},
            "text": self.book.add_format({"num_format": TEXT_FORMAT}),
        }  # fmt: skip

    def table(self, name: str, columns, items, freeze_columns: int = 0, *,
              autofilter: bool = True, text_columns: bool = False):  # fmt: skip
        """A sheet of `items` under a bold header; returns the worksheet, for a last line.

        `text_columns`: every column formatted as Text, so that what a person types later
        (a blank form's NIKs, codes, months) keeps its digits and leading zeros.
        """
        sheet = self.book.add_worksheet(name[:31])
        header_format = self.bold
        if text_columns:
            header_format = self.book.add_format({"bold": True, "bg_color": "#E8EEF6",
                                                  "num_format": TEXT_FORMAT})  # fmt: skip
        for index, column in enumerate(columns):
            column_format = self.formats["text"] if text_columns else None
            sheet.set_column(index, index, column.width, column_format)
            sheet.write_string(0, index, column.header(), header_format)
        count = 0
        for line, item in enumerate(items, start=1):
            count = line
            for index, column in enumerate(columns):
                self.cell(sheet, line, index, column, column.value(item), text_columns)
        sheet.freeze_panes(1, freeze_columns)
        if autofilter:
            sheet.autofilter(0, 0, max(1, count), len(columns) - 1)
        return sheet

    def cell(self, sheet, line: int, index: int, column: Column, value: object,
             text_columns: bool = False) -> None:  # fmt: skip
        if value is None or value == "":
            return
        if column.kind in ("int", "money"):
            # Whole numbers, written as Python ints: never a float amount.
            sheet.write_number(line, index, int(value), self.formats[column.kind])
        elif column.kind == "rate":
            # A ratio, not money: the spreadsheet shows it as 85.3%.
            sheet.write_number(line, index, float(value), self.formats["rate"])
        elif column.kind == "number":
            # A score: the exact value as a number, so sorting agrees with ranks.
            sheet.write_number(line, index, float(value),
                               self.formats["number"][column.decimals])  # fmt: skip
        else:
            text_format = self.formats["text"] if text_columns else None
            sheet.write_string(line, index, safe_cell(str(value)), text_format)

    def line(self, sheet, row: int, text: str) -> None:
        """A free line under a table (e.g. "100,000 of 250,000 rows; the full report is …")."""
        sheet.write_string(row, 0, safe_cell(text))

    def notes(self, lines: list[tuple[str, str]], name: str | None = None) -> None:
        sheet = self.book.add_worksheet((name or _("Keterangan"))[:31])
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 90)
        for index, (label, value) in enumerate(lines):
            sheet.write_string(index, 0, label, self.bold)
            sheet.write_string(index, 1, safe_cell(value))

    def close(self) -> bytes:
        self.book.close()
        return self.out.getvalue() if self.out is not None else b""

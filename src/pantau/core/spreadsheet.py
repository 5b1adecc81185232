"""Spreadsheets: the formula guard, and the table writers of the XLSX and CSV downloads.

Every export of text that users typed (gap lists, budgets, error reports, the CLI) passes
its string cells through `safe_cell`: a cell that a spreadsheet would read as a formula gets
a leading apostrophe, which Excel and LibreOffice show as text and do not evaluate.

A table is a list of `Column`s over items:
- XLSX (`Workbook`, XlsxWriter): a bold header row, frozen; Rupiah and persons written as
  whole numbers with a thousands format (never floats), rates as numbers in % format, scores
  as numbers with a fixed count of decimals; a "Keterangan" sheet says what the file is. In
  memory for a download, or streamed to a file (`Workbook(path)`, constant memory) for the
  reports and the CLI. Streamed, a table's rows are written as sheet XML here, the cells
  exactly as XlsxWriter writes them (`_RowsXml`): XlsxWriter spends tens of microseconds
  per cell in Python, which made the error report of a million-row import cost more than
  checking the file (docs/benchmarks.md, "Claims import").
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
import re
import shutil
import tempfile
import zipfile
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


# What XlsxWriter rewrites in a cell's text (`_inline_text`).
_XML_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPE_LIKE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
MAX_TEXT_UNITS = 32767  # Excel's longest cell text, in UTF-16 units


def _inline_text(text: str) -> str:
    """A cell's text as XlsxWriter writes an inline string: cut at Excel's limit; a
    literal `_xHHHH_` escaped, control characters as `_xHHHH_`, then `&`, `<`, `>`.
    (XlsxWriter writes a text of the form `<r>…</r>` unescaped, as rich text; here it is
    text like any other.)"""
    if len(text) > MAX_TEXT_UNITS // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * MAX_TEXT_UNITS:
            text = units[: 2 * MAX_TEXT_UNITS].decode("utf-16-le", "ignore")
    if _XML_SPECIAL.search(text) is None:
        return text
    text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


ROWS_COMPRESS_LEVEL = 1
TEXTS_KEPT = 20_000  # distinct cell texts whose XML a table keeps (`_RowsXml._text_content`)


class _RowsXml:
    """A table's lines as `<row>` elements of sheet XML, spooled to a private temporary
    file (unlinked at once, as XlsxWriter's own): per cell what `Workbook.cell` makes
    XlsxWriter write, byte for byte (`tests/core/test_spreadsheet_writers.py`)."""

    def __init__(self, columns, formats) -> None:
        self.columns = columns
        self.formats = formats
        self.styles: list[str | None] = [None] * len(columns)  # ' s="N"', once used
        self.letters = [_column_letters(index) for index in range(len(columns))]
        # Closed by `close` (the workbook's `close`), not at the end of a block.
        self.file = tempfile.TemporaryFile()  # noqa: SIM115
        self.pending: list[str] = []
        self.size = 0
        self.texts: dict[str, str] = {}  # `_text_content`

    def _style(self, index: int) -> str:
        style = self.styles[index]
        if style is None:
            # Numbered on first use, as XlsxWriter numbers them (its own call when it
            # writes a cell).
            fmt = self.formats[index]
            style = self.styles[index] = "" if fmt is None else f' s="{fmt._get_xf_index()}"'
        return style

    def add(self, line: int, item) -> None:
        number = line + 1
        cells = []
        for index, column in enumerate(self.columns):
            value = column.value(item)
            if value is None or value == "":
                continue
            style = self.styles[index]
            if style is None:
                style = self._style(index)
            kind = column.kind
            if kind == "text":
                text = value if type(value) is str else str(value)
                content = self.texts.get(text)
                if content is None:
                    content = self._text_content(text)
                cells.append(f'<c r="{self.letters[index]}{number}"{style}{content}')
            else:
                # Whole numbers as ints (never a float amount), as `Workbook.cell` writes.
                value = int(value) if kind in ("int", "money") else float(value)
                cells.append(f'<c r="{self.letters[index]}{number}"{style}><v>{value:.16G}</v></c>')
        if cells:
            self.pending.append(f'<row r="{number}">{"".join(cells)}</row>')
            if len(self.pending) >= 1000:
                self._flush()

    def _text_content(self, text: str) -> str:
        """A text cell after its reference and style: the same for every cell of this
        text, kept for the next (a report repeats its codes and messages on every line)."""
        written = _inline_text(safe_cell(text))
        space = ' xml:space="preserve"' if written[:1].isspace() or written[-1:].isspace() else ""
        content = f' t="inlineStr"><is><t{space}>{written}</t></is></c>'
        if len(self.texts) < TEXTS_KEPT:
            self.texts[text] = content
        return content

    def _flush(self) -> None:
        data = "".join(self.pending).encode("utf-8")
        self.pending.clear()
        self.file.write(data)
        self.size += len(data)

    def copy_to(self, out) -> None:
        self._flush()
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 1 << 20)

    def close(self) -> None:
        self.file.close()


def _split_after_header(sheet_xml: bytes) -> tuple[bytes, bytes]:
    """A sheet's XML cut after its first row (the header), where the spooled rows go."""
    start = sheet_xml.index(b"<sheetData>")
    end = sheet_xml.index(b"</row>", start) + len(b"</row>")
    return sheet_xml[:end], sheet_xml[end:]


class Workbook:
    """A workbook with the formats the tables use: in memory (`close()` gives its bytes),
    or streamed to `path` row by row, in constant memory (`close()` gives b"")."""

    def __init__(self, path=None) -> None:
        import xlsxwriter

        self.out = io.BytesIO() if path is None else None
        self.path = path
        options = {"strings_to_formulas": False, "strings_to_numbers": False,
                   "strings_to_urls": False}  # fmt: skip
        if path is None:
            self.book = xlsxwriter.Workbook(self.out, {"in_memory": True, **options})
        else:
            # XlsxWriter writes the package without the rows `table` spools; `close`
            # puts them into their sheets while copying it to `path`.
            self.shell = io.BytesIO()
            self.book = xlsxwriter.Workbook(self.shell, {"constant_memory": True, **options})
            self.spooled: dict[str, _RowsXml] = {}
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
        if self.out is None:
            count = self._spool(sheet, header_format, columns, items, text_columns)
        else:
            count = 0
            for line, item in enumerate(items, start=1):
                count = line
                for index, column in enumerate(columns):
                    self.cell(sheet, line, index, column, column.value(item), text_columns)
        sheet.freeze_panes(1, freeze_columns)
        if autofilter:
            sheet.autofilter(0, 0, max(1, count), len(columns) - 1)
        return sheet

    def _spool(self, sheet, header_format, columns, items, text_columns: bool) -> int:
        """Every line but the last as sheet XML (`_RowsXml`); the last through XlsxWriter,
        which so knows the sheet's extent. Returns the count of lines."""
        # Style indexes are numbered in the order of first use, as XlsxWriter numbers them
        # when it writes its rows: the header's first.
        header_format._get_xf_index()
        formats = [self._format_of(column, text_columns) for column in columns]
        rows = _RowsXml(columns, formats)
        count, previous = 0, None
        for item in items:
            if count:
                rows.add(count, previous)
            count, previous = count + 1, item
        if count:
            for index, column in enumerate(columns):
                self.cell(sheet, count, index, column, column.value(previous), text_columns)
        if count > 1:
            self.spooled[sheet.name] = rows
        else:
            rows.close()
        return count

    def _format_of(self, column: Column, text_columns: bool):
        if column.kind in ("int", "money", "rate"):
            return self.formats[column.kind]
        if column.kind == "number":
            return self.formats["number"][column.decimals]
        return self.formats["text"] if text_columns else None

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
        if self.out is not None:
            return self.out.getvalue()
        self._package()
        return b""

    def _package(self) -> None:
        """Copy XlsxWriter's package to `path`, each spooled table's rows put in after its
        header row. The file is written in place: it keeps the mode it was created with
        (the reports' 0600)."""
        sheets = {f"xl/worksheets/sheet{sheet.index + 1}.xml": self.spooled.get(sheet.name)
                  for sheet in self.book.worksheets()}  # fmt: skip
        self.shell.seek(0)
        with zipfile.ZipFile(self.shell) as shell, open(self.path, "wb") as target, \
                zipfile.ZipFile(target, "w") as package:  # fmt: skip
            for info in shell.infolist():
                data = shell.read(info)
                rows = sheets.get(info.filename)
                if rows is None:
                    package.writestr(info, data)
                    continue
                head, tail = _split_after_header(data)
                info.file_size = len(head) + rows.size + len(tail)  # zip64 when needed
                # The rows compressed fast: zlib's level 1 took a fifth of the time of
                # its default for the 53 MB sheet of an 80,000-line report, for a file a
                # fifth larger ("Claims import" in docs/benchmarks.md; `compress_level` from 3.13).
                info._compresslevel = ROWS_COMPRESS_LEVEL
                with package.open(info, "w") as out:
                    out.write(head)
                    rows.copy_to(out)
                    out.write(tail)
                rows.close()

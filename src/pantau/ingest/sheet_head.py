"""The first rows of a workbook's sheet, read as a stream, for the upload preview.

calamine loads a whole sheet to give any row of it, however few rows the preview shows
(docs/benchmarks.md, "Why the code is shaped so"). Here the sheet XML is parsed only as far as those
rows, and the shared-string table only as far as the strings they use; memory and time
follow the rows read. Cells come out as calamine's `to_python` gives them (text, float,
bool, datetime for date-formatted numbers), so the preview reads them like the import.
Call `pantau.ingest.workbooks.check_workbook` first; None means "ask calamine".
"""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from pantau.ingest.workbooks import MAIN, _small_xml, inflated, sheet_part

# Excel's built-in date and time formats (ECMA-376 18.8.30, with the East Asian ones).
DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
EPOCH_1900 = datetime.datetime(1899, 12, 30)
EPOCH_1904 = datetime.datetime(1904, 1, 1)
CELL, ROW, VALUE, TEXT, INLINE = (f"{MAIN}{name}" for name in ("c", "row", "v", "t", "is"))
PHONETIC = f"{MAIN}rPh"


def head_rows(path: Path, sheet: str | None, nrows: int) -> list[list] | None:
    """The sheet's first `nrows` rows from A1, as lists of cells; None when the sheet is
    not where this module looks (calamine then reads it)."""
    with zipfile.ZipFile(path) as archive:
        part = sheet_part(archive, sheet)
        if part not in archive.NameToInfo:
            return None
        cells = read_cells(archive, part, nrows)
        used = {int(value) for (_, kind, _, value) in cells.values() if kind == "s"}
        strings = shared_strings(archive, max(used, default=-1))
        dates = date_styles(archive)
        epoch = EPOCH_1904 if uses_1904_dates(archive) else EPOCH_1900
    rows: list[list] = [[] for _ in range(nrows)]
    for (row, column), (_, kind, style, value) in sorted(cells.items()):
        cell = convert(kind, value, style in dates, strings, epoch)
        line = rows[row]
        line.extend([""] * (column - len(line)))
        line.append(cell)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def read_cells(archive: zipfile.ZipFile, part: str, nrows: int) -> dict:
    """(row, column) → (reference, type, style, value) of the first rows' cells, 0-based."""
    parser = ElementTree.XMLPullParser(events=("end",))
    cells: dict = {}
    row_number = 0
    column = -1
    for piece in small_pieces(inflated(archive, part)):
        parser.feed(piece)
        for _, element in parser.read_events():
            if element.tag == CELL:
                reference = element.get("r")
                row, column = position(reference, row_number, column)
                if row < nrows:
                    cells[(row, column)] = (reference, element.get("t", "n"),
                                            int(element.get("s", "0") or 0),
                                            cell_value(element))  # fmt: skip
            elif element.tag == ROW:
                row_number = int(element.get("r") or row_number + 1)
                column = -1
                element.clear()  # what was read of this row is kept in `cells` only
                if row_number >= nrows:
                    return cells
    return cells


def small_pieces(pieces, size: int = 64 * 1024):
    """The parser builds elements for all it is fed: a little at a time, so that reading
    stops soon after the rows wanted."""
    for piece in pieces:
        for start in range(0, len(piece), size):
            yield piece[start : start + size]


def position(reference: str | None, row_number: int, column: int) -> tuple[int, int]:
    """A cell's 0-based (row, column): from its reference, else the next in its row. A
    cell is read before its row ends, so its row is the one after the last ended."""
    if not reference:
        return row_number, column + 1
    letters = reference.rstrip("0123456789")
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return int(reference[len(letters) :]) - 1, number - 1


def cell_value(element: ElementTree.Element) -> str | None:
    if element.get("t") == "inlineStr":
        inline = element.find(INLINE)
        return None if inline is None else rich_text(inline)
    value = element.find(VALUE)
    return None if value is None else value.text


def rich_text(element: ElementTree.Element) -> str:
    """A string item's text: its runs, without phonetic guides."""
    phonetic = {id(t) for guide in element.iter(PHONETIC) for t in guide.iter(TEXT)}
    return "".join(t.text or "" for t in element.iter(TEXT) if id(t) not in phonetic)


def shared_strings(archive: zipfile.ZipFile, last: int) -> list[str]:
    """The shared strings up to index `last`, read no further."""
    if last < 0:
        return []
    name = next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    if name is None:
        return []
    parser = ElementTree.XMLPullParser(events=("end",))
    strings: list[str] = []
    for piece in small_pieces(inflated(archive, name)):
        parser.feed(piece)
        for _, element in parser.read_events():
            if element.tag == f"{MAIN}si":
                strings.append(rich_text(element))
                element.clear()
                if len(strings) > last:
                    return strings
    return strings


def date_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell styles (`s`) whose number format shows a date or time."""
    styles = _small_xml(archive, "xl/styles.xml")
    if styles is None:
        return set()
    custom = {
        int(fmt.get("numFmtId", "-1")): fmt.get("formatCode", "")
        for fmt in styles.iter(f"{MAIN}numFmt")
    }
    cell_formats = styles.find(f"{MAIN}cellXfs")
    found = set()
    for index, xf in enumerate([] if cell_formats is None else cell_formats.iter(f"{MAIN}xf")):
        number_format = int(xf.get("numFmtId", "0"))
        if number_format in DATE_FORMAT_IDS or is_date_code(custom.get(number_format, "")):
            found.add(index)
    return found


def is_date_code(code: str) -> bool:
    text = QUOTED_OR_BRACKETED.sub("", code).lower()
    return text != "general" and any(letter in text for letter in "dmyhs")


def uses_1904_dates(archive: zipfile.ZipFile) -> bool:
    workbook = _small_xml(archive, "xl/workbook.xml")
    properties = None if workbook is None else workbook.find(f"{MAIN}workbookPr")
    return properties is not None and properties.get("date1904", "").lower() in ("1", "true")


def convert(kind: str, value: str | None, dated: bool, strings: list[str], epoch):
    """A cell as calamine's `to_python` gives it."""
    if value is None:
        return ""
    if kind == "s":
        index = int(value)
        return strings[index] if index < len(strings) else ""
    if kind == "b":
        return value.strip() in ("1", "true")
    if kind in ("str", "inlineStr", "e", "d"):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    if not dated:
        return number
    if epoch is EPOCH_1900 and number < 61:
        number += 1  # Excel's 29 February 1900, which never was
    moment = epoch + datetime.timedelta(days=number)
    return moment.date() if moment.time() == datetime.time() else moment

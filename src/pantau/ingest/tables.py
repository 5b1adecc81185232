"""Small tables people bring (a workforce table, a budget file), read into numbered records.

For imports that check every row in Python: a CSV (UTF-8 with or without BOM, or
Windows-1252; `,` or `;`, whichever gives the better header) or the first sheet of an XLSX
becomes `(line or row number, cells)` records (`read_table`); a file that is missing, too
large, empty or neither CSV nor XLSX is refused whole, in both languages.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from pantau.ingest.formats import HEADER_SEARCH_ROWS, Column, normalize_header
from pantau.ingest.readers import decode_sample, detect_format, sniff_encoding
from pantau.ingest.types import FileRejected
from pantau.ingest.workbooks import check_workbook

DELIMITERS = (",", ";", "\t")  # tabs: Excel's "Unicode text"
Records = list[tuple[int, list[object]]]


def refuse(code: str, message_id: str, message_en: str) -> FileRejected:
    return FileRejected(code, message_id, message_en)


def unreadable(detail: str) -> FileRejected:
    return refuse(
        "unreadable_file",
        f"Berkas tidak dapat dibaca sebagai CSV atau XLSX ({detail}).",
        f"The file cannot be read as CSV or XLSX ({detail}).",
    )


def empty() -> FileRejected:
    return refuse("empty_file", "Berkas kosong.", "The file is empty.")


def read_table(
    path: Path,
    max_bytes: int,
    what: tuple[str, str],
    columns: Sequence[Column],
    text_of: Callable[[object], str],
) -> Records:
    """Each non-blank record with the row number a person sees (CSV line, sheet row).

    `what` names the table in both languages for the size refusal ("tabel anggaran", "budget
    table"); `columns` are the table's columns (the CSV delimiter is the one whose header
    names the most); `text_of` turns a cell into text, to tell blank rows.
    """
    header_columns = lambda found: len(header_in(found, columns)[1])  # noqa: E731
    if not path.is_file():
        raise refuse("file_not_found", f"Berkas tidak ada: {path}.", f"No such file: {path}.")
    if path.stat().st_size > max_bytes:
        raise refuse(
            "file_too_large",
            f"Berkas lebih dari {max_bytes >> 20} MB; itu bukan {what[0]}.",
            f"The file is over {max_bytes >> 20} MB; that is not a {what[1]}.",
        )
    try:
        kind = detect_format(path)
    except FileRejected as error:
        if error.code == "empty_file":
            raise empty() from None
        raise
    if kind == "parquet":
        raise unreadable("Parquet")
    if kind == "xlsx":
        records = xlsx_records(path, empty, unreadable)
    else:
        records = csv_records(path, empty, unreadable, header_columns)
    return [(number, cells) for number, cells in records if any(text_of(c) for c in cells)]


def xlsx_records(path: Path, empty: Callable[[], FileRejected],
                 unreadable: Callable[[str], FileRejected]) -> Records:  # fmt: skip
    from python_calamine import CalamineWorkbook

    check_workbook(path)  # a far stray cell or a zip bomb would abort the process
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if not workbook.sheet_names:
            raise empty()
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except FileRejected:
        raise
    except Exception as error:  # noqa: BLE001 - calamine raises several types for bad files
        raise unreadable(f"XLSX: {error}") from None
    return [(index, list(row)) for index, row in enumerate(rows, start=1)]


def csv_records(
    path: Path,
    empty: Callable[[], FileRejected],
    unreadable: Callable[[str], FileRejected],
    header_columns: Callable[[Records], int],
) -> Records:
    """`header_columns(first records)`: how many known columns a header among them names;
    the delimiter that names the most wins."""
    data = path.read_bytes()
    if not data.strip():
        raise empty()
    try:
        encoding, bom = sniff_encoding(data)
    except FileRejected:
        raise unreadable("binary") from None
    text = decode_sample(data, encoding, bom)
    delimiter = max(
        DELIMITERS, key=lambda d: header_columns(parse_csv(text, d, unreadable, limit=30))
    )
    return parse_csv(text, delimiter, unreadable)


def parse_csv(text: str, delimiter: str, unreadable: Callable[[str], FileRejected],
              limit: int | None = None) -> Records:  # fmt: skip
    """Records with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1
            if limit is not None and len(records) >= limit:
                break
    except csv.Error as error:
        raise unreadable(f"CSV: {error}") from None
    return records


# ---------------------------------------------------------------- header


def _match(cells: Sequence[object], columns: Sequence[Column]) -> dict[int, str]:
    """File column position → canonical name; the first cell naming a column wins."""
    mapping: dict[int, str] = {}
    for position, cell in enumerate(cells):
        key = normalize_header(cell)
        for column in columns:
            if key and key in column.keys and column.name not in mapping.values():
                mapping[position] = column.name
                break
    return mapping


def header_in(records: Records, columns: Sequence[Column]) -> tuple[int, dict[int, str]]:
    """(index of the header record, its mapping): the first record naming two columns."""
    for index, (_, cells) in enumerate(records[:HEADER_SEARCH_ROWS]):
        mapping = _match(cells, columns)
        if len(mapping) >= 2:
            return index, mapping
    return -1, {}


def find_header(records: Records, columns: Sequence[Column]) -> tuple[int, dict[int, str]]:
    """The header record and its mapping; refused when there is none or a required column
    is missing."""
    index, mapping = header_in(records, columns)
    required = ", ".join(column.name for column in columns if column.required)
    if index < 0:
        raise refuse(
            "header_not_found",
            f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama; harus "
            f"ada kolom {required}.",
            f"No header row found in the first {HEADER_SEARCH_ROWS} rows; it must name the "
            f"columns {required}.",
        )
    missing = [c.name for c in columns if c.required and c.name not in mapping.values()]
    if missing:
        names, row = ", ".join(missing), records[index][0]
        raise refuse(
            "missing_column",
            f"Kolom wajib tidak ada: {names} (judul kolom di baris {row}).",
            f"Required column missing: {names} (header on row {row}).",
        )
    return index, mapping

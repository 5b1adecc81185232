"""The small-table kit: what workforce, budgets and future small tables share.

For imports that check every row in Python (a few thousand rows at most):
- reading: a CSV (UTF-8 with or without BOM, or Windows-1252; `,` or `;`, whichever gives
  the better header) or the first sheet of an XLSX becomes `(line or row number, cells)`
  records (`read_table`); the header is found and named (`find_header`), and each data row
  becomes `{column name: cell}` (`records_by_name`). A file that is missing, too large,
  empty, neither CSV nor XLSX, without header or without rows is refused whole, in both
  languages (`FileRejected`);
- cells: `text_of`, `cell`, and `parse_whole`, the one reading of whole numbers as people
  write them (`1.500.000`, `1,500,000`, `Rp1.500.000`);
- results: `Checked` (the rows, the accepted ones, the issues), `StoreCounts`, and
  `write_issue_report`, the error report in CSV and XLSX under
  `PANTAU_DATA_DIR/reports/<prefix>-<timestamp>/`, private to Pantau's account.

Each table keeps its own columns, row rules, issue catalogue (`pantau.core.messages`) and
storing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from django.conf import settings

from pantau.core import spreadsheet
from pantau.core.messages import SEVERITY_LABELS, Issue
from pantau.core.money import FloatAmountError, rupiah_int
from pantau.core.paths import PRIVATE_DIR, create_private_file, private_dir, restrict_tree
from pantau.ingest.formats import HEADER_SEARCH_ROWS, Column, normalize_header
from pantau.ingest.readers import decode_sample, detect_format, sniff_encoding
from pantau.ingest.types import FileRejected
from pantau.ingest.workbooks import check_workbook

DELIMITERS = (",", ";", "\t")  # tabs: Excel's "Unicode text"
Records = list[tuple[int, list[object]]]
Rows = list[tuple[int, dict[str, object]]]

# What people write in a cell they mean to leave empty.
EMPTY_TEXT = frozenset({"", "-", "–", "—"})
WHOLE_NUMBER = re.compile(r"^\d+$")
# 1.500.000 or 1,500,000: one separator, used between every group of three digits.
GROUPED_NUMBER = re.compile(r"^\d{1,3}([.,])\d{3}(?:\1\d{3})*$")
# 1,5 or 1.500.000,00: a fraction after a plain or grouped whole part.
DECIMAL_NUMBER = re.compile(r"^(\d+|\d{1,3}(?:([.,])\d{3})+)(?!\2)[.,](\d+)$")
SPACES = re.compile(r"[\s\u00a0\u202f]+")
RUPIAH_PREFIX = re.compile(r"^rp\.?", re.IGNORECASE)
MAX_WHOLE = 10**15  # Rp1.000 triliun: far above any figure of a small table
REPORT_HEADERS = ("baris", "kolom", "kode", "tingkat", "pesan", "message", "nilai")
REPORT_WIDTHS = (7, 12, 26, 11, 60, 60, 24)


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


def no_rows() -> FileRejected:
    return refuse(
        "no_rows",
        "Berkas hanya berisi judul kolom, tanpa baris data.",
        "The file holds only the header, no data rows.",
    )


# ---------------------------------------------------------------- cells


def text_of(cell: object) -> str:
    """A cell as text; Excel numbers that are whole lose their `.0`."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def cell(cells: Sequence[object], position: int) -> object:
    """The cell at `position`; None past the end of a short row."""
    return cells[position] if position < len(cells) else None


def parse_whole(
    cell: object,
    what: str,
    required: bool = True,
    limit: int = MAX_WHOLE,
    *,
    zero_fraction: bool = True,
) -> tuple[int | None, str | None]:
    """(a whole number ≥ 0, None) or (None, `<what>_<problem>`), the problem one of
    missing, decimal, invalid, negative, too_large; empty (or `-`) gives (None, None) when
    not `required`.

    Accepts `1500000`, `1.500.000`, `1,500,000`, `Rp1.500.000`, `1.500.000,00` (a zero
    fraction, unless not `zero_fraction`) and whole Excel numbers; refuses `1.5` and
    `1,5 miliar`. Never goes through a float.
    """
    if isinstance(cell, bool):
        return None, f"{what}_invalid"
    if isinstance(cell, float) and not cell.is_integer():
        return None, f"{what}_decimal"
    if isinstance(cell, Decimal):
        if cell != cell.to_integral_value():
            return None, f"{what}_decimal"
        cell = int(cell)
    text = SPACES.sub("", text_of(cell))
    if text in EMPTY_TEXT:
        return (None, f"{what}_missing") if required else (None, None)
    negative = text[0] in "-−"
    text = RUPIAH_PREFIX.sub("", text.lstrip("-−"))
    if GROUPED_NUMBER.match(text):
        text = text.replace(".", "").replace(",", "")
    elif match := DECIMAL_NUMBER.match(text):
        if not zero_fraction or set(match[3]) != {"0"}:
            return None, f"{what}_decimal"
        text = match[1].replace(".", "").replace(",", "")
    if not WHOLE_NUMBER.match(text):
        return None, f"{what}_invalid"
    try:
        number = rupiah_int(text)  # whole numbers only
    except (FloatAmountError, ValueError):
        return None, f"{what}_invalid"
    if negative and number:
        return None, f"{what}_negative"
    if number > limit:
        return None, f"{what}_too_large"
    return number, None


# ---------------------------------------------------------------- reading


def read_table(
    path: Path,
    max_bytes: int,
    what: tuple[str, str],
    columns: Sequence[Column],
    text_of: Callable[[object], str] = text_of,
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


def records_by_name(records: Records, columns: Sequence[Column]) -> Rows:
    """The data rows under the header, each `(row number, {column name: cell})`; refused
    when there is no header, a required column is missing, or no row follows the header."""
    header_index, mapping = find_header(records, columns)
    rows = [
        (number, {name: cell(cells, position) for position, name in mapping.items()})
        for number, cells in records[header_index + 1 :]
    ]
    if not rows:
        raise no_rows()
    return rows


# ---------------------------------------------------------------- results


@dataclass
class Checked:
    """A checked file: how many rows, the accepted ones, and the issues with their rows."""

    rows: int
    accepted: list
    issues: list[Issue]  # errors and warnings
    skipped: int = 0  # rows left out on purpose (a totals row), not counted in `rows`

    @property
    def rejected(self) -> int:
        return len({issue.row for issue in self.issues if issue.is_error})


@dataclass(frozen=True)
class StoreCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def status(self) -> str:
        if self.created:
            return "created"
        return "updated" if self.updated else "unchanged"


# ---------------------------------------------------------------- the error report


def new_report_dir(prefix: str) -> Path:
    """A new private directory `reports/<prefix>-<timestamp>[-n]` under the data directory."""
    base = private_dir(Path(settings.DATA_DIR) / "reports")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        directory = base / (f"{prefix}-{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        try:
            directory.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            continue  # two imports in the same second
        directory.chmod(PRIVATE_DIR)  # mkdir's mode obeys the umask
        return directory
    raise RuntimeError(f"cannot create a report directory under {base}")


REPORT_COLUMNS = tuple(
    spreadsheet.Column(
        spreadsheet.header(name), "int" if index == 0 else "text", itemgetter(index), width
    )  # fmt: skip
    for index, (name, width) in enumerate(zip(REPORT_HEADERS, REPORT_WIDTHS, strict=True))
)


def write_issue_report(
    prefix: str, issues: Iterable[Issue], column_order: Sequence[str]
) -> tuple[Path | None, Path | None]:
    """`errors.csv` and `errors.xlsx` in a new `reports/<prefix>-<timestamp>/`, one line
    per issue by row and column (`column_order`), in both languages; (None, None) when
    there are no issues. Cells that a spreadsheet would run as formulas are neutralised,
    and the files are readable by Pantau's account only."""
    order = {name: index for index, name in enumerate(column_order)}
    lines = []
    for issue in sorted(issues, key=lambda i: (i.row or 0, order[i.column], i.code)):
        pesan, message = issue.messages()
        lines.append((issue.row, issue.column, issue.code, SEVERITY_LABELS[issue.severity],
                      pesan, message, issue.value))  # fmt: skip
    if not lines:
        return None, None
    directory = new_report_dir(prefix)
    csv_path = create_private_file(directory / "errors.csv")
    # No BOM: scripts read the report and look its first column up by name.
    csv_path.write_bytes(spreadsheet.write_csv(REPORT_COLUMNS, lines, bom=False))
    xlsx_path = create_private_file(directory / "errors.xlsx")
    workbook = spreadsheet.Workbook(xlsx_path)
    workbook.table("Kesalahan", REPORT_COLUMNS, lines, autofilter=False)
    workbook.close()
    restrict_tree(directory)
    return csv_path, xlsx_path

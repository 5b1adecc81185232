"""Reading people's files into one DuckDB table of strings, with each row's number.

Every reader produces the relation `raw`: a `_row` column (the row number a person sees
in the file: the line in a CSV, the row in a sheet, the record in Parquet) and one
VARCHAR column per recognised canonical column. Typing and checking happen later, in
SQL (`pantau.ingest.validation`), so one reader bug cannot reject a whole file.

CSV takes one of two paths:
- the fast path: pyarrow's CSV reader streaming Arrow batches into the validation
  pass, when the header is on the first line and every line is one record (checked
  by counting lines), as in machine-made extracts;
- the careful path: Python's csv module, for files people made (title rows, blank
  lines, line breaks inside cells, Windows-1252), which are small.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pantau.ingest.formats import COLUMNS, HEADER_SEARCH_ROWS, HeaderMatch, find_header
from pantau.ingest.types import FileRejected
from pantau.ingest.workbooks import check_workbook

SAMPLE_BYTES = 1 << 20
CHUNK_ROWS = 100_000
MAX_FIELD_BYTES = 1 << 20  # a cell over 1 MB is not a person's data
DELIMITERS = (",", ";", "\t", "|")

RowProgress = Callable[[int], None]


@dataclass
class StreamedRows:
    """The records the fast reader has handed to DuckDB so far (a stream is read once)."""

    count: int = 0


@dataclass
class ReadResult:
    header: HeaderMatch
    format: str  # "csv", "xlsx" or "parquet"
    encoding: str | None = None
    delimiter: str | None = None
    path_taken: str = ""  # "fast" or "careful" for CSV
    notes: list[str] = field(default_factory=list)
    streamed: StreamedRows | None = None  # the fast CSV path: `raw` is a one-shot stream


@dataclass
class Preview:
    header: HeaderMatch
    sample: list[dict[str, str]]
    rows_estimate: int | None


# ---------------------------------------------------------------- file-level errors


def _reject(code: str, message_id: str, message_en: str) -> FileRejected:
    return FileRejected(code, message_id, message_en)


def empty_file() -> FileRejected:
    return _reject("empty_file", "Berkas kosong.", "The file is empty.")


def unreadable_file(detail: str = "") -> FileRejected:
    suffix = f" ({detail})" if detail else ""
    return _reject(
        "unreadable_file",
        "Berkas tidak dapat dibaca sebagai CSV, XLSX atau Parquet" + suffix + ".",
        "The file cannot be read as CSV, XLSX or Parquet" + suffix + ".",
    )


def header_not_found(kind: str) -> FileRejected:
    required = ", ".join(column.name for column in COLUMNS[kind] if column.required)
    return _reject(
        "header_not_found",
        f"Baris judul kolom tidak ditemukan di {HEADER_SEARCH_ROWS} baris pertama; harus ada "
        f"kolom {required}. Gunakan --header-row N bila judul kolom ada di baris lain.",
        f"No header row found in the first {HEADER_SEARCH_ROWS} rows; it must name the "
        f"columns {required}. Use --header-row N if the header is elsewhere.",
    )


def missing_columns(missing: list[str], header: HeaderMatch) -> FileRejected:
    names = ", ".join(missing)
    row = header.row_index + 1
    return _reject(
        "missing_column",
        f"Kolom wajib tidak ada: {names} (judul kolom di baris {row}).",
        f"Required column missing: {names} (header on row {row}).",
    )


# ---------------------------------------------------------------- format detection


def detect_format(path: Path) -> str:
    """By content, not by name: people rename files."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise empty_file()
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _reject(
            "xls_not_supported",
            "Berkas Excel lama (.xls) tidak didukung; simpan sebagai .xlsx atau CSV.",
            "Old Excel files (.xls) are not supported; save as .xlsx or CSV.",
        )
    return "csv"


def sniff_encoding(sample: bytes) -> tuple[str, bool]:
    """(`utf-8`, `utf-16` or `cp1252`, has a BOM). Raises for binary content.

    UTF-16 is recognised by its BOM, which Excel's "Unicode text" always writes (tab
    separated, little-endian); the `utf-16` codec reads either byte order from it.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8", True
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", True
    if b"\x00" in sample:
        raise unreadable_file("binary")
    try:
        sample.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError as error:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if error.start >= len(sample) - 3:
            return "utf-8", False
    text = sample.decode("cp1252", errors="replace")
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\r\n\t")
    if controls > len(text) * 0.05:
        raise unreadable_file("binary")
    return "cp1252", False


def decode_sample(sample: bytes, encoding: str, bom: bool) -> str:
    """The text of a file's first bytes, without its BOM (the `utf-16` codec drops it)."""
    if encoding == "utf-16":
        # A sample cut inside a character pair ends in one replacement character.
        return sample[: len(sample) & ~1].decode(encoding, errors="replace")
    text = sample.decode(encoding, errors="replace")
    return text[1:] if bom else text


def text_encoding(encoding: str, bom: bool) -> str:
    """The codec that reads the whole file, its BOM removed."""
    return "utf-8-sig" if encoding == "utf-8" and bom else encoding


def _sample_records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records = []
    try:
        for record in reader:
            records.append(record)
            if len(records) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    return records


def sniff_csv(
    path: Path, kind: str, header_row: int | None
) -> tuple[str, bool, str, HeaderMatch, list[list[str]]]:
    """Encoding, BOM, delimiter and header of a CSV, from its first megabyte."""
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise empty_file()
    encoding, bom = sniff_encoding(sample)
    text = decode_sample(sample, encoding, bom)
    best: tuple[str, HeaderMatch, list[list[str]]] | None = None
    for delimiter in DELIMITERS:
        records = _sample_records(text, delimiter)
        header = find_header(records, kind, header_row)
        if header.row_index < 0:
            continue
        if best is None or len(header.mapping) > len(best[1].mapping):
            best = (delimiter, header, records)
    if best is None:
        raise header_not_found(kind)
    delimiter, header, records = best
    return encoding, bom, delimiter, header, records


# ---------------------------------------------------------------- loading into DuckDB


class _RawWriter:
    """Creates the TEMP table `raw` and fills it in Arrow chunks (the Python readers)."""

    def __init__(self, con, names: list[str], progress: RowProgress | None) -> None:
        self.con, self.names, self.progress = con, names, progress
        columns = ", ".join(f'"{name}" VARCHAR' for name in names)
        con.execute(f"CREATE OR REPLACE TEMP TABLE raw (_row BIGINT, {columns})")
        self._reset()

    def _reset(self) -> None:
        self.rows: list[int] = []
        self.columns: list[list] = [[] for _ in self.names]

    def add(self, row: int, cells: list) -> None:
        self.rows.append(row)
        for column, cell in zip(self.columns, cells, strict=True):
            column.append(cell)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = pa.table(
            {"_row": pa.array(self.rows, pa.int64())}
            | {
                name: pa.array(values, pa.string())
                for name, values in zip(self.names, self.columns, strict=True)
            }
        )
        self.con.register("chunk", table)
        self.con.execute("INSERT INTO raw SELECT * FROM chunk")
        self.con.unregister("chunk")
        if self.progress:
            self.progress(len(self.rows))
        self._reset()


def count_lines(path: Path) -> int:
    """Physical lines, counting a last line without a newline."""
    lines, last = 0, b""
    with path.open("rb") as handle:
        while chunk := handle.read(16 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (0 if last in (b"\n", b"") else 1)


def one_line_records(delimiter: str, header: HeaderMatch) -> dict:
    """pyarrow's CSV options for a UTF-8 file whose header is its first line and whose every
    record is one line (see `_csv_stream`): the mapped columns as text, named `c<position>`.
    """
    import pyarrow.csv as pacsv

    names = [f"c{position}" for position in range(len(header.labels))]
    return {
        "read_options": pacsv.ReadOptions(
            skip_rows=1, column_names=names, block_size=4 << 20, encoding="utf8"
        ),
        "parse_options": pacsv.ParseOptions(
            delimiter=delimiter,
            quote_char='"',
            double_quote=True,
            escape_char=False,
            newlines_in_values=False,
            ignore_empty_lines=False,
        ),  # fmt: skip
        "convert_options": pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            include_columns=[f"c{position}" for position in sorted(header.mapping)],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    }


def _csv_stream(
    con, path: Path, delimiter: str, header: HeaderMatch, progress: RowProgress | None
) -> StreamedRows | None:
    """Register `raw` as a stream of Arrow batches from pyarrow's CSV reader.

    Why a stream: the records go straight into the one validation pass, in parallel,
    and nothing the size of the file is held (issue 3's 10-million-row benchmark). Each
    record's line is its position in the stream plus two, which holds only when every
    record is one line: the reader refuses line breaks inside cells, blank lines and
    short rows, and the caller compares the count with the file's lines afterwards.
    On any refusal the caller reads the file again on the careful path. None when the
    reader refuses at once (the first block).
    """
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    selected = sorted(header.mapping.items())
    try:
        reader = pacsv.open_csv(str(path), **one_line_records(delimiter, header))
    except (pa.ArrowException, ValueError, OSError):
        return None
    schema = pa.schema(
        [pa.field("_row", pa.int64())] + [pa.field(name, pa.string()) for _, name in selected]
    )
    streamed = StreamedRows()
    positions = pa.array(range(1 << 16), pa.int64())

    def batches():
        nonlocal positions
        for batch in reader:
            rows = batch.num_rows
            if rows > len(positions):
                positions = pa.array(range(rows), pa.int64())
            # The header is line 1, so the first record is line 2.
            numbers = pc.add(positions.slice(0, rows), streamed.count + 2)
            streamed.count += rows
            if progress:
                progress(rows)
            yield pa.RecordBatch.from_arrays([numbers, *batch.columns], schema=schema)

    con.register("raw", pa.RecordBatchReader.from_batches(schema, batches()))
    return streamed


def _csv_careful(
    con, path: Path, encoding: str, bom: bool, delimiter: str, header: HeaderMatch,
    progress: RowProgress | None,
) -> None:  # fmt: skip
    positions = list(header.mapping.keys())
    raw = _RawWriter(con, list(header.mapping.values()), progress)
    csv.field_size_limit(MAX_FIELD_BYTES)
    with path.open("r", encoding=text_encoding(encoding, bom), newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        record_index = -1
        start_line = 1
        try:
            for record in reader:
                record_index += 1
                line = start_line
                start_line = reader.line_num + 1
                if record_index <= header.row_index:
                    continue
                if not any(cell.strip() for cell in record):
                    continue
                raw.add(line, [record[p] if p < len(record) else None for p in positions])
        except csv.Error as error:
            raise _reject(
                "unreadable_line",
                f"Baris {reader.line_num} tidak dapat dibaca: {error}.",
                f"Line {reader.line_num} cannot be read: {error}.",
            ) from None
        except UnicodeDecodeError:
            raise _reject(
                "encoding",
                "Berkas bercampur pengodean karakter (bukan UTF-8 maupun Windows-1252).",
                "The file mixes character encodings (neither UTF-8 nor Windows-1252).",
            ) from None
        raw.flush()


def read_csv(
    con, path: Path, kind: str, header_row: int | None, progress: RowProgress | None,
    fast: bool = True,
) -> ReadResult:  # fmt: skip
    """`raw` from a CSV: streamed on the fast path, else a TEMP table (see the module).

    On the fast path `ReadResult.streamed` is set, and the caller must check, after
    consuming the stream, that `streamed.count + 1` equals `count_lines(path)`; if
    not, or if consuming failed, it calls again with `fast=False`.
    """
    encoding, bom, delimiter, header, _ = sniff_csv(path, kind, header_row)
    if header.missing:
        raise missing_columns(header.missing, header)
    result = ReadResult(header, "csv", encoding, delimiter)
    if fast and header.row_index == 0 and encoding == "utf-8" and not bom:
        result.streamed = _csv_stream(con, path, delimiter, header, progress)
        if result.streamed is not None:
            result.path_taken = "fast"
            return result
    with contextlib.suppress(Exception):  # nothing was registered
        con.unregister("raw")
    if encoding == "utf-8":
        try:
            _csv_careful(con, path, encoding, bom, delimiter, header, progress)
        except FileRejected as error:
            if error.code != "encoding":
                raise
            encoding = result.encoding = "cp1252"
    if encoding in ("cp1252", "utf-16"):
        _csv_careful(con, path, encoding, bom, delimiter, header, progress)
    result.path_taken = "careful"
    return result


def _cell_text(value: object, column: str) -> str | None:
    """A spreadsheet cell as the text a person typed."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer():
            # Excel keeps 15 significant digits: a 16-digit NIK stored as a number has
            # already lost its last digit, so it is shown the way Excel shows it.
            if column == "nik" or abs(value) >= 1e15:
                return f"{value:.5E}"
            return str(int(value))
        return repr(value)
    return str(value)


def _open_sheet(path: Path, sheet: str | None):
    """The named (or first) sheet of a workbook; FileRejected for bad files and names."""
    from python_calamine import CalamineWorkbook

    # Before calamine: it would abort the process on a far stray cell or a zip bomb.
    check_workbook(path, sheet)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # noqa: BLE001 - calamine raises several types for bad files
        raise unreadable_file(f"XLSX: {error}") from None
    names = workbook.sheet_names
    if not names:
        raise empty_file()
    if sheet is not None and sheet not in names:
        raise _reject(
            "sheet_not_found",
            f"Lembar “{sheet}” tidak ada; lembar yang ada: {', '.join(names)}.",
            f"Sheet “{sheet}” not found; sheets: {', '.join(names)}.",
        )
    try:
        return workbook.get_sheet_by_name(sheet or names[0])
    except Exception as error:  # noqa: BLE001 - a sheet the workbook names but lacks
        raise unreadable_file(f"XLSX: {error}") from None


def _sheet_rows(worksheet) -> Iterator[list]:
    """The sheet's rows from A1, one at a time: the rows a person sees, numbered from 0.

    Not `to_python()`, which builds every row of the sheet as Python objects at once.
    calamine's `iter_rows` starts at row 1 but at the first filled column, so the columns
    before it are put back.
    """
    start = worksheet.start
    padding = [""] * (start[1] if start else 0)
    for row in worksheet.iter_rows():
        yield padding + row if padding else row


def read_xlsx(
    con, path: Path, kind: str, sheet: str | None, header_row: int | None,
    progress: RowProgress | None,
) -> ReadResult:  # fmt: skip
    rows = _sheet_rows(_open_sheet(path, sheet))
    head = list(itertools.islice(rows, max(HEADER_SEARCH_ROWS, header_row or 0)))
    if not any(any(cell not in (None, "") for cell in row) for row in head[:HEADER_SEARCH_ROWS]):
        raise empty_file()
    header = find_header(head, kind, header_row)
    if header.row_index < 0:
        raise header_not_found(kind)
    if header.missing:
        raise missing_columns(header.missing, header)
    raw = _RawWriter(con, list(header.mapping.values()), progress)
    after_header = itertools.chain(head[header.row_index + 1 :], rows)
    for index, record in enumerate(after_header, start=header.row_index + 1):
        cells = [
            _cell_text(record[position], name) if position < len(record) else None
            for position, name in header.mapping.items()
        ]
        if all(cell is None or not cell.strip() for cell in cells):
            continue
        raw.add(index + 1, cells)
    raw.flush()
    return ReadResult(header, "xlsx")


def read_parquet(con, path: Path, kind: str, progress: RowProgress | None) -> ReadResult:
    try:
        described = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except Exception as error:  # noqa: BLE001
        raise unreadable_file(f"Parquet: {error}") from None
    labels = [row[0] for row in described]
    header = find_header([labels], kind, 1)
    if header.missing:
        raise missing_columns(header.missing, header)
    selected = ", ".join(
        f'CAST("{labels[position]}" AS VARCHAR) AS "{name}"'
        for position, name in header.mapping.items()
    )
    # A view: the source file is scanned where needed, never copied into memory.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW raw AS SELECT file_row_number + 1 AS _row, {selected} "
        f"FROM read_parquet('{_sql_path(path)}', file_row_number = true)"
    )
    if progress:
        progress(con.execute("SELECT count(*) FROM raw").fetchall()[0][0])
    return ReadResult(header, "parquet")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def read_into(
    con,
    path: Path,
    kind: str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: RowProgress | None = None,
    fast: bool = True,
) -> ReadResult:
    """Fill the DuckDB table, view or stream `raw` from the file; raises FileRejected.

    `fast=False` reads a CSV on the careful path (after the fast one gave up).
    """
    file_format = detect_format(path)
    if file_format == "parquet":
        return read_parquet(con, path, kind, progress)
    if file_format == "xlsx":
        return read_xlsx(con, path, kind, sheet, header_row, progress)
    return read_csv(con, path, kind, header_row, progress, fast)


def preview(
    path: Path,
    kind: str,
    sheet: str | None = None,
    header_row: int | None = None,
    limit: int = 5,
) -> Preview:
    """The detected header and the first rows, for the upload wizard; nothing is stored."""
    file_format = detect_format(path)
    if file_format == "csv":
        encoding, _, delimiter, header, records = sniff_csv(path, kind, header_row)
        data = [r for r in records[header.row_index + 1 :] if any(c.strip() for c in r)]
        sample = [
            {name: record[pos] for pos, name in header.mapping.items() if pos < len(record)}
            for record in data[:limit]
        ]
        size = path.stat().st_size
        sampled = sum(len(delimiter.join(r)) + 1 for r in records) or 1
        sampled *= 2 if encoding == "utf-16" else 1  # bytes per character
        estimate = max(len(records), int(size / sampled * len(records))) - header.row_index - 1
        return Preview(header, sample, max(estimate, len(sample)))
    if file_format == "xlsx":
        return _preview_xlsx(path, kind, sheet, header_row, limit)
    import duckdb

    con = duckdb.connect()
    try:
        result = read_into(con, path, kind, sheet=sheet, header_row=header_row)
        names = list(result.header.mapping.values())
        quoted = ", ".join(f'"{name}"' for name in names)
        rows = con.execute(f"SELECT {quoted} FROM raw ORDER BY _row LIMIT {int(limit)}").fetchall()
        total = con.execute("SELECT count(*) FROM raw").fetchall()[0][0]
    finally:
        con.close()
    sample = [{n: v for n, v in zip(names, row, strict=True) if v is not None} for row in rows]
    return Preview(result.header, sample, total)


def _preview_xlsx(
    path: Path, kind: str, sheet: str | None, header_row: int | None, limit: int
) -> Preview:
    """The first rows of a sheet only, streamed (`sheet_head`), so a large workbook
    previews in a moment; calamine only for a sheet that module does not find."""
    from pantau.ingest.sheet_head import head_rows

    nrows = HEADER_SEARCH_ROWS + limit + 10
    extent = check_workbook(path, sheet)
    head = head_rows(path, sheet, nrows)
    if head is None:
        worksheet = _open_sheet(path, sheet)
        head = worksheet.to_python(skip_empty_area=False, nrows=nrows)
        extent.rows = worksheet.end[0] + 1 if worksheet.end else 0
    header = find_header(head, kind, header_row)
    if header.row_index < 0:
        raise header_not_found(kind)
    sample = []
    for row in head[header.row_index + 1 :]:
        cells = {
            name: _cell_text(row[pos], name)
            for pos, name in header.mapping.items()
            if pos < len(row) and row[pos] not in (None, "")
        }
        if cells:
            sample.append(cells)
        if len(sample) >= limit:
            break
    last_row = extent.rows - 1  # the last filled row, 0-based
    return Preview(header, sample, max(last_row - header.row_index, len(sample)))

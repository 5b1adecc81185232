"""Checking a workbook (.xlsx) before python-calamine opens it.

Why: calamine holds a sheet as one grid spanning every filled cell, 32 bytes per grid
cell, whatever lies between. A 1.6 KB file with one value at XFD1048576 asks for 512 GiB
and the process aborts (a Rust panic that no `except` catches), and a zip entry may
inflate a thousandfold. So the zip directory is read first, then the chosen sheet's XML
is scanned as a stream (a few regular expressions over 1 MiB pieces, no tree) for where
its filled cells are, and the file is refused before calamine sees it when anything is
beyond the limits below (docs/formats.md). The `<dimension>` a sheet declares is not
trusted either way: calamine ignores it, and so does this scan, so a sheet that declares
A1:XFD1048576 but holds three rows is read as three rows. What calamine costs for
sheets of real sizes: docs/benchmarks.md, "Why the code is shaped so".
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from xml.etree import ElementTree

from xlsxwriter.utility import xl_col_to_name

from pantau.ingest.types import FileRejected

MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 3 << 30  # all parts together, inflated
MAX_RATIO = 100  # inflated ÷ compressed, for parts over RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1 << 20
MAX_ROWS = 1_048_576  # Excel's own last row
MAX_COLUMNS = 1_024  # column AMJ; a list of people has tens
MAX_GRID_CELLS = 20_000_000  # rows × columns spanned by filled cells: ~640 MB in calamine
MAX_SMALL_PART_BYTES = 16 << 20  # workbook.xml and its relationships, parsed whole

SCAN_PIECE_BYTES = 1 << 20
INFLATE_STEP_BYTES = 4 << 20  # at most so much inflated at once, whatever one piece holds
# A cell's start tag, with any namespace prefix and attribute order. Groups: the column
# letters and row of its `r` reference (absent when the writer left it out), and the `/`
# of an empty cell (`<c r="B2" s="3"/>` is formatting only; calamine skips it).
CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?c(?=[\s/>])"
    rb"(?:[^>]*?\sr\s*=\s*[\"']([A-Za-z]+)(\d+)[\"'])?[^>]*?(/?)>"
)
# The quick pass: references only, and the ways a cell's start tag is written.
REFERENCE = re.compile(rb"r=[\"']([A-Za-z]+)(\d+)")  # a literal start: fast
# Every cell's start tag begins `<c` or `:c` (with a namespace prefix); of the other
# elements, those most sheets hold begin `<co` (cols, conditionalFormatting) or `<cf`.
# A sheet with more such starts than references is read again exactly.
# The shared-string table's start tag, within its first bytes.
UNIQUE_COUNT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst\b[^>]*?\suniqueCount\s*=\s*[\"'](\d{1,20})")
SHARED_STRINGS_HEAD_BYTES = 64 * 1024
ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])(?:[^>]*?\sr\s*=\s*[\"'](\d+)[\"'])?")
# A tag can be cut by the end of a piece; so much of a piece's end is kept for the next.
TAG_OVERLAP = 512

RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
OFFICE_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_number(letters: bytes) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384; lower case (no writer's) is past any limit."""
    if not letters.isupper():
        return 1 << 62
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def column_letters(number: int) -> str:
    """`1` → `A`, `1024` → `AMJ` (spreadsheet column names count from 1)."""
    return xl_col_to_name(number - 1)


def unreadable(detail: str) -> FileRejected:
    return FileRejected(
        "unreadable_file",
        f"Berkas tidak dapat dibaca sebagai XLSX ({detail}).",
        f"The file cannot be read as XLSX ({detail}).",
    )


@dataclass
class Extent:
    """Where a sheet's filled cells are: the last row and column (1-based) and how many."""

    rows: int = 0
    columns: int = 0
    cells: int = 0

    @property
    def grid(self) -> int:
        return self.rows * self.columns


def check_workbook(path: Path, sheet: str | None = None) -> Extent:
    """Refuse a workbook calamine could not read within the limits; else the sheet's extent.

    `sheet` is the sheet's name; None is the first sheet.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            check_directory(archive.infolist())
            check_shared_strings(archive)
            part = sheet_part(archive, sheet)
            if part in archive.NameToInfo:
                return scan_sheet(archive, part)
            # Not where this module looks, though calamine may find it elsewhere (its
            # paths are its own): every XML part is scanned, so none can hide a far cell.
            extents = [scan_sheet(archive, name) for name in archive.namelist()
                       if name.lower().endswith(".xml")]  # fmt: skip
            return max(extents, key=lambda extent: extent.grid, default=Extent())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise unreadable(str(error) or type(error).__name__) from None
    except (OSError, RuntimeError) as error:  # a truncated file, an encrypted part
        raise unreadable(str(error) or type(error).__name__) from None


def check_directory(entries: list[zipfile.ZipInfo]) -> None:
    """Refuse by the zip directory alone: nothing is inflated yet."""
    if len(entries) > MAX_ENTRIES:
        raise FileRejected(
            "xlsx_too_many_parts",
            f"Berkas XLSX berisi {len(entries):,} bagian; batasnya {MAX_ENTRIES:,}.",
            f"The XLSX file holds {len(entries):,} parts; the limit is {MAX_ENTRIES:,}.",
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise FileRejected(
            "xlsx_too_large",
            f"Isi berkas XLSX {total >> 20:,} MB setelah diekstrak; batasnya "
            f"{MAX_UNCOMPRESSED_BYTES >> 20:,} MB. Simpan sebagai CSV.",
            f"The XLSX file inflates to {total >> 20:,} MB; the limit is "
            f"{MAX_UNCOMPRESSED_BYTES >> 20:,} MB. Save it as CSV.",
        )
    for entry in entries:
        if entry.file_size > RATIO_FROM_BYTES and (
            entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        ):
            raise FileRejected(
                "xlsx_zip_bomb",
                f"Bagian {entry.filename} dalam berkas XLSX memuai lebih dari {MAX_RATIO} "
                "kali saat diekstrak (bom zip); berkas ditolak.",
                f"Part {entry.filename} of the XLSX file inflates more than {MAX_RATIO} "
                "times (a zip bomb); the file is refused.",
            )


def check_shared_strings(archive: zipfile.ZipFile) -> None:
    """calamine reserves room for the `uniqueCount` the shared-string table declares, 24
    bytes each, before reading one: 4,000,000,000 in a 1 KB part asks for 96 GB. A table
    cannot hold more strings than its bytes (`<si/>` is five) nor need more than a sheet
    has cells."""
    for entry in archive.infolist():
        if not entry.filename.lower().endswith("sharedstrings.xml"):
            continue
        with archive.open(entry) as handle:
            head = handle.read(SHARED_STRINGS_HEAD_BYTES)
        declared = UNIQUE_COUNT.search(head)
        if declared is None:
            continue
        count, most = int(declared[1]), min(MAX_GRID_CELLS, entry.file_size // 5 + 1)
        if count > most:
            raise FileRejected(
                "xlsx_shared_strings",
                f"Tabel teks berkas XLSX menyatakan {count:,} teks, lebih dari {most:,} yang "
                "mungkin; berkas rusak atau dibuat untuk merusak. Simpan ulang dari Excel, "
                "atau sebagai CSV.",
                f"The XLSX file's string table declares {count:,} strings, more than the "
                f"{most:,} possible; the file is damaged or made to harm. Save it again from "
                "Excel, or as CSV.",
            )


def _small_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_SMALL_PART_BYTES:
        raise unreadable(f"{name}: {info.file_size >> 20} MB")
    try:
        return ElementTree.fromstring(archive.read(name))
    except ElementTree.ParseError as error:
        raise unreadable(f"{name}: {error}") from None


def sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The zip entry holding the named (or first) sheet, as calamine finds it."""
    workbook = _small_xml(archive, "xl/workbook.xml")
    rels = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return None  # calamine refuses such a file itself, cheaply
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(RELATIONSHIPS)}
    for element in workbook.iter(f"{MAIN}sheet"):
        if sheet is not None and element.get("name") != sheet:
            continue
        target = targets.get(element.get(OFFICE_RELATIONSHIP_ID), "")
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join("xl", target))
    return None


def scan_sheet(archive: zipfile.ZipFile, part: str) -> Extent:
    """The extent of the filled cells; refused when it passes a limit.

    A quick pass first (one short regular expression over the `r="B12"` references); only a
    sheet it cannot vouch for (cells without a reference, or references beyond the limits,
    which may be empty formatted cells that calamine skips) is read again, exactly.
    """
    extent, complete = quick_extent(archive, part)
    if complete and within_limits(extent, 0, 0):
        return extent
    return exact_extent(archive, part)


def inflated(archive: zipfile.ZipFile, part: str):
    """A part's bytes as calamine's zip reader sees them: all its compressed bytes
    inflated, in pieces of at most 4 MiB, refused when they make more than its declared
    size or end early.

    Not `ZipFile.open`'s reader, which stops at the declared size: a part that declares
    less than it holds would hide the rest from this check and not from calamine.
    """
    info = archive.getinfo(part)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise unreadable(f"{part}: compression {info.compress_type}")
    deflated = info.compress_type == zipfile.ZIP_DEFLATED
    inflater = zlib.decompressobj(-15)
    produced, left = 0, info.compress_size
    # `open` checks the local header and leaves its file at the first compressed byte.
    with archive.open(part) as handle:
        raw = handle._fileobj  # noqa: SLF001
        while left > 0:
            chunk = raw.read(min(left, SCAN_PIECE_BYTES))
            if not chunk:
                raise unreadable(f"{part}: truncated")
            left -= len(chunk)
            pending = chunk
            while True:
                data = inflater.decompress(pending, INFLATE_STEP_BYTES) if deflated else pending
                produced += len(data)
                if produced > info.file_size:
                    raise unreadable(f"{part}: larger than declared")
                if data:
                    yield data
                pending = inflater.unconsumed_tail if deflated else b""
                # A full step may leave output inside zlib even when all input is taken.
                if not pending and len(data) < INFLATE_STEP_BYTES:
                    break
    if deflated and not inflater.eof:
        raise unreadable(f"{part}: truncated")
    if produced != info.file_size:
        raise unreadable(f"{part}: {produced} bytes, not {info.file_size}")


def sheet_pieces(archive: zipfile.ZipFile, part: str):
    """The sheet XML in 1 MiB pieces, each ending before a tag the next piece starts."""
    tail = b""
    for piece in inflated(archive, part):
        text = tail + piece
        boundary = text.rfind(b"<", max(0, len(text) - TAG_OVERLAP))
        if boundary < 0:
            yield text
            tail = b""
        else:
            yield text[:boundary]
            tail = text[boundary:]
    yield tail


def quick_extent(archive: zipfile.ZipFile, part: str) -> tuple[Extent, bool]:
    """(the extent of every referenced cell, filled or not; whether every cell has a
    reference)."""
    extent = Extent()
    tags = references = 0
    for text in sheet_pieces(archive, part):
        found = REFERENCE.findall(text)
        references += len(found)
        starts = text.count(b"<c") + text.count(b":c")
        if starts > len(found):  # `<cols>` and the like, counted only where they may be
            starts -= text.count(b"<co") + text.count(b"<cf")
        tags += starts
        if found:
            # Per piece, not per cell, and in C (map, itemgetter): millions of cells.
            extent.rows = max(extent.rows, last_row(list(map(itemgetter(1), found))))
            letters = set(map(itemgetter(0), found))
            extent.columns = max(extent.columns, *map(column_number, letters))
            extent.cells += len(found)
        if not within_limits(extent, 0, 0):
            return extent, False
    return extent, tags <= references


def last_row(numbers: list[bytes]) -> int:
    """The largest row number: as text when all have as many digits (most pieces of a
    sheet), without turning a million numbers into ints."""
    if len(min(numbers, key=len)) == len(max(numbers, key=len)):
        return int(max(numbers))
    return max(map(int, numbers))


def exact_extent(archive: zipfile.ZipFile, part: str) -> Extent:
    """Filled cells only, with rows and cells that carry no reference counted as the next
    row or column (never less than where calamine puts them); refused past a limit."""
    extent = Extent()
    last_row_element = unreferenced_rows = unreferenced_cells = 0
    for text in sheet_pieces(archive, part):
        rows = ROW.findall(text)
        unreferenced_rows += rows.count(b"")
        numbered = [number for number in rows if number]
        if numbered:
            last_row_element = max(last_row_element, *map(int, numbered))
        filled = [(letters, number) for letters, number, empty in CELL.findall(text)
                  if not empty]  # fmt: skip
        extent.cells += len(filled)
        referenced = [(letters, number) for letters, number in filled if letters]
        unreferenced_cells += len(filled) - len(referenced)
        if referenced:
            extent.rows = max(extent.rows, *(int(number) for _, number in referenced))
            extent.columns = max(extent.columns, *map(column_number, {c for c, _ in referenced}))
        if unreferenced_cells:
            extent.rows = max(extent.rows, last_row_element + unreferenced_rows)
        check_extent(extent, unreferenced_cells)
    return extent


def within_limits(extent: Extent, extra_rows: int, extra_columns: int) -> bool:
    rows, columns = extent.rows + extra_rows, extent.columns + extra_columns
    return rows <= MAX_ROWS and columns <= MAX_COLUMNS and rows * columns <= MAX_GRID_CELLS


def check_extent(extent: Extent, unreferenced_cells: int = 0) -> None:
    rows, columns = extent.rows, extent.columns + unreferenced_cells
    # The corner of the filled cells: for the 1.6 KB crash file, its one cell XFD1048576.
    where = f"{column_letters(max(columns, 1))}{max(rows, 1)}"
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise FileRejected(
            "xlsx_cell_out_of_bounds",
            f"Sel terisi lembar kerja menjangkau sampai {where}, di luar batas {MAX_ROWS:,} "
            f"baris dan {MAX_COLUMNS:,} kolom ({column_letters(MAX_COLUMNS)}). Hapus sel "
            "yang tersasar, atau simpan sebagai CSV.",
            f"The sheet's filled cells reach {where}, beyond the limit of {MAX_ROWS:,} rows "
            f"and {MAX_COLUMNS:,} columns ({column_letters(MAX_COLUMNS)}). Delete stray "
            "cells, or save the sheet as CSV.",
        )
    if rows * columns > MAX_GRID_CELLS:
        raise FileRejected(
            "xlsx_too_many_cells",
            f"Sel terisi lembar kerja membentang sampai {where} ({rows:,} baris × {columns:,} "
            f"kolom), lebih dari {MAX_GRID_CELLS:,} sel. Hapus sel yang tersasar, pecah "
            "berkas, atau simpan sebagai CSV.",
            f"The sheet's filled cells span up to {where} ({rows:,} rows × {columns:,} "
            f"columns), over {MAX_GRID_CELLS:,} cells. Delete stray cells, split the file, "
            "or save it as CSV.",
        )

"""The one XLSX writer and the one CSV writer: kinds of cells, streamed files, text forms."""

from __future__ import annotations

import io
import zipfile
from fractions import Fraction

from python_calamine import CalamineWorkbook

from pantau.core.spreadsheet import Column, Workbook, header, write_csv

COLUMNS = (
    Column(header("nama"), "text", lambda item: item[0]),
    Column(header("orang"), "int", lambda item: item[1]),
    Column(header("rupiah"), "money", lambda item: item[2]),
    Column(header("cakupan"), "rate", lambda item: item[3]),
    Column(header("skor"), "number", lambda item: item[4], decimals=1),
)
ITEMS = [("=1+1", 12, 42_000_000, Fraction(2, 3), Fraction(145, 2)), ("Siti", None, 0, None, 3)]


def read(path_or_bytes, sheet: int = 0):
    if isinstance(path_or_bytes, bytes):
        book = CalamineWorkbook.from_filelike(io.BytesIO(path_or_bytes))
    else:
        book = CalamineWorkbook.from_path(str(path_or_bytes))
    return book.get_sheet_by_index(sheet).to_python()


def test_csv_cells_by_kind():
    text = write_csv(COLUMNS, ITEMS).decode("utf-8")
    assert text.startswith("\ufeffnama,orang,rupiah,cakupan,skor\r\n")
    assert text.splitlines()[1:] == ["'=1+1,12,42000000,66.7,72.5", "Siti,,0,,3.0"]


def test_csv_without_bom_for_files_programs_read():
    assert write_csv(COLUMNS, ITEMS, bom=False).startswith(b"nama,")


def test_workbook_in_memory_and_streamed_to_a_file_are_the_same(tmp_path):
    book = Workbook()
    book.table("Data", COLUMNS, ITEMS)
    in_memory = read(book.close())
    streamed = Workbook(tmp_path / "t.xlsx")
    sheet = streamed.table("Data", COLUMNS, ITEMS)
    streamed.line(sheet, 3, "=2 dari 3 baris")
    assert streamed.close() == b""
    on_disk = read(tmp_path / "t.xlsx")
    assert on_disk[:3] == in_memory
    assert in_memory[1] == ["'=1+1", 12.0, 42_000_000.0, 2 / 3, 72.5]
    assert on_disk[3][0] == "'=2 dari 3 baris"


def test_text_columns_keep_what_is_typed_later_as_text(tmp_path):
    book = Workbook(tmp_path / "form.xlsx")
    book.table("Data", COLUMNS[:1], [("6402054507900001",)], text_columns=True, autofilter=False)
    book.close()
    assert read(tmp_path / "form.xlsx") == [["nama"], ["6402054507900001"]]
    with zipfile.ZipFile(tmp_path / "form.xlsx") as archive:
        styles = archive.read("xl/styles.xml").decode()
    assert 'numFmtId="49"' in styles


# Text that XlsxWriter rewrites: XML characters, control characters, a literal escape,
# whitespace at either end, formulas, non-characters, and a cell longer than Excel takes.
AWKWARD = [
    "a & b <c> \"d\" 'e'",
    "tab\tand\nnewline",
    "bell\x07 and \x1f and \r",
    "_x0041_ stays as written",
    "  leading",
    "trailing  ",
    "\u00a0no-break space",
    "=SUM(A1)",
    "@ref",
    "\ufffe\uffff",
    "emoji 😀 NIK 6402054507900001",
    "x" * 40_000,
    "😀" * 20_000,
]
MIXED = (
    Column(header("teks"), "text", lambda item: item[0], 30),
    Column(header("orang"), "int", lambda item: item[1]),
    Column(header("rupiah"), "money", lambda item: item[2]),
    Column(header("cakupan"), "rate", lambda item: item[3]),
    Column(header("skor"), "number", lambda item: item[4], decimals=2),
)


def _items():
    items = []
    for index, text in enumerate(AWKWARD):
        items.append((text, index, 10**17 + index, Fraction(index, 7), index / 3))
        items.append((None, None if index % 2 else 0, "", None, 2**60))
    return items


def _xlsxwriter_table(path, columns, items, text_columns=False):
    """The same table with XlsxWriter writing every cell (`Workbook.cell`): the reference."""
    book = Workbook(path)
    sheet = book.book.add_worksheet("Data")
    header_format = book.bold
    if text_columns:
        header_format = book.book.add_format({"bold": True, "bg_color": "#E8EEF6",
                                              "num_format": 49})  # fmt: skip
    for index, column in enumerate(columns):
        sheet.set_column(index, index, column.width, book.formats["text"] if text_columns else None)
        sheet.write_string(0, index, column.header(), header_format)
    for line, item in enumerate(items, start=1):
        for index, column in enumerate(columns):
            book.cell(sheet, line, index, column, column.value(item), text_columns)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(items)), len(columns) - 1)
    book.line(sheet, len(items) + 1, "1 dari 2")
    book.close()


def _parts(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name != "docProps/core.xml"}  # its time of writing  # fmt: skip


def test_streamed_table_is_what_xlsxwriter_writes_cell_by_cell(tmp_path):
    for text_columns in (False, True):
        items = _items()
        book = Workbook(tmp_path / "fast.xlsx")
        sheet = book.table("Data", MIXED, iter(items), text_columns=text_columns)
        book.line(sheet, len(items) + 1, "1 dari 2")
        book.close()
        _xlsxwriter_table(tmp_path / "reference.xlsx", MIXED, items, text_columns)
        fast, reference = _parts(tmp_path / "fast.xlsx"), _parts(tmp_path / "reference.xlsx")
        assert list(fast) == list(reference)
        for name in reference:
            assert fast[name] == reference[name], name
        assert read(tmp_path / "fast.xlsx") == read(tmp_path / "reference.xlsx")


def test_streamed_tables_of_no_row_and_one_row(tmp_path):
    for items in ([], [("Siti", 1, 2, None, 3)]):
        book = Workbook(tmp_path / "fast.xlsx")
        book.table("Data", MIXED, items)
        book.close()
        _xlsxwriter_table(tmp_path / "reference.xlsx", MIXED, items)
        assert read(tmp_path / "fast.xlsx") == read(tmp_path / "reference.xlsx")[:-1]


def test_streamed_file_keeps_its_private_mode(tmp_path):
    path = tmp_path / "errors.xlsx"
    path.touch(mode=0o600)
    path.chmod(0o600)
    book = Workbook(path)
    book.table("Kesalahan", MIXED, _items())
    book.close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert read(path)[3][0] == "tab\tand\nnewline"

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

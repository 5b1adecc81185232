"""Every number in the PDF's tables is the XLSX cell it comes from: each XLSX row, formatted
as the PDF prints it, is one line of the PDF's text (its numbers in the same order), and
every table row of the PDF is an XLSX row."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from pantau.packs import tables
from tests.packs.files import pdf_pages, sheets

# Sheet → the columns it was written with, and how many leading ones the PDF leaves out
# (the province's name, said by the page's heading).
TABLES = {
    "Kategori": (tables.CATEGORY_COLUMNS, 1),
    "Klaim": (tables.PROGRAM_COLUMNS, 1),
    "Pemda": (tables.PEMDA_COLUMNS, 0),
    "Perubahan": (tables.CHANGE_COLUMNS, 1),
}


def as_printed(column, cell) -> str:
    if cell == "":
        return "–"
    if column.kind == "rate":
        return tables.shown(column, Fraction(str(cell)))
    if column.kind in ("int", "money"):
        assert float(cell).is_integer(), (column.header(), cell)  # typed whole numbers
        return tables.shown(column, int(cell))
    return str(cell)


def line_with(lines: list[str], cells: list[str]) -> str | None:
    """The line holding `cells` in order (a wrapped name's first word starts it)."""
    for line in lines:
        position = 0
        for cell in cells:
            found = line.find(cell, position)
            if found < 0:
                break
            position = found + len(cell)
        else:
            return line
    return None


def test_every_pdf_table_row_is_its_xlsx_row(make_pack):
    made = make_pack("id")
    lines = [line for page in pdf_pages(Path(made["pdf"])) for line in page.splitlines()]
    book = sheets(Path(made["xlsx"]))
    matched = 0
    for sheet, (columns, skip) in TABLES.items():
        header, *rows = book[sheet]
        assert header == tables.headers(columns)
        assert rows, sheet
        for row in rows:
            shown = [as_printed(c, cell) for c, cell in zip(columns, row, strict=True)][skip:]
            kinds = [c.kind for c in columns][skip:]
            # The numbers, and the first word of the leading text cell (names may wrap).
            numbers = [text for text, kind in zip(shown, kinds, strict=True) if kind != "text"]
            first_word = shown[0].split()[0]
            found = line_with(lines, [first_word, *numbers])
            assert found is not None, (sheet, shown)
            matched += 1
    assert matched >= 4 + 4 + 4 + 2 + 2  # categories, programmes, Pemda rows, changes


def test_the_summary_figures_are_the_summary_sheet(make_pack):
    made = make_pack("id")
    pages = pdf_pages(Path(made["pdf"]))
    header, *rows = sheets(Path(made["xlsx"]))["Ringkasan"]
    for row in rows:
        [page] = [p for p in pages if p.lstrip().startswith(f"{row[1]}: ringkasan")]
        for column, cell in list(zip(tables.PROVINCE_COLUMNS, row, strict=True))[2:]:
            assert as_printed(column, cell) in page, (row[1], column.header())

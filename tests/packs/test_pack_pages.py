"""The PDF's pages as printed: A4, nothing drawn in the side or top margins (no table or map
cut off at the edge), no blank page, every page numbered."""

from __future__ import annotations

from pathlib import Path

from tests.packs.files import grey_pages, pdf_pages

RESOLUTION = 30  # pixels per inch: enough to see a table running into the margin
MM = RESOLUTION / 25.4


def dark(pixels: bytes, width: int, columns: range, rows: range) -> int:
    return sum(1 for y in rows for x in columns if pixels[y * width + x] < 200)


def test_every_page_keeps_its_margins_and_has_content(make_pack):
    made = make_pack("id")
    pages = grey_pages(Path(made["pdf"]), RESOLUTION)
    assert len(pages) == made["pages"] >= 1 + 3 * 2 + 2  # cover, 3 per province, actions, notes
    for number, (width, height, pixels) in enumerate(pages, start=1):
        short, long = sorted((width, height))
        assert abs(short - 210 * MM) <= 1 and abs(long - 297 * MM) <= 1, number  # A4
        edge = int(10 * MM)  # the margins are 12–14 mm wide
        assert dark(pixels, width, range(edge), range(height)) == 0, f"page {number}: left"
        assert dark(pixels, width, range(width - edge, width), range(height)) == 0, (
            f"page {number}: right"
        )
        assert dark(pixels, width, range(width), range(edge)) == 0, f"page {number}: top"
        body = range(edge, height - int(20 * MM))  # above the footer
        assert dark(pixels, width, range(edge, width - edge), body) > 50, f"page {number} blank"


def test_every_page_is_numbered(make_pack):
    made = make_pack("id")
    texts = pdf_pages(Path(made["pdf"]))
    assert len(texts) == made["pages"]
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} / {made['pages']}" in text


def test_the_pemda_table_keeps_every_column_and_row(make_pack):
    made = make_pack("id")
    [kaltim] = [p for p in pdf_pages(Path(made["pdf"])) if p.lstrip().startswith(
        "Kalimantan Timur: setiap Pemda")]  # fmt: skip
    header_words = ("Kode", "Pemda", "Angkatan", "Peserta", "UCJ", "Terdaftar", "Terlindungi",
                    "Cakupan", "Belum", "Iuran", "menganggarkan", "Tindak", "Lewat")  # fmt: skip
    for word in header_words:
        assert word in kaltim, word
    # All ten regencies and cities of Kaltim, each on its own line with its code.
    codes = [f"64.{n:02d}" for n in (1, 2, 3, 7, 8, 9, 11, 71, 72, 74)]
    for code in codes:
        assert any(line.lstrip().startswith(code) for line in kaltim.splitlines()), code

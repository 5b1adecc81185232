"""Reading a made pack back: the PDF's text per page (pdftotext, as a reader copies it) and
its pages as pixels (pdftoppm), the XLSX's sheets (python-calamine)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from python_calamine import CalamineWorkbook


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, laid out as printed (a table row on one line)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def sheets(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def grey_pages(path: Path, resolution: int = 30) -> list[tuple[int, int, bytes]]:
    """Every page as (width, height, one byte per pixel, 0 black to 255 white)."""
    out = path.with_suffix(".pgm-pages")
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-gray", str(path), str(out / "p")],
                   check=True)  # fmt: skip
    pages = []
    for file in sorted(out.glob("p-*.pgm")):
        data = file.read_bytes()
        # Binary PGM: "P5\n<width> <height>\n<max>\n" then the pixels.
        magic, size, maximum, pixels = data.split(b"\n", 3)
        assert magic == b"P5" and maximum == b"255"
        width, height = map(int, size.split())
        pages.append((width, height, pixels[: width * height]))
    return pages

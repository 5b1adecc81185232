"""Builders for hostile and unusual files: workbooks written by hand, byte for byte, so a
test controls what a real generator would never write (a cell at XFD1048576, a lying
`<dimension>`, a zip bomb), and CSVs as Excel's "Unicode text" saves them."""

from __future__ import annotations

import codecs
import string
import zipfile
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, 16383 → XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(reference: str, value: object) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"><v>{value}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet_xml(rows: list[list[object]], dimension: str | None = None, extra: str = "") -> str:
    """A worksheet of inline strings and numbers; `extra` is raw XML after the last row."""
    body = []
    for number, cells in enumerate(rows, start=1):
        xml = "".join(
            cell_xml(f"{column_letters(position)}{number}", value)
            for position, value in enumerate(cells)
            if value is not None
        )
        body.append(f'<row r="{number}">{xml}</row>')
    width = max((len(row) for row in rows), default=1)
    dimension = dimension or f"A1:{column_letters(width - 1)}{max(len(rows), 1)}"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{"".join(body)}{extra}</sheetData></worksheet>'
    )


def write_workbook(path: Path, sheet: str, parts: dict[str, bytes | str] | None = None) -> Path:
    """A minimal XLSX around one worksheet's XML (deflated, as Excel writes it); `parts`
    adds parts or replaces the standard ones."""
    standard = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in {**standard, **(parts or {})}.items():
            archive.writestr(name, data)
    return path


def far_cell_workbook(path: Path, rows: list[list[object]], reference: str = "XFD1048576") -> Path:
    """`rows` and one more cell far away: Excel's last cell by default (the 1.6 KB crash)."""
    stray = f'<row r="{reference.lstrip(string.ascii_letters)}">{cell_xml(reference, 1)}</row>'
    return write_workbook(path, sheet_xml(rows, dimension=f"A1:{reference}", extra=stray))


def zip_bomb_workbook(path: Path, rows: list[list[object]], megabytes: int = 600) -> Path:
    """A real sheet beside a part that inflates from under a megabyte to `megabytes` MB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml(rows))
        with archive.open("xl/media/padding.bin", "w", force_zip64=True) as handle:
            block = b"\0" * (1 << 20)
            for _ in range(megabytes):
                handle.write(block)
    return path


def excel_unicode_text(path: Path, rows: list[list[str]], *, big_endian: bool = False,
                       delimiter: str = "\t") -> Path:  # fmt: skip
    """What Excel's "Unicode text" writes: UTF-16 with a BOM, CRLF line ends, tabs."""
    text = "\r\n".join(delimiter.join(cells) for cells in rows) + "\r\n"
    if big_endian:
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    path.write_bytes(data)
    return path


def shared_strings_workbook(path: Path, rows: list[list[object]], unique_count: int) -> Path:
    """`rows` with its texts in a shared-string table that declares `unique_count` strings
    (calamine reserves 24 bytes for each before reading one)."""
    texts = sorted({str(v) for row in rows for v in row if isinstance(v, str)})
    index = {text: number for number, text in enumerate(texts)}
    table = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(texts)}" uniqueCount="{unique_count}">'
        + "".join(f"<si><t>{text}</t></si>" for text in texts)
        + "</sst>"
    )
    body = "".join(
        f'<row r="{number}">'
        + "".join(
            f'<c r="{column_letters(position)}{number}" t="s"><v>{index[value]}</v></c>'
            for position, value in enumerate(cells)
        )
        + "</row>"
        for number, cells in enumerate(rows, start=1)
    )
    sheet = sheet_xml([]).replace("<sheetData></sheetData>", f"<sheetData>{body}</sheetData>")
    rels = WORKBOOK_RELS.replace(
        "</Relationships>",
        '<Relationship Id="rId2" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    return write_workbook(
        path, sheet, {"xl/sharedStrings.xml": table, "xl/_rels/workbook.xml.rels": rels}
    )


def understated_workbook(path: Path, rows: list[list[object]], hidden: str) -> Path:
    """A sheet whose zip headers declare only the part before `hidden` (raw XML at its end),
    with that part's CRC: a reader that trusts the declared size never sees `hidden`."""
    import struct
    import zlib

    xml = sheet_xml(rows, extra=hidden)
    shown = xml[: xml.index(hidden)].encode()
    write_workbook(path, xml)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    crc = zlib.crc32(shown)
    for signature, crc_at, size_at in ((b"PK\x03\x04", 14, 22), (b"PK\x01\x02", 16, 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, start + crc_at, crc)
                struct.pack_into("<I", data, start + size_at, len(shown))
            start += 4
    path.write_bytes(bytes(data))
    return path

"""A one-page PDF written by hand (PDF 1.4, a correct cross-reference table): the demo's
evidence files, and the tests' (`tests/budgets/budget_files.make_pdf`). Pages and briefing
packs are rendered by WeasyPrint, not here."""

from __future__ import annotations


def one_page_pdf(text: str, pad: int = 0) -> bytes:
    """A page that reads `text` (Helvetica, Latin-1; parentheses and backslashes dropped);
    `pad` adds bytes to its content stream (for size limits)."""
    shown = text.replace("\\", "").replace("(", "").replace(")", "")
    content = f"BT /F1 12 Tf 72 760 Td ({shown}) Tj ET\n".encode("latin-1", "replace") + b"%" * pad
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)

"""The pack as a PDF: A4 portrait, WeasyPrint, from one template (`packs/pack.html`).

What the browser's print of a page got wrong, and how the template avoids it: the map is an
SVG drawn here (`map.py`) at a fixed size with its legend inside its frame; the Pemda table
is on landscape pages with its header repeated on each page and no row split between pages;
every section names its data month and category; page numbers at the foot; a page break
only before a section, never after the last one (no blank page).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.display import day_label, moment_label, month_label
from pantau.packs import tables
from pantau.packs.map import choropleth_svg
from pantau.packs.snapshot import Pack


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # right-aligned columns
    testid: str

    @property
    def head(self) -> list[tuple[str, bool]]:
        return list(zip(self.headers, self.numeric, strict=True))

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]


def table(columns, items, testid: str, skip: int = 0) -> Table:
    """A table of the pack; `skip` leaves out leading columns the section's heading says
    (the province's name on its own page)."""
    columns = columns[skip:]
    return Table(
        headers=tables.headers(columns),
        rows=tables.rows(columns, items),
        numeric=[c.kind in ("int", "money", "rate") for c in columns],
        testid=testid,
    )


def css_string(text: str) -> str:
    """`text` as a quoted CSS string (the page footer's meeting title comes from a person):
    every character that could end the string or the rule is a hex escape."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\\n\r{}<>' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def context(pack: Pack) -> dict:
    pages = []
    for page in pack.provinces:
        figures = [
            (column.header(), tables.shown(column, column.value(page)))
            for column in tables.PROVINCE_COLUMNS[2:]
        ]
        pages.append(
            {
                "page": page,
                "figures": figures,
                "categories": table(
                    tables.CATEGORY_COLUMNS,
                    [(page, line) for line in page.categories],
                    f"categories-{page.code}",
                    skip=1,
                ),
                "programs": table(
                    tables.PROGRAM_COLUMNS,
                    [(page, line) for line in page.programs],
                    f"programs-{page.code}",
                    skip=1,
                ),
                "change": table(
                    tables.CHANGE_COLUMNS, [(page, page.change)], f"change-{page.code}", skip=1
                )
                if page.change
                else None,
                "pemda": table(tables.PEMDA_COLUMNS, page.pemda, f"pemda-{page.code}"),
                "map": choropleth_svg(
                    [page.code],
                    page.map_values,
                    legend_title=_("Cakupan UCJ (peserta aktif / angkatan kerja)"),
                    no_figure=_("Belum ada angka"),
                ),
            }
        )
    return {
        "pack": pack,
        "meeting": pack.meeting,
        "day": day_label(pack.meeting.held_on),
        "footer": css_string(f"{pack.meeting.title} · {day_label(pack.meeting.held_on)}"),
        "as_of": month_label(pack.as_of) if pack.as_of else None,
        "claims_first": month_label(pack.claims_first),
        "claims_last": month_label(pack.claims_last),
        "computed_at": moment_label(pack.vintage.computed_at)
        if pack.vintage and pack.vintage.computed_at
        else None,
        "claims_computed_at": moment_label(pack.claims_computed_at)
        if pack.claims_computed_at
        else None,
        "made_at": moment_label(timezone.now()),
        "pages": pages,
        "actions": table(tables.ACTION_COLUMNS, pack.actions, "actions"),
    }


def render(pack: Pack) -> tuple[bytes, int]:
    """The PDF's bytes and its number of pages, in the active language."""
    import weasyprint  # a second to import: only when a pack is made

    values = context(pack)
    html = render_to_string("packs/pack.html", values)
    # Apart from the HTML, which so holds no inline style (the site's CSP rule for templates).
    css = weasyprint.CSS(string=render_to_string("packs/pack.css", values))
    document = weasyprint.HTML(string=html).render(stylesheets=[css])
    return document.write_pdf(), len(document.pages)

"""The briefing pack's choropleth: the regencies and cities of some provinces, as an SVG string.

The pack is a PDF rendered by WeasyPrint, so the map is drawn here, on the server, from the
simplified outlines the dashboard ships (`dashboard.geometry`): no browser, no GIS library,
nothing from the network. The SVG goes inline into the pack's HTML with `width="100%"`, so it
scales to the page's content width (about 180 mm on A4 portrait for the default 680 x 480
viewBox, where one unit is about 0.27 mm: the font sizes below are chosen for that).

Colours follow the dashboard (ColorBrewer YlGnBu, 7 classes; grey for "no figure yet") but
with fixed class breaks rather than the dashboard's equal bins over the values on screen: a
printed pack is compared with last meeting's on paper, so 50 % must have the same colour in
every pack. Breaks, in percent, lower bound included: 0–20, 20–35, 35–50, 50–65, 65–80,
80–100, 100 and above (a share can pass 100 % when the workforce estimate lags).

Everything is drawn inside the viewBox: the map in its own box, the legend in a strip beside
or below it (whichever leaves the map larger), a thin frame around the whole. Each region is a
`<path data-code="64.01">` with a `<title>` (name and value) and, where room allows, a label
with its value in whole percent; the names are in the table that follows the map in the pack.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pantau.dashboard.geometry import geometry_path

# The dashboard's palette (dashboard.js SEQUENTIAL, NO_DATA): dark is always "better".
PALETTE = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84")
NO_FIGURE_COLOUR = "#d9d9d9"
# The upper bounds, in percent, of every class but the last (a class includes its lower bound).
BREAKS = (20, 35, 50, 65, 80, 100)

TEXT_COLOUR = "#1d2433"
FRAME_COLOUR = "#8a8f99"
FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif"
MARGIN = 8.0  # between the frame and whatever is drawn inside it
LABEL_SIZE = 10.0
LEGEND_SIZE = 11.0
LEGEND_TITLE_SIZE = 12.0
SWATCH = 12.0
ROW = 17.0  # the height of a legend row
# DejaVu Sans (the pack's font) advances about 0.64 em for a digit: text widths are estimated
# from it, generously, since the layout must be known before any font is at hand.
CHAR_WIDTH = 0.64

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]  # the outer ring, then its holes


@dataclass(frozen=True)
class Regency:
    code: str
    name: str
    polygons: tuple[Polygon, ...]  # in longitude, latitude


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box) -> bool:
        return not (
            self.x + self.width <= other.x
            or other.x + other.width <= self.x
            or self.y + self.height <= other.y
            or other.y + other.height <= self.y
        )


def class_index(value: Fraction | None) -> int | None:
    """The colour class of a share (0 for below 20 %, 6 for 100 % and above), None without one."""
    if value is None:
        return None
    percent = value * 100
    return sum(percent >= bound for bound in BREAKS)


def class_colour(value: Fraction | None) -> str:
    index = class_index(value)
    return NO_FIGURE_COLOUR if index is None else PALETTE[index]


def class_labels() -> list[str]:
    """The legend's text for each class: "0–20 %" … "≥ 100 %" (whole numbers in any language)."""
    lowers = (0, *BREAKS)
    labels = [f"{low}–{high} %" for low, high in zip(lowers, BREAKS, strict=False)]
    return [*labels, f"≥ {BREAKS[-1]} %"]


def format_percent(value: Fraction, language: str, decimals: int = 0) -> str:
    """A share in percent, rounded half up: "67 %", "67,5 %" in Indonesian, "67.5 %" in English."""
    scaled = math.floor(value * 100 * 10**decimals + Fraction(1, 2))
    sign, scaled = ("-", -scaled) if scaled < 0 else ("", scaled)
    whole, fraction = divmod(scaled, 10**decimals)
    text = f"{sign}{whole}"
    if decimals:
        text += ("," if language.startswith("id") else ".") + f"{fraction:0{decimals}d}"
    return f"{text} %"


@functools.lru_cache(maxsize=64)
def _regencies(path: Path) -> tuple[Regency, ...]:
    """The regencies in one geometry file; cached per file, as the files change only by release."""
    collection = json.loads(gzip.decompress(path.read_bytes()))
    regencies = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        coordinates = geometry["coordinates"]
        polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
        regencies.append(
            Regency(
                code=feature["properties"]["code"],
                name=feature["properties"]["name"],
                polygons=tuple(
                    tuple(tuple((float(lon), float(lat)) for lon, lat, *_ in ring) for ring in p)
                    for p in polygons
                ),
            )
        )
    return tuple(regencies)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH


def _num(value: float) -> str:
    """One decimal at most, to keep the SVG small: "12.3", "12", never "-0"."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


class _Projection:
    """Equirectangular, longitude shrunk by the cosine of the middle latitude, fitted into a
    box with its aspect kept and centred; y grows downwards as in SVG."""

    def __init__(self, regencies: list[Regency], box: Box) -> None:
        lons = [lon for r in regencies for p in r.polygons for lon, _ in p[0]]
        lats = [lat for r in regencies for p in r.polygons for _, lat in p[0]]
        self.west, self.north = min(lons), max(lats)
        self.shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = max((max(lons) - self.west) * self.shrink, 1e-9)
        span_y = max(self.north - min(lats), 1e-9)
        self.scale = min(box.width / span_x, box.height / span_y)
        self.left = box.x + (box.width - span_x * self.scale) / 2
        self.top = box.y + (box.height - span_y * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> Point:
        x = self.left + (lon - self.west) * self.shrink * self.scale
        y = self.top + (self.north - lat) * self.scale
        return round(x, 1), round(y, 1)


def _project_ring(ring: Ring, project: _Projection) -> list[Point]:
    points: list[Point] = []
    for lon, lat in ring:
        point = project(lon, lat)
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()  # "Z" closes the ring
    return points


def _project_polygon(polygon: Polygon, project: _Projection) -> list[list[Point]]:
    """The polygon's rings in the drawing, without those that shrink below a triangle at this
    scale (the small islands of a whole-country map); nothing if its outer ring does."""
    rings = [_project_ring(ring, project) for ring in polygon]
    if len(rings[0]) < 3:
        return []
    return [ring for ring in rings if len(ring) >= 3]


def _area(ring: list[Point]) -> float:
    edges = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in edges)) / 2


def _label_point(polygon: list[list[Point]]) -> Point:
    """A point inside the polygon: the middle of the widest stretch of the horizontal line
    through its box's centre (the box's centre itself can fall in a bay or outside a crescent)."""
    outer = polygon[0]
    ys = [y for _, y in outer]
    middle = (min(ys) + max(ys)) / 2
    crossings = []
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 <= middle) != (y1 <= middle):
                crossings.append(x0 + (middle - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    if not stretches:
        xs = [x for x, _ in outer]
        return (min(xs) + max(xs)) / 2, middle
    left, right = max(stretches, key=lambda s: s[1] - s[0])
    return (left + right) / 2, middle


def _legend_entries(no_figure: str) -> list[tuple[str, str]]:
    return [*zip(PALETTE, class_labels(), strict=True), (NO_FIGURE_COLOUR, no_figure)]


def _layout(
    regencies: list[Regency], entries: list[tuple[str, str]], title: str, width: float,
    height: float,
) -> tuple[_Projection, Box, Box, int]:  # fmt: skip
    """The projection, the map's box, the legend's box and its number of columns: the legend
    to the right
    (one column) or at the bottom (as many columns as fit), whichever leaves the larger map."""
    entry_width = SWATCH + 6 + max(_text_width(text, LEGEND_SIZE) for _, text in entries)
    title_width = _text_width(title, LEGEND_TITLE_SIZE)
    inner_width, inner_height = width - 2 * MARGIN, height - 2 * MARGIN
    layouts = []

    right_width = max(entry_width, title_width)
    right_height = ROW * (1 + len(entries))
    if right_width <= inner_width * 0.45 and right_height <= inner_height:
        legend = Box(width - MARGIN - right_width, MARGIN, right_width, right_height)
        area = Box(MARGIN, MARGIN, inner_width - right_width - MARGIN, inner_height)
        layouts.append((_Projection(regencies, area), area, legend, 1))

    columns = max(1, min(len(entries), int((inner_width + 12) // (entry_width + 12))))
    rows = math.ceil(len(entries) / columns)
    bottom_height = ROW * (1 + rows)
    legend = Box(MARGIN, height - MARGIN - bottom_height, inner_width, bottom_height)
    area = Box(MARGIN, MARGIN, inner_width, inner_height - bottom_height - MARGIN)
    layouts.append((_Projection(regencies, area), area, legend, columns))
    return max(layouts, key=lambda layout: layout[0].scale)


def _legend_svg(box: Box, columns: int, title: str, entries: list[tuple[str, str]]) -> list[str]:
    column_width = box.width if columns == 1 else (box.width + 12) / columns
    parts = [
        f'<g class="legend" fill="{TEXT_COLOUR}">',
        f'<text x="{_num(box.x)}" y="{_num(box.y + LEGEND_TITLE_SIZE)}" '
        f'font-size="{_num(LEGEND_TITLE_SIZE)}" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (colour, text) in enumerate(entries):
        x = box.x + (index % columns) * column_width
        y = box.y + ROW * (1 + index // columns) + (ROW - SWATCH) / 2
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(SWATCH)}" height="{_num(SWATCH)}" '
            f'fill="{colour}" stroke="{FRAME_COLOUR}" stroke-width="0.5"/>'
            f'<text x="{_num(x + SWATCH + 5)}" y="{_num(y + SWATCH - 2)}" '
            f'font-size="{_num(LEGEND_SIZE)}">{escape(text)}</text>'
        )
    parts.append("</g>")
    return parts


def _place_label(point: Point, text: str, map_box: Box, taken: list[Box]) -> Box | None:
    """The label's box at the point, or just above, below or beside it if another label is
    there; None when all are taken (the value is still in the title and in the pack's table)."""
    label_width = _text_width(text, LABEL_SIZE) + 2
    label_height = LABEL_SIZE + 2
    x, y = point
    for dx, dy in ((0, 0), (0, -1), (0, 1), (-0.6, 0), (0.6, 0)):
        left = x - label_width / 2 + dx * label_width
        top = y - label_height / 2 + dy * label_height
        # Kept inside the map's box, so no label runs into the legend or off the frame.
        left = min(max(left, map_box.x), map_box.x + map_box.width - label_width)
        top = min(max(top, map_box.y), map_box.y + map_box.height - label_height)
        box = Box(left, top, label_width, label_height)
        if not any(box.overlaps(other) for other in taken):
            return box
    return None


def choropleth_svg(
    province_codes: list[str],
    values: dict[str, Fraction | None],
    *,
    legend_title: str,
    no_figure: str,
    language: str = "id",
    width: float = 680,
    height: float = 480,
) -> str:
    """The regencies and cities of the provinces, coloured by their share in `values`.

    `values` maps a regency's code ("64.01") to a share (0.5 for 50 %), or to None or nothing
    for "no figure yet", drawn grey and named in the legend by `no_figure`. `width` and
    `height` are the viewBox's; the SVG itself is as wide as its container. An unknown province
    raises `KeyError` (from `geometry_path`).
    """
    regencies = [
        regency
        for code in province_codes
        for regency in _regencies(geometry_path("regencies", code))
    ]
    entries = _legend_entries(no_figure)
    project, map_box, legend_box, columns = _layout(regencies, entries, legend_title, width, height)

    paths, labels = [], []
    for regency in regencies:
        value = values.get(regency.code)
        polygons = [_project_polygon(polygon, project) for polygon in regency.polygons]
        polygons = [rings for rings in polygons if rings]
        data = "".join(
            "M" + "L".join(f"{_num(x)} {_num(y)}" for x, y in ring) + "Z"
            for rings in polygons
            for ring in rings
        )
        shown = no_figure if value is None else format_percent(value, language, decimals=1)
        paths.append(
            f'<path data-code={quoteattr(regency.code)} fill="{class_colour(value)}" '
            f'd="{data}"><title>{escape(regency.name)}: {escape(shown)}</title></path>'
        )
        if value is not None and polygons:
            largest = max(polygons, key=lambda rings: _area(rings[0]))
            labels.append((_area(largest[0]), _label_point(largest), regency.code, value))

    # The smallest regions (the cities) choose first: the large ones have room to move.
    taken: list[Box] = []
    halos, texts = [], []
    for _, point, code, value in sorted(labels, key=lambda label: label[0]):
        text = format_percent(value, language)
        box = _place_label(point, text, map_box, taken)
        if box is None:
            continue
        taken.append(box)
        x, y = _num(box.x + box.width / 2), _num(box.y + box.height / 2 + LABEL_SIZE * 0.35)
        attributes = f'x="{x}" y="{y}" data-code={quoteattr(code)}'
        halos.append(f"<text {attributes}>{escape(text)}</text>")
        texts.append(f"<text {attributes}>{escape(text)}</text>")

    view = f"0 0 {_num(width)} {_num(height)}"
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view}" width="100%" '
            f'role="img" font-family="{FONT_FAMILY}">',
            f"<title>{escape(legend_title)}</title>",
            '<g class="regions" stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round" '
            'fill-rule="evenodd">',
            *paths,
            "</g>",
            # The halo is a white copy drawn first, not paint-order: WeasyPrint ignores it.
            f'<g class="halos" font-size="{_num(LABEL_SIZE)}" text-anchor="middle" '
            'fill="#ffffff" stroke="#ffffff" stroke-width="2.5" stroke-linejoin="round">',
            *halos,
            "</g>",
            f'<g class="labels" font-size="{_num(LABEL_SIZE)}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">',
            *texts,
            "</g>",
            *_legend_svg(legend_box, columns, legend_title, entries),
            f'<rect class="frame" x="0.5" y="0.5" width="{_num(width - 1)}" '
            f'height="{_num(height - 1)}" fill="none" stroke="{FRAME_COLOUR}" stroke-width="1"/>',
            "</svg>",
        ]
    )

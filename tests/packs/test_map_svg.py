"""The pack's choropleth (`packs.map`): a well-formed SVG, every regency once, the right
colours, the legend inside the frame and clear of the map, data escaped, and a PDF page
(WeasyPrint, then poppler's pdftoppm) with nothing outside the page's margins."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from fractions import Fraction

import pytest
import weasyprint

from pantau.dashboard.geometry import feature_codes, geometry_path
from pantau.packs import map as pack_map

SVG = "{http://www.w3.org/2000/svg}"
KALIMANTAN = ["64", "65"]


def draw(codes=KALIMANTAN, values=None, **options) -> ET.Element:
    svg = pack_map.choropleth_svg(
        codes,
        values or {},
        legend_title=options.pop("legend_title", "Cakupan UCJ (%)"),
        no_figure=options.pop("no_figure", "Belum ada angka"),
        **options,
    )
    return ET.fromstring(svg)


def paths_by_code(root: ET.Element) -> dict[str, ET.Element]:
    return {path.get("data-code"): path for path in root.iter(f"{SVG}path")}


def view_box(root: ET.Element) -> tuple[float, float, float, float]:
    x, y, width, height = map(float, root.get("viewBox").split())
    return x, y, x + width, y + height


def paths_bounds(root: ET.Element) -> tuple[float, float, float, float]:
    numbers = [
        float(n) for path in root.iter(f"{SVG}path") for n in re.findall(r"-?[\d.]+", path.get("d"))
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def text_box(text: ET.Element) -> tuple[float, float, float, float]:
    """A generous box around a legend text (anchored at its start, y on the baseline)."""
    size = float(text.get("font-size"))
    x, y = float(text.get("x")), float(text.get("y"))
    return x, y - size, x + len(text.text) * size * 0.64, y + size * 0.25


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(box, outer) -> bool:
    return outer[0] <= box[0] and outer[1] <= box[1] and box[2] <= outer[2] and box[3] <= outer[3]


def test_every_regency_of_both_provinces_appears_once():
    root = draw()
    drawn = Counter(path.get("data-code") for path in root.iter(f"{SVG}path"))
    expected = feature_codes(geometry_path("regencies", "64")) + feature_codes(
        geometry_path("regencies", "65")
    )
    assert len(expected) == 15
    assert drawn == Counter(expected)
    assert root.get("width") == "100%"


def test_values_take_their_class_colour_and_missing_ones_are_grey():
    values = {
        "64.01": Fraction(67, 100),  # 65–80 %
        "64.02": Fraction(1, 5),  # exactly 20 %: the lower bound belongs to its class
        "64.03": Fraction(1999, 10000),  # just under 20 %
        "64.07": Fraction(6, 5),  # above 100 %: the workforce estimate lags
        "64.08": None,
    }
    paths = paths_by_code(draw(values=values))
    assert paths["64.01"].get("fill") == "#1d91c0"
    assert paths["64.02"].get("fill") == "#c7e9b4"
    assert paths["64.03"].get("fill") == "#ffffcc"
    assert paths["64.07"].get("fill") == "#0c2c84"
    assert paths["64.08"].get("fill") == "#d9d9d9"  # None
    assert paths["65.01"].get("fill") == "#d9d9d9"  # not in values at all
    assert paths["64.01"].find(f"{SVG}title").text == "Kabupaten Paser: 67,0 %"
    assert paths["64.08"].find(f"{SVG}title").text.endswith(": Belum ada angka")


@pytest.mark.parametrize(
    ("codes", "legend_at"),
    [(KALIMANTAN, "right"), (["35"], "bottom")],  # a tall map and a wide one
)
def test_legend_lies_inside_the_frame_and_clear_of_the_map(codes, legend_at):
    root = draw(codes, legend_title="Cakupan UCJ (%)", no_figure="Belum ada angka")
    frame = view_box(root)
    regions = paths_bounds(root)
    assert inside(regions, frame)
    legend = root.find(f"{SVG}g[@class='legend']")
    swatches = legend.findall(f"{SVG}rect")
    texts = legend.findall(f"{SVG}text")
    assert [rect.get("fill") for rect in swatches] == [*pack_map.PALETTE, "#d9d9d9"]
    assert [text.text for text in texts] == [
        "Cakupan UCJ (%)",
        "0–20 %",
        "20–35 %",
        "35–50 %",
        "50–65 %",
        "65–80 %",
        "80–100 %",
        "≥ 100 %",
        "Belum ada angka",
    ]
    boxes = [text_box(text) for text in texts]
    for rect in swatches:
        x, y, width, height = (float(rect.get(a)) for a in ("x", "y", "width", "height"))
        boxes.append((x, y, x + width, y + height))
    for box in boxes:
        assert inside(box, frame), box
        assert not overlaps(box, regions), box
    if legend_at == "right":
        assert min(box[0] for box in boxes) > regions[2]
    else:
        assert min(box[1] for box in boxes) > regions[3]


def test_labels_show_the_value_and_do_not_collide():
    codes = [
        code
        for province in KALIMANTAN
        for code in feature_codes(geometry_path("regencies", province))
    ]
    values = {code: Fraction(i * 7, 100) for i, code in enumerate(codes)}
    root = draw(values=values, language="en")
    labels = root.find(f"{SVG}g[@class='labels']").findall(f"{SVG}text")
    assert len(labels) >= 12  # most of the 15 regions have room for a label
    assert {label.text for label in labels} <= {f"{i * 7} %" for i in range(15)}
    regions = paths_bounds(root)
    boxes = []
    for label in labels:
        x, y, size = float(label.get("x")), float(label.get("y")), 10
        half = len(label.text) * size * 0.64 / 2
        boxes.append((x - half, y - size * 0.85, x + half, y + size * 0.15))
        assert regions[0] - half <= x <= regions[2] + half
    for i, box in enumerate(boxes):
        assert not any(overlaps(box, other) for other in boxes[i + 1 :])


def test_text_from_the_data_is_escaped(tmp_path, monkeypatch):
    name = 'Kota <Uji> & "Coba"'
    square = [[[117.0, 0.0], [117.5, 0.0], [117.5, 0.5], [117.0, 0.5], [117.0, 0.0]]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": '64.7"1', "name": name},
                "geometry": {"type": "Polygon", "coordinates": square},
            }
        ],
    }
    fake = tmp_path / "64.json.gz"
    fake.write_bytes(gzip.compress(json.dumps(collection).encode()))
    monkeypatch.setattr(pack_map, "geometry_path", lambda level, code: fake)
    svg = pack_map.choropleth_svg(
        ["64"], {'64.7"1': None}, legend_title="A < B & C", no_figure="<none>"
    )
    assert "<Uji>" not in svg and "<none>" not in svg
    root = ET.fromstring(svg)
    (path,) = root.iter(f"{SVG}path")
    assert path.get("data-code") == '64.7"1'
    assert path.find(f"{SVG}title").text == f"{name}: <none>"
    assert root.find(f"{SVG}title").text == "A < B & C"


def test_an_unknown_province_is_a_key_error():
    with pytest.raises(KeyError):
        pack_map.choropleth_svg(["99"], {}, legend_title="x", no_figure="y")


def test_percent_is_rounded_half_up_with_the_language_decimal_mark():
    assert pack_map.format_percent(Fraction(675, 1000), "id", decimals=1) == "67,5 %"
    assert pack_map.format_percent(Fraction(675, 1000), "en", decimals=1) == "67.5 %"
    assert pack_map.format_percent(Fraction(1, 200), "id") == "1 %"  # 0.5 % up, not to even
    assert pack_map.format_percent(Fraction(1, 400), "id", decimals=1) == "0,3 %"
    assert pack_map.format_percent(Fraction(0), "en") == "0 %"


def test_the_map_prints_on_one_page_inside_the_margins(tmp_path):
    values = {"64.01": Fraction(2, 5), "64.72": Fraction(9, 10), "65.01": None}
    svg = pack_map.choropleth_svg(
        KALIMANTAN, values, legend_title="Cakupan UCJ (%)", no_figure="Belum ada angka"
    )
    html = (
        "<html><head><style>@page { size: A4; margin: 15mm } body { margin: 0 }</style>"
        f"</head><body>{svg}</body></html>"
    )
    pdf = tmp_path / "map.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    subprocess.run(["pdftoppm", "-r", "50", "-gray", pdf, tmp_path / "page"], check=True)
    pages = sorted(tmp_path.glob("page*.pgm"))
    assert len(pages) == 1

    header, width, height, pixels = read_pgm(pages[0].read_bytes())
    dots = [(i % width, i // width) for i, grey in enumerate(pixels) if grey < 240]
    xs, ys = [x for x, _ in dots], [y for _, y in dots]
    margin = 15 / 25.4 * 50  # 15 mm at 50 dpi
    assert (width, height) == (pytest.approx(210 / 25.4 * 50, abs=1), 585)  # A4
    assert min(xs) >= margin - 1.5 and max(xs) <= width - margin + 1.5
    assert min(ys) >= margin - 1.5 and max(ys) <= height - margin + 1.5
    # The frame spans the content's width (180 mm): the SVG is scaled to it, not cut off.
    content = 180 / 25.4 * 50
    assert max(xs) - min(xs) == pytest.approx(content, abs=3)
    assert max(ys) - min(ys) == pytest.approx(content * 480 / 680, abs=3)


def read_pgm(data: bytes) -> tuple[bytes, int, int, bytes]:
    """A binary PGM ("P5"): a text header of magic, width, height, maximum, then one byte a
    pixel."""
    fields = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert fields and fields.group(4) == b"255"
    return fields.group(1), int(fields.group(2)), int(fields.group(3)), data[fields.end() :]

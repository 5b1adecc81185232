"""Kaltim and Kaltara side by side: three months of numbers for the compare page's tests
(written straight into the aggregate tables, `coverage_data.publish`), and a look into the
XLSX files it downloads."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from tests.dashboard.coverage_data import publish

# (active members, workforce): Kaltim 2,128 / 3,176 = 67.0 %, Kaltara 357 / 700 = 51.0 %.
JULY_2022 = {
    "members": {"": (11_000, 20_000), "64": (2_128, 3_176), "65": (357, 700),
                "64.02": (900, None)},
    "lists": {("64", "non_asn"): (100, 70, 10, 20, 3_000_000),
              ("64", "village_official"): (40, 30, 5, 5, 600_000),
              ("64.02", "non_asn"): (80, 60, 8, 12, 1_234_567),
              ("65", "non_asn"): (50, 30, 5, 15, 1_000_000)},
}  # fmt: skip
JUNE_2022 = {
    "members": {"": (10_900, 20_000), "64": (2_100, 3_176), "65": (350, 700)},
    "lists": {("64", "non_asn"): (100, 65, 10, 25, 3_300_000),
              ("65", "non_asn"): (50, 28, 6, 16, 1_100_000)},
}  # fmt: skip
JULY_2021 = {
    "members": {"": (10_000, 20_000), "64": (2_000, 3_176), "65": (300, 700),
                "64.02": (1_000, None)},
    "lists": {("64", "non_asn"): (100, 60, 10, 30, 3_600_000),
              ("64.02", "non_asn"): (80, 40, 20, 20, 2_400_000),
              ("65", "non_asn"): (50, 20, 10, 20, 1_500_000)},
}  # fmt: skip


def publish_kalimantan() -> None:
    publish("2021-07", **JULY_2021)
    publish("2022-06", **JUNE_2022)
    publish("2022-07", **JULY_2022)


XML = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def cell_format(content: bytes, sheet: int, cell: str) -> str:
    """The number format a cell is shown with (`0.0%`, `#,##0`, …), sheets counted from 1."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{sheet}.xml"))
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    found = xml.find(f".//x:c[@r='{cell}']", XML)
    style = int(found.get("s", 0))
    format_id = styles.find("x:cellXfs", XML)[style].get("numFmtId")
    custom = styles.find(f"x:numFmts/x:numFmt[@numFmtId='{format_id}']", XML)
    return custom.get("formatCode") if custom is not None else format_id


def cell_type(content: bytes, sheet: int, cell: str) -> str:
    """`n` for a number, `s` for a (shared) string."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = ElementTree.fromstring(archive.read(f"xl/worksheets/sheet{sheet}.xml"))
    return xml.find(f".//x:c[@r='{cell}']", XML).get("t", "n")

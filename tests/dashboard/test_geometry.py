"""The shipped choropleth geometry covers every region exactly once, and stays small.

The region list comes from the file shipped inside the package (`pantau/regions/data/`), not
from the database or /work/shared, so these tests need neither.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import pantau.regions
from pantau.dashboard.geometry import (
    GEO_DIR,
    feature_codes,
    geometry_etag,
    geometry_path,
)

REGIONS_FILE = Path(pantau.regions.__file__).parent / "data" / "regions.csv.gz"

PROVINCE_JSON_MAX = 400_000
REGENCY_JSON_MAX = 150_000
REGENCY_JSON_TOTAL_MAX = 3_000_000


@cache
def region_names() -> dict[str, str]:
    """Code -> name for provinces (`NN`) and regencies/cities (`NN.NN`)."""
    with gzip.open(REGIONS_FILE, "rt", encoding="utf-8", newline="") as fh:
        return {
            row["code"]: row["name"]
            for row in csv.DictReader(fh)
            if re.fullmatch(r"[0-9]{2}(\.[0-9]{2})?", row["code"])
        }


def province_codes() -> list[str]:
    return sorted(code for code in region_names() if "." not in code)


def regencies_by_province() -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for code in region_names():
        if "." in code:
            grouped[code[:2]].append(code)
    return {prov: sorted(codes) for prov, codes in grouped.items()}


def load(path: Path) -> tuple[bytes, dict]:
    raw = gzip.decompress(path.read_bytes())
    return raw, json.loads(raw)


def test_region_list_is_the_full_kemendagri_list():
    assert len(province_codes()) == 38
    assert sum(len(codes) for codes in regencies_by_province().values()) == 514
    assert sorted(regencies_by_province()) == province_codes()


def test_every_province_has_exactly_one_feature():
    codes = feature_codes(geometry_path("provinces"))
    assert codes == province_codes()  # sorted, no duplicates, nothing missing or extra


@pytest.mark.parametrize("province", province_codes())
def test_every_regency_has_exactly_one_feature_in_its_province_file(province):
    codes = feature_codes(geometry_path("regencies", province))
    assert codes == regencies_by_province()[province]


def test_no_regency_file_without_a_province():
    shipped = sorted(p.name for p in (GEO_DIR / "regencies").iterdir())
    assert shipped == [f"{code}.json.gz" for code in province_codes()]


def all_paths() -> list[Path]:
    return [geometry_path("provinces")] + [
        geometry_path("regencies", code) for code in province_codes()
    ]


@pytest.mark.parametrize("path", all_paths(), ids=lambda p: p.name)
def test_file_is_compact_gzip_geojson_with_code_and_name_only(path):
    raw, collection = load(path)
    assert collection["type"] == "FeatureCollection"
    assert collection["features"]
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        props = feature["properties"]
        assert set(props) == {"code", "name"}
        assert props["name"] == region_names()[props["code"]]
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert feature["geometry"]["coordinates"]
    compact = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    assert raw == compact
    assert not re.search(rb"\d\.\d{5,}", raw)  # coordinates rounded to at most 4 decimals
    with gzip.open(path) as fh:  # a plain gzip stream, readable by any client
        assert fh.read() == raw


def test_sizes_stay_under_the_targets():
    raw, _ = load(geometry_path("provinces"))
    assert len(raw) < PROVINCE_JSON_MAX
    sizes = [len(load(geometry_path("regencies", code))[0]) for code in province_codes()]
    assert max(sizes) < REGENCY_JSON_MAX
    assert sum(sizes) < REGENCY_JSON_TOTAL_MAX


def test_gzip_header_is_reproducible():
    """mtime 0 and no file name: rebuilding the files gives identical bytes (and etags)."""
    for path in all_paths():
        header = path.read_bytes()[:10]
        assert header[:3] == b"\x1f\x8b\x08"
        assert header[3] == 0  # no FNAME/FCOMMENT/FEXTRA
        assert header[4:8] == b"\0\0\0\0"  # mtime


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("regencies", "../x"),
        ("regencies", "99"),
        ("regencies", "6"),
        ("regencies", "640"),
        ("regencies", "64.02"),
        ("regencies", "64/"),
        ("regencies", "\u0666\u0664"),  # Arabic-Indic digits match \d, not [0-9]
        ("regencies", None),
        ("regencies", ""),
        ("provinces", "64"),
        ("provinces", "../x"),
        ("districts", "64"),
        ("../geo", None),
    ],
)
def test_unknown_level_or_province_raises_key_error(level, code):
    with pytest.raises(KeyError):
        geometry_path(level, code)


def test_paths_stay_inside_the_geo_folder():
    for path in all_paths():
        assert path.resolve().is_relative_to(GEO_DIR.resolve())


def test_etag_is_a_short_content_hash():
    provinces = geometry_path("provinces")
    etag = geometry_etag(provinces)
    assert re.fullmatch(r"[0-9a-f]{16}", etag)
    assert geometry_etag(provinces) == etag
    etags = {geometry_etag(path) for path in all_paths()}
    assert len(etags) == len(all_paths())

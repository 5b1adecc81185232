"""Build the simplified, gzip-compressed map geometry the dashboard's choropleths draw.

The source boundaries (`provinces.geojson`, 38 features; `regencies.geojson`, 514 features) are
several megabytes and carry ~17,000 polygon parts each, far more than a browser map needs. This
script turns them into small files that are committed to the repository, so neither the app nor
its tests need shapely, the source files, or network access:

    src/pantau/dashboard/data/geo/provinces.json.gz          38 provinces, whole-Indonesia map
    src/pantau/dashboard/data/geo/regencies/<NN>.json.gz     regencies/cities of province NN

Run it with any Python 3.11+ that has shapely 2.1 or later (for `orient_polygons`); shapely is
not a project dependency, so use a throwaway venv:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install shapely
    /tmp/geo/bin/python scripts/build_geometry.py --source /work/shared/data

`--source` is the folder holding the two GeoJSON files (see its SOURCES.md, section 2: they come
from cahyadsn/wilayah_boundaries, MIT, Copyright (c) 2024 Cahya DSN). The output is
deterministic: same input and same shapely/GEOS version give byte-identical `.json.gz` files
(sorted features, fixed rounding, compact JSON, gzip level 9 with mtime 0). After running it,
update the sizes in `src/pantau/dashboard/data/geo/SOURCE.md` (the script prints them) and commit
the outputs together with this script.

Processing, per feature (all in degrees, WGS84 lon/lat):
1. Drop polygon parts (islands) and holes smaller than a minimum area; a feature's largest part
   is always kept so no region disappears from the map.
2. Douglas-Peucker simplification, topology-preserving per feature (shared edges between
   neighbours are not snapped, so hairline gaps can appear at high zoom).
3. Snap coordinates to a fixed decimal grid with `shapely.set_precision`, which keeps the result
   valid, then orient exterior rings counter-clockwise (RFC 7946).
Every output feature is checked: non-empty, valid, properties exactly `code` and `name`, every
code exactly once.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "pantau" / "dashboard" / "data" / "geo"

# Whole-Indonesia map, about 1000 px across ~46 degrees of longitude (~0.046 deg per pixel).
PROVINCE_TOLERANCE = 0.01  # deg, about a fifth of a pixel (~1.1 km), room to zoom in
PROVINCE_MIN_PART_AREA = 0.0005  # deg^2, about 6 km^2 (a quarter of a pixel)
PROVINCE_DECIMALS = 3  # ~110 m grid

# Province-sized maps, about 800 px across the province's larger extent (lon or lat).
REGENCY_MAP_PX = 800
REGENCY_TOLERANCE_PX = 0.35  # tolerance as a fraction of one pixel ...
REGENCY_TOLERANCE_MIN = 0.002  # ... clamped to this range (deg), ~220 m ...
REGENCY_TOLERANCE_MAX = 0.005  # ... to ~550 m
REGENCY_MIN_PART_PX2 = 0.5  # parts smaller than half a square pixel are dropped
REGENCY_MIN_PART_AREA_MAX = 0.0005  # deg^2, never drop parts larger than this (~6 km^2)
REGENCY_FINE_DECIMALS_BELOW = 0.003  # tolerance (deg) under which 4 decimals are kept, else 3

JsonDict = dict[str, Any]


def polygon_parts(geom: Any) -> list[Polygon]:
    """The polygons of a Polygon/MultiPolygon/GeometryCollection, empty ones left out."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return [p for p in geom.geoms if not p.is_empty]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygon_parts(g)]
    return []  # points/lines left by snapping carry no area


def drop_small(geom: Any, min_area: float) -> Any:
    """Remove parts and holes below `min_area`; always keep the largest part."""
    parts = sorted(polygon_parts(geom), key=lambda p: p.area, reverse=True)
    kept = [parts[0]] + [p for p in parts[1:] if p.area >= min_area]
    cleaned = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= min_area]) for p in kept
    ]
    return cleaned[0] if len(cleaned) == 1 else MultiPolygon(cleaned)


def simplify_feature(geom: Any, tolerance: float, min_area: float, decimals: int) -> Any:
    """Drop small parts, simplify, snap to the decimal grid, and orient; always non-empty."""
    grid = 10.0**-decimals
    for tol in (tolerance, tolerance / 2, tolerance / 4, 0.0):
        out = drop_small(geom, min_area)
        if tol:
            out = out.simplify(tol, preserve_topology=True)
        out = shapely.set_precision(out, grid)
        parts = polygon_parts(out)
        if parts:
            # Parts can shrink below the threshold while simplifying; drop them once more.
            out = drop_small(MultiPolygon(parts), min_area)
            out = shapely.orient_polygons(out)
            if out.is_valid and not out.is_empty:
                return out
    raise ValueError("feature vanished at every tolerance")


def rounded(coords: Any, decimals: int) -> Any:
    """Round nested coordinate lists; `set_precision` leaves float noise like 1.2300000001."""
    if isinstance(coords[0], int | float):
        return [round(c, decimals) for c in coords]
    return [rounded(c, decimals) for c in coords]


def feature(code: str, name: str, geom: Any, decimals: int) -> JsonDict:
    """A GeoJSON feature whose properties are exactly code and name (what the map joins on)."""
    geo = mapping(geom)
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": geo["type"], "coordinates": rounded(geo["coordinates"], decimals)},
    }


def encode(features: list[JsonDict]) -> bytes:
    """Compact JSON of a FeatureCollection sorted by code; byte-stable for the same input."""
    features = sorted(features, key=lambda f: f["properties"]["code"])
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_gz(path: Path, raw: bytes) -> int:
    """Gzip at level 9 with mtime 0 and no file name, so rebuilding gives identical bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = gzip.compress(raw, compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def check(raw: bytes, expected_codes: list[str]) -> None:
    """Re-read the encoded output and verify codes, properties and geometry validity."""
    features = json.loads(raw)["features"]
    codes = [f["properties"]["code"] for f in features]
    if codes != sorted(expected_codes) or len(set(codes)) != len(codes):
        raise AssertionError(f"codes differ: {sorted(set(codes) ^ set(expected_codes))}")
    for f in features:
        if set(f["properties"]) != {"code", "name"}:
            raise AssertionError(f"properties of {f['properties']['code']}")
        geom = shape(f["geometry"])
        if geom.is_empty or not geom.is_valid or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise AssertionError(f"bad geometry for {f['properties']['code']}")


def regency_params(bounds: tuple[float, float, float, float]) -> tuple[float, float, int]:
    """Tolerance, minimum part area and decimals for a province map of the given extent."""
    minx, miny, maxx, maxy = bounds
    deg_per_px = max(maxx - minx, maxy - miny) / REGENCY_MAP_PX
    tolerance = min(
        max(deg_per_px * REGENCY_TOLERANCE_PX, REGENCY_TOLERANCE_MIN), REGENCY_TOLERANCE_MAX
    )
    min_area = min(deg_per_px**2 * REGENCY_MIN_PART_PX2, REGENCY_MIN_PART_AREA_MAX)
    decimals = 4 if tolerance < REGENCY_FINE_DECIMALS_BELOW else 3
    return tolerance, min_area, decimals


def load(path: Path) -> list[JsonDict]:
    """Features of a source GeoJSON file."""
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)["features"]


def build(source: Path, out: Path) -> list[tuple[str, int, int, str]]:
    """Write every output file; return (relative path, raw bytes, gz bytes, params) rows."""
    report: list[tuple[str, int, int, str]] = []

    provinces = load(source / "provinces.geojson")
    prov_codes = [f["properties"]["code"] for f in provinces]
    prov_features = [
        feature(
            f["properties"]["code"],
            f["properties"]["name"],
            simplify_feature(
                shape(f["geometry"]),
                PROVINCE_TOLERANCE,
                PROVINCE_MIN_PART_AREA,
                PROVINCE_DECIMALS,
            ),
            PROVINCE_DECIMALS,
        )
        for f in provinces
    ]
    raw = encode(prov_features)
    check(raw, prov_codes)
    gz = write_gz(out / "provinces.json.gz", raw)
    params = f"tol {PROVINCE_TOLERANCE} min_area {PROVINCE_MIN_PART_AREA} dec {PROVINCE_DECIMALS}"
    report.append(("provinces.json.gz", len(raw), gz, params))

    regencies = load(source / "regencies.geojson")
    by_province: dict[str, list[JsonDict]] = {code: [] for code in prov_codes}
    for f in regencies:
        code = f["properties"]["code"]
        prov = f["properties"]["province_code"]
        if code.split(".")[0] != prov or prov not in by_province:
            raise AssertionError(f"regency {code} has province {prov}")
        by_province[prov].append(f)

    regency_dir = out / "regencies"
    expected_files = {f"{code}.json.gz" for code in prov_codes}
    for stale in regency_dir.glob("*.json.gz"):
        if stale.name not in expected_files:
            stale.unlink()
    for prov in sorted(by_province):
        members = by_province[prov]
        if not members:
            raise AssertionError(f"province {prov} has no regencies")
        geoms = {f["properties"]["code"]: shape(f["geometry"]) for f in members}
        bounds = shapely.GeometryCollection(list(geoms.values())).bounds
        tolerance, min_area, decimals = regency_params(bounds)
        feats = [
            feature(
                f["properties"]["code"],
                f["properties"]["name"],
                simplify_feature(geoms[f["properties"]["code"]], tolerance, min_area, decimals),
                decimals,
            )
            for f in members
        ]
        raw = encode(feats)
        check(raw, list(geoms))
        gz = write_gz(regency_dir / f"{prov}.json.gz", raw)
        params = f"tol {tolerance:.4f} min_area {min_area:.2e} dec {decimals}"
        report.append((f"regencies/{prov}.json.gz", len(raw), gz, params))
    return report


def main(argv: list[str] | None = None) -> int:
    """Build, then print a size table (paste it into SOURCE.md)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        type=Path,
        default=Path("/work/shared/data"),
        help="folder with provinces.geojson and regencies.geojson",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output geo folder")
    args = parser.parse_args(argv)

    report = build(args.source, args.out)
    print(f"shapely {shapely.__version__}, GEOS {shapely.geos_version_string}")
    print("| file | JSON bytes | gzip bytes | parameters |")
    print("| --- | ---: | ---: | --- |")
    for name, raw, gz, params in report:
        print(f"| `{name}` | {raw:,} | {gz:,} | {params} |")
    regency_rows = [r for r in report if r[0].startswith("regencies/")]
    total_raw = sum(r[1] for r in regency_rows)
    total_gz = sum(r[2] for r in regency_rows)
    print(f"| regencies total ({len(regency_rows)} files) | {total_raw:,} | {total_gz:,} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

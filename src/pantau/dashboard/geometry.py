"""Locate the pre-built choropleth geometry shipped with the dashboard.

The boundaries are simplified offline by `scripts/build_geometry.py` and committed as
gzip-compressed GeoJSON under `data/geo/` (see `data/geo/SOURCE.md`), so serving them needs no
GIS library and no work per request: a view can stream the `.json.gz` bytes as they are
(`Content-Encoding: gzip`) and put `geometry_etag()` in the URL so browsers cache them for good.

This module is deliberately free of Django so it can be imported by views, management commands and
tests alike.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
from pathlib import Path

GEO_DIR = Path(__file__).parent / "data" / "geo"

LEVELS = ("provinces", "regencies")

# Province codes are two ASCII digits ("64"); anything else (dots, slashes, "..") is refused
# before it gets near the file system.
_PROVINCE_CODE = re.compile(r"[0-9]{2}")


def geometry_path(level: str, province_code: str | None = None) -> Path:
    """Return the `.json.gz` file for a map level, or raise `KeyError`.

    `level` is "provinces" (the whole-Indonesia map; `province_code` must be None) or
    "regencies" (the regencies/cities of one province; `province_code` like "64"). The code is
    checked against a strict pattern and against the files actually shipped, so a value taken
    from a URL can never name a path outside `GEO_DIR` and an unknown province is a clean
    `KeyError` (a 404 for the caller) rather than an I/O error.
    """
    if level == "provinces" and province_code is None:
        path = GEO_DIR / "provinces.json.gz"
    elif (
        level == "regencies"
        and isinstance(province_code, str)
        and _PROVINCE_CODE.fullmatch(province_code)
    ):
        path = GEO_DIR / "regencies" / f"{province_code}.json.gz"
    else:
        raise KeyError((level, province_code))
    if not path.is_file():
        raise KeyError((level, province_code))
    return path


@functools.cache
def geometry_etag(path: Path) -> str:
    """Short content hash of a geometry file, for cache-busting URLs and ETag headers.

    The files only change with a new release, so the hash is computed once per process;
    16 hex characters (64 bits) are plenty to tell versions apart.
    """
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def feature_codes(path: Path) -> list[str]:
    """Region codes of the features in a geometry file, in file order.

    Used by tests and checks to prove every region has exactly one shape; not needed for
    serving, which passes the compressed bytes through untouched.
    """
    collection = json.loads(gzip.decompress(path.read_bytes()))
    return [feature["properties"]["code"] for feature in collection["features"]]

"""Kemendagri region codes: `64`, `64.02`, `64.02.05`, `64.02.05.2001`.

Codes are strings (leading zeros matter). People type them dotted or undotted;
everything inside Pantau uses the dotted form, `canonical_code` converts.
"""

from __future__ import annotations

import re

# Segment lengths by depth: province 2, regency/city 2, district 2, village 4.
SEGMENT_LENGTHS = (2, 2, 2, 4)
UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}
DOTTED_PATTERN = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

LEVEL_BY_DEPTH = {1: "province", 2: "regency", 3: "district", 4: "village"}


class InvalidRegionCode(ValueError):
    """Not a Kemendagri region code in either form."""

    def __init__(self, raw: object) -> None:
        self.raw = raw
        super().__init__(f"bukan kode wilayah Kemendagri / not a region code: {raw!r}")


def canonical_code(raw: object) -> str:
    """The dotted code for a dotted or undotted one; raises `InvalidRegionCode`.

    Spaces are ignored; `6402052001` and `64.02.05.2001` both give `64.02.05.2001`.
    """
    if raw is None:
        raise InvalidRegionCode(raw)
    text = str(raw).strip().replace(" ", "")
    if DOTTED_PATTERN.match(text):
        return text
    if text.isdigit() and len(text) in UNDOTTED_LENGTHS:
        parts, start = [], 0
        for length in SEGMENT_LENGTHS[: UNDOTTED_LENGTHS[len(text)]]:
            parts.append(text[start : start + length])
            start += length
        return ".".join(parts)
    raise InvalidRegionCode(raw)


def try_canonical_code(raw: object) -> str | None:
    try:
        return canonical_code(raw)
    except InvalidRegionCode:
        return None


def undotted(code: str) -> str:
    return code.replace(".", "")


def depth(code: str) -> int:
    """1 for a province, 2 regency/city, 3 district, 4 village."""
    return code.count(".") + 1


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestor_codes(code: str) -> list[str]:
    """Codes from the province down to and including `code`."""
    parts = code.split(".")
    return [".".join(parts[: index + 1]) for index in range(len(parts))]


def is_within(code: str, ancestor: str | None) -> bool:
    """True when `code` is `ancestor` or lies below it; `None` is the whole country."""
    if ancestor is None:
        return True
    return code == ancestor or code.startswith(ancestor + ".")


def is_city_code(code: str) -> bool:
    """Regency-level codes 71–99 are cities (kota), 01–69 regencies (Permendagri 58/2021)."""
    return depth(code) == 2 and int(code.split(".")[1]) >= 71

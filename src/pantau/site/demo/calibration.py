"""The demo world: one scale for members and workforce, calibrated to reported UCJ coverage.

Pure Python (no Django, no database), so the generator (`pantau.site.demo.generate`) and the
demo's workforce denominators (`pantau.site.demo.workforce.load_demo_workforce`) compute the
same numbers. Counts are whole numbers; the arithmetic is exact (`Fraction`), rounded half up
only at the end.

- Scale: at scale `s` one generated member stands for `PARTICIPANTS_PER_MEMBER / s` real
  participants (640 at scale 1), and a province's demo workforce is its real employed persons
  divided the same way (`to_demo_scale`). The UCJ share (active members ÷ employed persons)
  is then the real-scale share, up to rounding.
- Workforce base (`workforce_base`): a province's employed persons in a year (BPS Sakernas,
  August), real scale: the published figure Pantau ships
  (`pantau/engine/data/workforce_by_province.csv`) or else the same estimate as
  `load_demo_estimates`: population × (Σ employed ÷ Σ population of the provinces with a
  published figure that year, or the nearest year that has one, the earlier on a tie).
- Calibration (`active_targets`): in July 2022 East Kalimantan (64) shows 67 % and North
  Kalimantan (65) 51 % UCJ coverage, the figures reported at the Balikpapan monev meeting
  (not found in a published source). Each of the two gets active members = share × its 2022
  workforce base; every other province gets its active participants (Kemnaker, December
  2023, `BPJS_PARTICIPANTS`) times `f`, the mean of the two provinces' factors (target ÷
  participants), so the provinces stay in proportion to that table. A province missing from
  the table gets population × the table's active-to-population ratio × `f`.

docs/engine.md ("Demo calibration") describes the whole.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

from pantau.core.display import round_half_up

# The engine's shipped reference data (`pantau.engine.workforce` reads the same files).
ENGINE_DATA = Path(__file__).resolve().parents[2] / "engine" / "data"
POPULATION_FILE = ENGINE_DATA / "population.csv.gz"
SHIPPED_WORKFORCE_FILE = ENGINE_DATA / "workforce_by_province.csv"

PARTICIPANTS_PER_MEMBER = 640

CALIBRATION_YEAR = 2022
# UCJ shares reported at the Balikpapan monev meeting for July 2022 (not found published).
CALIBRATION = {"64": Fraction(67, 100), "65": Fraction(51, 100)}

# BPJS Ketenagakerjaan participants by province, Dec 2023 (active, non-active): Kemnaker Satu
# Data Ketenagakerjaan, republished by SPN News, 30 Jan 2024
# (https://spn.or.id/jumlah-peserta-bpjs-ketenagakerjaan-capai-6108-juta-orang/). Only provinces
# 11–74 could be read; the others get the ratio of these to their population.
BPJS_PARTICIPANTS = {
    "11": (583_638, 117_947),
    "12": (2_057_246, 848_982),
    "13": (710_474, 199_712),
    "14": (1_108_274, 831_486),
    "15": (658_038, 354_252),
    "16": (915_142, 312_082),
    "17": (212_266, 70_752),
    "18": (578_889, 206_337),
    "19": (216_685, 88_194),
    "21": (614_605, 653_041),
    "31": (7_498_532, 4_699_958),
    "32": (4_855_121, 3_057_496),
    "33": (3_947_422, 1_306_520),
    "34": (558_681, 190_397),
    "35": (4_583_246, 1_489_379),
    "36": (2_631_601, 1_389_167),
    "51": (1_027_234, 289_797),
    "52": (570_391, 65_794),
    "53": (364_870, 67_359),
    "61": (729_270, 395_542),
    "62": (686_023, 528_653),
    "63": (634_862, 309_683),
    "64": (1_323_233, 859_241),
    "65": (245_948, 155_126),
    "71": (578_610, 135_345),
    "72": (565_871, 140_872),
    "73": (1_003_082, 254_921),
    "74": (323_070, 55_867),
}


# ---------------------------------------------------------------- arithmetic


def scale_fraction(scale: float | str | Fraction) -> Fraction:
    """The scale as an exact fraction of the number a person typed: 0.1 is 1/10."""
    if isinstance(scale, Fraction):
        return scale
    return Fraction(str(scale))


def demo_factor(scale: float | str | Fraction) -> Fraction:
    """Demo persons per real person: scale ÷ 640."""
    return scale_fraction(scale) / PARTICIPANTS_PER_MEMBER


def to_demo_scale(count: int, scale: float | str | Fraction) -> int:
    """A real-scale count on the demo's scale, rounded half up to whole persons."""
    return round_half_up(count * demo_factor(scale))


# ---------------------------------------------------------------- real figures


@cache
def province_population() -> dict[str, int]:
    """Registered residents per province (Dukcapil, December 2024)."""
    with gzip.open(POPULATION_FILE, "rt", encoding="utf-8", newline="") as handle:
        return {
            row["code"]: int(row["population_total"])
            for row in csv.DictReader(handle)
            if len(row["code"]) == 2
        }


@cache
def shipped_workforce() -> dict[tuple[str, int], int]:
    """(province, year) → the published employed persons Pantau ships."""
    with SHIPPED_WORKFORCE_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            (row["province_code"], int(row["year"])): int(row["employed"])
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class WorkforceBase:
    """A province-year's employed persons at real scale, and where the number comes from."""

    province: str
    year: int
    employed: int
    published: bool
    # For an estimate: the year whose published figures gave the ratio, the ratio
    # (Σ employed ÷ Σ population) and how many provinces it was taken over.
    basis_year: int
    ratio: Fraction | None = None
    provinces: int = 0


@cache
def _published_totals() -> dict[int, tuple[int, int, int]]:
    """year → (Σ employed, Σ population, provinces) over the shipped published figures."""
    population = province_population()
    totals: dict[int, tuple[int, int, int]] = {}
    for (code, year), employed in shipped_workforce().items():
        if code not in population:
            continue
        total, residents, count = totals.get(year, (0, 0, 0))
        totals[year] = (total + employed, residents + population[code], count + 1)
    return totals


def workforce_base(province: str, year: int) -> WorkforceBase:
    """The published figure, or population × the published ratio of the (nearest) year."""
    published = shipped_workforce().get((province, year))
    if published is not None:
        return WorkforceBase(province, year, published, True, year)
    totals = _published_totals()
    basis = min(totals, key=lambda y: (abs(y - year), y))
    employed, residents, count = totals[basis]
    ratio = Fraction(employed, residents)
    estimate = round_half_up(province_population()[province] * ratio)
    return WorkforceBase(province, year, estimate, False, basis, ratio, count)


# ---------------------------------------------------------------- calibration


def calibration_targets() -> dict[str, int]:
    """Active members (real scale) of the calibrated provinces: share × 2022 workforce."""
    return {
        code: round_half_up(share * workforce_base(code, CALIBRATION_YEAR).employed)
        for code, share in CALIBRATION.items()
    }


def calibration_factor() -> Fraction:
    """f: the mean of target ÷ active participants (Dec 2023) over the calibrated provinces."""
    targets = calibration_targets()
    factors = [Fraction(targets[code], BPJS_PARTICIPANTS[code][0]) for code in targets]
    return sum(factors, Fraction(0)) / len(factors)


def active_targets(provinces: Iterable[str] | None = None) -> dict[str, int]:
    """province → active members at real scale that the demo must show (listed included)."""
    population = province_population()
    codes = sorted(population) if provinces is None else list(provinces)
    targets = calibration_targets()
    factor = calibration_factor()
    known = [code for code in BPJS_PARTICIPANTS if code in population]
    active_ratio = Fraction(
        sum(BPJS_PARTICIPANTS[code][0] for code in known),
        sum(population[code] for code in known),
    )
    found = {}
    for code in codes:
        if code in targets:
            found[code] = targets[code]
        elif code in BPJS_PARTICIPANTS:
            found[code] = round_half_up(BPJS_PARTICIPANTS[code][0] * factor)
        else:
            found[code] = round_half_up(population.get(code, 0) * active_ratio * factor)
    return found

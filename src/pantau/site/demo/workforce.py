"""The demo's workforce denominators, clearly labelled (`is_estimate=True`).

- `load_demo_estimates(years)`: an estimate for every province-year without a published
  figure. docs/formats.md describes the method.
- `load_demo_workforce(scale, years)`: what `pantau demo` uses: every province-year on the
  demo data's scale (the published figure or the estimate, × scale ÷ 640), split over the
  province's regencies and cities by registered population; docs/engine.md, "Demo
  calibration".

Published figures are imported and shipped by `pantau.engine.workforce`. Amounts are whole
persons (int); nothing here uses floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from pantau.core.display import round_half_up
from pantau.engine.models import Workforce
from pantau.engine.workforce import StoreCounts, region_population
from pantau.regions.models import Region
from pantau.site.demo.calibration import (
    WorkforceBase,
    demo_factor,
    workforce_base,
)

DEMO_YEARS = range(2021, 2026)


# ---------------------------------------------------------------- demo estimates


@dataclass(frozen=True)
class DemoWorkforceSummary:
    counts: StoreCounts  # province-years
    kept_real: int  # province-years with a figure someone imported, left alone
    regencies: StoreCounts = StoreCounts()  # regency- and city-years (estimates)


@dataclass(frozen=True)
class EstimateSummary:
    counts: StoreCounts
    kept_real: int  # province-years that have a published figure, left alone
    # year → the year whose published figures gave its ratio
    basis_years: dict[int, int]


def load_demo_estimates(years: Iterable[int] = DEMO_YEARS) -> EstimateSummary:
    """For the demo: an estimate for each province-year without a published figure.

    estimate = province population × (employed ÷ population, summed over the provinces
    that have a published figure for that year), rounded half up to whole persons. A year
    without any published province figure borrows the nearest year that has one (the
    earlier on a tie). Published figures are never overwritten; earlier estimates are
    brought up to date, so running it again changes nothing.
    """
    population = region_population()
    provinces = sorted(Region.objects.filter(level="province").values_list("code", flat=True))
    with transaction.atomic():
        stored = {
            (row.region_id, row.year): row
            for row in Workforce.objects.select_for_update().filter(region_id__in=provinces)
        }
        totals = _published_totals(stored.values(), population)
        if not totals:
            raise ValueError("no published province figures: run load_shipped_workforce() first")
        created, changed, unchanged, kept_real, basis_years = [], [], 0, 0, {}
        for year in years:
            basis = min(totals, key=lambda y: (abs(y - year), y))
            basis_years[year] = basis
            employed, residents, count = totals[basis]
            source = _estimate_source(basis, employed, residents, count)
            for code in provinces:
                current = stored.get((code, year))
                if current is not None and not current.is_estimate:
                    kept_real += 1
                    continue
                estimate = round_half_up(Fraction(population[code] * employed, residents))
                if current is None:
                    created.append(
                        Workforce(
                            region_id=code,
                            year=year,
                            employed=estimate,
                            source=source,
                            is_estimate=True,
                        )
                    )
                elif (current.employed, current.source) != (estimate, source):
                    current.employed, current.source = estimate, source
                    current.imported_at = timezone.now()
                    changed.append(current)
                else:
                    unchanged += 1
        Workforce.objects.bulk_create(created)
        Workforce.objects.bulk_update(changed, ["employed", "source", "imported_at"])
    counts = StoreCounts(len(created), len(changed), unchanged)
    return EstimateSummary(counts, kept_real, basis_years)


def _published_totals(
    rows: Iterable[Workforce], population: dict[str, int]
) -> dict[int, tuple[int, int, int]]:
    """year → (employed, population, provinces) over published province figures."""
    totals: dict[int, tuple[int, int, int]] = {}
    for row in rows:
        if row.is_estimate or row.region_id not in population:
            continue
        employed, residents, count = totals.get(row.year, (0, 0, 0))
        totals[row.year] = (
            employed + row.employed,
            residents + population[row.region_id],
            count + 1,
        )
    return totals


def _estimate_source(basis: int, employed: int, residents: int, count: int) -> str:
    percent = (Decimal(employed * 100) / Decimal(residents)).quantize(Decimal("0.01"))
    return (
        f"Perkiraan demo Pantau: jumlah penduduk (Dukcapil Desember 2024) × rasio penduduk "
        f"bekerja terhadap penduduk {str(percent).replace('.', ',')} % dari {count} provinsi "
        f"yang punya angka BPS Sakernas Agustus {basis}; bukan angka resmi. / "
        f"Pantau demo estimate: population (Dukcapil December 2024) × employed-to-population "
        f"ratio {percent}% of the {count} provinces with a BPS Sakernas August {basis} figure; "
        f"not an official figure."
    )


# ---------------------------------------------------------------- the demo's scale

DEMO_SOURCE_PREFIX = "Demo Pantau, skala data demo: "


def load_demo_workforce(
    scale: float | str, years: Iterable[int] = DEMO_YEARS
) -> DemoWorkforceSummary:
    """For the demo: every province-year on the scale of the generated members, and an
    estimate for each of its regencies and cities.

    employed = base × scale ÷ 640, rounded half up to whole persons (at least 1), where base
    is the published figure Pantau ships or, without one, the `load_demo_estimates`
    estimate (`pantau.site.demo.calibration.workforce_base`). The generated members stand for
    real participants at the same rate, so active members ÷ employed is the real-scale UCJ.
    A province's figure is then split over its regencies and cities by registered
    population (`split_by_population`), so their figures add up to the province's exactly.
    Every row is `is_estimate=True` and its source says it is the demo's scaled figure and
    what it is based on. Stored estimates and the shipped published rows (`pantau setup`
    puts those back) are replaced; a different figure someone imported is kept. Running it
    again changes nothing.
    """
    factor = demo_factor(scale)
    if factor <= 0:
        raise ValueError(f"scale must be more than 0: {scale}")
    names = dict(Region.objects.filter(level="province").values_list("code", "name"))
    provinces = sorted(names)
    below = _regencies_by_province()
    years = list(years)
    province_rows = _Upsert()
    regency_rows = _Upsert()
    with transaction.atomic():
        codes = [*provinces, *(code for codes in below.values() for code in codes)]
        stored = {
            (row.region_id, row.year): row
            for row in Workforce.objects.select_for_update().filter(
                region_id__in=codes, year__in=years
            )
        }
        for year in years:
            for code in provinces:
                base = workforce_base(code, year)
                employed = max(1, round_half_up(base.employed * factor))
                current = stored.get((code, year))
                shipped = current is not None and _is_shipped(current, base)
                if current is not None and not current.is_estimate and not shipped:
                    province_rows.kept_real += 1
                    employed = current.employed  # the regencies split the figure in force
                source = _demo_source(base, factor)
                province_rows.put(current, code, year, employed, source, replace=shipped)
                regencies = below.get(code, [])
                for regency, estimate in split_by_population(employed, regencies).items():
                    source = _regency_source(names[code], employed, regency, regencies)
                    regency_rows.put(stored.get((regency, year)), regency, year, estimate, source)
        for rows in (province_rows, regency_rows):
            rows.save()
    return DemoWorkforceSummary(province_rows.counts(), province_rows.kept_real,
                                regency_rows.counts())  # fmt: skip


class _Upsert:
    """Demo rows to create or bring up to date; a published figure someone imported stays."""

    def __init__(self) -> None:
        self.created: list[Workforce] = []
        self.changed: list[Workforce] = []
        self.unchanged = 0
        self.kept_real = 0

    def put(self, current: Workforce | None, code: str, year: int, employed: int, source: str,
            replace: bool = False) -> None:  # fmt: skip
        """`current`: the stored row; `replace`: a published row that may be replaced."""
        wanted = (employed, source, True)
        if current is None:
            self.created.append(Workforce(region_id=code, year=year, employed=employed,
                                          source=source, is_estimate=True))  # fmt: skip
        elif not current.is_estimate and not replace:
            pass  # a figure someone imported
        elif (current.employed, current.source, current.is_estimate) != wanted:
            current.employed, current.source, current.is_estimate = wanted
            current.imported_at = timezone.now()  # bulk_update skips auto_now
            self.changed.append(current)
        else:
            self.unchanged += 1

    def save(self) -> None:
        Workforce.objects.bulk_create(self.created)
        Workforce.objects.bulk_update(
            self.changed, ["employed", "source", "is_estimate", "imported_at"]
        )

    def counts(self) -> StoreCounts:
        return StoreCounts(len(self.created), len(self.changed), self.unchanged)


def _regencies_by_province() -> dict[str, list[str]]:
    """province → its regencies and cities that have a registered population."""
    population = region_population()
    found: dict[str, list[str]] = {}
    rows = Region.objects.filter(level__in=("regency", "city")).order_by("code")
    for code, parent in rows.values_list("code", "parent_id"):
        if population.get(code):
            found.setdefault(parent, []).append(code)
    return found


def split_by_population(total: int, codes: list[str]) -> dict[str, int]:
    """`total` persons shared over `codes` in proportion to their registered population
    (Dukcapil, December 2024), in whole persons that add up to `total` exactly: each gets
    the whole part of its share, and the persons left over go to the largest remainders
    (the lower code first on a tie)."""
    population = region_population()
    residents = sum(population[code] for code in codes)
    if not residents:
        return {}
    shares = {code: Fraction(total * population[code], residents) for code in codes}
    found = {code: share.numerator // share.denominator for code, share in shares.items()}
    left = total - sum(found.values())
    by_remainder = sorted(codes, key=lambda code: (-(shares[code] - found[code]), code))
    for code in by_remainder[:left]:
        found[code] += 1
    return found


def _regency_source(province: str, employed: int, regency: str, regencies: list[str]) -> str:
    """'Demo Pantau, …: perkiraan dari <province figure> × <share> % …', then English."""
    population = region_population()
    residents = sum(population[code] for code in regencies)
    percent = _two_decimals(Fraction(population[regency] * 100, residents))
    return (
        f"{DEMO_SOURCE_PREFIX}perkiraan dari penduduk bekerja {province} pada skala demo "
        f"({_thousands(employed, '.')} orang) × {str(percent).replace('.', ',')} %, bagian "
        f"wilayah ini dari penduduk provinsi (Dukcapil Desember 2024); bukan angka resmi. / "
        f"Pantau demo, on the demo data's scale: estimate from {province}'s employed persons "
        f"on the demo scale ({_thousands(employed, ',')} persons) × {percent}%, this region's "
        f"share of the province's population (Dukcapil December 2024); not an official figure."
    )


def _is_shipped(row: Workforce, base: WorkforceBase) -> bool:
    """A published row that is the figure Pantau ships (`pantau setup` stores those)."""
    return base.published and row.employed == base.employed


def _demo_source(base: WorkforceBase, factor: Fraction) -> str:
    """'Demo Pantau, skala data demo: <base> × 1/640; …' in Indonesian, then English."""
    ratio = f"{factor.numerator}/{factor.denominator}"
    if base.published:
        basis_id = f"BPS Sakernas Agustus {base.year} ({_thousands(base.employed, '.')} orang)"
        basis_en = f"BPS Sakernas August {base.year} ({_thousands(base.employed, ',')} persons)"
    else:
        percent = _two_decimals(base.ratio * 100)
        basis_id = (
            f"perkiraan {_thousands(base.employed, '.')} orang (jumlah penduduk Dukcapil "
            f"Desember 2024 × rasio penduduk bekerja {str(percent).replace('.', ',')} % dari "
            f"{base.provinces} provinsi yang punya angka BPS Sakernas Agustus {base.basis_year})"
        )
        basis_en = (
            f"estimate of {_thousands(base.employed, ',')} persons (population, Dukcapil "
            f"December 2024 × employed-to-population ratio {percent}% of the {base.provinces} "
            f"provinces with a BPS Sakernas August {base.basis_year} figure)"
        )
    return (
        f"{DEMO_SOURCE_PREFIX}{basis_id} × {ratio}, sebab satu anggota demo mewakili "
        f"{_per_member(factor)} peserta; bukan angka resmi. / Pantau demo, on the demo "
        f"data's scale: {basis_en} × {ratio}, as one demo member stands for "
        f"{_per_member(factor, english=True)} participants; not an official figure."
    )


def _per_member(factor: Fraction, english: bool = False) -> str:
    """640 at scale 1; 12800 at scale 0.05; 213,33 at scale 3."""
    persons = 1 / factor
    if persons.denominator == 1:
        return _thousands(persons.numerator, "," if english else ".")
    text = str(_two_decimals(persons))
    return text if english else text.replace(".", ",")


def _two_decimals(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _thousands(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)

"""The demo's scaled world (issue 5): workforce on the members' scale, UCJ calibrated to the
figures reported for July 2022 (East Kalimantan about 67 %, North Kalimantan about 51 %)."""

from __future__ import annotations

import csv
import gzip
from datetime import date
from fractions import Fraction

import pytest

from pantau.core.display import round_half_up
from pantau.engine import refresh
from pantau.engine.models import CurrentGeneration, MemberCoverage, Workforce
from pantau.engine.workforce import SHIPPED_FILE, import_workforce, load_shipped_workforce
from pantau.site.demo.calibration import (
    BPJS_PARTICIPANTS,
    POPULATION_FILE,
    active_targets,
    calibration_factor,
    demo_factor,
    to_demo_scale,
    workforce_base,
)
from pantau.site.demo.workforce import (
    DEMO_SOURCE_PREFIX,
    DEMO_YEARS,
    load_demo_estimates,
    load_demo_workforce,
)
from pantau.site.demo.world import demo_scale, load_demo_data, province_ucj

pytestmark = pytest.mark.usefixtures("own_data_directory")

PROVINCES = 38
JULY_2022 = date(2022, 7, 1)
# Large enough that rounding to whole demo persons stays far inside the tolerance
# (North Kalimantan: 148 employed, 76 active), small enough to run in seconds.
SCALE = 0.25
TOLERANCE = 0.03


def expected_estimate(province: str, year: int) -> int:
    """population × Σ published ÷ Σ population of that year, half up (computed independently)."""
    with gzip.open(POPULATION_FILE, "rt", encoding="utf-8", newline="") as handle:
        population = {row["code"]: int(row["population_total"]) for row in csv.DictReader(handle)}
    with SHIPPED_FILE.open(encoding="utf-8", newline="") as handle:
        published = [row for row in csv.DictReader(handle) if int(row["year"]) == year]
    employed = sum(int(row["employed"]) for row in published)
    residents = sum(population[row["province_code"]] for row in published)
    return (2 * population[province] * employed + residents) // (2 * residents)


# ---------------------------------------------------------------- arithmetic (no database)


def test_counts_are_scaled_exactly_and_rounded_half_up():
    assert [round_half_up(Fraction(n, 2)) for n in (1, 3, 5, 7)] == [1, 2, 3, 4]
    # 1,600 × 1/640 = 2.5: half up gives 3 where Python's round() gives 2.
    assert to_demo_scale(1_600, 1.0) == 3 and round(1_600 / 640) == 2
    assert to_demo_scale(320, 1) == 1
    # The scale a person types is taken as written: 0.1 is exactly 1/10, not 0.1000…0555.
    assert demo_factor(0.1) == Fraction(1, 6_400)
    assert to_demo_scale(4_870_000, 1.0) == 7_609  # 7,609.375
    assert to_demo_scale(4_870_000, 0.1) == 761  # 760.9375
    assert to_demo_scale(9_600, 0.1) == 2  # exactly 1.5
    assert all(isinstance(to_demo_scale(n, 0.37), int) for n in (1, 999, 2_032_385))


def test_the_base_is_the_published_figure_or_the_population_estimate():
    published = workforce_base("31", 2022)
    assert (published.employed, published.published) == (4_870_000, True)
    estimated = workforce_base("64", 2022)
    assert estimated.published is False and estimated.basis_year == 2022
    assert estimated.employed == expected_estimate("64", 2022)
    assert workforce_base("65", 2025).basis_year == 2024  # the nearest year with figures


def test_kalimantan_is_calibrated_and_the_rest_follow_the_participants_table():
    targets = active_targets()
    assert len(targets) == PROVINCES and all(isinstance(n, int) for n in targets.values())
    east, north = (workforce_base(code, 2022).employed for code in ("64", "65"))
    assert targets["64"] == round_half_up(Fraction(67, 100) * east)
    assert targets["65"] == round_half_up(Fraction(51, 100) * north)
    factors = [Fraction(targets[code], BPJS_PARTICIPANTS[code][0]) for code in ("64", "65")]
    factor = calibration_factor()
    assert factor == (factors[0] + factors[1]) / 2
    for code in ("11", "31", "35", "73"):
        assert targets[code] == round_half_up(BPJS_PARTICIPANTS[code][0] * factor)
    # Provinces missing from the table (Gorontalo, Papua…) still get members.
    assert targets["75"] > 0 and targets["94"] > 0


# ---------------------------------------------------------------- the demo's workforce


def test_demo_workforce_is_scaled_labelled_and_idempotent(no_stored_figures):
    load_shipped_workforce()
    summary = load_demo_workforce(1.0)
    # 14 published rows become scaled ones; every other province-year is created.
    assert summary.counts.created == PROVINCES * len(DEMO_YEARS) - 14
    assert (summary.counts.updated, summary.kept_real) == (14, 0)
    rows = Workforce.objects.filter(year__in=DEMO_YEARS, region__level="province")
    assert rows.count() == PROVINCES * len(DEMO_YEARS)
    for row in rows:
        base = workforce_base(row.region_id, row.year).employed
        assert row.employed == round_half_up(Fraction(base, 640)), row
        assert isinstance(row.employed, int) and row.is_estimate
        assert row.source.startswith(DEMO_SOURCE_PREFIX) and "× 1/640" in row.source
        assert "bukan angka resmi" in row.source and "/ Pantau demo" in row.source
    jakarta = Workforce.objects.get(region_id="31", year=2022)
    assert jakarta.employed == 7_609
    assert "BPS Sakernas Agustus 2022 (4.870.000 orang)" in jakarta.source
    assert "perkiraan" in Workforce.objects.get(region_id="64", year=2022).source

    before = {w.pk: (w.employed, w.source, w.imported_at) for w in rows}
    again = load_demo_workforce(1.0)
    assert (again.counts.created, again.counts.updated) == (0, 0)
    assert {w.pk: (w.employed, w.source, w.imported_at) for w in rows.all()} == before

    # `pantau setup` puts the 14 published figures back; the demo scales them again.
    load_shipped_workforce()
    assert Workforce.objects.filter(is_estimate=False).count() == 14
    assert load_demo_workforce(1.0).counts.updated == 14
    assert {w.pk: (w.employed, w.source) for w in rows.all()} == {
        pk: values[:2] for pk, values in before.items()
    }


def test_demo_workforce_uses_the_same_base_as_the_estimates(no_stored_figures):
    load_shipped_workforce()
    load_demo_estimates(DEMO_YEARS)
    estimates = {(w.region_id, w.year): w.employed for w in Workforce.objects.all()}
    assert all(len(code) == 2 for code, _ in estimates)  # the estimates are per province
    load_demo_workforce("0.05")
    for (code, year), employed in estimates.items():
        row = Workforce.objects.get(region_id=code, year=year)
        assert row.employed == max(1, round_half_up(Fraction(employed, 12_800)))
        assert "× 1/12800" in row.source


def test_demo_workforce_keeps_a_figure_someone_imported(no_stored_figures, tmp_path):
    load_shipped_workforce()
    path = tmp_path / "kaltim.csv"
    path.write_text("region_code,year,employed,source\n64,2023,1900000,BPS Kaltim\n")
    import_workforce(path)
    summary = load_demo_workforce(1.0)
    assert summary.kept_real == 1
    row = Workforce.objects.get(region_id="64", year=2023)
    assert (row.employed, row.is_estimate, row.source) == (1_900_000, False, "BPS Kaltim")


# ---------------------------------------------------------------- the demo, end to end


def test_the_demo_shows_the_reported_ucj_for_east_and_north_kalimantan(no_stored_figures):
    load_shipped_workforce()  # as `pantau setup` does before the demo
    loaded = load_demo_data(scale=SCALE, provinces=["64", "65"], processes=1)
    assert loaded and not loaded["refused"]
    assert demo_scale(1.0) == str(SCALE)  # later runs scale the workforce alike
    load_demo_workforce(demo_scale(1.0))
    summary = refresh.run(as_of=JULY_2022)
    assert summary.counts.get("covered", 0) > 0  # listed persons are members too

    generation = CurrentGeneration.objects.get(as_of=JULY_2022).generation
    coverage = {
        row.region_code: row
        for row in MemberCoverage.objects.filter(
            generation=generation, as_of=JULY_2022, region_code__in=["64", "65"]
        )
    }
    for code, expected in (("64", 0.67), ("65", 0.51)):
        row = coverage[code]
        workforce = Workforce.objects.get(region_id=code, year=2022)
        assert (row.workforce, row.workforce_year) == (workforce.employed, 2022)
        assert row.workforce_is_estimate and workforce.is_estimate
        assert workforce.source.startswith(DEMO_SOURCE_PREFIX)
        assert row.workforce == to_demo_scale(workforce_base(code, 2022).employed, SCALE)
        assert abs(row.active_members / row.workforce - expected) <= TOLERANCE, (
            code,
            row.active_members,
            row.workforce,
        )

    # The table `pantau demo` prints: every province, the same numbers.
    table = province_ucj(JULY_2022)
    assert len(table) == PROVINCES
    by_code = {row.code: row for row in table}
    assert by_code["64"].active_members == coverage["64"].active_members
    assert abs(float(by_code["65"].share) - 0.51) <= TOLERANCE
    assert by_code["31"].share == 0  # not generated in this quick run

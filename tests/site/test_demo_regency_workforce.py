"""The demo's workforce below the province (issue 16, part 5): each province's demo figure
split over its regencies and cities by registered population, labelled as an estimate."""

from __future__ import annotations

import csv
import gzip
from fractions import Fraction

import pytest

from pantau.core.display import round_half_up
from pantau.engine.models import Workforce
from pantau.engine.workforce import import_workforce, load_shipped_workforce
from pantau.regions.models import Region
from pantau.site.demo.calibration import POPULATION_FILE, workforce_base
from pantau.site.demo.workforce import (
    DEMO_SOURCE_PREFIX,
    DEMO_YEARS,
    load_demo_workforce,
    split_by_population,
)

pytestmark = pytest.mark.usefixtures("own_data_directory")


def population() -> dict[str, int]:
    with gzip.open(POPULATION_FILE, "rt", encoding="utf-8", newline="") as handle:
        return {row["code"]: int(row["population_total"]) for row in csv.DictReader(handle)}


@pytest.mark.django_db
def test_a_split_adds_up_exactly_and_follows_population():
    residents = population()
    kaltim = sorted(
        Region.objects.filter(parent_id="64").values_list("code", flat=True)
    )  # 10 regencies and cities
    shares = split_by_population(1_234, kaltim)
    assert sum(shares.values()) == 1_234
    total = sum(residents[code] for code in kaltim)
    for code, share in shares.items():
        exact = Fraction(1_234 * residents[code], total)
        assert abs(share - exact) < 1, (code, share, float(exact))
    # Samarinda (64.72) has more residents than Mahakam Ulu (64.11): more workers.
    assert shares["64.72"] > shares["64.11"]
    assert split_by_population(0, kaltim) == dict.fromkeys(kaltim, 0)
    assert split_by_population(5, []) == {}


@pytest.mark.django_db
def test_regency_estimates_add_up_to_the_province_and_province_figures_stay(no_stored_figures):
    load_shipped_workforce()
    summary = load_demo_workforce(1.0)
    regencies = Region.objects.filter(level__in=("regency", "city"))
    assert summary.regencies.created == regencies.count() * len(DEMO_YEARS)
    for year in (2022, 2024):
        for province in ("64", "65", "31", "94"):
            figure = Workforce.objects.get(region_id=province, year=year)
            # The province figure is the one the calibration gives (67.0 % / 51.0 % rest on it).
            assert figure.employed == round_half_up(
                Fraction(workforce_base(province, year).employed, 640)
            )
            below = Workforce.objects.filter(region__parent_id=province, year=year)
            assert below.count() == regencies.filter(parent_id=province).count() > 0
            assert sum(row.employed for row in below) == figure.employed
    kukar = Workforce.objects.get(region_id="64.02", year=2022)
    assert kukar.is_estimate
    assert kukar.source.startswith(DEMO_SOURCE_PREFIX)
    assert "perkiraan dari penduduk bekerja Kalimantan Timur pada skala demo" in kukar.source
    assert "bagian wilayah ini dari penduduk provinsi" in kukar.source
    assert "not an official figure" in kukar.source

    before = {row.pk: (row.employed, row.source) for row in Workforce.objects.all()}
    again = load_demo_workforce(1.0)
    assert (again.regencies.created, again.regencies.updated) == (0, 0)
    assert {row.pk: (row.employed, row.source) for row in Workforce.objects.all()} == before


@pytest.mark.django_db
def test_a_regency_figure_someone_imported_is_kept(no_stored_figures, tmp_path):
    load_shipped_workforce()
    path = tmp_path / "kukar.csv"
    path.write_text("region_code,year,employed,source\n64.02,2022,350000,BPS Kukar 2022\n")
    import_workforce(path)
    load_demo_workforce(1.0)
    row = Workforce.objects.get(region_id="64.02", year=2022)
    assert (row.employed, row.is_estimate, row.source) == (350_000, False, "BPS Kukar 2022")
    assert Workforce.objects.get(region_id="64.01", year=2022).is_estimate

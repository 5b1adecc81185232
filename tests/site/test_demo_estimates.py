"""The demo's labelled workforce estimates (`pantau.site.demo.workforce`)."""

from __future__ import annotations

import pytest

from pantau.engine.models import Workforce
from pantau.engine.workforce import (
    import_workforce,
    load_shipped_workforce,
    region_population,
)
from pantau.regions.models import Region
from pantau.site.demo.workforce import load_demo_estimates
from tests.engine.workforce_figures import PROVINCES, real_rows

pytestmark = pytest.mark.usefixtures("own_data_directory", "no_stored_figures")


# ---------------------------------------------------------------- demo estimates


def test_estimates_fill_every_other_province_year_and_are_labelled():
    load_shipped_workforce()
    published = real_rows()
    summary = load_demo_estimates(range(2021, 2026))
    assert summary.counts.created == PROVINCES * 5 - 14 and summary.kept_real == 14
    assert real_rows() == published  # never overwritten
    estimates = Workforce.objects.filter(is_estimate=True)
    assert estimates.count() == PROVINCES * 5 - 14
    for row in estimates:
        assert row.source.startswith("Perkiraan demo Pantau: ")
        assert "/ Pantau demo estimate: " in row.source
    provinces = set(Region.objects.filter(level="province").values_list("code", flat=True))
    for year in range(2021, 2026):
        assert set(Workforce.objects.filter(year=year).values_list("region_id", flat=True)) == (
            provinces
        )


def test_an_estimate_is_population_times_the_published_ratio_of_its_year():
    load_shipped_workforce()
    load_demo_estimates([2023])
    population = region_population()
    published = Workforce.objects.filter(year=2023, is_estimate=False)
    employed = sum(w.employed for w in published)
    residents = sum(population[w.region_id] for w in published)
    expected = (2 * population["64"] * employed + residents) // (2 * residents)  # half up
    row = Workforce.objects.get(region_id="64", year=2023)
    assert (row.employed, row.is_estimate) == (expected, True)
    assert f"{published.count()} provinces" in row.source and "August 2023" in row.source
    assert isinstance(row.employed, int)


def test_a_year_without_published_figures_borrows_the_nearest():
    load_shipped_workforce()
    summary = load_demo_estimates([2025])
    assert summary.basis_years == {2025: 2024}
    assert "August 2024" in Workforce.objects.get(region_id="64", year=2025).source


def test_estimates_are_idempotent_and_follow_new_published_figures(tmp_path):
    load_shipped_workforce()
    load_demo_estimates([2023])
    again = load_demo_estimates([2023])
    assert (again.counts.created, again.counts.updated) == (0, 0)

    path = tmp_path / "kaltim.csv"
    path.write_text("region_code,year,employed,source\n64,2023,1900000,BPS Kaltim\n")
    assert import_workforce(path).status == "updated"  # the published figure replaces it
    after = load_demo_estimates([2023])
    # 7 published provinces for 2023 plus Kalimantan Timur; the ratio moved for the rest.
    assert after.kept_real == 8 and after.counts.updated == PROVINCES - 8
    row = Workforce.objects.get(region_id="64", year=2023)
    assert (row.employed, row.is_estimate) == (1_900_000, False)


def test_estimates_need_published_figures():
    with pytest.raises(ValueError, match="load_shipped_workforce"):
        load_demo_estimates([2023])

"""The shipped published figures."""

from __future__ import annotations

import csv

import pytest

from pantau.engine.models import Workforce
from pantau.engine.workforce import (
    SHIPPED_FILE,
    import_workforce,
    load_shipped_workforce,
)
from tests.engine.workforce_figures import SHIPPED_PROVINCES

pytestmark = pytest.mark.usefixtures("own_data_directory", "no_stored_figures")


# ---------------------------------------------------------------- shipped figures


def test_the_shipped_file_is_the_published_table():
    with SHIPPED_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 14 and {row["province_code"] for row in rows} == SHIPPED_PROVINCES
    assert all("BPS Sakernas August" in row["source"] and "http" in row["source"] for row in rows)


def test_the_shipped_loader_loads_exactly_the_14_published_rows():
    summary = load_shipped_workforce()
    assert (summary.status, summary.accepted, summary.counts.created) == ("created", 14, 14)
    rows = Workforce.objects.all()
    assert rows.count() == 14 and not rows.filter(is_estimate=True).exists()
    assert {w.region_id for w in rows} == SHIPPED_PROVINCES
    assert Workforce.objects.get(region_id="35", year=2024).employed == 23_360_000
    assert Workforce.objects.get(region_id="75", year=2023).employed == 631_521


def test_the_shipped_loader_is_idempotent():
    load_shipped_workforce()
    before = {w.pk: w.imported_at for w in Workforce.objects.all()}
    again = load_shipped_workforce()
    assert (again.status, again.counts.unchanged) == ("unchanged", 14)
    assert {w.pk: w.imported_at for w in Workforce.objects.all()} == before


def test_the_shipped_loader_keeps_a_figure_someone_imported(tmp_path):
    path = tmp_path / "exact.csv"
    path.write_text("region_code,year,employed,source\n35,2024,23361234,BPS exact\n")
    import_workforce(path)
    load_shipped_workforce()
    assert Workforce.objects.get(region_id="35", year=2024).employed == 23_361_234
    assert Workforce.objects.count() == 14

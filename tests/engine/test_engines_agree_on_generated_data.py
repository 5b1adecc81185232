"""DuckDB and Spark agree beyond the ground truth's four lists: on the demo generator's data
for five provinces (Aceh, Central and East Java, East and North Kalimantan), some 250
lists of every category with the generator's planted mistakes, and the members of those
provinces. Region rows, counts and gap rows must be identical."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark", reason="the `spark` extra (pyspark) is not installed")
pytest.importorskip("sqlglot", reason="the `spark` extra (sqlglot) is not installed")

from pantau.engine import refresh  # noqa: E402
from pantau.engine.models import ListCoverage, MemberCoverage  # noqa: E402
from pantau.ingest.directory import import_directory  # noqa: E402
from pantau.site.demo.generate import generate_files  # noqa: E402
from tests.engine.ground_truth import JULY, gap_files, stored_rows  # noqa: E402

pytestmark = [pytest.mark.spark, pytest.mark.usefixtures("own_data_directory", "one_spark_session")]

PROVINCES = ["11", "33", "35", "64", "65"]


@pytest.fixture
def generated(db, tmp_path):
    files = tmp_path / "files"
    generate_files(files, scale=0.02, provinces=PROVINCES, as_of=["2022-07"])
    loaded = import_directory(files, processes=1)
    assert loaded.refused == [] and loaded.statuses["created"] == loaded.files
    return loaded


def test_duckdb_and_spark_agree_on_generated_provinces(generated):
    duck = refresh.run(JULY, engine="duckdb", full=True)
    duck_lists = stored_rows(ListCoverage, duck.refresh)
    duck_members = stored_rows(MemberCoverage, duck.refresh)
    duck_gaps = gap_files(duck.refresh)

    sparked = refresh.run(JULY, engine="spark", full=True)

    assert sparked.engine == "spark"
    assert sparked.counts == duck.counts
    assert stored_rows(ListCoverage, sparked.refresh) == duck_lists
    assert stored_rows(MemberCoverage, sparked.refresh) == duck_members
    assert gap_files(sparked.refresh) == duck_gaps
    # Not vacuous: hundreds of lists in five provinces, every status, gap rows in the lake.
    assert generated.files - 1 >= 200  # worker lists, and one membership extract
    # A row: as_of, region_code, category, listed, covered, lapsed, not_enrolled, ...
    provinces = {row[1] for row in duck_lists if len(row[1]) == 2}
    assert provinces == set(PROVINCES)
    national = next(row for row in duck_lists if row[1] == "" and row[2] == "")
    listed, covered, lapsed, not_enrolled = national[3:7]
    assert listed == covered + lapsed + not_enrolled and min(covered, lapsed, not_enrolled) > 0
    assert len(duck_gaps[1]) == lapsed + not_enrolled

"""The import's region table is read from a Parquet file named by the region file's hash
once one process has written it; a file cut short is written again."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pantau.ingest import importer
from pantau.regions.models import Region, RegionSource


@pytest.fixture
def cache_dir(tmp_path, settings, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(importer, "_regions_cache", {})
    return tmp_path / "cache"


@pytest.fixture
def region_file(db):
    source = RegionSource.objects.first()
    assert source is not None, "the suite's regions come from the real region file"
    return source


def test_the_first_import_writes_the_table_and_the_next_process_reads_it(cache_dir, region_file):
    table = importer.regions_table()
    path = cache_dir / f"regions-{region_file.sha256[:16]}.parquet"
    assert pq.read_table(path).equals(table)
    assert path.stat().st_mode & 0o777 == 0o600
    assert table.num_rows == Region.objects.count()

    # Another process: the file is read, not the database (a changed file shows it).
    importer._regions_cache.clear()
    pq.write_table(table.slice(0, 3), path)
    assert importer.regions_table().num_rows == 3


def test_a_file_cut_short_is_written_again(cache_dir, region_file):
    cache_dir.mkdir()
    path = cache_dir / f"regions-{region_file.sha256[:16]}.parquet"
    path.write_bytes(b"PAR1 cut short")
    assert importer.regions_table().num_rows == Region.objects.count()
    assert pq.read_table(path).num_rows == Region.objects.count()

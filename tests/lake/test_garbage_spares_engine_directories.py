"""`pantau setup` collects the lake's garbage: directories of snapshots the catalog does not
name. The engine's directories under the lake (the coverage generation in force with its gap
rows, the claims generation, the claims' lookups) are not snapshots: they stay, however old
(they went once they were an hour old, so every `pantau setup` emptied the gap lists)."""

from __future__ import annotations

import os
import time

from pantau.lake import storage


def test_garbage_collection_leaves_the_engine_directories_and_takes_unnamed_snapshots(
    db, own_data_directory
):
    lake = own_data_directory / "lake"
    engine = [lake / "coverage" / "7" / "gaps", lake / "claims-computed" / "3" / "flagged",
              lake / "claims-members"]  # fmt: skip
    orphan = lake / "workers" / ("0" * 32)
    old = time.time() - 7200
    for directory in (*engine, orphan):
        directory.mkdir(parents=True)
        for path in (directory, directory.parent):
            os.utime(path, (old, old))
    assert storage.collect_garbage() == [orphan]
    assert all(directory.is_dir() for directory in engine)

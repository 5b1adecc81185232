"""A refresh that finishes during a backup deletes the coverage generation the backup's copy
of the database names: the backup takes a new copy of the database and backs up the new
generation, so the backup stays one point in time (issue 21). The refresh runs for real, from
the backup's progress report, between two files. Committed data (`transactional_db`), as a
backup never runs inside another transaction: SQLite's backup waits for one that writes, and
pg_dump sees only what is committed."""

from __future__ import annotations

import json

from pantau.engine import refresh
from pantau.engine.models import CurrentGeneration
from pantau.site.backup import backup
from tests.engine.ground_truth import JULY, build_ground_truth


def test_a_refresh_during_the_backup_makes_it_start_again_with_the_new_generation(
    regions_in_live_db, own_data_directory, tmp_path
):
    build_ground_truth(tmp_path)
    old = CurrentGeneration.objects.get(as_of=JULY).generation
    refreshed = []

    def progress(done: int, total: int) -> None:
        if not refreshed:
            refreshed.append(refresh.run(JULY, full=True))  # deletes generation `old`

    made = backup(tmp_path / "backup", progress=progress)
    new = CurrentGeneration.objects.get(as_of=JULY).generation
    assert new != old and made.attempts == 2 and made.missing == []
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    coverage = {e["path"].split("/")[2] for e in manifest["files"] if "/coverage/" in e["path"]}
    assert coverage == {str(new)}
    assert not (tmp_path / "backup" / "files" / "lake" / "coverage" / str(old)).exists()

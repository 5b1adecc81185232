"""The installation the backup tests back up and restore: built and read inside `pantau shell`
processes with a data directory and a database of their own (tests/ingest/own_database.py).

`build` migrates, loads the regions of Kalimantan Timur and Utara only (the whole country
takes most of a minute), imports the engine's ground truth (lists, a superseded list, the
July 2022 extract) and refreshes it, then adds accounts, a finalised monev meeting with an
action, its evidence file and the audit trail. `facts` reads what a restore must give back.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from pathlib import Path

import duckdb
from django.core.management import call_command

from pantau.regions.services import SHIPPED_REGIONS

PROVINCES = ("64", "65")


def build(directory: str) -> None:
    from pantau.accounts.actions import create_user
    from pantau.audit.actions import record_cli
    from pantau.core.pdf import one_page_pdf
    from pantau.monev import services
    from pantau.regions.services import load_regions
    from tests.conftest import TEST_PASSWORD
    from tests.engine.ground_truth import build_ground_truth
    from tests.monev.world import action, balikpapan

    call_command("migrate", interactive=False, verbosity=0, stdout=io.StringIO())
    load_regions(_regions(Path(directory)))
    build_ground_truth(Path(directory))
    create_user(username="nasional", password=TEST_PASSWORD, role="national")
    officer = create_user(username="kukar", password=TEST_PASSWORD, role="pemda",
                          region_code="64.02")  # fmt: skip
    meeting = balikpapan()
    item = action(meeting)
    services.attach_evidence(item, [("dpa.pdf", one_page_pdf("DPA Kutai Kartanegara"))],
                             user=officer)  # fmt: skip
    services.finalise(meeting)
    record_cli("gap_export", "64.02", "Daftar belum terlindungi Kutai Kartanegara", rows=3)


def _regions(directory: Path) -> Path:
    """The shipped hierarchy, cut to `PROVINCES` (every parent is in it)."""
    rows = list(csv.reader(io.StringIO(gzip.decompress(SHIPPED_REGIONS.read_bytes()).decode())))
    path = directory / "regions.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        writer.writerows(row for row in rows[1:] if row[0].split(".")[0] in PROVINCES)
    return path


def facts() -> None:
    """Print, as one JSON line, what a restore must give back."""
    from django.conf import settings

    from pantau.accounts.models import User
    from pantau.audit.models import AuditEvent
    from pantau.engine.models import CurrentGeneration, ListCoverage, MemberCoverage
    from pantau.lake.models import Snapshot
    from pantau.monev.models import ActionEvent, ActionEvidence, MeetingVersion
    from pantau.monev.services import evidence_file
    from tests.engine.ground_truth import gap_files, stored_rows

    generations = list(CurrentGeneration.objects.values_list("as_of", "generation"))
    lake = {}
    con = duckdb.connect()
    for snapshot in Snapshot.objects.order_by("pk"):
        rows = con.execute(
            f"SELECT * FROM read_parquet('{snapshot.absolute_path}/**/*.parquet')"
        ).fetchall()
        lake[snapshot.path] = [snapshot.kind, snapshot.accepted, snapshot.is_current,
                               len(rows), _digest(sorted(rows, key=repr))]  # fmt: skip
    con.close()
    found = {
        "data_dir": str(settings.DATA_DIR),
        "generations": generations,
        "coverage": {
            str(generation): [
                stored_rows(ListCoverage, generation),
                stored_rows(MemberCoverage, generation),
                _digest(gap_files(generation)),
            ]
            for _as_of, generation in generations
        },
        "users": sorted(User.objects.values_list("username", "role", "region_id", "password")),
        "meeting_versions": list(
            MeetingVersion.objects.values_list("meeting_id", "number", "content")
        ),
        "action_events": list(ActionEvent.objects.order_by("pk").values_list("kind", "text")),
        "audit": list(
            AuditEvent.objects.order_by("pk").values_list(
                "action", "username", "description", "rows"
            )
        ),
        "evidence": [
            hashlib.sha256(evidence_file(item).read_bytes()).hexdigest()
            for item in ActionEvidence.objects.order_by("pk")
        ],
        "lake": lake,
    }
    print(json.dumps(found, default=str))


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()

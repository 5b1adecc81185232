"""A claims file is a batch: every one stays current, and a later file's row with the same
claim_no corrects the earlier one (the lake keeps both; `claims_in_force` orders them)."""

from __future__ import annotations

import duckdb

from pantau.lake import catalog
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, claim, claims
from tests.ingest.files import write_csv


def test_a_later_file_corrects_a_claim_and_both_stay_current(db, tmp_path):
    first = claims(write_csv(tmp_path / "juni.csv", [
        claim(claim_no="K-1", amount="40000000"), claim(claim_no="K-2", nik=ANDI)]))  # fmt: skip
    second = claims(write_csv(tmp_path / "juli.csv", [claim(claim_no="K-1")]))
    assert (first.status, second.status) == ("created", "created")
    assert first.snapshot < second.snapshot

    in_force = catalog.claims_in_force()
    assert [s.pk for s in in_force] == [first.snapshot, second.snapshot]  # oldest first
    assert all(s.is_current and s.superseded_by is None for s in in_force)

    # The newest snapshot's row of each claim_no wins.
    sources = " UNION ALL ".join(
        f"SELECT {s.pk} AS snapshot, claim_no, amount FROM "
        f"read_parquet('{s.absolute_path / 'data'}/**/*.parquet')"
        for s in in_force
    )
    latest = duckdb.sql(
        f"SELECT claim_no, arg_max(amount, snapshot) FROM ({sources}) GROUP BY claim_no "
        "ORDER BY claim_no"
    ).fetchall()
    assert latest == [("K-1", 42_000_000), ("K-2", 42_000_000)]


def test_claims_never_supersede_other_kinds_or_each_other(db, tmp_path):
    claims(write_csv(tmp_path / "a.csv", [claim(claim_no="K-1")]))
    claims(write_csv(tmp_path / "b.csv", [claim(claim_no="K-2")]))
    assert Snapshot.objects.filter(kind="claims", is_current=True).count() == 2
    snapshot = Snapshot.objects.filter(kind="claims").first()
    assert (snapshot.pemda_id, snapshot.category, snapshot.year, snapshot.as_of,
            snapshot.region_code) == (None, "", None, None, "")  # fmt: skip
    assert snapshot.path.startswith("lake/claims/")

"""The claims numbers' lineage and swap: nothing recomputed while neither the claims files nor
the membership extracts changed (unless full); a new file or extract makes a new generation,
the pointer moves, the older generation's rows and flagged files go; files are private."""

from __future__ import annotations

import datetime
import stat

import pytest

from pantau.engine import claims
from pantau.engine.claims_refresh import claims_root, flagged_dir
from pantau.engine.errors import RefreshError
from pantau.engine.models import ClaimRefresh, ClaimTotal, CurrentClaims
from tests.engine.claims_world import (
    JULY,
    X,
    build_claims_world,
    claim,
    import_members,
    write_claims,
)
from tests.engine.ground_truth import member_row

pytestmark = pytest.mark.usefixtures("own_data_directory")


@pytest.fixture
def first(db, own_data_directory, tmp_path):
    build_claims_world(tmp_path)
    return claims.refresh_claims()


def test_unchanged_inputs_compute_nothing(first):
    again = claims.refresh_claims()
    assert again == {"status": "unchanged", "engine": "duckdb", "refresh": first["refresh"]}
    assert ClaimRefresh.objects.count() == 1
    full = claims.refresh_claims(full=True)
    assert full["status"] == "created" and full["refresh"] != first["refresh"]


def test_a_new_membership_extract_recomputes_the_flags(first, tmp_path):
    old = CurrentClaims.objects.get().generation
    assert (claims_root() / str(old)).is_dir()
    # X joins, in Balikpapan's branch extract: K3 is no longer a claim of nobody's.
    import_members(tmp_path, [member_row(X, paid_until="2022-07", status="active",
                                         enrolled_on="2020-01-01", region_code="64.71")],
                   JULY, "x.csv", region="64.71")  # fmt: skip
    second = claims.refresh_claims()
    assert second["status"] == "created" and second["counts"]["flagged"] == 2
    assert claims.by_program("64.71")["JHT"].flagged == 0
    new = CurrentClaims.objects.get().generation
    assert new == second["refresh"] != old
    # The older generation's rows and person-level files are gone.
    assert set(ClaimTotal.objects.values_list("generation", flat=True).distinct()) == {new}
    assert not (claims_root() / str(old)).exists()
    assert [p.name for p in claims_root().iterdir()] == [str(new)]


def test_a_new_claims_file_corrects_an_earlier_one(first):
    write_claims([claim("K1", X, "JKM", "death", datetime.date(2022, 5, 10),
                        datetime.date(2022, 6, 15), 1_000, "64.02.05.2001", "self")],
                 "third.csv")  # fmt: skip
    assert claims.refresh_claims()["status"] == "created"
    assert claims.by_program("64.02.05.2001")["JKM"].amount == 1_000
    assert claims.flagged_total("") == 4


def test_flagged_files_are_private(first):
    files = list(flagged_dir(first["refresh"]).rglob("*"))
    assert files
    for path in files:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_a_failed_refresh_keeps_the_numbers_in_force(first, monkeypatch):
    from pantau.engine.backends import duckdb_backend

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(duckdb_backend, "compute_claims", broken)
    with pytest.raises(RuntimeError):
        claims.refresh_claims(full=True)
    assert CurrentClaims.objects.get().generation == first["refresh"]
    assert ClaimRefresh.objects.order_by("-pk").first().status == "failed"
    assert claims.flagged_total("") == 3
    assert [p.name for p in claims_root().iterdir()] == [str(first["refresh"])]


def test_unknown_engine(first):
    with pytest.raises(RefreshError):
        claims.refresh_claims(engine="pandas")

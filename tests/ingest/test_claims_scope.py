"""Who may import claims: BPJS officers, a branch only claims inside its region, BPJS's
national staff anywhere (the rule of membership extracts, `can_upload_members`); never a
Pemda. The regions of an upload's people are kept for web uploads."""

from __future__ import annotations

import pytest

from pantau.ingest.types import NotAllowed
from pantau.lake.models import Snapshot
from tests.ingest.claims_files import ANDI, claim, claims, issues
from tests.ingest.files import write_csv


@pytest.mark.parametrize(("role", "region", "allowed"), [
    ("bpjs", "64.02", True), ("bpjs", None, True), ("pemda", "64.02", False),
    ("national", None, False), ("viewer", None, False),
])  # fmt: skip
def test_claims_are_for_bpjs_staff(make_user, tmp_path, role, region, allowed):
    user = make_user("u", role, region)
    path = write_csv(tmp_path / "c.csv", [claim()])
    if allowed:
        assert claims(path, user=user).status == "created"
        assert Snapshot.objects.get().uploaded_by == user
    else:
        with pytest.raises(NotAllowed) as refused:
            claims(path, user=user)
        assert "klaim" in refused.value.message_id and "claims" in refused.value.message_en
        assert not Snapshot.objects.exists()


def test_a_branch_cannot_import_claims_outside_its_region(make_user, tmp_path):
    branch = make_user("balikpapan", "bpjs", "64.71")
    rows = [claim(claim_no="K-1", region_code="64.71.01.1001", payer_type="employer",
                  payer_region=""),
            claim(claim_no="K-2", nik=ANDI, region_code="64.02.05.2001")]  # fmt: skip
    summary = claims(write_csv(tmp_path / "c.csv", rows), user=branch)
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert issues(summary, "galat") == [(3, "region_code", "claim_region_outside", "64.02.05.2001")]
    snapshot = Snapshot.objects.get()
    assert snapshot.region_code == "64.71"
    # Who may see the upload's rows is decided from these (`accounts.scope`).
    assert summary.people_regions == ["64.02", "64.71"]
    assert summary.report_regions == ["64.02", "64.71"]


def test_a_branch_cannot_widen_its_region(make_user, tmp_path):
    branch = make_user("balikpapan", "bpjs", "64.71")
    path = write_csv(tmp_path / "c.csv", [claim()])
    with pytest.raises(NotAllowed):
        claims(path, user=branch, region="64")
    assert claims(path, user=branch, region="64.71.01").status == "created"
    assert Snapshot.objects.get().region_code == "64.71.01"


def test_the_operator_may_name_a_region(db, tmp_path):
    path = write_csv(tmp_path / "c.csv", [claim(), claim(claim_no="K-9", region_code="65.01")])
    summary = claims(path, region="6402")
    assert (summary.accepted, summary.rejected) == (1, 1)
    assert Snapshot.objects.get().region_code == "64.02"

"""Who may import what: a Pemda only its own lists; membership only BPJS (UU PDP 27/2022)."""

from __future__ import annotations

import datetime

import pytest

from pantau.ingest.importer import import_file
from pantau.ingest.types import ImportRequest, NotAllowed
from pantau.lake.models import Snapshot
from tests.ingest.files import member, worker, write_csv


@pytest.mark.parametrize(
    ("role", "region", "pemda", "allowed"),
    [
        ("pemda", "64.02", "64.02", True),
        ("pemda", "64", "64.02", True),  # a province officer for its regencies
        ("pemda", "64.02", "64.71", False),
        ("pemda", "64.02", "64", False),
        ("pemda", "65", "64.02", False),
        ("viewer", "64.02", "64.02", False),
        ("national", None, "64.02", False),
        ("bpjs", "64.71", "64.02", False),
        ("bpjs", "64.71", "64.71", True),
    ],
)
def test_worker_list_upload_scope(make_user, tmp_path, role, region, pemda, allowed):
    user = make_user("u", role, region)
    path = write_csv(tmp_path / "w.csv", [worker(region_code=pemda + ".01")])
    request = ImportRequest(path=path, kind="workers", pemda_code=pemda, category="non_asn",
                            year=2025, user=user)  # fmt: skip
    if allowed:
        assert import_file(request).status == "created"
    else:
        with pytest.raises(NotAllowed):
            import_file(request)
        assert not Snapshot.objects.exists()


@pytest.mark.parametrize(("role", "region", "allowed"), [
    ("bpjs", "64.71", True), ("bpjs", None, True), ("pemda", "64.02", False),
    ("national", None, False), ("viewer", None, False),
])  # fmt: skip
def test_membership_upload_is_for_bpjs_staff(make_user, tmp_path, role, region, allowed):
    user = make_user("u", role, region)
    path = write_csv(tmp_path / "m.csv", [member()])
    request = ImportRequest(path=path, kind="members", as_of=datetime.date(2022, 7, 1), user=user)
    if allowed:
        assert import_file(request).status == "created"
        assert Snapshot.objects.get().uploaded_by == user
    else:
        with pytest.raises(NotAllowed):
            import_file(request)

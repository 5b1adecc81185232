"""Who may see people, upload, and see full NIKs, by role and region: tests as data."""

import pytest

from pantau.accounts.scope import (
    can_upload,
    can_upload_for,
    can_upload_members,
    can_upload_members_for,
    can_view_nik,
    can_view_person_data,
    mask_nik,
)

# (role, user's region, target region, person data, upload, full NIK)
CASES = [
    ("national", None, "64.02.05.2001", True, False, False),
    ("national", None, "11", True, False, False),
    ("pemda", "64.02", "64.02", True, True, True),
    ("pemda", "64.02", "64.02.05.2001", True, True, True),
    ("pemda", "64.02", "64.71", False, False, False),
    ("pemda", "64.02", "64", False, False, False),
    ("pemda", "64", "64.02.05", True, True, True),
    ("pemda", "64", "65.01", False, False, False),
    ("bpjs", "64.71", "64.71.01", True, True, True),
    ("bpjs", "64.71", "64.02", False, False, False),
    ("bpjs", None, "91.01", True, True, True),
    ("viewer", None, "64.02", False, False, False),
    ("viewer", "64.02", "64.02", False, False, False),
]


@pytest.mark.parametrize(("role", "region", "target", "people", "upload", "nik"), CASES)
def test_scope(make_user, role, region, target, people, upload, nik):
    user = make_user(f"{role}-scope", role, region)
    assert can_view_person_data(user, target) is people
    assert can_upload_for(user, target) is upload
    assert can_view_nik(user, target) is nik


def test_inactive_users_see_nothing(make_user):
    user = make_user("gone", "pemda", "64.02", is_active=False)
    assert not can_view_person_data(user, "64.02")


# (role, user's region, may upload at all, may upload membership extracts)
UPLOADERS = [
    ("national", None, False, False),
    ("pemda", "64.02", True, False),
    ("bpjs", "64.71", True, True),
    ("bpjs", None, True, True),
    ("viewer", None, False, False),
]


@pytest.mark.parametrize(("role", "region", "upload", "members"), UPLOADERS)
def test_who_may_upload_and_who_may_upload_membership_extracts(
    make_user, role, region, upload, members
):
    user = make_user(f"{role}-uploads", role, region)
    assert can_upload(user) is upload
    assert can_upload_members(user) is members


def test_a_branch_uploads_extracts_for_its_own_region_only(make_user):
    branch = make_user("bpjs-branch", "bpjs", "64.71")
    assert can_upload_members_for(branch, "64.71.01")
    assert not can_upload_members_for(branch, "64")
    assert not can_upload_members_for(make_user("pemda-extract", "pemda", "64"), "64.02")
    assert can_upload_members_for(make_user("bpjs-national", "bpjs", None), "91")


def test_inactive_users_upload_nothing(make_user):
    user = make_user("gone-bpjs", "bpjs", None, is_active=False)
    assert not can_upload(user)
    assert not can_upload_members(user)


def test_nik_mask_keeps_region_hides_birth_date_and_serial():
    assert mask_nik("6402054507900001") == "640205**********"
    assert "4507" not in mask_nik("6402054507900001")

"""Who sees the people of an upload, with whole NIKs, and who starts its import: as data.

The people's regions decide, not the region the file was uploaded for: a branch's
membership extract may hold people of other provinces (UU PDP 27/2022).
"""

import pytest

from pantau.accounts.scope import can_start_upload, can_view_upload_niks, can_view_upload_rows

KALTIM_AND_OTHERS = ["31.71", "64.02", "65.01"]

# (role, user's region, people's regions, sees rows, sees whole NIKs)
CASES = [
    ("pemda", "64", ["64.02", "64.71"], True, True),
    ("pemda", "64", KALTIM_AND_OTHERS, False, False),  # the leak: kaltim saw 65.01 and 31.71
    ("pemda", "64.02", ["64.02"], True, True),
    ("pemda", "64.02", ["64"], False, False),  # a province-level row is not the regency's
    ("pemda", "64.02", ["64.02", "64.71"], False, False),
    ("bpjs", "64", ["64.02", None], False, False),  # None: a row only the whole country holds
    ("bpjs", None, ["64.02", None], True, True),
    ("bpjs", None, KALTIM_AND_OTHERS, True, True),
    ("national", None, KALTIM_AND_OTHERS, True, False),  # sees people, NIKs masked
    ("national", None, [None], True, False),
    ("viewer", None, ["64.02"], False, False),
    ("viewer", "64.02", ["64.02"], False, False),
]


@pytest.mark.parametrize(("role", "region", "regions", "rows", "niks"), CASES)
def test_people_of_an_upload(make_user, role, region, regions, rows, niks):
    uploader = make_user("bpjs-kaltim", "bpjs", "64")
    user = make_user("other", role, region)
    assert can_view_upload_rows(user, uploader.pk, regions) is rows
    assert can_view_upload_niks(user, uploader.pk, regions) is niks


def test_the_uploader_sees_its_own_file_whatever_is_in_it(make_user):
    uploader = make_user("bpjs-kaltim", "bpjs", "64")
    assert can_view_upload_rows(uploader, uploader.pk, KALTIM_AND_OTHERS)
    assert can_view_upload_niks(uploader, uploader.pk, [None])
    assert can_start_upload(uploader, uploader.pk)


def test_an_uploader_who_lost_the_uploading_role_no_longer_does(make_user):
    uploader = make_user("was-bpjs", "bpjs", "64")
    uploader.role = "viewer"
    assert not can_view_upload_rows(uploader, uploader.pk, ["64.02"])
    assert not can_start_upload(uploader, uploader.pk)


def test_inactive_users_see_nothing(make_user):
    user = make_user("gone", "bpjs", None, is_active=False)
    assert not can_view_upload_rows(user, None, ["64.02"])
    assert not can_view_upload_niks(user, None, ["64.02"])
    assert not can_start_upload(user, None)


@pytest.mark.parametrize(("role", "region", "allowed"), [
    ("pemda", "64", False),  # sees its regencies' uploads but does not import them
    ("bpjs", "64.71", False),
    ("national", None, False),  # the national team uploads nothing
    ("bpjs", None, True),  # BPJS's national staff
    ("viewer", None, False),
])  # fmt: skip
def test_only_the_uploader_or_national_uploaders_start_an_import(make_user, role, region, allowed):
    uploader = make_user("pemda-kukar", "pemda", "64.02")
    user = make_user("other", role, region)
    assert can_start_upload(user, uploader.pk) is allowed

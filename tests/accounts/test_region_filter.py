"""`scope.region_q`: the database filter that keeps a user's subtree, on the real regions;
and what the role rules say to someone who picks a wrong region."""

import pytest

from pantau.accounts.choices import Role
from pantau.accounts.roles import region_rule_error
from pantau.accounts.scope import mask_nik, region_q
from pantau.regions.models import Region


@pytest.mark.parametrize(
    ("role", "region"),
    [
        ("pemda", "64.02"),  # Kutai Kartanegara, its districts and their villages
        ("pemda", "64"),
        ("bpjs", None),  # BPJS national staff: the whole country
        ("national", None),
    ],
)
def test_region_q_keeps_the_subtree_and_nothing_else(make_user, role, region):
    user = make_user(f"{role}-q", role, region)
    kept = set(Region.objects.filter(region_q(user, "code")).values_list("code", flat=True))
    if region is None:
        assert len(kept) == Region.objects.count()
        return
    subtree = {
        code
        for code in Region.objects.values_list("code", flat=True)
        if code == region or code.startswith(region + ".")
    }
    assert kept == subtree and len(subtree) > 100


def test_the_role_rules_say_what_is_wrong(db):
    kukar, muara_badak = Region.objects.get(code="64.02"), Region.objects.get(code="64.02.05")
    assert region_rule_error(Role.NATIONAL, kukar) == (
        "Tim nasional mencakup seluruh Indonesia dan tidak memiliki wilayah."
    )
    assert region_rule_error(Role.PEMDA, None) == (
        "Pengguna Pemda harus memiliki wilayah (provinsi atau kabupaten/kota)."
    )
    assert region_rule_error(Role.PEMDA, muara_badak) == (
        "Wilayah Pemda harus provinsi atau kabupaten/kota, bukan Kecamatan."
    )
    assert region_rule_error(Role.PEMDA, kukar) is None
    assert region_rule_error(Role.NATIONAL, None) is None
    assert region_rule_error(Role.BPJS, muara_badak) is None


@pytest.mark.parametrize("nik", ["", "64", "640205450790000", "64020545079000011"])
def test_a_malformed_nik_is_masked_whole(nik):
    assert mask_nik(nik) == "*" * len(nik)

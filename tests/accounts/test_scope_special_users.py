"""Every rule in `accounts.scope` for the users the role tables leave out: signed out,
deactivated, and superusers of a role that alone would be refused. As data."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pantau.accounts import scope

KUKAR = "64.02"

# Each rule with arguments that its role rule alone refuses a viewer of Kukar.
RULES = {
    "person data": lambda user: scope.can_view_person_data(user, KUKAR),
    "upload": lambda user: scope.can_upload_for(user, KUKAR),
    "whole NIK": lambda user: scope.can_view_nik(user, KUKAR),
    "upload rows": lambda user: scope.can_view_upload_rows(user, None, [KUKAR]),
    "upload NIKs": lambda user: scope.can_view_upload_niks(user, None, [KUKAR]),
    "start upload": lambda user: scope.can_start_upload(user, None),
    "compliance": lambda user: scope.can_edit_compliance(user, KUKAR),
    "budget": lambda user: scope.can_edit_budget(user, KUKAR),
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_signed_out_users_may_nothing(rule):
    # AnonymousUser has no role or region: a rule that looked at them first would raise.
    assert RULES[rule](AnonymousUser()) is False


@pytest.mark.parametrize("rule", sorted(RULES))
def test_deactivated_officers_of_the_region_may_nothing(make_user, rule):
    officer = make_user("kukar-gone", "pemda", KUKAR, is_active=False)
    officer.role = "bpjs" if rule == "start upload" else "pemda"
    if rule == "start upload":
        officer.region = None  # BPJS national staff, who may start any import when active
    assert RULES[rule](officer) is False


@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_same_officers_active_may(make_user, rule):
    officer = make_user("kukar", "pemda", KUKAR)
    if rule == "start upload":
        officer = make_user("bpjs-national", "bpjs", None)
    assert RULES[rule](officer) is True


@pytest.mark.parametrize("rule", sorted(RULES))
def test_superusers_may_everything_whatever_their_role(make_user, rule):
    viewer = make_user("viewer-admin", "viewer", KUKAR, is_superuser=True)
    assert RULES[rule](viewer) is True


def test_a_budget_code_may_be_undotted_but_must_be_the_pemdas_own(make_user):
    officer = make_user("kukar", "pemda", KUKAR)
    assert scope.can_edit_budget(officer, "6402")
    assert not scope.can_edit_budget(officer, "64.02.05")  # its district is not a Pemda
    assert not scope.can_edit_budget(officer, "not a code")


def test_compliance_is_edited_by_the_pemda_itself_only(make_user):
    assert scope.can_edit_compliance(make_user("kaltim", "pemda", "64"), "64")
    assert not scope.can_edit_compliance(make_user("kaltim-2", "pemda", "64"), KUKAR)
    assert not scope.can_edit_compliance(make_user("bpjs-kukar", "bpjs", KUKAR), KUKAR)


@pytest.mark.parametrize(("role", "region"), [("bpjs", KUKAR), ("viewer", KUKAR),
                                              ("national", None), ("viewer", None)])  # fmt: skip
def test_only_pemda_officers_edit_a_budget_even_of_their_own_region(make_user, role, region):
    assert not scope.can_edit_budget(make_user(f"{role}-budget", role, region), KUKAR)

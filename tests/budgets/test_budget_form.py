"""The allocation form at `/pemda/<code>/anggaran/baru/`: who may save (only the Pemda's own
officers), who may only read, and validation errors shown in Bahasa Indonesia."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pantau.accounts.scope import can_edit_budget
from pantau.budgets.allocations import views as allocation_views
from pantau.budgets.models import Allocation, Need
from pantau.budgets.need import refresh_needs
from tests.budgets.budget_files import import_list

# (role, user's region, Pemda, may edit)
CASES = [
    ("pemda", "64.02", "64.02", True),
    ("pemda", "64.02", "6402", True),  # undotted
    ("pemda", "64.02", "64.71", False),  # another Pemda
    ("pemda", "64", "64.02", False),  # the parent province
    ("pemda", "64.02", "64", False),  # a regency for its province
    ("pemda", "64", "64", True),
    ("national", None, "64.02", False),
    ("bpjs", "64.02", "64.02", False),
    ("viewer", "64.02", "64.02", False),
]


@pytest.mark.parametrize(("role", "region", "pemda", "allowed"), CASES)
def test_who_may_edit_a_budget(make_user, role, region, pemda, allowed):
    user = make_user(f"{role}-budget", role, region)
    assert can_edit_budget(user, pemda) is allowed


def test_superusers_may_and_inactive_users_may_not(make_user):
    admin = make_user("admin-budget", "national", None, is_superuser=True)
    gone = make_user("gone-budget", "pemda", "64.02", is_active=False)
    assert can_edit_budget(admin, "64.71") and not can_edit_budget(gone, "64.02")


@pytest.fixture(autouse=True)
def needs_refreshed(monkeypatch, settings, tmp_path):
    """Saving recomputes the Pemda's need for the year: the real recomputation runs, and its
    calls are recorded so the tests below can tell when it ran."""
    settings.DATA_DIR = tmp_path / "data"  # the lists a need is computed from
    settings.DATA_DIR.mkdir()
    calls = []

    def recorded(year, pemda=None):
        calls.append((year, pemda))
        return refresh_needs(year, pemda=pemda)

    monkeypatch.setattr(allocation_views, "refresh_needs", recorded)
    return calls


def url(code: str = "64.02") -> str:
    return reverse("budgets:allocation-new", args=[code])


def form_data(**changes) -> dict:
    return {
        "year": "2025", "category": "non_asn", "stage": "murni", "persons": "1200",
        "amount": "2.500.000.000", "realized": "", "programs": ["JKK", "JKM"],
        "document": "DPA-SKPD 2.18.01 Tahun 2025", **changes,
    }  # fmt: skip


def test_own_pemda_saves(client_as, needs_refreshed):
    client = client_as("pemda", "64.02")
    page = client.get(url())
    assert page.status_code == 200 and b'data-testid="allocation-form"' in page.content
    response = client.post(url(), form_data())
    assert response.status_code == 302 and response["Location"].endswith("?tahun=2025")
    row = Allocation.objects.get()
    assert (row.pemda_id, row.amount, row.programs, row.source, row.is_current) == (
        "64.02", 2500000000, "JKK,JKM", "form", True)  # fmt: skip
    assert row.entered_by.username == "pemda-6402"
    assert needs_refreshed == [(2025, "64.02")]
    page = client.get(response["Location"])
    assert "tersimpan" in page.content.decode()
    assert "Rp2.500.000.000" in page.content.decode()  # in the status and history tables


def test_saving_recomputes_the_need_of_the_programmes_it_names(client_as, tmp_path):
    # Kukar's Non ASN list of 2025: two people on Rp3.000.000 a month.
    snapshot = import_list(tmp_path, "64.02", "non_asn", 2025, [3000000, 3000000])
    assert not Need.objects.exists()
    client = client_as("pemda", "64.02")
    assert client.post(url(), form_data(programs=["JKK", "JKM"])).status_code == 302
    needs = {row.programs: row for row in Need.objects.filter(pemda_id="64.02", year=2025)}
    assert set(needs) == {"", "JKK,JKM"}  # the default set and the allocation's own
    # JKK 0.24% + JKM 0.30% of Rp3.000.000 = Rp16.200 a month, for two people, a year.
    assert needs["JKK,JKM"].amount == 2 * 12 * 16_200
    # The default Non ASN set adds JHT (5.7%): Rp187.200 a month each.
    assert needs[""].amount == 2 * 12 * 187_200
    assert {row.list_snapshot_id for row in needs.values()} == {snapshot}
    # Another allocation names only JKM: its need is there as soon as it is saved.
    client.post(url(), form_data(programs=["JKM"], stage="perubahan"))
    assert Need.objects.get(pemda_id="64.02", year=2025, programs="JKM").amount == 2 * 12 * 9_000


def test_the_same_entry_twice_changes_nothing(client_as, needs_refreshed):
    client = client_as("pemda", "64.02")
    client.post(url(), form_data())
    response = client.post(url(), form_data(), follow=True)
    assert "tidak ada yang berubah" in response.content.decode()
    assert Allocation.objects.count() == 1
    assert needs_refreshed == [(2025, "64.02")]  # nothing changed, nothing recomputed


def test_perubahan_then_murni_keeps_the_perubahan(client_as):
    client = client_as("pemda", "64.02")
    client.post(url(), form_data(stage="perubahan", amount="3000000000"))
    response = client.post(url(), form_data(stage="murni"), follow=True)
    assert "riwayat saja" in response.content.decode()
    assert Allocation.objects.get(is_current=True).stage == "perubahan"
    assert Allocation.objects.count() == 2


def test_a_realization_above_the_allocation_warns(client_as):
    client = client_as("pemda", "64.02")
    response = client.post(url(), form_data(amount="100", realized="150"), follow=True)
    assert "Realisasi (150) melebihi pagu anggaran (100)" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "region", "target"),
    [
        ("pemda", "64.71", "64.02"),  # another Pemda
        ("pemda", "64", "64.02"),  # the parent province
        ("pemda", "64.02", "64"),  # a regency for its province
        ("national", None, "64.02"),
        ("bpjs", "64.02", "64.02"),
        ("viewer", None, "64.02"),
    ],
)
def test_others_are_refused_on_post(client_as, role, region, target, needs_refreshed):
    client = client_as(role, region)
    response = client.post(url(target), form_data())
    assert response.status_code == 403
    assert "hanya dapat dicatat oleh petugas Pemda" in response.content.decode()
    assert not Allocation.objects.exists() and needs_refreshed == []


@pytest.mark.parametrize(("role", "region"), [("national", None), ("pemda", "64")])
def test_others_read_the_page_without_the_form(client_as, role, region):
    response = client_as(role, region).get(url("64.02"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'data-testid="allocation-form"' not in content and 'data-testid="read-only"' in content


def test_a_superuser_may_save_for_any_pemda(client_as):
    client = client_as("national", None, is_superuser=True)
    assert client.post(url("64.71"), form_data()).status_code == 302
    assert Allocation.objects.get().pemda_id == "64.71"


def test_signed_out_visitors_go_to_sign_in(client, db):
    response = client.post(url(), form_data())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Allocation.objects.exists()


@pytest.mark.parametrize("code", ["64.02.05", "64.02.05.2001", "99"])
def test_only_a_pemda_has_a_budget_page(client_as, code):
    assert client_as("national").get(url(code)).status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": "1,5"}, "Pagu anggaran harus rupiah bulat, tanpa sen (1,5)"),
        ({"amount": "-100"}, "Pagu anggaran tidak boleh negatif (-100)"),
        ({"amount": ""}, "Pagu anggaran kosong; tulis 0 jika tidak dianggarkan."),
        ({"year": "dua ribu"}, "Tahun harus bilangan bulat, misalnya 2025 (dua ribu)."),
        (
            {"year": "1999"},
            "Tahun 1999 di luar rentang: harus antara 2021 (Inpres 2/2021) dan tahun depan.",
        ),
        ({"category": ""}, "Kategori pekerja kosong."),
        ({"persons": "12,5"}, "Jumlah sasaran harus bilangan bulat orang, tanpa desimal"),
        ({"realized": "banyak"}, "Realisasi bukan jumlah rupiah (banyak)"),
        ({"document": "=CMD()"}, "Isian tidak boleh diawali =, +, - atau @"),
        ({"category": "vulnerable", "programs": ["JKK", "JKM", "JP"]},
         "tidak dapat dihitung untuk kategori dan tahun ini"),
    ],
)  # fmt: skip
def test_validation_errors_in_indonesian(client_as, changes, message):
    response = client_as("pemda", "64.02").post(url(), form_data(**changes))
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content and 'class="errorlist' in content
    assert not Allocation.objects.exists()


def test_validation_errors_in_english_when_chosen(client_as):
    client = client_as("pemda", "64.02")
    client.cookies["django_language"] = "en"
    response = client.post(url(), form_data(amount="1,5"))
    assert "The allocation must be whole Rupiah, without cents (1,5)" in response.content.decode()

"""Demo budgets (issue 6): generated from the demo lists, stored through the real budgets
import. East Kalimantan shows several regencies and cities that have not budgeted for their
Non ASN, Kutai Kartanegara budgets for vulnerable workers, and a second run changes nothing."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from pantau.budgets.allocations.services import record_allocation
from pantau.budgets.models import Allocation, Need
from pantau.budgets.status import budget_rows
from pantau.regions.models import Region
from pantau.site.demo import budgets as demo
from pantau.site.demo.budgets import Listed, budget_rows_for, load_demo_budgets, summary_line
from pantau.site.demo.world import load_demo_data
from tests.budgets.budget_files import entry

pytestmark = pytest.mark.usefixtures("own_data_directory")

SCALE = 0.05  # small and quick: at least 3 persons per list


@pytest.fixture
def demo_budgets(db):
    loaded = load_demo_data(scale=SCALE, provinces=["64", "65"], processes=1)
    assert loaded and not loaded["refused"]
    result = load_demo_budgets()
    assert result is not None and result.imported.rejected == 0
    return result


def test_east_kalimantan_has_regencies_without_a_non_asn_budget_and_kukar_budgets_the_vulnerable(
    demo_budgets, client_as
):
    rows = [r for r in budget_rows("64", 2022) if r.category == "non_asn"]
    missing = [r for r in rows if r.status == "not_budgeted"]
    levels = dict(Region.objects.filter(province_code="64").values_list("code", "level"))
    assert 3 <= len(missing) <= 4
    assert all(levels[r.code] in ("regency", "city") for r in missing)
    assert "64.02" not in {r.code for r in missing}
    # Some have no row at all, some a row of Rp0; every other one budgets its Non ASN.
    assert {r.allocated for r in missing} == {None, 0}
    assert all(r.allocated and r.need for r in rows if r not in missing)
    assert len(rows) == 11  # the province and its 10 regencies and cities
    assert [r.code for r in demo_budgets.not_budgeted_64] == [r.code for r in missing]
    line = summary_line(demo_budgets)
    assert f"Kalimantan Timur: {len(missing)} Pemda belum menganggarkan Non ASN" in line
    assert all(r.name in line for r in missing)
    # The province page shows them first, for 2022 by default (this year has no data).
    response = client_as("viewer").get("/wilayah/64/anggaran/")
    assert response.context["year"] == 2022
    section = re.search(r'data-testid="not-budgeted">(.*?)</table>',
                        response.content.decode(), re.S).group(1)  # fmt: skip
    assert all(f"/pemda/{r.code}/anggaran/" in section for r in missing)

    # Kutai Kartanegara budgets for its vulnerable workers (traders and farmers).
    kukar = {r.category: r for r in budget_rows("64.02", 2022)}
    vulnerable = kukar["vulnerable"]
    assert vulnerable.status == "budgeted" and vulnerable.allocated > 0
    assert vulnerable.persons_budgeted >= 3 and vulnerable.realized <= vulnerable.allocated
    assert (
        "Kutai Kartanegara" in vulnerable.document and "pedagang dan petani" in vulnerable.document
    )
    assert all(r.status != "not_budgeted" for r in kukar.values())  # it budgets every category


def test_the_budgets_come_through_the_import_and_look_real(demo_budgets):
    stored = Allocation.objects.filter(year=2022)
    assert stored.exists() and set(stored.values_list("source", "source_name")) == {
        ("import", "anggaran_2022.csv")}  # fmt: skip
    assert demo_budgets.path.name == "anggaran_2022.csv"
    assert demo_budgets.path.read_text(encoding="utf-8").startswith("kode_pemda,nama_pemda,")
    # A perubahan superseding the murni somewhere; realizations 60–100 % of the pagu.
    replaced = stored.filter(is_current=False)
    assert replaced.exists()
    assert all(row.superseded_by.stage == "perubahan" for row in replaced)
    for row in stored.filter(is_current=True, amount__gt=0):
        if row.realized is not None:
            assert Fraction(60, 100) <= Fraction(row.realized, row.amount) <= 1, row
    rows = budget_rows("ID", 2022)
    statuses = {r.status for r in rows}
    assert statuses == {"not_budgeted", "under_budgeted", "budgeted"}
    # Needs come from the demo lists: every list in force has one.
    assert Need.objects.filter(year=2022, programs="").count() == len(
        [r for r in rows if r.persons_listed])  # fmt: skip


def test_running_it_again_changes_nothing(demo_budgets):
    def state():
        allocations = list(Allocation.objects.order_by("pk").values_list(
            "pk", "pemda_id", "category", "stage", "amount", "realized", "is_current"))  # fmt: skip
        needs = list(Need.objects.order_by("pk").values_list("pk", "amount", "computed_at"))
        return allocations, needs, demo_budgets.path.read_bytes()

    before = state()
    again = load_demo_budgets()
    assert again.imported.status == "unchanged"
    assert again.imported.counts.unchanged == again.rows == demo_budgets.rows
    assert (again.needs.created, again.needs.updated, again.needs.deleted) == (0, 0, 0)
    assert state() == before

    # A budget someone enters afterwards survives the next run of the demo.
    mine = record_allocation(
        entry(
            pemda_code="64.71",
            year="2022",
            stage="perubahan",
            amount="123456000",
            document="Perwali Balikpapan 9/2022",
        )
    )
    third = load_demo_budgets()
    assert third.imported.status == "unchanged"
    current = Allocation.objects.current().get(pemda_id="64.71", year=2022, category="non_asn")
    assert current.pk == mine.allocation.pk and current.amount == 123_456_000


# ---------------------------------------------------------------- the file, without a database


def synthetic_lists() -> list[Listed]:
    """A province of 200 regencies (every category) and East Kalimantan's 10 and itself."""
    lists = []
    for number in range(1, 201):
        code = f"11.{number:02d}" if number < 100 else f"12.{number - 99:02d}"
        for category, persons, need in (("non_asn", 30, 80_000_000),
                                        ("village_official", 60, 2_000_000),
                                        ("vulnerable", 20, 4_032_000)):  # fmt: skip
            lists.append(Listed(code, f"Kabupaten Uji {number}", "regency", code[:2], category,
                                persons, need))  # fmt: skip
    for code in ("64", "64.01", "64.02", "64.03", "64.04", "64.05", "64.06", "64.07", "64.08",
                 "64.71", "64.72"):  # fmt: skip
        level = "province" if code == "64" else "regency"
        lists.append(Listed(code, f"Uji {code}", level, "64", "non_asn", 10, 30_000_000))
    return lists


def test_the_file_tells_the_story_whatever_the_lists():
    lists = synthetic_lists()
    rows = budget_rows_for(lists)
    assert rows == budget_rows_for(lists)  # seeded: the same lists give the same rows
    assert rows != budget_rows_for(lists, seed=7)
    assert all(isinstance(row["pagu"], int) for row in rows)
    need = {(item.code, item.category): item.need for item in lists}
    final: dict[tuple, dict] = {}
    for row in rows:  # murni first, so the perubahan wins
        final[(row["kode_pemda"], row["kategori"])] = row
    ratios = [Fraction(row["pagu"], need[key]) for key, row in final.items()
              if row["pagu"] and need.get(key)]  # fmt: skip
    assert any(r < 1 for r in ratios) and any(r > Fraction(3, 2) for r in ratios)
    assert sum(1 for r in ratios if r > Fraction(3, 2)) < len(ratios) // 5  # a few
    non_asn = [key for key in need if key[1] == "non_asn" and key[0][:2] != "64"]
    budgeted = [key for key in non_asn if final.get(key, {}).get("pagu")]
    assert 0.8 <= len(budgeted) / len(non_asn) < 1  # most, not all
    assert any(row["tahap"] == "perubahan" for row in rows)
    for row in final.values():
        if row["pagu"] and row["realisasi"] != "":
            assert Fraction(60, 100) <= Fraction(row["realisasi"], row["pagu"]) <= 1
    # East Kalimantan: 4 of its regencies and cities without a Non ASN budget, never Kukar;
    # Kukar budgets its vulnerable workers even without their list.
    east = [key for key in need if key[0][:2] == "64" and key[0] != "64"]
    missing = [key for key in east if not final.get(key, {}).get("pagu")]
    assert len(missing) == demo.NOT_BUDGETED_64 == 4 and ("64.02", "non_asn") not in missing
    assert final[("64", "non_asn")]["pagu"] > 0
    assert final[("64.02", "vulnerable")]["pagu"] > 0
    assert "Perbup Kutai Kartanegara" in final[("64.02", "vulnerable")]["dokumen"]

"""The shipped Kepmendagri 2025 hierarchy, loaded into the real database."""

from django.db.models import Count

from pantau.regions.models import Region, RegionSource
from pantau.regions.services import load_regions

EXPECTED_LEVEL_COUNTS = {
    "province": 38,
    "regency": 416,
    "city": 98,
    "district": 7285,
    "village": 83762,
}


def test_every_region_is_loaded_with_its_level(db):
    counts = dict(Region.objects.values_list("level").annotate(n=Count("code")).order_by())
    assert counts == EXPECTED_LEVEL_COUNTS
    assert Region.objects.count() == 91_599


def test_loading_again_changes_nothing(db, django_assert_max_num_queries):
    before = RegionSource.objects.get()
    with django_assert_max_num_queries(3):
        result = load_regions()
    assert result.status == "unchanged"
    assert RegionSource.objects.get().pk == before.pk


def test_forced_reload_updates_in_place(db):
    Region.objects.filter(code="64.02").update(name="Nama Lama")
    result = load_regions(force=True)
    assert result.status == "updated"
    assert result.rows == 91_599 and result.removed == 0
    assert Region.objects.get(code="64.02").name == "Kabupaten Kutai Kartanegara"


def test_subtree_is_one_indexed_filter_without_recursion(db, django_assert_num_queries):
    kukar = Region.objects.get(code="64.02")
    with django_assert_num_queries(1):
        subtree = list(Region.objects.subtree(kukar).values_list("code", flat=True))
    assert "64.02" in subtree
    assert all(code == "64.02" or code.startswith("64.02.") for code in subtree)
    assert len(subtree) == 1 + kukar.district_count + kukar.village_count


def test_descendant_counts_are_precomputed(db):
    kaltim = Region.objects.get(code="64")
    # Kalimantan Timur: 7 regencies, 3 cities, 105 districts, 1,038 villages (Kepmendagri 2025).
    assert kaltim.descendant_counts() == {
        "regency": 7,
        "city": 3,
        "district": 105,
        "village": Region.objects.filter(level="village", province_code="64").count(),
    }
    kukar = Region.objects.get(code="64.02")
    assert kukar.descendant_counts() == {"district": 20, "village": 237}


def test_village_kinds_follow_the_code_rule(db):
    assert Region.objects.get(code="64.02.05.2001").village_kind == "desa"
    kelurahan = Region.objects.filter(level="village", code__endswith=".1001").first()
    assert kelurahan.village_kind == "kelurahan"


def test_search_by_name_or_code(db):
    assert Region.objects.search("kutai kartanegara").filter(code="64.02").exists()
    assert set(Region.objects.search("640205").values_list("level", flat=True)) == {
        "district",
        "village",
    }
    assert Region.objects.search("64.02.05").filter(code="64.02.05").exists()


def test_regions_dropped_by_a_new_decree_are_removed_unless_referenced(db, tmp_path, make_user):
    import gzip

    import pytest

    from pantau.regions.services import SHIPPED_REGIONS, RegionFileError

    dropped = ("64.02.05.2001", "64.02.05.2002", "64.02.05.2003")
    lines = gzip.decompress(SHIPPED_REGIONS.read_bytes()).decode().splitlines(keepends=True)
    newer = tmp_path / "regions.csv"
    newer.write_text("".join(line for line in lines if not line.startswith(dropped)))

    make_user("desa", "viewer", "64.02.05.2002")
    with pytest.raises(RegionFileError, match="Nothing was changed"):
        load_regions(newer)
    assert Region.objects.filter(code__in=dropped).count() == 3

    from pantau.accounts.models import User

    User.objects.filter(username="desa").delete()
    result = load_regions(newer)
    assert (result.status, result.removed) == ("updated", 3)
    assert not Region.objects.filter(code__in=dropped).exists()

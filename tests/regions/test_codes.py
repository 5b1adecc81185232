import pytest

from pantau.regions.codes import (
    InvalidRegionCode,
    ancestor_codes,
    canonical_code,
    is_city_code,
    is_within,
    parent_code,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("64", "64"),
        ("6402", "64.02"),
        ("64.02", "64.02"),
        ("640205", "64.02.05"),
        ("64.02.05", "64.02.05"),
        ("6402052001", "64.02.05.2001"),
        ("64.02.05.2001", "64.02.05.2001"),
        (" 64.02 ", "64.02"),
        (6402, "64.02"),
    ],
)
def test_dotted_and_undotted_codes_are_the_same_region(raw, expected):
    assert canonical_code(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "6", "640", "64.2", "64.02.05.201", "640205200", "6402a", "64-02", None, "64..02"]
)
def test_malformed_codes_are_refused(raw):
    with pytest.raises(InvalidRegionCode):
        canonical_code(raw)


def test_hierarchy_helpers():
    assert parent_code("64.02.05.2001") == "64.02.05"
    assert parent_code("64") is None
    assert ancestor_codes("64.02.05") == ["64", "64.02", "64.02.05"]
    assert is_within("64.02.05", "64.02")
    assert is_within("64.02", "64.02")
    assert not is_within("64.020", "64.02")
    assert not is_within("64.71", "64.02")
    assert is_within("11", None)
    assert is_city_code("64.71") and not is_city_code("64.02")

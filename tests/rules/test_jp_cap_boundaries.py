"""The JP line at the edges of its cap: a wage equal to the cap is not capped, and a cap
derived from zero GDP growth is written with a plus sign (PP 45/2015 Pasal 29)."""

from __future__ import annotations

import pytest

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

# A hypothetical 2028 cap: GDP growth 0%, so 11.086.300 × (1 + 0%) = 11.086.300.
ZERO_GROWTH_2028 = (
    regulation_header("cap-2028", kind="policy", short="Kebijakan 2028")
    + """
    [[entry]]
    key = "pu.jp.wage_cap"
    from = "2028-03"
    amount = 11086300
    gdp_growth_percent = "0"
    article = "turunan rumus PP 45/2015 Pasal 29, PDB 2027 0%"
    confidence = "L"
"""
)


@pytest.mark.parametrize(
    ("month", "wage", "relation"),
    [
        ("2024-03", 10_042_300, "tidak melebihi"),  # exactly the March 2024 cap
        ("2024-03", 10_042_301, "dibatasi"),  # one Rupiah above
        ("2024-02", 10_042_300, "dibatasi"),  # above the March 2023 cap 9.559.600
    ],
)
def test_a_wage_equal_to_the_cap_is_not_capped(month, wage, relation):
    line = api.contribution("pu", month, "jp", wage=wage).line("jp")
    assert f"upah Rp{wage:,} {relation} batas upah JP".replace(",", ".") in line.basis


def test_a_cap_derived_from_zero_growth(tmp_path):
    write_rule_file(tmp_path, "cap-2028", ZERO_GROWTH_2028)
    with schedules.using(schedules.load([tmp_path])):
        line = api.contribution("pu", "2028-04", "jp", wage=11_086_300).line("jp")
    assert (line.employer, line.worker) == (221_726, 110_863)  # 2% and 1% of 11.086.300
    assert line.basis.endswith(
        "; upah Rp11.086.300 tidak melebihi batas upah JP Rp11.086.300 (turunan rumus PP "
        "45/2015 Pasal 29, PDB 2027 0%; kebijakan Pantau, bukan kutipan peraturan; keyakinan "
        "L; nilai turunan: Rp11.086.300 × (1 + 0%) dibulatkan ke bawah ke Rp100)"
    )

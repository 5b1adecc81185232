"""JKK total permanent disability pays 56 × wage plus the periodic benefit Rp12.000.000.

Source: PP 82/2019 Lampiran III as BPJS Ketenagakerjaan states it (GridStar, 30 November
2022: "Santunan berkala diberikan apabila peserta cacat total tetap atau meninggal dunia
akibat kecelakaan kerja atau PAK sebesar Rp12.000.000"); 70% × 80 × wage (FLIP82, REPORT)."""

from __future__ import annotations

from pantau.rules import api


def test_total_disability_includes_the_periodic_benefit():
    benefit = api.jkk_disability_benefit(3_000_000, "2022-07-14")
    assert [(item.code, item.amount) for item in benefit.components] == [
        ("total_disability", 168_000_000),
        ("periodic", 12_000_000),
    ]
    assert benefit.cash_total == 180_000_000
    assert "PP 82/2019 Lampiran III" in benefit.components[1].basis

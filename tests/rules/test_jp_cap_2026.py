"""The JP wage cap from March 2026 is Rp11.086.300.

Source: BPJS Ketenagakerjaan letter B/1226/022026 of 25 February 2026 (+5,11%, the yearly
adjustment of PP 45/2015 Pasal 29 ayat (3)), as quoted by public payroll code bases
(domain.md section 4b, confidence M). Pantau used to carry Rp10.547.400 forward."""

from __future__ import annotations

from decimal import Decimal

from pantau.rules import api
from pantau.rules.schedules import truncate_to_hundred


def jp(month: str):
    return api.contribution("pu", month, "jp", wage=20_000_000).line("jp")


def test_march_2026_uses_the_published_cap():
    line = jp("2026-03")
    assert (line.employer, line.worker) == (221_726, 110_863)  # 2% and 1% of 11,086,300
    assert "Rp11.086.300" in line.basis and "B/1226/022026" in line.basis
    assert "belum diketahui" not in line.basis and "keyakinan M" in line.basis


def test_february_2026_still_uses_the_2025_cap():
    assert jp("2026-02").employer == 210_948  # 2% of 10,547,400


def test_the_published_cap_follows_the_pasal_29_formula():
    assert truncate_to_hundred(10_547_400 * (1 + Decimal("5.11") / 100)) == 11_086_300

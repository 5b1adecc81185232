"""From February 2025 the working no longer says 0,10% of the JKM contribution goes to JKP.

Source: PP 6/2025 (amending PP 37/2021 Pasal 11, in force 7 February 2025) funds JKP with
0,22% from the central government and 0,14% recomposed from JKK, 0,36% in all, and names no
JKM share (pasal.id PP 6/2025; kaltenglima.com; domain.md 1.2). PP 49/2023 Pasal 18A had
0,20% to JKM and 0,10% to JKP."""

from __future__ import annotations

from pantau.rules import api


def working(month: str) -> list[str]:
    return api.contribution("pu", month, "jkk,jkm,jkp", wage=5_000_000).working()


def test_before_february_2025_the_jkm_share_goes_to_jkp():
    text = working("2025-01")
    assert any(line.startswith("Rekomposisi JKM: 0,20%") and "0,10% ke JKP" in line
               for line in text)  # fmt: skip
    assert any("rekomposisi iuran JKM 0,10% = 0,46%" in line for line in text)


def test_from_february_2025_no_line_sends_jkm_money_to_jkp():
    text = working("2025-02")
    assert not any(line.startswith("Rekomposisi JKM") for line in text)
    assert any("rekomposisi iuran JKK 0,14% = 0,36%" in line for line in text)
    assert any(line.startswith("Rekomposisi JKK kelas 1: 0,10%") for line in text)

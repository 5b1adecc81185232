"""Every contribution line names its article, not only its regulation.

Sources: JKK rates PP 44/2015 Pasal 16 ayat (1) (GridStar 6 March 2023 quotes its huruf a-e;
PP 49/2023 inserts Pasal 16A after it for the JKK recomposition, pasal.id); JKM PP 44/2015
Pasal 18 ayat (1) and JHT PP 46/2015 Pasal 16 ayat (1) (one public payroll code base); JP
PP 45/2015 Pasal 28 (spn.or.id: "Menurut pasal 28 PP No 45/2015 ... 3 persen"); PP 49/2020
Pasal 3 ayat (2) huruf b (the JKK and JKM relief, headlines.id), Pasal 9 (JKM 99%, pasal.id)
and Pasal 17 ayat (2) huruf b (JP 99% deferred, pasal.id, Kompas). docs/rules.md,
Verification, says which are checked against which text."""

from __future__ import annotations

import pytest

from pantau.rules import api


@pytest.mark.parametrize(
    ("month", "program", "article"),
    [
        ("2022-07", "jkk", "PP 44/2015 Pasal 16 ayat (1)"),
        ("2022-07", "jkm", "PP 44/2015 Pasal 18 ayat (1)"),
        ("2022-07", "jht", "PP 46/2015 Pasal 16 ayat (1) jo PP 60/2015"),
        ("2022-07", "jp", "PP 45/2015 Pasal 28"),
        ("2020-09", "jkk", "PP 49/2020 Pasal 3 ayat (2) huruf b"),
        ("2020-09", "jkm", "PP 49/2020 Pasal 9"),
        ("2020-09", "jp", "PP 49/2020 Pasal 17 ayat (2) huruf b"),
    ],
)
def test_the_line_cites_the_article(month, program, article):
    line = api.contribution("pu", month, program, wage=5_000_000).line(program)
    assert f"({article}" in line.basis or f"; {article}" in line.basis or article in line.citations


def test_jkk_rates_no_longer_cite_lampiran_i():
    for risk_class in range(1, 6):
        line = api.contribution("pu", "2022-07", "jkk", wage=1, risk_class=risk_class).line("jkk")
        assert "Lampiran I)" not in line.basis

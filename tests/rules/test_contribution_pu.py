"""Wage earners (PU): every programme's rate as a worked example, and the line's working."""

from __future__ import annotations

import pytest

from pantau.rules import api

WAGE = 5_000_000


@pytest.mark.parametrize(
    ("risk_class", "employer"),
    [
        (1, 12_000),  # 0.24% × 5,000,000
        (2, 27_000),  # 0.54%
        (3, 44_500),  # 0.89%
        (4, 63_500),  # 1.27%
        (5, 87_000),  # 1.74%
    ],
)
def test_jkk_by_risk_class(risk_class, employer):
    line = api.contribution("pu", "2022-07", "jkk", wage=WAGE, risk_class=risk_class).line("jkk")
    assert (line.employer, line.worker, line.total) == (employer, 0, employer)
    assert f"JKK kelas {risk_class}" in line.basis


def test_the_jkk_line_reads_as_the_regulation_says():
    line = api.contribution("pu", "2022-07", ["jkk"], wage=WAGE).line("jkk")
    assert (
        line.basis == "JKK kelas 1: 0,24% × Rp5.000.000 = Rp12.000 (PP 44/2015 Pasal 16 ayat (1))"
    )


def test_jkm_jht_jp_for_a_wage_under_the_cap():
    result = api.contribution("pu", "2022-07", "jkk,jkm,jht,jp", wage=WAGE)
    amounts = {line.program: (line.employer, line.worker) for line in result.lines}
    assert amounts == {
        "jkk": (12_000, 0),
        "jkm": (15_000, 0),  # 0.30% × 5,000,000
        "jht": (185_000, 100_000),  # 3.70% and 2.00%
        "jp": (100_000, 50_000),  # 2% and 1%; 5,000,000 is under the 2022 cap 9,077,600
    }
    assert result.employer_total == 12_000 + 15_000 + 185_000 + 100_000
    assert result.worker_total == 150_000
    assert result.total == 462_000


def test_the_first_month_in_the_data_is_july_2015():
    result = api.contribution("pu", "2015-07", "jkk,jkm,jht,jp", wage=10_000_000)
    jp = result.line("jp")
    assert (jp.employer, jp.worker) == (140_000, 70_000)  # capped at 7,000,000
    assert result.line("jkm").total == 30_000


def test_as_dict_has_exactly_the_documented_shape():
    data = api.contribution("pu", "2024-03", "JKK; jkm | jp", wage=WAGE).as_dict()
    assert set(data) == {
        "month", "segment", "lines", "employer_total", "worker_total", "total", "warnings",
    }  # fmt: skip
    assert data["month"] == "2024-03" and data["segment"] == "pu"
    assert [line["program"] for line in data["lines"]] == ["jkk", "jkm", "jp"]
    assert set(data["lines"][0]) == {"program", "employer", "worker", "total", "basis"}
    assert all(isinstance(line["total"], int) for line in data["lines"])


def test_the_working_names_wage_lines_rounding_and_totals():
    working = api.contribution("pu", "2024-03", "jkk,jht", wage=WAGE).working()
    assert working[1] == "Upah sebulan: Rp5.000.000."
    assert any(line.startswith("JHT: pemberi kerja 3,70% × Rp5.000.000") for line in working)
    assert any("setengah ke atas" in line for line in working)
    assert working[-1] == "Jumlah: pemberi kerja Rp197.000, pekerja Rp100.000, total Rp297.000."


def test_a_date_means_its_month():
    from datetime import date

    assert api.contribution("pu", date(2022, 7, 31), "jkm", wage=WAGE).month == "2022-07"

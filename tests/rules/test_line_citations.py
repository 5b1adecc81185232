"""Each contribution line lists the citations it rests on: a JP line its rate and its wage
cap (with the cap's marks), a JKP line its funding rule, a BPU line its rate."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.rules import contributions, schedules

JP_RATE = "PP 45/2015 Pasal 28"


@pytest.mark.parametrize(
    ("day", "program", "citations"),
    [
        (date(2024, 3, 1), "jp", (JP_RATE, "PP 45/2015 Pasal 29, penyesuaian Maret 2024")),
        (date(2027, 4, 1), "jp", (JP_RATE, "batas upah JP terakhir diteruskan; kebijakan Pantau, "
                                  "bukan kutipan peraturan; keyakinan L")),
        (date(2024, 3, 1), "jkp", ("PP 37/2021 Pasal 11",)),
        (date(2027, 4, 1), "jkp", ("PP 37/2021 Pasal 11 jo PP 6/2025",)),
    ],
)  # fmt: skip
def test_a_line_lists_its_citations(day, program, citations):
    contribution = contributions.compute(
        schedules.active(), "pu", day, (program,), wage=5_000_000, income=None, risk_class=1
    )
    assert contribution.line(program).citations == citations


@pytest.mark.parametrize(
    ("program", "citations"),
    [
        ("jkk", ("PP 44/2015 Lampiran II; keyakinan M",)),
        ("jkm", ("PP 44/2015",)),
        ("jht", ("PP 46/2015; keyakinan M",)),
    ],
)
def test_a_bpu_line_lists_its_rate(program, citations):
    contribution = contributions.compute(
        schedules.active(), "bpu", date(2024, 3, 1), ("jkk", "jkm", "jht"),
        wage=None, income=2_000_000, risk_class=1,
    )  # fmt: skip
    assert contribution.line(program).citations == citations

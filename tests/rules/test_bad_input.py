"""Bad input raises RuleError naming the argument, in Bahasa Indonesia and in English."""

from __future__ import annotations

import pytest

from pantau.rules import api

PU = {"segment": "pu", "month": "2022-07", "programs": "jkk", "wage": 5_000_000}


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda: api.contribution(**{**PU, "programs": "jkk,xyz"}), "--programs"),
        (lambda: api.contribution(**{**PU, "programs": ""}), "--programs"),
        (lambda: api.contribution(**{**PU, "segment": "jakon"}), "--segment"),
        (lambda: api.contribution(**{**PU, "wage": -5}), "--wage"),
        (lambda: api.contribution(**{**PU, "wage": 5_000_000.0}), "--wage"),  # floats refused
        (lambda: api.contribution(**{**PU, "wage": None}), "--wage"),  # PU needs a wage
        (lambda: api.contribution("bpu", "2022-07", "jkk", income=-1), "--income"),
        (lambda: api.contribution("bpu", "2022-07", "jkk"), "--income"),
        (lambda: api.contribution(**{**PU, "month": "2015-06"}), "--month"),
        (lambda: api.contribution(**{**PU, "month": "2022-13"}), "--month"),
        (lambda: api.contribution(**{**PU, "month": "juli"}), "--month"),
        (lambda: api.contribution(**PU, risk_class=0), "--risk-class"),
        (lambda: api.contribution(**PU, risk_class=6), "--risk-class"),
        (lambda: api.contribution("bpu", "2022-07", "jkm,jp", income=1), "--programs"),
        (lambda: api.contribution("bpu", "2022-07", "jkp", income=1), "--programs"),
        (lambda: api.budget("vulnerable", -1, 2025), "--persons"),
        (lambda: api.budget("vulnerable", 1, 2025, months=0), "--months"),
        (lambda: api.budget("vulnerable", 1, 2025, months=13), "--months"),
        (lambda: api.budget("teachers", 1, 2025), "--category"),
        (lambda: api.budget("non_asn", 1, 2025), "--wage"),  # PU on the monthly wage
        (lambda: api.budget("vulnerable", 1, 2025, wage=-1), "--wage"),
        (lambda: api.default_programs("teachers"), "--category"),
        (lambda: api.jkm_benefit("2022-02-30", "2015-01-01"), "--death-date"),
        (lambda: api.jkm_benefit("2022-02-01", "2023-01-01"), "--membership-start"),
        (lambda: api.jkm_benefit("2022-02-01", "2015-01-01", children=-1), "--children"),
        (lambda: api.jkk_death_benefit(-1, "2022-01-01"), "--wage"),
        (lambda: api.jkk_disability_benefit(1_000_000, "kemarin"), "--date"),
        (lambda: api.scholarship_schedule("2022/01/01"), "--date"),
    ],
)
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(api.RuleError) as refused:
        call()
    error = refused.value
    assert error.argument == argument
    assert str(error) == error.message_id
    assert error.message_en and error.message_en != error.message_id
    assert isinstance(error, ValueError)


def test_the_messages_say_what_is_wrong():
    with pytest.raises(api.RuleError) as refused:
        api.contribution("pu", "2015-06", "jkk", wage=1_000_000)
    assert refused.value.message_id == (
        "Bulan 2015-06 sebelum peraturan pertama dalam data (PP 44/2015, mulai 2015-07)."
    )
    assert refused.value.message_en == (
        "Month 2015-06 is before the first regulation in the data (PP 44/2015, from 2015-07)."
    )
    with pytest.raises(api.RuleError) as refused:
        api.contribution("bpu", "2022-07", "jp", income=1)
    assert refused.value.message_en == "JP is not available to non-wage earners (BPU)."


def test_programmes_accept_any_case_and_separator():
    result = api.contribution("PU", "2022-07", " JKK ; jkm|JHT,jp ", wage=1_000_000)
    assert [line.program for line in result.lines] == ["jkk", "jkm", "jht", "jp"]
    assert api.contribution("pu", "2022-07", ["jkm", "JKK", "jkk"], wage=1).lines[0].program == (
        "jkk"
    )

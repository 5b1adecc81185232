"""A JKK death before 2 December 2019 is computed under PP 44/2015, not refused: 48 × wage,
funeral Rp3.000.000, periodic benefit Rp4.800.000 and one child's scholarship Rp12.000.000.

Source: a death of 27 October 2019 paid "sesuai ketentuan yang ada di PP No. 44 Tahun 2015":
48 × Rp4.000.000 = Rp192.000.000, santunan berkala Rp4,8 juta, biaya pemakaman Rp3 juta,
beasiswa Rp12 juta (Kliping Ketenagakerjaan 4 November 2019, p. 199; KLIP19)."""

from __future__ import annotations

import pytest

from pantau.rules import api


def test_the_27_october_2019_case():
    benefit = api.jkk_death_benefit(4_000_000, "2019-10-27")
    assert [(item.code, item.amount) for item in benefit.components] == [
        ("death_lump_sum", 192_000_000),
        ("funeral", 3_000_000),
        ("periodic", 4_800_000),
    ]
    assert benefit.cash_total == 199_800_000
    assert benefit.scholarship_max == 12_000_000
    assert benefit.working()[0].endswith("PP 44/2015 berlaku sejak 2015-07-01.")


def test_the_day_pp_82_2019_starts():
    before = api.jkk_death_benefit(4_000_000, "2019-12-01").cash_total
    after = api.jkk_death_benefit(4_000_000, "2019-12-02").cash_total
    assert (before, after) == (199_800_000, 192_000_000 + 10_000_000 + 12_000_000)


def test_before_pp_44_2015_is_still_refused():
    with pytest.raises(api.RuleError) as refused:
        api.jkk_death_benefit(4_000_000, "2015-06-30")
    assert refused.value.argument == "--date"

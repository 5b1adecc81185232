"""JKP: employer and worker pay nothing; the funding note changes 0.46% → 0.36% in Feb 2025."""

from __future__ import annotations

import pytest

from pantau.rules import api


def test_jkp_is_a_zero_line_with_its_funding():
    line = api.contribution("pu", "2024-01", "jkp", wage=5_000_000).line("jkp")
    assert (line.employer, line.worker, line.total) == (0, 0, 0)
    assert "0,22% + rekomposisi iuran JKK 0,14% + rekomposisi iuran JKM 0,10% = 0,46%" in line.basis
    assert "PP 37/2021 Pasal 11" in line.basis


def test_january_2025_is_0_46_and_february_2025_is_0_36():
    january = api.contribution("pu", "2025-01", "jkp", wage=5_000_000).line("jkp").basis
    february = api.contribution("pu", "2025-02", "jkp", wage=5_000_000).line("jkp").basis
    assert "= 0,46% dari upah" in january and "PP 6/2025" not in january
    assert "= 0,36% dari upah" in february and "PP 6/2025" in february
    assert "rekomposisi iuran JKM" not in february


def test_jkp_starts_with_pp_37_2021_in_february_2021():
    assert api.contribution("pu", "2021-02", "jkp", wage=1).total == 0
    with pytest.raises(api.RuleError) as refused:
        api.contribution("pu", "2021-01", "jkk,jkp", wage=1_000_000)
    assert refused.value.argument == "--programs"
    assert "2021-02" in refused.value.message_id and "PP 37/2021" in refused.value.message_id


def test_jkp_does_not_change_what_is_paid():
    with_jkp = api.contribution("pu", "2025-06", "jkk,jkm,jkp", wage=5_000_000)
    without = api.contribution("pu", "2025-06", "jkk,jkm", wage=5_000_000)
    assert with_jkp.total == without.total == 27_000

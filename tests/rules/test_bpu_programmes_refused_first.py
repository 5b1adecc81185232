"""JP and JKP do not exist for BPU (docs/rules.md): asking for them is refused
(`--programs`) before the missing income is asked for."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.rules import contributions, schedules
from pantau.rules.errors import RuleError


@pytest.mark.parametrize(("program", "label"), [("jp", "JP"), ("jkp", "JKP")])
def test_jp_or_jkp_for_bpu_is_refused_before_the_income(program, label):
    with pytest.raises(RuleError) as refused:
        contributions.compute(
            schedules.active(), "bpu", date(2024, 3, 1), ("jkk", program),
            wage=None, income=None, risk_class=1,
        )  # fmt: skip
    assert refused.value.argument == "--programs"
    assert refused.value.message_id.startswith(f"{label} tidak tersedia")

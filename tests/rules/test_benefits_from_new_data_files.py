"""Benefit rules a data file may add: JKK death extras that are Pantau policy (marked so in
the working), and a later scholarship level (the refusal still names the first start)."""

from __future__ import annotations

import pytest

from pantau.rules import api, schedules

from .rule_files import regulation_header, write_rule_file

# Hypothetical policy for deaths in the first half of 2015, before PP 44/2015's data starts.
EARLY_2015_POLICY = (
    regulation_header("early-2015", kind="policy", short="Kebijakan 2015")
    + """
    [[entry]]
    key = "jkk.death"
    from = 2015-01-01
    wage_months = 48
    article = "kebijakan awal 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.death.fixed"
    from = 2015-01-01
    to = 2015-03-31
    funeral = 2000000
    periodic = 4000000
    article = "kebijakan awal 2015"
    confidence = "L"

    # From April, the lump sum is at least the JKM lump sum, whose policy starts in May.
    [[entry]]
    key = "jkk.death.fixed"
    from = 2015-04-01
    to = 2015-06-30
    funeral = 2000000
    periodic = 4000000
    at_least_jkm_lump_sum = true
    article = "kebijakan April 2015"
    confidence = "L"

    [[entry]]
    key = "jkm.benefit"
    from = 2015-05-01
    lump_sum = 24000000
    periodic = 4000000
    funeral = 2000000
    article = "kebijakan Mei 2015"
    confidence = "L"

    [[entry]]
    key = "jkk.scholarship"
    from = 2015-02-01
    max_children = 1
    per_child_amount = 10000000
    article = "kebijakan awal 2015"
    confidence = "L"
"""
)
LATER_LEVEL = (
    regulation_header("pp-96-2027", short="PP 96/2027")
    + """
    [[entry]]
    key = "scholarship.tk"
    from = 2027-01-01
    name = "TK"
    order = 1
    per_year_amount = 2000000
    max_years = 2
    article = "PP 96/2027"
"""
)


@pytest.fixture
def data_files(tmp_path):
    write_rule_file(tmp_path, "early-2015", EARLY_2015_POLICY)
    write_rule_file(tmp_path, "pp-96-2027", LATER_LEVEL)
    with schedules.using(schedules.load([tmp_path])) as schedule:
        yield schedule


def test_policy_extras_are_marked_as_policy(data_files):
    benefit = api.jkk_death_benefit(1_000_000, "2015-03-01")
    assert [(item.code, item.amount) for item in benefit.components] == [
        ("death_lump_sum", 48_000_000), ("funeral", 2_000_000), ("periodic", 4_000_000),
    ]  # fmt: skip
    assert [note.id for note in benefit.notes] == [
        "Biaya pemakaman dan santunan berkala JKK ini kebijakan Pantau, bukan kutipan peraturan.",
    ]
    assert benefit.working()[-1] == benefit.notes[0].id
    assert benefit.working("en")[-1] == (
        "These JKK funeral costs and periodic benefit are Pantau policy, not a quotation of a "
        "regulation."
    )


@pytest.mark.parametrize(
    ("call", "argument", "message_id"),
    [
        # JKK death is in force from January, its scholarship only from February.
        (lambda: api.jkk_death_benefit(1_000_000, "2015-01-31"), "--date",
         "Tanggal 2015-01-31 sebelum peraturan pertama dalam data untuk beasiswa JKK (Kebijakan "
         "2015, mulai 2015-02-01)."),
        # The JKM benefit is in force from May, the JKM scholarship only from July (PP 44/2015).
        (lambda: api.jkm_benefit("2015-06-30", "2015-01-01"), "--death-date",
         "Tanggal 2015-06-30 sebelum peraturan pertama dalam data untuk beasiswa JKM (PP 44/2015, "
         "mulai 2015-07-01)."),
    ],
)  # fmt: skip
def test_a_benefit_without_its_scholarship_rule_is_refused(data_files, call, argument, message_id):
    with pytest.raises(api.RuleError) as refused:
        call()
    assert (refused.value.argument, refused.value.message_id) == (argument, message_id)


def test_the_floor_needs_the_jkm_lump_sum_of_the_day(data_files):
    with pytest.raises(api.RuleError) as refused:
        api.jkk_death_benefit(1_000_000, "2015-04-30")
    assert refused.value.argument == "--date"
    assert refused.value.message_id == (
        "Tanggal 2015-04-30 sebelum peraturan pertama dalam data untuk manfaat JKM (Kebijakan "
        "2015, mulai 2015-05-01)."
    )


@pytest.mark.parametrize(
    ("wage", "amount", "clause"),
    [
        (499_999, 24_000_000, ", dinaikkan ke paling sedikit santunan sekaligus JKM"),
        (500_000, 24_000_000, "; tidak kurang dari santunan sekaligus JKM"),  # 48 × = floor
        (500_001, 24_000_048, "; tidak kurang dari santunan sekaligus JKM"),
    ],
)
def test_a_lump_sum_equal_to_the_floor_is_not_raised(data_files, wage, amount, clause):
    lump_sum = api.jkk_death_benefit(wage, "2015-05-01").components[0]
    assert lump_sum.amount == amount
    assert f"{clause} Rp24.000.000" in lump_sum.basis


def test_regulation_extras_carry_no_policy_note(data_files):
    assert api.jkk_death_benefit(1_000_000, "2015-07-01").notes == ()


def test_the_refusal_names_the_first_start_of_any_level(data_files):
    with pytest.raises(api.RuleError) as refused:
        api.scholarship_schedule("2019-12-01")
    assert refused.value.message_en.endswith("by level (from 2019-12-02).")
    assert api.scholarship_schedule("2027-01-01")[0].max_total == 4_000_000  # 2 × 2.000.000


def test_without_any_scholarship_level_the_refusal_says_there_is_none(tmp_path):
    # The shipped files with the level entries (PP 82/2019, Permenaker 5/2021) left out, and
    # a fixed amount per child where the scholarship summed the levels (the loader's rule).
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            head, *entries = path.read_text(encoding="utf-8").split("[[entry]]")
            kept = [
                entry if "scholarship\"" not in entry or "per_child_amount" in entry
                else entry.rstrip("\n") + "\nper_child_amount = 87000000\n\n"
                for entry in entries
                if 'key = "scholarship.' not in entry
            ]  # fmt: skip
            (tmp_path / path.name).write_text("[[entry]]".join([head, *kept]), encoding="utf-8")
    without_levels = schedules.load([tmp_path], shipped=False)
    with schedules.using(without_levels), pytest.raises(api.RuleError) as refused:
        api.scholarship_schedule("2022-01-01")
    assert refused.value.message_id.endswith("per jenjang (tidak ada dalam data).")
    assert refused.value.message_en.endswith("by level (none in the data).")

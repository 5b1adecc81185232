"""Loading the data set: which entry is in force, and the checks across files, word for word."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from pantau.rules import schedules
from pantau.rules.errors import RulesDataError

from .rule_files import regulation_header, write_rule_file

NAME = "pp-99-2027"


def refusal(*directories, shipped: bool = True) -> RulesDataError:
    with pytest.raises(RulesDataError) as refused:
        schedules.load(directories, shipped=shipped)
    return refused.value


def with_file(tmp_path, body: str, *, name: str = NAME, kind: str = "regulation") -> Path:
    write_rule_file(tmp_path, name, regulation_header(name, kind=kind) + body)
    return tmp_path


@pytest.fixture
def shipped_copy(tmp_path):
    """The shipped data and policy files in one folder, to be edited (loaded with shipped=False)."""
    folder = tmp_path / "rules"
    folder.mkdir()
    for directory in schedules.SHIPPED_DIRECTORIES:
        for path in directory.glob("*.toml"):
            shutil.copy(path, folder / path.name)
    return folder


def edit(folder: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_the_copy_loads_as_the_shipped_files_do(shipped_copy):
    copy, shipped = schedules.load([shipped_copy], shipped=False), schedules.load()
    assert copy.key_names() == shipped.key_names()
    assert copy.version == schedules.load([shipped_copy], shipped=False).version != shipped.version
    assert re.fullmatch(r"[0-9a-f]{16}", copy.version)


def test_the_version_changes_with_any_file(tmp_path):
    extra = with_file(
        tmp_path, '[[entry]]\nkey = "bpu.jkm"\nfrom = "2027-01"\namount = 8400\narticle = "P"\n'
    )
    first = schedules.load([extra]).version
    assert first != schedules.load().version
    edit(tmp_path, f"{NAME}.toml", "8400", "8500")
    assert schedules.load([extra]).version not in {first, schedules.load().version}


@pytest.mark.parametrize(
    ("dropped", "key"),
    [
        ("pp-46-2015.toml", "pu.jht"),
        ("pp-45-2015.toml", "pu.jp"),
        ("bpu-income-basis.toml", "bpu.income_basis"),
    ],
)
def test_a_data_set_without_a_required_key_is_refused(shipped_copy, dropped, key):
    (shipped_copy / dropped).unlink()
    error = refusal(shipped_copy, shipped=False)
    assert (error.path, error.key) == (Path("rules"), key)
    assert str(error) == f"rules, key {key!r}: no data file defines this key"


def test_jp_without_a_cap_in_its_first_month_is_refused(shipped_copy):
    edit(shipped_copy, "jp-wage-cap.toml", 'from = "2015-07"', 'from = "2015-08"')
    error = refusal(shipped_copy, shipped=False)
    assert (
        str(error) == "jp-wage-cap.toml, key 'pu.jp.wage_cap': JP starts 2015-07-01 but no cap then"
    )


def test_every_category_needs_a_default(shipped_copy):
    path = shipped_copy / "category-defaults.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('[[category]]\ncode = "vulnerable"')], encoding="utf-8")
    error = refusal(shipped_copy, shipped=False)
    assert (error.path, error.key) == (Path("policy"), "category.vulnerable")
    assert str(error) == "policy, key 'category.vulnerable': no default is defined"


def test_a_category_defined_twice_is_refused(shipped_copy):
    edit(shipped_copy, "category-defaults.toml", 'code = "vulnerable"', 'code = "rt_rw"')
    error = refusal(shipped_copy, shipped=False)
    assert error.path == shipped_copy / "category-defaults.toml"
    assert str(error) == (
        "category-defaults.toml, key 'category.rt_rw': is also defined in category-defaults.toml"
    )


def test_a_default_programme_needs_a_schedule(shipped_copy):
    edit(
        shipped_copy,
        "category-defaults.toml",
        'code = "vulnerable"\ndefault_segment = "bpu"\n\n[category.bpu]\nprograms = ["jkk", "jkm"]',
        'code = "vulnerable"\ndefault_segment = "bpu"\n\n[category.bpu]\nprograms = ["jkk", "jp"]',
    )
    error = refusal(shipped_copy, shipped=False)
    assert str(error) == (
        "category-defaults.toml, key 'category.vulnerable.bpu': "
        "programme jp has no schedule 'bpu.jp'"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("amount = 7000000", "carry_forward = true", "nothing to carry forward"),
        (
            "amount = 7000000",
            'amount = 7000000\ngdp_growth_percent = "1"',
            "no earlier cap to derive from",
        ),
    ],
)
def test_the_first_cap_can_neither_be_carried_nor_derived(shipped_copy, old, new, problem):
    edit(shipped_copy, "jp-wage-cap.toml", old, new)
    error = refusal(shipped_copy, shipped=False)
    assert (error.path, error.key) == (shipped_copy / "jp-wage-cap.toml", "pu.jp.wage_cap")
    assert (
        str(error)
        == f"jp-wage-cap.toml, key 'pu.jp.wage_cap': jp-wage-cap.toml, [[entry]] 1: {problem}"
    )


CAP_2028 = """
[[entry]]
key = "pu.jp.wage_cap"
from = "2028-03"
amount = AMOUNT
gdp_growth_percent = "5.00"
article = "turunan rumus PP 45/2015 Pasal 29"
confidence = "L"
"""


def test_a_derived_cap_names_the_formula_when_it_does_not_follow_it(tmp_path):
    error = refusal(
        with_file(tmp_path, CAP_2028.replace("AMOUNT", "11700000"), name="cap-2028", kind="policy")
    )
    assert (error.path, error.key) == (tmp_path / "cap-2028.toml", "pu.jp.wage_cap")
    assert str(error) == (
        "cap-2028.toml, key 'pu.jp.wage_cap': cap-2028.toml, [[entry]] 1: amount 11700000 does "
        "not follow PP 45/2015 Pasal 29 from 11086300 × (1 + 5.00%) truncated to Rp100 = 11640600"
    )


def test_carried_and_derived_caps_say_where_they_come_from(tmp_path):
    extra = with_file(
        tmp_path, CAP_2028.replace("AMOUNT", "11640600"), name="cap-2028", kind="policy"
    )
    schedule = schedules.load([extra])
    cap_2026 = schedule.in_force("pu.jp.wage_cap", date(2026, 3, 1))
    carried = schedule.in_force("pu.jp.wage_cap", date(2027, 3, 1))
    assert carried["amount"] == 11_086_300 and carried["carried_from"] == cap_2026
    assert "derived_from" not in carried.values
    derived = schedule.in_force("pu.jp.wage_cap", date(2028, 3, 1))
    assert derived["amount"] == 11_640_600 and derived["derived_from"] == carried
    assert derived.regulation.id == "cap-2028" and derived.effective_end is None
    derived_2017 = schedule.in_force("pu.jp.wage_cap", date(2017, 3, 1))
    assert derived_2017["derived_from"] == schedule.in_force("pu.jp.wage_cap", date(2016, 3, 1))
    assert derived_2017["amount"] == 7_703_500 and derived_2017.is_policy


def test_two_folders_may_not_hold_the_same_regulation(tmp_path):
    body = '[[entry]]\nkey = "bpu.jkm"\nfrom = "2027-01"\namount = 8400\narticle = "P"\n'
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = with_file(tmp_path / "a", body), with_file(tmp_path / "b", body)
    error = refusal(first, second)
    assert (error.path, error.key) == (second / f"{NAME}.toml", None)
    assert str(error) == f"{NAME}.toml: regulation id '{NAME}' is also in {first / f'{NAME}.toml'}"


def test_an_empty_or_missing_folder_is_refused(tmp_path):
    error = refusal(tmp_path, shipped=False)
    assert (error.path, error.key, error.problem) == (
        Path("."),
        None,
        "no rule data files were found",
    )
    error = refusal(tmp_path / "nowhere")
    assert (error.path, error.key) == (tmp_path / "nowhere", None)
    assert str(error) == "nowhere: is not a directory of rule data files"


def test_the_folders_read(tmp_path, monkeypatch):
    shipped = list(schedules.SHIPPED_DIRECTORIES)
    monkeypatch.delenv(schedules.EXTRA_DIRECTORY_VARIABLE, raising=False)
    assert schedules.directories() == shipped
    assert schedules.directories([str(tmp_path)], shipped=False) == [tmp_path]
    monkeypatch.setenv(schedules.EXTRA_DIRECTORY_VARIABLE, f" {tmp_path / 'env'} ")
    assert schedules.directories([tmp_path]) == [*shipped, tmp_path / "env", tmp_path]
    assert schedules.directories([tmp_path], shipped=False) == [tmp_path]
    monkeypatch.setenv(schedules.EXTRA_DIRECTORY_VARIABLE, " ")
    assert schedules.directories() == shipped


RELIEFS = """
[[entry]]
key = "bpu.jht.relief"
from = "2031-01"
to = "2031-12"
discount_percent = "REGULATION"
article = "Pasal 1"
"""


def test_a_regulation_wins_over_policy_where_both_apply(tmp_path):
    with_file(tmp_path, RELIEFS.replace("REGULATION", "50"))
    policy = RELIEFS.replace("REGULATION", "10").replace('"2031-01"', '"2031-06"')
    policy = policy.replace('"2031-12"', '"2032-03"')
    with_file(tmp_path, policy, name="relief-policy", kind="policy")
    schedule = schedules.load([tmp_path])

    def discount(day):
        entry = schedule.in_force("bpu.jht.relief", day)
        return entry and str(entry["discount_percent"])

    assert discount(date(2030, 12, 31)) is None
    assert discount(date(2031, 1, 1)) == "50"
    assert discount(date(2031, 7, 1)) == "50"  # the policy starts later, the regulation wins
    assert discount(date(2031, 7, 1)) == "50"  # asked again: the remembered answer
    assert discount(date(2032, 1, 1)) == "10"  # policy fills what no regulation covers
    assert discount(date(2032, 4, 1)) is None
    assert schedule.in_force("no.such.key", date(2031, 1, 1)) is None
    assert schedule.entries("no.such.key") == () and schedule.first("no.such.key") is None


def test_a_policy_that_started_earlier_still_yields_to_a_regulation(tmp_path):
    with_file(tmp_path, RELIEFS.replace("REGULATION", "50").replace('"2031-01"', '"2031-06"'))
    with_file(tmp_path, RELIEFS.replace("REGULATION", "10"), name="relief-policy", kind="policy")
    schedule = schedules.load([tmp_path])
    assert str(schedule.in_force("bpu.jht.relief", date(2031, 5, 1))["discount_percent"]) == "10"
    assert str(schedule.in_force("bpu.jht.relief", date(2031, 6, 1))["discount_percent"]) == "50"


def test_an_entry_without_to_runs_until_the_next_one_starts(tmp_path):
    body = "".join(
        f'[[entry]]\nkey = "pu.jkm"\nfrom = "{year}-01"\nemployer_percent = "0.3{n}"\n'
        f'worker_percent = "0"\narticle = "Pasal {n}"\n'
        for n, year in enumerate((2029, 2027, 2028), start=1)
    )
    schedule = schedules.load([with_file(tmp_path, body)])
    assert [(entry.start.year, entry.effective_end) for entry in schedule.entries("pu.jkm")] == [
        (2015, date(2026, 12, 31)),
        (2027, date(2027, 12, 31)),
        (2028, date(2028, 12, 31)),
        (2029, None),
    ]
    assert schedule.first("pu.jkm").start == date(2015, 7, 1)
    assert str(schedule.in_force("pu.jkm", date(2027, 12, 31))["employer_percent"]) == "0.32"
    assert str(schedule.in_force("pu.jkm", date(2028, 1, 1))["employer_percent"]) == "0.33"


def test_the_rules_in_force_tell_months_apart():
    schedule = schedules.load()
    february, march = date(2016, 2, 1), date(2016, 3, 1)
    assert len(schedule.rules_in_force(february)) == len(schedule.key_names())
    assert schedule.rules_in_force(february) == schedule.rules_in_force(date(2016, 2, 15))
    assert schedule.rules_in_force(february) != schedule.rules_in_force(march)  # the JP cap


def test_scholarship_levels_come_in_their_order(tmp_path):
    body = """
    [[entry]]
    key = "scholarship.paud"
    from = 2019-12-02
    name = "PAUD"
    order = 0
    per_year_amount = 1000000
    max_years = 2
    article = "Pasal 9"
    """
    schedule = schedules.load([with_file(tmp_path, body)])
    assert schedule.scholarship_levels(date(2019, 12, 1)) == []
    levels = schedule.scholarship_levels(date(2019, 12, 2))
    assert [level.key.removeprefix("scholarship.") for level in levels] == [
        "paud", "tk", "sd", "smp", "sma", "higher",
    ]  # fmt: skip


def test_overlaps_within_a_kind_are_refused_to_the_day(tmp_path):
    body = """
    [[entry]]
    key = "jkk.death.fixed"
    from = 2030-01-01
    to = 2030-02-01
    funeral = 10000000
    periodic = 12000000
    article = "Pasal 1"

    [[entry]]
    key = "jkk.death.fixed"
    from = 2030-02-01
    funeral = 11000000
    periodic = 12000000
    article = "Pasal 2"
    """
    error = refusal(with_file(tmp_path, body))
    assert (error.path, error.key) == (tmp_path / f"{NAME}.toml", "jkk.death.fixed")
    assert error.problem == (
        f"[[entry]] 2 (from 2030-02-01) overlaps {NAME}.toml, [[entry]] 1 "
        "(from 2030-01-01 to 2030-02-01) for the same key"
    )
    body = body.replace("from = 2030-02-01", "from = 2030-02-02")
    schedule = schedules.load([with_file(tmp_path, body)])
    assert schedule.in_force("jkk.death.fixed", date(2030, 2, 2))["funeral"] == 11_000_000


def test_a_second_start_in_the_same_month_is_refused_naming_both(tmp_path):
    body = '[[entry]]\nkey = "bpu.jkm"\nfrom = "2015-07"\namount = 8400\narticle = "P"\n'
    error = refusal(with_file(tmp_path, body))
    assert error.problem == (
        "[[entry]] 1 (from 2015-07-01) overlaps pp-44-2015.toml, [[entry]] 8 (from 2015-07-01) "
        "for the same key"
    )


def test_a_rate_schedule_may_neither_stop_nor_pause(tmp_path):
    entry = '[[entry]]\nkey = "bpu.jkm"\nfrom = "FROM"\nto = "TO"\namount = 8400\narticle = "P"\n'
    error = refusal(with_file(tmp_path, entry.replace("FROM", "2027-01").replace("TO", "2027-06")))
    assert (error.path, error.key) == (tmp_path / f"{NAME}.toml", "bpu.jkm")
    assert error.problem == (
        f"{NAME}.toml, [[entry]] 1 ends on 2027-06-30 and nothing follows: a rate schedule may not "
        "stop (a temporary change is a relief key, or is followed by the rate after it)"
    )
    body = entry.replace("FROM", "2027-01").replace("TO", "2027-06") + entry.replace(
        "FROM", "2027-09"
    ).replace('to = "TO"\n', "")
    error = refusal(with_file(tmp_path, body))
    assert (error.path, error.key) == (tmp_path / f"{NAME}.toml", "bpu.jkm")
    assert error.problem == (
        "nothing is in force from 2027-07-01 to 2027-08-31: a rate schedule may not have gaps"
    )
    body = entry.replace("FROM", "2027-01").replace("TO", "2027-06") + entry.replace(
        "FROM", "2027-07"
    ).replace('to = "TO"\n', "")
    assert schedules.load([with_file(tmp_path, body)]).in_force("bpu.jkm", date(2027, 7, 1))


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            '[[entry]]\nkey = "bpu.jht.relief"\nfrom = "2031-01"\narticle = "P"\n',
            "a relief needs discount_percent or deferred_percent",
        ),
        (
            '[[entry]]\nkey = "bpu.jkk"\nfrom = "2031-01"\npercent = "0.24"\n'
            'min_amount = 20000\nmax_amount = 10000\narticle = "P"\n',
            "min_amount is above max_amount",
        ),
        (
            '[[entry]]\nkey = "bpu.income_basis"\nfrom = "2031-01"\n'
            'method = "estimated"\narticle = "P"\n',
            "method must be one of ('reported', 'brackets')",
        ),
        (
            '[[entry]]\nkey = "bpu.income_basis"\nfrom = "2031-01"\n'
            'method = "brackets"\narticle = "P"\n',
            "brackets are given exactly when method = 'brackets'",
        ),
        (
            '[[entry]]\nkey = "bpu.income_basis"\nfrom = "2031-01"\n'
            'method = "reported"\narticle = "P"\n'
            "brackets = [{from_income = 0, base_income = 1000000}]\n",
            "brackets are given exactly when method = 'brackets'",
        ),
        (
            '[[entry]]\nkey = "pu.jkm.recomposition"\nfrom = "2031-01"\nfund_percent = "0.20"\n'
            'to_jkp_percent = "0.20"\narticle = "P"\n',
            "fund_percent + to_jkp_percent must equal the rate in force",
        ),
        (
            '[[entry]]\nkey = "pu.jkk.class_1.recomposition"\nfrom = "2015-01"\nto = "2015-02"\n'
            'fund_percent = "0.20"\nto_jkp_percent = "0.04"\narticle = "P"\n',
            "fund_percent + to_jkp_percent must equal the rate in force",
        ),
        (
            '[[entry]]\nkey = "jkm.scholarship"\nfrom = 2015-06-01\nto = 2015-06-30\n'
            'max_children = 2\narticle = "P"\n',
            "without per_child_amount, a scholarship level schedule must apply",
        ),
    ],
)
def test_entries_that_contradict_the_rest_are_refused(tmp_path, body, problem):
    error = refusal(with_file(tmp_path, body))
    assert (error.path, error.key) == (
        tmp_path / f"{NAME}.toml",
        re.search(r'key = "(.*)"', body)[1],
    )
    assert error.problem == f"{NAME}.toml, [[entry]] 1: {problem}"


@pytest.mark.parametrize(
    "body",
    [
        '[[entry]]\nkey = "bpu.jht.relief"\nfrom = "2031-01"\n'
        'deferred_percent = "50"\narticle = "P"\n',
        '[[entry]]\nkey = "bpu.jht.relief"\nfrom = "2031-01"\n'
        'discount_percent = "50"\narticle = "P"\n',
        '[[entry]]\nkey = "bpu.jkk"\nfrom = "2031-01"\npercent = "0.24"\n'
        'min_amount = 10000\nmax_amount = 10000\narticle = "P"\n',
        '[[entry]]\nkey = "bpu.income_basis"\nfrom = "2031-01"\n'
        'method = "brackets"\narticle = "P"\n'
        "brackets = [{from_income = 0, base_income = 1000000}]\n",
        '[[entry]]\nkey = "pu.jkm.recomposition"\nfrom = "2031-01"\nfund_percent = "0.20"\n'
        'to_jkp_percent = "0.10"\narticle = "P"\n',
        '[[entry]]\nkey = "jkm.scholarship"\nfrom = 2031-01-01\nmax_children = 2\narticle = "P"\n',
    ],
)
def test_entries_that_agree_with_the_rest_are_accepted(tmp_path, body):
    key = re.search(r'key = "(.*)"', body)[1]
    schedule = schedules.load([with_file(tmp_path, body)])
    assert schedule.in_force(key, date(2031, 1, 1)).regulation.id == NAME


def test_a_data_set_without_any_wage_cap_is_refused(shipped_copy):
    for name in ("jp-wage-cap.toml", "jp-wage-cap-derived.toml", "jp-wage-cap-carry-forward.toml"):
        (shipped_copy / name).unlink()
    error = refusal(shipped_copy, shipped=False)
    assert str(error) == "rules, key 'pu.jp.wage_cap': no data file defines this key"


def test_a_regulation_overlap_is_named_before_a_policy_overlap(tmp_path):
    twice = RELIEFS.replace("REGULATION", "50") + RELIEFS.replace("REGULATION", "40").replace(
        '"2031-01"', '"2031-06"'
    )
    with_file(tmp_path, twice.replace("2031", "2032"), name="relief-policy", kind="policy")
    error = refusal(with_file(tmp_path, twice))
    assert (error.path, error.key) == (tmp_path / f"{NAME}.toml", "bpu.jht.relief")
    assert error.problem.startswith(f"[[entry]] 2 (from 2031-06-01) overlaps {NAME}.toml")

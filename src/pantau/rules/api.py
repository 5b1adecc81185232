"""The rules engine's public API: contributions, benefits and budget need by regulation.

Every function reads the regulation schedules in force (`schedules.active()`), checks its
arguments (a bad one raises RuleError naming it as the CLI spells it) and returns a result
whose `as_dict()` is the JSON shape and whose `working()` explains it line by line, with the
regulation and article of every number: in Bahasa Indonesia, or in English with
`working("en")` (`as_dict("en")` likewise names components and bases in English). Pure
Python: no Django translation here; the caller picks the language (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pantau.rules import benefits, budgets, contributions, inputs, schedules
from pantau.rules.benefits import Benefit, BenefitComponent, ScholarshipLevel
from pantau.rules.budgets import Budget, BudgetLine, CategoryDefault
from pantau.rules.contributions import Contribution, ContributionLine
from pantau.rules.errors import RuleError
from pantau.rules.schema import CATEGORIES, PROGRAMS, SEGMENTS

__all__ = [
    "CATEGORIES",
    "PROGRAMS",
    "SEGMENTS",
    "Benefit",
    "BenefitComponent",
    "Budget",
    "BudgetLine",
    "CategoryDefault",
    "Contribution",
    "ContributionLine",
    "RuleError",
    "ScholarshipLevel",
    "annual_costs",
    "budget",
    "contribution",
    "default_programs",
    "jkk_death_benefit",
    "jkk_disability_benefit",
    "jkm_benefit",
    "scholarship_schedule",
    "version",
]


def contribution(
    segment: str,
    month: date | str,
    programs: list[str] | str,
    wage: int | None = None,
    income: int | None = None,
    risk_class: int = 1,
) -> Contribution:
    """One participant's contributions for a month (`"YYYY-MM"`), one line per programme.

    PU: percentages of `wage` (JP on the wage capped at the cap in force). BPU: `income`
    (or `wage` when only that is given); JP and JKP do not exist for BPU.
    """
    segment = inputs.segment(segment)
    day = inputs.month(month)
    chosen = inputs.programs(programs)
    wage = inputs.rupiah(wage, "--wage", "Upah", "wage")
    income = inputs.rupiah(income, "--income", "Penghasilan", "income")
    risk = inputs.risk_class(risk_class)
    return contributions.compute(
        schedules.active(), segment, day, chosen, wage=wage, income=income, risk_class=risk
    )


def jkm_benefit(death_date: date | str, membership_start: date | str, children: int = 0) -> Benefit:
    """JKM (death not from a work accident) by the day of death, with the scholarship."""
    death = inputs.day(death_date, "--death-date")
    start = inputs.day(membership_start, "--membership-start")
    count = inputs.whole(children, "--children", 0, None, "Jumlah anak", "number of children")
    return benefits.jkm(schedules.active(), death, start, count)


def jkk_death_benefit(wage: int, date: date | str) -> Benefit:
    """JKK death from a work accident: 48 × wage plus fixed components (from 2 Dec 2019)."""
    amount = _required_wage(wage)
    return benefits.jkk_death(schedules.active(), amount, inputs.day(date, "--date"))


def jkk_disability_benefit(wage: int, date: date | str) -> Benefit:
    """JKK total permanent disability: 56 × wage (from 2 Dec 2019)."""
    amount = _required_wage(wage)
    return benefits.jkk_disability(schedules.active(), amount, inputs.day(date, "--date"))


def scholarship_schedule(date: date | str) -> list[ScholarshipLevel]:
    """The JKK/JKM scholarship per child by school level, as in force on the day."""
    return benefits.scholarship_schedule(schedules.active(), inputs.day(date, "--date"))


def budget(
    category: str,
    persons: int,
    year: int,
    months: int = 12,
    wage: int | None = None,
    programs: list[str] | str | None = None,
    segment: str | None = None,
    risk_class: int = 1,
) -> Budget:
    """Persons × each month's contribution, January onwards, by the rules of each month.

    Without `programs`/`segment`, the category's default (Pantau policy) applies.
    """
    code = inputs.category(category)
    count = inputs.whole(persons, "--persons", 0, None, "Jumlah orang", "number of persons")
    budget_year = inputs.whole(year, "--year", 1, 9999, "Tahun anggaran", "budget year")
    month_count = inputs.whole(months, "--months", 1, 12, "Jumlah bulan", "number of months")
    amount = inputs.rupiah(wage, "--wage", "Upah", "wage")
    chosen = None if _empty(programs) else inputs.programs(programs)
    chosen_segment = None if not segment else inputs.segment(segment)
    return budgets.compute(
        schedules.active(), code, count, budget_year, month_count,
        wage=amount, programs=chosen, segment=chosen_segment,
        risk_class=inputs.risk_class(risk_class),
    )  # fmt: skip


def annual_costs(
    category: str,
    year: int,
    wages: Iterable[int | None],
    months: int = 12,
    programs: list[str] | str | None = None,
    segment: str | None = None,
    risk_class: int = 1,
) -> dict[int | None, int | None]:
    """`budget(category, 1, year, months, wage, …).total` for many wages at once (the engine's
    gap costs, the budgets' need): {wage: Rupiah}, None where the wage cannot be costed (a PU
    category without a wage). Numbers only, no working; months under the same rules are
    computed once."""
    code = inputs.category(category)
    budget_year = inputs.whole(year, "--year", 1, 9999, "Tahun anggaran", "budget year")
    month_count = inputs.whole(months, "--months", 1, 12, "Jumlah bulan", "number of months")
    amounts = [None if wage is None else inputs.rupiah(wage, "--wage", "Upah", "wage")
               for wage in wages]  # fmt: skip
    chosen = None if _empty(programs) else inputs.programs(programs)
    chosen_segment = None if not segment else inputs.segment(segment)
    return budgets.annual_costs(
        schedules.active(), code, budget_year, month_count, amounts, programs=chosen,
        segment=chosen_segment, risk_class=inputs.risk_class(risk_class),
    )  # fmt: skip


def version() -> str:
    """A digest of the rule data files in use: stored beside results computed with them."""
    return schedules.active().version


def default_programs(category: str) -> CategoryDefault:
    """The category's default segment, programmes, risk class and wage basis (policy)."""
    return budgets.default_for(schedules.active(), inputs.category(category))


def _required_wage(wage: object) -> int:
    amount = inputs.rupiah(wage, "--wage", "Upah", "wage")
    if amount is None:
        raise RuleError("--wage", "Upah sebulan wajib diisi.", "The monthly wage is required.")
    return amount


def _empty(programs: Iterable[str] | str | None) -> bool:
    if programs is None:
        return True
    if isinstance(programs, str):
        return not programs.strip()
    return not list(programs)

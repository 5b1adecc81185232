"""Budget need: persons × each month's contribution, for a category of workers and a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import groupby

import numpy as np

from pantau.rules import contributions
from pantau.rules import formatting as fmt
from pantau.rules.contributions import LABELS, Contribution
from pantau.rules.entries import Convention
from pantau.rules.errors import RuleError
from pantau.rules.formatting import Text
from pantau.rules.schedules import Schedule

CATEGORY_NAMES = {
    "non_asn": Text("pegawai Non ASN", "non-ASN employees"),
    "village_official": Text("kepala dan perangkat desa", "village heads and officials"),
    "rt_rw": Text("ketua RT/RW", "RT/RW heads"),
    "vulnerable": Text("pekerja rentan", "vulnerable workers"),
}
MONTHLY_INCOME = "monthly_income"


@dataclass(frozen=True)
class CategoryDefault:
    """Pantau policy: how a category is enrolled when the user names no programmes."""

    category: str
    segment: str
    programs: tuple[str, ...]
    risk_class: int
    wage_basis: str | int  # "monthly_income", or a fixed monthly income in Rupiah
    text: Text  # the policy and its citation, in both languages

    @property
    def basis(self) -> str:
        return self.text.id

    def as_dict(self, language: str = "id") -> dict:
        return {
            "category": self.category,
            "segment": self.segment,
            "programs": list(self.programs),
            "risk_class": self.risk_class,
            "wage_basis": self.wage_basis,
            "basis": self.text.pick(language),
        }


def _convention(schedule: Schedule, category: str, segment: str | None) -> Convention:
    policy = schedule.category(category)
    segment = segment or policy.default_segment
    if segment not in policy.conventions:
        choices = ", ".join(policy.conventions)
        raise RuleError(
            "--segment",
            f"Kategori {category} tidak punya konvensi {segment.upper()} dalam kebijakan Pantau "
            f"(pilihan: {choices}).",
            f"Category {category} has no {segment.upper()} convention in Pantau policy "
            f"(choices: {choices}).",
        )
    return policy.conventions[segment]


def _cited(convention: Convention) -> Text:
    """The convention's basis and citation; the English basis where the policy file gives one."""
    sure = convention.confidence == "H"
    marks = "; kebijakan Pantau" + ("" if sure else f"; keyakinan {convention.confidence}")
    marks_en = "; Pantau policy" + ("" if sure else f"; confidence {convention.confidence}")
    basis_en = convention.basis_en or convention.basis
    return Text(
        f"{convention.basis.rstrip('.')} ({convention.article}{marks}).",
        f"{basis_en.rstrip('.')} ({convention.article}{marks_en}).",
    )


def default_for(schedule: Schedule, category: str) -> CategoryDefault:
    convention = _convention(schedule, category, None)
    return CategoryDefault(
        category=category,
        segment=convention.segment,
        programs=convention.programs,
        risk_class=convention.risk_class,
        wage_basis=convention.wage_basis,
        text=_cited(convention),
    )


@dataclass(frozen=True)
class BudgetLine:
    program: str
    per_person_month: int
    total: int
    text: Text  # how the line was computed, in both languages

    @property
    def basis(self) -> str:
        return self.text.id

    @property
    def basis_en(self) -> str:
        return self.text.en

    def as_dict(self, language: str = "id") -> dict:
        return {
            "program": self.program,
            "per_person_month": self.per_person_month,
            "total": self.total,
            "basis": self.text.pick(language),
        }


@dataclass(frozen=True)
class Budget:
    category: str
    year: int
    segment: str
    programs: tuple[str, ...]
    persons: int
    months: int
    lines: tuple[BudgetLine, ...]
    monthly: tuple[Contribution, ...]  # one person's contribution, January onwards
    header: tuple[Text, ...] = ()

    @property
    def per_person_month(self) -> int:
        return self.monthly[0].total

    @property
    def total(self) -> int:
        return sum(line.total for line in self.lines)

    @property
    def warnings(self) -> tuple[tuple[str, str], ...]:
        """Every month's warnings, once each (a JP cap not known yet, …)."""
        seen: list[tuple[str, str]] = []
        for month in self.monthly:
            seen += [warning for warning in month.warnings if warning not in seen]
        return tuple(seen)

    def as_dict(self, language: str = "id") -> dict:
        """The JSON shape; `basis` in `language` (Bahasa Indonesia unless "en")."""
        return {
            "per_person_month": self.per_person_month,
            "months": self.months,
            "persons": self.persons,
            "total": self.total,
            "lines": [line.as_dict(language) for line in self.lines],
            "category": self.category,
            "year": self.year,
            "segment": self.segment,
            "programs": list(self.programs),
            "warnings": [message_id for message_id, _ in self.warnings],
        }

    def working(self, language: str = "id") -> list[str]:
        """The explanation line by line: Bahasa Indonesia, or English for "en"."""
        return fmt.pick_all(self.working_text(), language)

    def working_text(self) -> list[Text]:
        text = list(self.header)
        for _, months in groupby(self.monthly, key=_same_working):
            months = list(months)
            first, last = months[0], months[-1]
            start, end = _first_day(first), _first_day(last)
            cost = first.total
            text.append(
                Text(
                    f"Iuran per orang sebulan, {fmt.period(start, end)}: {fmt.rupiah(cost)}",
                    f"Contribution per person per month, {fmt.period_en(start, end)}: "
                    f"{fmt.rupiah_en(cost)}",
                )
            )
            text += [Text(f"  {line.basis}", f"  {line.basis_en}") for line in first.lines]
        notes = []
        for month in self.monthly:
            notes += [note for note in month.notes if note not in notes]
        text += notes
        text += [line.text for line in self.lines]
        text.append(contributions.ROUNDING_RULE)
        persons, months = self.persons, self.months
        text.append(
            Text(
                f"Jumlah kebutuhan anggaran: {fmt.rupiah(self.total)} "
                f"({fmt.count(persons)} orang × {months} bulan).",
                f"Total budget need: {fmt.rupiah_en(self.total)} "
                f"({fmt.count_en(persons)} {_plural(persons, 'person', 'persons')} × {months} "
                f"{_plural(months, 'month', 'months')}).",
            )
        )
        return text


def _first_day(month: Contribution) -> date:
    """The first day of a contribution's month ("YYYY-MM")."""
    return date.fromisoformat(f"{month.month}-01")


def _plural(number: int, one: str, more: str) -> str:
    return one if number == 1 else more


def _same_working(month: Contribution) -> tuple:
    return tuple((line.employer, line.worker, line.basis) for line in month.lines)


def compute(
    schedule: Schedule,
    category: str,
    persons: int,
    year: int,
    months: int,
    *,
    wage: int | None,
    programs: tuple[str, ...] | None,
    segment: str | None,
    risk_class: int,
) -> Budget:
    convention = _convention(schedule, category, segment)
    segment = convention.segment
    programs = programs or convention.programs
    base, base_text = _base(convention, category, wage)
    monthly = tuple(
        _month(schedule, segment, date(year, number, 1), programs, base, risk_class)
        for number in range(1, months + 1)
    )
    lines = tuple(_line(program, monthly, persons, segment, risk_class) for program in programs)
    last = date(year, months, 1)
    first = date(year, 1, 1)
    name = CATEGORY_NAMES[category]
    labels = ", ".join(LABELS[program] for program in programs)
    cited = _cited(convention)
    header = (
        Text(
            f"Kebutuhan anggaran untuk {name.id} tahun {year}: {fmt.count(persons)} orang × "
            f"{months} bulan ({fmt.period(first, last)}).",
            f"Budget need for {name.en} in {year}: {fmt.count_en(persons)} "
            f"{_plural(persons, 'person', 'persons')} × {months} "
            f"{_plural(months, 'month', 'months')} ({fmt.period_en(first, last)}).",
        ),
        Text(
            f"Konvensi {segment.upper()}, program {labels}: {cited.id}",
            f"{segment.upper()} convention, programmes {labels}: {cited.en}",
        ),
        Text(f"Dasar iuran: {base_text.id}.", f"Contribution base: {base_text.en}."),
        Text(
            "Bulan dihitung dari Januari; setiap bulan memakai aturan yang berlaku pada bulan itu.",
            "Months are counted from January; each month uses the rules in force in that month.",
        ),
    )
    return Budget(
        category=category,
        year=year,
        segment=segment,
        programs=tuple(programs),
        persons=persons,
        months=months,
        lines=lines,
        monthly=monthly,
        header=header,
    )


def annual_costs(
    schedule: Schedule,
    category: str,
    year: int,
    months: int,
    wages: list[int | None],
    *,
    programs: tuple[str, ...] | None,
    segment: str | None,
    risk_class: int,
) -> dict[int | None, int | None]:
    """One person's `compute(...).total` for each wage, without the working text's cost per
    month: months under the same rules (`Schedule.rules_in_force`) are computed once.

    A wage the category cannot be costed with (a PU category without a wage) gives None.
    tests/rules/test_annual_costs.py holds it equal to `compute` for every year and wage.
    """
    convention = _convention(schedule, category, segment)
    programs = programs or convention.programs
    periods = _periods(schedule, year, months)
    pricers = _pu_pricers(schedule, convention, periods, programs, risk_class)
    costs: dict[int | None, int | None] = {}
    if pricers is not None:
        costs.update(_priced_at_once(pricers, wages))
    for wage in wages:
        if wage in costs:
            continue
        if pricers is not None and wage is not None:
            costs[wage] = sum(months * price(wage) for months, price in pricers)
            continue
        try:
            base, _text = _base(convention, category, wage)
            costs[wage] = sum(
                len(days)
                * _month_total(
                    schedule, convention.segment, days[0], programs, base, risk_class
                )  # fmt: skip
                for days in periods
            )
        except RuleError:
            costs[wage] = None
    return costs


def _priced_at_once(pricers: list, wages: list[int | None]) -> dict[int, int]:
    """The year's cost of every distinct wage, each period's pricer applied to all of them at
    once (`PuPricer.many`); none when a wage does not fit an int64 (priced one by one)."""
    distinct = list({wage for wage in wages if wage is not None})
    try:
        array = np.array(distinct, dtype=np.int64)
    except OverflowError:
        return {}
    totals = np.zeros(len(distinct), dtype=object)
    for months, price in pricers:
        totals = totals + months * price.many(array).astype(object)
    return dict(zip(distinct, (int(total) for total in totals), strict=True))


def _pu_pricers(schedule, convention, periods, programs, risk_class) -> list | None:
    """(months, price of a wage) per period, for a category whose contributions are a
    share of the monthly wage (PU: the wage is the base); None otherwise, or when a month
    is refused (the per-wage path then words the refusal as it always did)."""
    if convention.segment != "pu" or convention.wage_basis != MONTHLY_INCOME:
        return None
    try:
        return [(len(days), contributions.pu_pricer(schedule, days[0], programs, risk_class))
                for days in periods]  # fmt: skip
    except RuleError:
        return None


@lru_cache(maxsize=256)
def _periods(schedule: Schedule, year: int, months: int) -> tuple[tuple[date, ...], ...]:
    """The year's first `months` months grouped by the rules in force (a schedule is
    immutable, so this is cached per schedule)."""
    periods: dict[tuple, list[date]] = {}
    for number in range(1, months + 1):
        day = date(year, number, 1)
        periods.setdefault(schedule.rules_in_force(day), []).append(day)
    return tuple(tuple(days) for days in periods.values())


def _base(convention: Convention, category: str, wage: int | None) -> tuple[int, Text]:
    """The monthly amount contributions are computed on, and how it was chosen."""
    segment = convention.segment
    if convention.wage_basis == MONTHLY_INCOME:
        if wage is None:
            raise RuleError(
                "--wage",
                f"Upah atau siltap sebulan per orang wajib diisi: untuk {category} "
                f"({segment.upper()}) iuran dihitung dari upah bulanan.",
                f"The monthly wage (or siltap) per person is required: for {category} "
                f"({segment.upper()}) contributions are a share of the monthly wage.",
            )
        return wage, Text(
            f"upah/siltap sebulan per orang {fmt.rupiah(wage)}",
            f"monthly wage/siltap per person {fmt.rupiah_en(wage)}",
        )
    if wage is not None:
        return wage, Text(
            f"penghasilan sebulan per orang {fmt.rupiah(wage)} (diisi)",
            f"monthly income per person {fmt.rupiah_en(wage)} (as entered)",
        )
    income = convention.wage_basis
    return income, Text(
        f"penghasilan {fmt.rupiah(income)} (bawaan kebijakan Pantau)",
        f"income {fmt.rupiah_en(income)} (Pantau policy default)",
    )


def _month_total(schedule, segment, day, programs, base, risk_class) -> int:
    """`_month(...).total`, numbers only; refusals as `_month` words them."""
    try:
        return contributions.total_only(
            schedule, segment, day, programs,
            wage=base if segment == "pu" else None,
            income=base if segment == "bpu" else None,
            risk_class=risk_class,
        )  # fmt: skip
    except RuleError:
        return _month(schedule, segment, day, programs, base, risk_class).total


def _month(schedule, segment, day, programs, base, risk_class) -> Contribution:
    """One person's contribution; a refusal names the budget's arguments, not the month's."""
    try:
        return contributions.compute(
            schedule, segment, day, programs,
            wage=base if segment == "pu" else None,
            income=base if segment == "bpu" else None,
            risk_class=risk_class,
        )  # fmt: skip
    except RuleError as error:
        renamed = {"--month": "--year", "--income": "--wage"}.get(error.argument)
        if renamed is None:
            raise
        raise RuleError(renamed, error.message_id, error.message_en) from None


def _line(program, monthly, persons, segment, risk_class) -> BudgetLine:
    amounts = [(month.month, month.line(program).total) for month in monthly]
    total = persons * sum(amount for _, amount in amounts)
    runs, runs_en = [], []
    for amount, group in groupby(amounts, key=lambda item: item[1]):
        group = list(group)
        start = date.fromisoformat(f"{group[0][0]}-01")
        end = date.fromisoformat(f"{group[-1][0]}-01")
        count = len(group)
        runs.append(
            f"{fmt.rupiah(amount)} × {fmt.count(persons)} orang × {count} bulan "
            f"({fmt.period(start, end)})"
        )
        runs_en.append(
            f"{fmt.rupiah_en(amount)} × {fmt.count_en(persons)} "
            f"{_plural(persons, 'person', 'persons')} × {count} "
            f"{_plural(count, 'month', 'months')} ({fmt.period_en(start, end)})"
        )
    citations, citations_en = [], []
    for month in monthly:
        line = month.line(program)
        citations += [cite for cite in line.citations if cite not in citations]
        citations_en += [cite for cite in line.citations_en if cite not in citations_en]
    label = label_en = LABELS[program]
    if (segment, program) == ("pu", "jkk"):
        label += f" kelas {risk_class}"
        label_en += f" class {risk_class}"
    return BudgetLine(
        program=program,
        per_person_month=amounts[0][1],
        total=total,
        text=Text(
            f"{label}: {' + '.join(runs)} = {fmt.rupiah(total)} ({'; '.join(citations)})",
            f"{label_en}: {' + '.join(runs_en)} = {fmt.rupiah_en(total)} "
            f"({'; '.join(citations_en)})",
        ),
    )

"""What the law says a claim should pay: the expected cash benefit of a paid claim.

`expected_claim(program, event, event_date, wage)` answers for one claim; `claim_schedule()`
gives the same rule as rows, for a SQL join (the claims import registers them as a table):

    expected = max(wage_factor × wage, wage_part_min) + fixed
    for  valid_from ≤ event_date < valid_to  (valid_to None: open)

A row with `wage_factor` 0 needs no wage; a row with `wage_factor` > 0 applies only to a
claim whose wage is given and positive (no wage: not checkable). `wage_part_min` is the
floor of the wage part: since PP 82/2019 the JKK death lump sum (48 × wage) is at least the
JKM lump sum of the same day (Rp20.000.000), so it is 0 everywhere else. The two always agree
(tests/rules/test_claim_expected.py checks it for random dates and wages).

Checkable (the amount is the cash paid, scholarships excluded, as the claims extract's
`amount`):

    JKM death               lump sum + periodic + funeral (PP 44/2015, PP 82/2019)
    JKK death               48 × wage (at least the JKM lump sum since PP 82/2019)
                            + funeral + periodic
    JKK disability_total    56 × wage + periodic (PP 82/2019; no rule in the data before it)

Not checkable (`None`): JKK accident and occupational disease (medical costs and wage
replacement, as incurred), JKK partial disability (a table percentage of the body part),
JHT (the balance), JP (contribution history), JKP (months of unemployment), any other event;
JKK without a wage; and an event date before the first regulation in the rule data (e.g.
a JKM death before 1 July 2015): Pantau has no rule to check it against, so the claim is
counted but not flagged. An unknown programme or a negative wage raises `RuleError`.

The rules come from the regulation data files (`schedules.active()`): `expected_claim`
computes the amount with `rules.benefits` (the calculator's own functions); `claim_schedule`
reads the same entries period by period, so a new regulation is one new data file here too.
Pure Python, floor 1.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from pantau.core.money import format_rupiah
from pantau.rules import benefits, inputs, schedules
from pantau.rules.entries import Entry
from pantau.rules.errors import RuleError
from pantau.rules.schedules import Schedule

__all__ = ["CHECKABLE", "Expected", "ScheduleRow", "claim_schedule", "expected_claim"]

PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")

# (program, event) → the schedule keys its amount depends on (the scholarship keys too: the
# benefit functions refuse a day without a scholarship rule).
CHECKABLE: dict[tuple[str, str], tuple[str, ...]] = {
    ("JKM", "death"): ("jkm.benefit", "jkm.scholarship"),
    ("JKK", "death"): ("jkk.death", "jkk.death.fixed", "jkm.benefit", "jkk.scholarship"),
    ("JKK", "disability_total"): (
        "jkk.disability_total",
        "jkk.disability_total.fixed",
        "jkk.scholarship",
    ),
}

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Expected:
    """The cash a claim should pay (scholarships excluded) and why, in both languages."""

    amount: int
    basis_id: str
    basis_en: str


@dataclass(frozen=True)
class ScheduleRow:
    """One programme and event's rule for event dates valid_from ≤ day < valid_to."""

    program: str
    event: str
    valid_from: date
    valid_to: date | None  # exclusive; None = open
    wage_factor: int
    fixed: int
    basis_id: str
    basis_en: str
    wage_part_min: int = 0  # floor of wage_factor × wage (JKK death since PP 82/2019)

    @property
    def needs_wage(self) -> bool:
        return self.wage_factor > 0

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def amount(self, wage: int | None) -> int | None:
        """The expected amount for this wage; None when the row needs a wage and has none."""
        if self.needs_wage:
            if not wage:
                return None
            return max(self.wage_factor * wage, self.wage_part_min) + self.fixed
        return self.fixed


def expected_claim(
    program: str, event: str, event_date: date | str, wage: int | None = None
) -> Expected | None:
    """What the regulation in force on `event_date` pays for this claim, or None when the
    claim cannot be checked (see the module docstring)."""
    code = _program(program)
    kind = (code, str(event or "").strip().lower())
    if kind not in CHECKABLE:
        return None
    day = inputs.day(event_date, "event_date")
    amount = inputs.rupiah(wage, "wage", "Upah", "wage") or None
    schedule = schedules.active()
    try:
        if kind == ("JKM", "death"):
            benefit = benefits.jkm(schedule, day, day, 0)
        elif amount is None:
            return None  # JKK is checked against the wage reported at the event
        elif kind == ("JKK", "death"):
            benefit = benefits.jkk_death(schedule, amount, day)
        else:
            benefit = benefits.jkk_disability(schedule, amount, day)
    except RuleError:
        return None  # no rule in the data on that day (before the first regulation)
    row = _row(schedule, kind, day)
    if row is None:  # the benefit functions found a rule the schedule did not: a bug
        raise AssertionError(f"no claim schedule row for {kind} on {day}")
    return Expected(benefit.cash_total, row.basis_id, row.basis_en)


def claim_schedule() -> list[ScheduleRow]:
    """Every checkable programme and event's rule, period by period, oldest first."""
    return list(_rows(schedules.active()))


_cache: tuple[Schedule, tuple[ScheduleRow, ...]] | None = None


def _rows(schedule: Schedule) -> tuple[ScheduleRow, ...]:
    global _cache
    if _cache is None or _cache[0] is not schedule:
        rows = tuple(
            row for kind, keys in CHECKABLE.items() for row in _periods(schedule, kind, keys)
        )
        _cache = (schedule, rows)
    return _cache[1]


def _row(schedule: Schedule, kind: tuple[str, str], day: date) -> ScheduleRow | None:
    for row in _rows(schedule):
        if (row.program, row.event) == kind and row.covers(day):
            return row
    return None


def _program(program: str) -> str:
    code = str(program or "").strip().upper()
    if code not in PROGRAMS:
        raise RuleError(
            "program",
            f"Program tidak dikenal: {program!r}. Pilihan: {', '.join(PROGRAMS)}.",
            f"Unknown programme {program!r}. Choose from {', '.join(PROGRAMS)}.",
        )
    return code


def _periods(schedule: Schedule, kind: tuple[str, str], keys: tuple[str, ...]) -> list[ScheduleRow]:
    """Rows between every start and end of the keys' entries; equal neighbours merged."""
    bounds: set[date] = set()
    for key in keys:
        for entry in schedule.entries(key):
            bounds.add(entry.start)
            if entry.effective_end is not None and entry.effective_end < date.max:
                bounds.add(entry.effective_end + ONE_DAY)
    edges = sorted(bounds)
    rows: list[ScheduleRow] = []
    for start, end in zip(edges, [*edges[1:], None], strict=True):
        row = _rule(schedule, kind, start, end)
        if row is None:
            continue
        last = rows[-1] if rows else None
        if last is not None and last.valid_to == start and _same_rule(last, row):
            rows[-1] = replace(last, valid_to=end)
        else:
            rows.append(row)
    return rows


def _same_rule(one: ScheduleRow, other: ScheduleRow) -> bool:
    def rule(row: ScheduleRow) -> tuple:
        return (row.wage_factor, row.fixed, row.wage_part_min, row.basis_id, row.basis_en)

    return rule(one) == rule(other)


def _rule(
    schedule: Schedule, kind: tuple[str, str], start: date, end: date | None
) -> ScheduleRow | None:
    if kind == ("JKM", "death"):
        return _jkm(schedule, start, end)
    if kind == ("JKK", "death"):
        return _jkk_death(schedule, start, end)
    return _jkk_disability(schedule, start, end)


def _both(amount: int) -> tuple[str, str]:
    return format_rupiah(amount, "id"), format_rupiah(amount, "en")


def _jkm(schedule: Schedule, start: date, end: date | None) -> ScheduleRow | None:
    benefit = schedule.in_force("jkm.benefit", start)
    # benefits.jkm also needs the scholarship rule of the day (it refuses a day without one)
    if benefit is None or schedule.in_force("jkm.scholarship", start) is None:
        return None
    lump, periodic, funeral = (_both(benefit[name]) for name in ("lump_sum", "periodic", "funeral"))
    return ScheduleRow(
        "JKM", "death", start, end,
        wage_factor=0,
        fixed=benefit["lump_sum"] + benefit["periodic"] + benefit["funeral"],
        basis_id=(
            f"{benefit.article}: santunan sekaligus {lump[0]} + berkala {periodic[0]} + "
            f"pemakaman {funeral[0]}"
        ),
        basis_en=(
            f"{benefit.article}: lump sum {lump[1]} + periodic {periodic[1]} + "
            f"funeral {funeral[1]}"
        ),
    )  # fmt: skip


def _jkk_death(schedule: Schedule, start: date, end: date | None) -> ScheduleRow | None:
    rule = schedule.in_force("jkk.death", start)
    if rule is None or schedule.in_force("jkk.scholarship", start) is None:
        return None
    fixed = schedule.in_force("jkk.death.fixed", start)
    floor, floor_id, floor_en = 0, "", ""
    if fixed is not None and fixed.get("at_least_jkm_lump_sum"):
        jkm = schedule.in_force("jkm.benefit", start)
        if jkm is None:
            return None
        floor = jkm["lump_sum"]
        floor_id = f" (paling sedikit {_both(floor)[0]})"
        floor_en = f" (at least {_both(floor)[1]})"
    parts_id = [f"santunan kematian {rule['wage_months']} × upah{floor_id}"]
    parts_en = [f"death benefit {rule['wage_months']} × wage{floor_en}"]
    extra = 0
    if fixed is not None:
        funeral, periodic = _both(fixed["funeral"]), _both(fixed["periodic"])
        parts_id += [f"pemakaman {funeral[0]}", f"berkala {periodic[0]}"]
        parts_en += [f"funeral {funeral[1]}", f"periodic {periodic[1]}"]
        extra = fixed["funeral"] + fixed["periodic"]
    return ScheduleRow(
        "JKK", "death", start, end,
        wage_factor=rule["wage_months"],
        fixed=extra,
        basis_id=f"{_article(rule, fixed)}: {' + '.join(parts_id)}",
        basis_en=f"{_article(rule, fixed)}: {' + '.join(parts_en)}",
        wage_part_min=floor,
    )  # fmt: skip


def _jkk_disability(schedule: Schedule, start: date, end: date | None) -> ScheduleRow | None:
    rule = schedule.in_force("jkk.disability_total", start)
    if rule is None or schedule.in_force("jkk.scholarship", start) is None:
        return None
    fixed = schedule.in_force("jkk.disability_total.fixed", start)
    parts_id = [f"santunan cacat total tetap {rule['wage_months']} × upah"]
    parts_en = [f"total permanent disability {rule['wage_months']} × wage"]
    extra = 0
    if fixed is not None:
        periodic = _both(fixed["periodic"])
        parts_id.append(f"berkala {periodic[0]}")
        parts_en.append(f"periodic {periodic[1]}")
        extra = fixed["periodic"]
    return ScheduleRow(
        "JKK", "disability_total", start, end,
        wage_factor=rule["wage_months"],
        fixed=extra,
        basis_id=f"{_article(rule, fixed)}: {' + '.join(parts_id)}",
        basis_en=f"{_article(rule, fixed)}: {' + '.join(parts_en)}",
    )  # fmt: skip


def _article(rule: Entry, fixed: Entry | None) -> str:
    """The rule's article, and the fixed part's when it is another one."""
    if fixed is None or fixed.article == rule.article:
        return rule.article
    return f"{rule.article}; {fixed.article}"

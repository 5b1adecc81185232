"""Loading the regulation and Pantau-policy data files, checking them, finding what is in force.

Which entry is in force on a day: the entries of a key whose period contains the day; a
regulation wins over Pantau policy (policy only fills gaps), then the latest `from` wins.
An entry without `to` runs until the next entry of its key starts, so a new regulation is
one new file and the old files stay as they are.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from types import MappingProxyType

from pantau.rules import datafile, schema
from pantau.rules.entries import CategoryPolicy, Entry, Regulation
from pantau.rules.errors import RulesDataError

HERE = Path(__file__).resolve().parent
SHIPPED_DIRECTORIES = (HERE / "data", HERE / "policy")
EXTRA_DIRECTORY_VARIABLE = "PANTAU_RULES_DIR"
ONE_DAY = timedelta(days=1)


_UNKNOWN = object()


class Schedule:
    """All loaded entries, indexed by key; immutable once built."""

    def __init__(
        self,
        regulations: list[Regulation],
        entries: dict[str, list[Entry]],
        categories: dict[str, CategoryPolicy],
        version: str = "",
    ):
        self.regulations = tuple(regulations)
        # A digest of the data files read: results computed under another version (the
        # budgets' stored need) are computed again.
        self.version = version
        self._in_force: dict[tuple[str, date], Entry | None] = {}
        self._entries = {key: tuple(items) for key, items in entries.items()}
        self._categories = dict(categories)
        self.earliest = min(entry.start for items in entries.values() for entry in items)

    def key_names(self) -> list[str]:
        return sorted(self._entries)

    def rules_in_force(self, day: date) -> tuple[int, ...]:
        """Which entry of every key is in force on `day` (by identity): two months with the
        same tuple are computed by the same rules, whatever the wage."""
        return tuple(id(self.in_force(key, day)) for key in self._entries)

    def entries(self, key: str) -> tuple[Entry, ...]:
        return self._entries.get(key, ())

    def has(self, key: str) -> bool:
        return key in self._entries

    def in_force(self, key: str, day: date) -> Entry | None:
        # Immutable, so each (key, day) is looked up once: costing thousands of wages asks
        # the same question for every wage.
        found = self._in_force.get((key, day), _UNKNOWN)
        if found is _UNKNOWN:
            candidates = [entry for entry in self.entries(key) if entry.covers(day)]
            found = max(candidates, key=lambda entry: (not entry.is_policy, entry.start),
                        default=None)  # fmt: skip
            self._in_force[(key, day)] = found
        return found

    def first(self, key: str) -> Entry | None:
        return min(self.entries(key), key=lambda entry: entry.start, default=None)

    def scholarship_levels(self, day: date) -> list[Entry]:
        levels = [
            self.in_force(key, day)
            for key in self._entries
            if key.startswith(schema.SCHOLARSHIP_PREFIX)
        ]
        return sorted((level for level in levels if level), key=lambda level: level["order"])

    def category(self, code: str) -> CategoryPolicy | None:
        return self._categories.get(code)


def directories(extra: Iterable[Path | str] = (), *, shipped: bool = True) -> list[Path]:
    """The shipped data and policy folders, `$PANTAU_RULES_DIR`, then `extra`."""
    found = list(SHIPPED_DIRECTORIES) if shipped else []
    from_environment = os.environ.get(EXTRA_DIRECTORY_VARIABLE, "").strip()
    if shipped and from_environment:
        found.append(Path(from_environment))
    found.extend(Path(directory) for directory in extra)
    return found


def load(extra: Iterable[Path | str] = (), *, shipped: bool = True) -> Schedule:
    """Read and check every `*.toml` in the folders; RulesDataError names file and key."""
    regulations: list[Regulation] = []
    by_key: dict[str, list[Entry]] = defaultdict(list)
    categories: dict[str, CategoryPolicy] = {}
    digest = hashlib.sha256()
    for directory in directories(extra, shipped=shipped):
        if not directory.is_dir():
            raise RulesDataError(directory, None, "is not a directory of rule data files")
        for path in sorted(directory.glob("*.toml")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            regulation, entries, file_categories = datafile.read(path)
            _refuse_duplicate_id(regulations, regulation)
            regulations.append(regulation)
            for entry in entries:
                by_key[entry.key].append(entry)
            for category in file_categories:
                if category.code in categories:
                    other = categories[category.code].regulation.path.name
                    raise RulesDataError(
                        path, f"category.{category.code}", f"is also defined in {other}"
                    )
                categories[category.code] = category
    if not by_key:
        raise RulesDataError(Path("."), None, "no rule data files were found")
    for key, entries in by_key.items():
        entries.sort(key=lambda entry: (entry.start, entry.is_policy))
        _refuse_overlaps(key, entries)
        by_key[key] = _with_effective_ends(entries)
        _refuse_gaps(key, by_key[key])
    schedule = Schedule(regulations, by_key, categories, digest.hexdigest()[:16])
    schedule = _resolve_wage_caps(schedule, by_key)
    _check_consistency(schedule, categories)
    return schedule


def _refuse_duplicate_id(regulations: list[Regulation], regulation: Regulation) -> None:
    for seen in regulations:
        if seen.id == regulation.id:
            raise RulesDataError(
                regulation.path, None, f"regulation id {regulation.id!r} is also in {seen.path}"
            )


def _refuse_overlaps(key: str, entries: list[Entry]) -> None:
    """Two regulations (or two policies) may not both claim a month for the same key."""
    for kind in schema.KINDS:
        same_kind = [entry for entry in entries if entry.regulation.kind == kind]
        for earlier, later in zip(same_kind, same_kind[1:], strict=False):
            if earlier.start == later.start or (earlier.end and earlier.end >= later.start):
                raise RulesDataError(
                    later.regulation.path,
                    key,
                    f"[[entry]] {later.position} (from {later.start}) overlaps "
                    f"{earlier.where()} (from {earlier.start}"
                    f"{f' to {earlier.end}' if earlier.end else ''}) for the same key",
                )


def _with_effective_ends(entries: list[Entry]) -> list[Entry]:
    starts = sorted({entry.start for entry in entries})
    result = []
    for entry in entries:
        end = entry.end
        if end is None:
            later = [start for start in starts if start > entry.start]
            end = later[0] - ONE_DAY if later else None
        result.append(replace(entry, effective_end=end))
    return result


def _refuse_gaps(key: str, entries: list[Entry]) -> None:
    """A rate schedule once started covers every later month: no gap, and no end."""
    if not schema.spec_for(key).continuous:
        return
    starts = sorted({entry.start for entry in entries})
    for start, following in zip(starts, [*starts[1:], None], strict=True):
        reach = max(entry.effective_end or date.max for entry in entries if entry.start == start)
        entry = next(entry for entry in entries if entry.start == start)
        if following is None and reach != date.max:
            raise RulesDataError(
                entry.regulation.path,
                key,
                f"{entry.where()} ends on {reach} and nothing follows: a rate schedule may not "
                "stop (a temporary change is a relief key, or is followed by the rate after it)",
            )
        if following is not None and reach < following - ONE_DAY:
            raise RulesDataError(
                entry.regulation.path,
                key,
                f"nothing is in force from {reach + ONE_DAY} to {following - ONE_DAY}: "
                "a rate schedule may not have gaps",
            )


def truncate_to_hundred(value: Decimal) -> int:
    return int((value / 100).to_integral_value(rounding=ROUND_DOWN)) * 100


def _resolve_wage_caps(schedule: Schedule, by_key: dict[str, list[Entry]]) -> Schedule:
    """Carried-forward caps take the cap in force before them; derived caps are re-derived.

    PP 45/2015 Pasal 29: new cap = old cap × (1 + GDP growth of the previous year), which
    Pantau truncates to Rp100 (this reproduces every published cap 2016–2025).
    """
    key = "pu.jp.wage_cap"
    resolved: list[Entry] = []
    for entry in sorted(by_key.get(key, []), key=lambda item: (item.start, item.is_policy)):
        previous = Schedule(schedule.regulations, {key: resolved}, {}) if resolved else None
        before = previous.in_force(key, entry.start - ONE_DAY) if previous else None
        values = dict(entry.values)
        if values.get("carry_forward"):
            if before is None:
                raise RulesDataError(
                    entry.regulation.path, key, f"{entry.where()}: nothing to carry forward"
                )
            values["amount"] = before["amount"]
            values["carried_from"] = before
        elif "gdp_growth_percent" in values:
            if before is None:
                raise RulesDataError(
                    entry.regulation.path, key, f"{entry.where()}: no earlier cap to derive from"
                )
            factor = 1 + values["gdp_growth_percent"] / 100
            expected = truncate_to_hundred(before["amount"] * factor)
            if values["amount"] != expected:
                raise RulesDataError(
                    entry.regulation.path,
                    key,
                    f"{entry.where()}: amount {values['amount']} does not follow PP 45/2015 "
                    f"Pasal 29 from {before['amount']} × (1 + {values['gdp_growth_percent']}%) "
                    f"truncated to Rp100 = {expected}",
                )
            values["derived_from"] = before
        resolved.append(replace(entry, values=MappingProxyType(values)))
        resolved.sort(key=lambda item: (item.start, item.is_policy))
    if resolved:
        by_key[key] = resolved
    return Schedule(list(schedule.regulations), by_key, dict(schedule._categories),
                    schedule.version)  # fmt: skip


def _check_consistency(schedule: Schedule, categories: dict[str, CategoryPolicy]) -> None:
    for key in schema.REQUIRED_KEYS:
        if not schedule.has(key):
            raise RulesDataError(Path("rules"), key, "no data file defines this key")
    for key in schedule.key_names():
        for entry in schedule.entries(key):
            _check_entry(schedule, entry)
    jp_start = schedule.first("pu.jp").start
    if schedule.first("pu.jp.wage_cap").start > jp_start:
        first_cap = schedule.first("pu.jp.wage_cap")
        raise RulesDataError(
            first_cap.regulation.path, first_cap.key, f"JP starts {jp_start} but no cap then"
        )
    for code in schema.CATEGORIES:
        if code not in categories:
            raise RulesDataError(Path("policy"), f"category.{code}", "no default is defined")
    for category in categories.values():
        for convention in category.conventions.values():
            for program in convention.programs:
                key = (
                    f"pu.jkk.class_{convention.risk_class}"
                    if (convention.segment, program) == ("pu", "jkk")
                    else f"{convention.segment}.{program}"
                )
                if not schedule.has(key):
                    raise RulesDataError(
                        category.regulation.path,
                        f"category.{category.code}.{convention.segment}",
                        f"programme {program} has no schedule {key!r}",
                    )


def _check_entry(schedule: Schedule, entry: Entry) -> None:
    def problem(message: str) -> RulesDataError:
        return RulesDataError(entry.regulation.path, entry.key, f"{entry.where()}: {message}")

    if entry.key.endswith(".relief") and not (
        "discount_percent" in entry.values or "deferred_percent" in entry.values
    ):
        raise problem("a relief needs discount_percent or deferred_percent")
    if entry.key == "bpu.jkk" and entry["min_amount"] > entry["max_amount"]:
        raise problem("min_amount is above max_amount")
    if entry.key == "bpu.income_basis":
        method = entry["method"]
        if method not in schema.INCOME_METHODS:
            raise problem(f"method must be one of {schema.INCOME_METHODS}")
        if (method == "brackets") != ("brackets" in entry.values):
            raise problem("brackets are given exactly when method = 'brackets'")
    if entry.key.endswith(".recomposition"):
        rate = schedule.in_force(entry.key.removesuffix(".recomposition"), entry.start)
        if (
            rate is None
            or entry["fund_percent"] + entry["to_jkp_percent"] != rate["employer_percent"]
        ):
            raise problem("fund_percent + to_jkp_percent must equal the rate in force")
    needs_levels = entry.key == "jkm.scholarship" and "per_child_amount" not in entry.values
    if needs_levels and not schedule.scholarship_levels(entry.start):
        raise problem("without per_child_amount, a scholarship level schedule must apply")


@functools.cache
def _standard() -> Schedule:
    return load()


_override: ContextVar[Schedule | None] = ContextVar("pantau_rules_schedule", default=None)


def active() -> Schedule:
    """The schedule calculations use: the standard one, or the one `using()` put in place."""
    return _override.get() or _standard()


def forget() -> None:
    """Drop the loaded schedule; the next calculation reads the files again."""
    _standard.cache_clear()


def reload() -> Schedule:
    """Read the files again now (after `PANTAU_RULES_DIR` changed)."""
    forget()
    return _standard()


@contextmanager
def using(schedule: Schedule) -> Iterator[Schedule]:
    """Calculations inside the block use `schedule` (e.g. one with an extra regulation)."""
    token = _override.set(schedule)
    try:
        yield schedule
    finally:
        _override.reset(token)

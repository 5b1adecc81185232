"""Reading one regulation or policy data file (TOML) into checked records.

Checks that need one file only live here (types, fields, dates, citations); checks across
files (overlaps, gaps, carried-forward caps) live in `schedules.py`.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pantau.rules import schema
from pantau.rules.entries import CategoryPolicy, Convention, Entry, Regulation
from pantau.rules.errors import RulesDataError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TOP_LEVEL = {"regulation", "entry", "category"}
_CONVENTION_FIELDS = {
    "programs", "risk_class", "wage_basis", "basis", "basis_en", "article", "confidence"
}  # fmt: skip


def read(path: Path) -> tuple[Regulation, list[Entry], list[CategoryPolicy]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise RulesDataError(path, None, f"cannot be read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise RulesDataError(path, None, f"is not valid TOML: {error}") from error
    unknown = set(data) - _TOP_LEVEL
    if unknown:
        raise RulesDataError(path, None, f"unknown top-level table(s) {sorted(unknown)}")
    regulation = _regulation(path, data.get("regulation"))
    raw_entries = data.get("entry", [])
    raw_categories = data.get("category", [])
    if not isinstance(raw_entries, list) or not isinstance(raw_categories, list):
        raise RulesDataError(path, None, "write entries as [[entry]], categories as [[category]]")
    if not raw_entries and not raw_categories:
        raise RulesDataError(path, None, "has no [[entry]] and no [[category]]")
    if raw_categories and not regulation.is_policy:
        raise RulesDataError(path, None, "[[category]] defaults are Pantau policy: kind = 'policy'")
    entries = [
        _entry(regulation, position, raw) for position, raw in enumerate(raw_entries, start=1)
    ]
    categories = [_category(regulation, raw) for raw in raw_categories]
    return regulation, entries, categories


def _regulation(path: Path, table: Any) -> Regulation:
    if not isinstance(table, dict):
        raise RulesDataError(path, None, "the [regulation] table is missing")

    def need(name: str) -> str:
        value = table.get(name)
        if not isinstance(value, str) or not value.strip():
            raise RulesDataError(path, None, f"[regulation] needs a non-empty {name!r}")
        return value.strip()

    unknown = set(table) - {"id", "name", "title", "kind", "sources"}
    if unknown:
        raise RulesDataError(path, None, f"[regulation] has unknown field(s) {sorted(unknown)}")
    identifier = need("id")
    if identifier != path.stem:
        raise RulesDataError(path, None, f"[regulation] id {identifier!r} must equal the file name")
    kind = need("kind")
    if kind not in schema.KINDS:
        raise RulesDataError(path, None, f"[regulation] kind must be one of {schema.KINDS}")
    return Regulation(
        id=identifier,
        name=need("name"),
        title=need("title"),
        kind=kind,
        path=path,
        sources=_sources(path, None, table.get("sources", [])),
    )


def _sources(path: Path, key: str | None, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RulesDataError(path, key, "'sources' must be a list of texts")
    return tuple(value)


def _entry(regulation: Regulation, position: int, raw: Any) -> Entry:
    path = regulation.path
    if not isinstance(raw, dict):
        raise RulesDataError(path, None, f"[[entry]] {position} is not a table")
    key = raw.get("key")
    if not isinstance(key, str) or not key:
        raise RulesDataError(path, None, f"[[entry]] {position} has no 'key'")
    spec = schema.spec_for(key)
    if spec is None:
        raise RulesDataError(path, key, f"[[entry]] {position}: unknown key")

    def problem(message: str) -> RulesDataError:
        return RulesDataError(path, key, f"[[entry]] {position}: {message}")

    allowed = set(schema.COMMON_FIELDS) | set(spec.required) | set(spec.optional)
    unknown = set(raw) - allowed
    if unknown:
        raise problem(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    article = raw.get("article")
    if not isinstance(article, str) or not article.strip():
        raise problem("'article' (the citation: regulation and article) is missing")
    confidence = raw.get("confidence", "H")
    if confidence not in schema.CONFIDENCES:
        raise problem(f"'confidence' must be one of {schema.CONFIDENCES}, got {confidence!r}")
    if confidence == "L" and not regulation.is_policy:
        raise problem(
            "a value of confidence L is not regulation; put it in a Pantau policy file "
            "(kind = 'policy') that says how it was derived"
        )
    missing = [name for name in spec.required if name not in raw]
    if missing:
        raise problem(f"missing field(s) {missing}")
    if spec.one_of and sum(name in raw for name in spec.one_of) != 1:
        raise problem(f"needs exactly one of {list(spec.one_of)}")
    parsers = {**spec.required, **spec.optional}
    values = {}
    for name, parse in parsers.items():
        if name in raw:
            try:
                values[name] = parse(raw[name])
            except schema.FieldProblem as error:
                raise problem(f"{name!r} {error}") from None
    if "from" not in raw:
        raise problem("'from' is missing")
    start = _when(raw["from"], spec.granularity, first=True, problem=problem, name="from")
    end = None
    if "to" in raw:
        end = _when(raw["to"], spec.granularity, first=False, problem=problem, name="to")
        if end < start:
            raise problem(f"'to' {raw['to']} is before 'from' {raw['from']}")
    note, note_en = raw.get("note", ""), raw.get("note_en", "")
    if not isinstance(note, str):
        raise problem("'note' must be a text")
    if not isinstance(note_en, str):
        raise problem("'note_en' must be a text")
    if note_en.strip() and not note.strip():
        raise problem("'note_en' translates 'note': give the note in Bahasa Indonesia too")
    return Entry(
        key=key,
        start=start,
        end=end,
        values=MappingProxyType(values),
        article=article.strip(),
        confidence=confidence,
        regulation=regulation,
        granularity=spec.granularity,
        position=position,
        note=note.strip(),
        sources=_sources(path, key, raw.get("sources", [])),
        note_en=note_en.strip(),
    )


def _when(value: Any, granularity: str, *, first: bool, problem, name: str) -> date:
    """A month key's `from`/`to` is "YYYY-MM" (first/last day); a day key's is a date."""
    if granularity == schema.MONTH:
        match = _MONTH.match(value) if isinstance(value, str) else None
        if match is None:
            raise problem(
                f'{name!r} must be a contribution month "YYYY-MM", got {value!r} '
                "(a regulation in force mid-month applies from that month)"
            )
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise problem(f"{name!r} has no month {month:02d}")
        day = 1 if first else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise problem(f"{name!r} must be a date YYYY-MM-DD, got {value!r}")


def _category(regulation: Regulation, raw: Any) -> CategoryPolicy:
    path = regulation.path
    code = raw.get("code") if isinstance(raw, dict) else None
    if code not in schema.CATEGORIES:
        raise RulesDataError(path, None, f"[[category]] code must be one of {schema.CATEGORIES}")
    key = f"category.{code}"
    unknown = set(raw) - {"code", "default_segment", *schema.SEGMENTS}
    if unknown:
        raise RulesDataError(path, key, f"unknown field(s) {sorted(unknown)}")
    conventions = {
        segment: _convention(path, key, segment, raw[segment])
        for segment in schema.SEGMENTS
        if segment in raw
    }
    default_segment = raw.get("default_segment")
    if default_segment not in conventions:
        raise RulesDataError(
            path, key, "'default_segment' must name a convention given in this category"
        )
    return CategoryPolicy(
        code=code,
        default_segment=default_segment,
        conventions=MappingProxyType(conventions),
        regulation=regulation,
    )


def _convention(path: Path, key: str, segment: str, raw: Any) -> Convention:
    where = f"{key}.{segment}"
    if not isinstance(raw, dict):
        raise RulesDataError(path, where, "must be a table")
    unknown = set(raw) - _CONVENTION_FIELDS
    if unknown:
        raise RulesDataError(path, where, f"unknown field(s) {sorted(unknown)}")
    programs = raw.get("programs")
    if (
        not isinstance(programs, list)
        or not programs
        or any(program not in schema.PROGRAMS for program in programs)
    ):
        raise RulesDataError(path, where, f"'programs' must be a list from {schema.PROGRAMS}")
    risk_class = raw.get("risk_class", 1)
    if risk_class not in schema.RISK_CLASSES or isinstance(risk_class, bool):
        raise RulesDataError(path, where, "'risk_class' must be 1 to 5")
    wage_basis = raw.get("wage_basis")
    if wage_basis != "monthly_income":
        try:
            wage_basis = schema.amount(wage_basis)
        except schema.FieldProblem as error:
            raise RulesDataError(
                path, where, f"'wage_basis' must be \"monthly_income\" or an amount: {error}"
            ) from None
    for name in ("basis", "article"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise RulesDataError(path, where, f"{name!r} is missing")
    basis_en = raw.get("basis_en", "")
    if not isinstance(basis_en, str):
        raise RulesDataError(path, where, "'basis_en' must be a text")
    confidence = raw.get("confidence", "H")
    if confidence not in schema.CONFIDENCES:
        raise RulesDataError(path, where, f"'confidence' must be one of {schema.CONFIDENCES}")
    return Convention(
        segment=segment,
        programs=tuple(program for program in schema.PROGRAMS if program in programs),
        risk_class=risk_class,
        wage_basis=wage_basis,
        basis=raw["basis"].strip(),
        article=raw["article"].strip(),
        confidence=confidence,
        basis_en=basis_en.strip(),
    )

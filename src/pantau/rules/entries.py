"""The records a data file becomes: its regulation, its dated entries, category policies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pantau.rules.formatting import Text


@dataclass(frozen=True)
class Regulation:
    """One data file's `[regulation]` table: a regulation, or a piece of Pantau policy."""

    id: str
    name: str  # the short citation, "PP 44/2015"
    title: str
    kind: str  # "regulation" or "policy"
    path: Path
    sources: tuple[str, ...] = ()

    @property
    def is_policy(self) -> bool:
        return self.kind == "policy"


@dataclass(frozen=True)
class Entry:
    """One value of one schedule, in force from `start` to `end` (inclusive).

    `end` is None when the file gives no `to`: the entry then runs until the next entry of
    the same key starts (`effective_end`, set when all files are loaded).
    """

    key: str
    start: date
    end: date | None
    values: Mapping[str, Any]
    article: str
    confidence: str
    regulation: Regulation
    granularity: str
    position: int  # the entry's number in its file, for error messages
    note: str = ""
    sources: tuple[str, ...] = ()
    note_en: str = ""  # the note in English; without it the English working shows `note`
    effective_end: date | None = field(default=None, compare=False)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    @property
    def is_policy(self) -> bool:
        return self.regulation.is_policy

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.effective_end is None or day <= self.effective_end)

    def citation(self) -> str:
        """The article, marked when it is Pantau policy or less than well sourced."""
        marks = []
        if self.is_policy:
            marks.append("kebijakan Pantau, bukan kutipan peraturan")
        if self.confidence != "H":
            marks.append(f"keyakinan {self.confidence}")
        return "; ".join([self.article, *marks])

    def citation_en(self) -> str:
        """`citation()` in English: the article as written, the marks translated."""
        marks = []
        if self.is_policy:
            marks.append("Pantau policy, not a quotation of a regulation")
        if self.confidence != "H":
            marks.append(f"confidence {self.confidence}")
        return "; ".join([self.article, *marks])

    def cited(self) -> Text:
        return Text(self.citation(), self.citation_en())

    def noted(self) -> Text:
        """`<regulation>: <note>`, the English note where the data file gives one."""
        name = self.regulation.name
        return Text(f"{name}: {self.note}", f"{name}: {self.note_en or self.note}")

    def where(self) -> str:
        return f"{self.regulation.path.name}, [[entry]] {self.position}"


@dataclass(frozen=True)
class Convention:
    """How a category is enrolled under one segment: programmes, risk class, wage basis."""

    segment: str
    programs: tuple[str, ...]
    risk_class: int
    wage_basis: str | int  # "monthly_income", or a fixed monthly income in Rupiah
    basis: str
    article: str
    confidence: str
    basis_en: str = ""  # the basis in English; without it the English working shows `basis`


@dataclass(frozen=True)
class CategoryPolicy:
    code: str
    default_segment: str
    conventions: Mapping[str, Convention]
    regulation: Regulation

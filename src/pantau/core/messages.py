"""One bilingual message mechanism: a refusal or an issue says itself in Indonesian and English.

Pantau's source text is Bahasa Indonesia and most pages translate with gettext; a message
built from data (a cell's value, a row number, a regulation's words) cannot go through a
.po file, so it is carried in both languages and the active language picks one:

- `in_language(message_id, message_en)`: English when the active language is English,
  Indonesian otherwise (also when no language is active, as in the CLI);
- `Refusal`: an exception that refuses a whole request (a file, an upload, a record) with a
  code and both messages; `str()` is "Indonesian / English", for one-line CLI errors and logs.
  `ingest.types.FileRejected`, `budgets.compliance.services.EvidenceRejected`,
  `budgets.allocations.services.AllocationConflict` and `rules.errors.RuleError` are
  Refusals; RuleError keeps its `argument` and its `str()` in Indonesian only, which the
  calculator's pages and the `pantau rules` command show;
- `Issue`: one problem of one cell of a row (a line of an error report, or a form error),
  its messages taken from its class's `catalogue` (code → severity, Indonesian, English).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils.translation import get_language

ERROR, WARNING = "error", "warning"
SEVERITY_LABELS = {ERROR: "galat", WARNING: "peringatan"}

# code → (severity, Indonesian, English); `{value}` is the cell, other fields named per message.
Catalogue = Mapping[str, tuple[str, str, str]]


def in_language(message_id: str, message_en: str) -> str:
    """The message in the active language: English if it is English, else Indonesian."""
    return message_en if (get_language() or "id").startswith("en") else message_id


class Refusal(Exception):
    """A request refused as a whole, with a code and the reason in both languages."""

    def __init__(self, code: str, message_id: str, message_en: str) -> None:
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        super().__init__(f"{message_id} / {message_en}")

    def message(self) -> str:
        return in_language(self.message_id, self.message_en)

    def __str__(self) -> str:
        return f"{self.message_id} / {self.message_en}"


@dataclass(frozen=True)
class Issue:
    """A problem with one field of a row; a subclass names its `catalogue`."""

    catalogue: ClassVar[Catalogue] = {}

    column: str
    code: str
    value: str = ""
    details: Mapping[str, object] = field(default_factory=dict, compare=False)
    row: int | None = None

    @property
    def severity(self) -> str:
        return self.catalogue[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def messages(self) -> tuple[str, str]:
        """(Indonesian, English), with `{value}` and the details filled in."""
        fields = {"value": self.value, **self.details}
        _, message_id, message_en = self.catalogue[self.code]
        return message_id.format(**fields), message_en.format(**fields)

    def message(self) -> str:
        return in_language(*self.messages())

    def at_row(self, row: int) -> Issue:
        """The same issue on `row` (of the same class, so with the same catalogue)."""
        return dataclasses.replace(self, row=row)

"""The two kinds of refusal: a user's bad argument, and a broken regulation data file."""

from __future__ import annotations

from pathlib import Path


class RuleError(ValueError):
    """Bad input to the rules engine, naming the argument to fix (as the CLI spells it).

    `str(error)` is the Bahasa Indonesia message; pages in English show `message_en`.
    """

    def __init__(self, argument: str, message_id: str, message_en: str):
        super().__init__(message_id)
        self.argument = argument
        self.message_id = message_id
        self.message_en = message_en

    def __str__(self) -> str:
        return self.message_id


class RulesDataError(ValueError):
    """A regulation or policy data file is malformed; start-up stops with this message."""

    def __init__(self, path: Path | str, key: str | None, problem: str):
        self.path = Path(path)
        self.key = key
        self.problem = problem
        where = self.path.name if key is None else f"{self.path.name}, key {key!r}"
        super().__init__(f"{where}: {problem}")

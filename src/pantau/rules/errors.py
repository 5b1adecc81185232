"""The two kinds of refusal: a user's bad argument, and a broken regulation data file."""

from __future__ import annotations

from pathlib import Path

from pantau.core.messages import Refusal


class RuleError(Refusal, ValueError):
    """Bad input to the rules engine, naming the argument to fix (as the CLI spells it).

    `str(error)` is the Bahasa Indonesia message alone (the `pantau rules` command adds the
    English itself); `message()` is the one of the active language.
    """

    def __init__(self, argument: str, message_id: str, message_en: str):
        super().__init__("bad_argument", message_id, message_en)
        self.argument = argument
        self.args = (message_id,)

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

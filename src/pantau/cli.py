"""The `pantau` command: Django's management utility with Pantau's settings.

Every subcommand (`setup`, `demo`, `serve`, `regions`, `users`, …) is a management
command in the app that owns it, so the CLI stays a thin door into the actions. A
subcommand spelled with dashes runs the command module with underscores
(`pantau budget-status` is `budgets/management/commands/budget_status.py`).
"""

from __future__ import annotations

import gc
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()  # execute_from_command_line's own call then finds the apps ready
    # The objects Django's start-up created live as long as the process: frozen, the
    # collector skips them, also in the interpreter's final collections, which otherwise
    # walk them all at every command's exit (docs/benchmarks.md, "Why the code is shaped
    # so"). DuckDB is imported later, so its objects are freed as usual.
    gc.freeze()

    argv = list(argv if argv is not None else sys.argv)
    argv[0] = "pantau"
    argv[1:2] = [command_name(argv[1])] if len(argv) > 1 else []
    execute_from_command_line(argv)


def command_name(word: str) -> str:
    """`budget-status` → `budget_status`: people type dashes, Python modules have
    underscores. Options (`--help`) are left alone."""
    return word if word.startswith("-") else word.replace("-", "_")

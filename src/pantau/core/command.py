"""Base for every `pantau` command: one-line errors in the user's language, status 2."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.db import connections


class UsageError(CommandError):
    """Bad input from the person at the terminal: printed as one line, exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


class PantauCommand(BaseCommand):
    """A management command that never shows a traceback for a user's mistake.

    Django prints `CommandError: …`; Pantau prints `pantau: …` and exits with the
    error's status (2 for bad input). `call_command` still raises, for tests.
    """

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as error:
            if options.traceback:
                raise
            sys.stderr.write(f"pantau: {error}\n")
            sys.exit(error.returncode)
        finally:
            connections.close_all()

    def write_json(self, payload: Any) -> None:
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str))

"""Base for every `pantau` command: one-line errors in the user's language, status 2."""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.db import connections
from django.utils.module_loading import import_string


class UsageError(CommandError):
    """Bad input from the person at the terminal: printed as one line, exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


def parse_month(text: str) -> datetime.date:
    """`--as-of YYYY-MM` and the like: the first day of that month."""
    try:
        return datetime.datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise UsageError(f"bulan harus YYYY-MM / month must be YYYY-MM: {text!r}") from None


class PantauCommand(BaseCommand):
    """A management command that never shows a traceback for a user's mistake.

    Django prints `CommandError: …`; Pantau prints `pantau: …` and exits with the
    error's status (2 for bad input). `call_command` still raises, for tests.
    """

    # Commands that read the database refuse, in one line, to run on a data directory
    # that `pantau setup` has not prepared (instead of a traceback about a missing table).
    requires_setup = True
    # Django's system checks import every view to check the URLs, a tenth of the smallest
    # data command such as `pantau refresh` (docs/benchmarks.md, "Why the code is shaped so"). The
    # commands that start Pantau (`setup`, `demo`, `serve`) run them; `pantau check` too.
    requires_system_checks: list[str] | str = []

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            if self.requires_setup:
                ensure_setup()
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


def ensure_setup() -> None:
    """Raise UsageError when the database has unapplied migrations (no `pantau setup`)."""
    from django.conf import settings
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise UsageError(
            f"Basis data di {settings.DATA_DIR} belum siap: jalankan `pantau setup` dulu. "
            "/ The database is not prepared: run `pantau setup` first."
        )


class SubCommand:
    """One sub-command of a command that spans apps (`pantau import workforce`): the app that
    owns it registers it from its AppConfig.ready(), so the command imports no app."""

    help: str

    def add_arguments(self, parser) -> None:
        """Add this sub-command's arguments to its own `parser`."""

    def handle(self, command: PantauCommand, **options) -> None:
        """Run it; write with `command.stdout`, `command.write_json`; raise UsageError."""
        raise NotImplementedError


# command → sub-command name → dotted path of its SubCommand class, loaded when the command
# runs (not when Django starts: the sub-commands bring their importers and rich).
_SUBCOMMANDS: dict[str, dict[str, str]] = {}


def register_subcommand(command: str, name: str, path: str) -> None:
    """Offer `pantau <command> <name>`, in the order the apps register (INSTALLED_APPS)."""
    _SUBCOMMANDS.setdefault(command, {})[name] = path


def subcommand_names(command: str) -> list[str]:
    """The names of the sub-commands registered for `command`, in registration order."""
    return list(_SUBCOMMANDS.get(command, {}))


def subcommand(command: str, name: str) -> SubCommand:
    """One registered sub-command, its module loaded now (each brings its importer)."""
    return import_string(_SUBCOMMANDS[command][name])()

"""The `pantau` command: Django's management utility with Pantau's settings.

Every subcommand (`setup`, `demo`, `serve`, `regions`, `users`, …) is a management
command in the app that owns it, so the CLI stays a thin door into the actions.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
    from django.core.management import execute_from_command_line

    argv = list(argv if argv is not None else sys.argv)
    argv[0] = "pantau"
    execute_from_command_line(argv)

"""The `pantau` commands: which run Django's system checks, and the refusal before setup."""

import os
import subprocess
import sys

from django.core.management import get_commands, load_command_class

from pantau.core.command import PantauCommand

STARTING_COMMANDS = {"setup", "demo", "serve"}


def pantau_commands() -> dict[str, object]:
    return {
        name: load_command_class(app, name)
        for name, app in get_commands().items()
        if app.startswith("pantau.")
    }


def test_only_the_commands_that_start_pantau_run_the_system_checks():
    commands = pantau_commands()
    assert set(commands) >= STARTING_COMMANDS
    assert set(commands) >= {"refresh", "import", "coverage", "gaps"}
    for name, command in commands.items():
        assert isinstance(command, PantauCommand), name
        expected = "__all__" if name in STARTING_COMMANDS else []
        assert command.requires_system_checks == expected, name


def test_a_data_command_on_an_unprepared_directory_says_run_setup(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PANTAU_DATA_DIR"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "pantau", "refresh"], capture_output=True,
                            text=True, env=env)  # fmt: skip
    assert result.returncode == 2
    assert "jalankan `pantau setup` dulu" in result.stderr
    assert "Traceback" not in result.stderr


def test_each_app_adds_its_own_import_subcommands_in_the_order_of_installed_apps():
    from pantau.core.command import subcommand_names

    assert subcommand_names("import") == [
        "workers",
        "members",
        "claims",
        "dir",
        "workforce",
        "budgets",
    ]

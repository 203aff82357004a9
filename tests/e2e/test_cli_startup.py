"""Issue 16.9: ``coop --help`` imports no heavy library, and the lazy command table is true."""

import importlib
import pkgutil
import subprocess
import sys

import click
from click.testing import CliRunner

import web.cli
from web.cli import main
from web.cli.commands import COMMANDS

HEAVY = ("flask", "pandas", "sqlalchemy", "pulp", "networkx", "weasyprint")


def test_every_listed_command_is_the_command_with_its_own_help() -> None:
    for name, (module, attr, short_help) in COMMANDS.items():
        command = getattr(importlib.import_module(f"web.cli.{module}"), attr)
        assert command.name == name
        assert command.get_short_help_str(limit=150) == short_help, name


def test_every_command_in_the_cli_modules_is_listed() -> None:
    listed = {(module, attr) for module, attr, _ in COMMANDS.values()}
    for info in pkgutil.iter_modules(web.cli.__path__):
        module = importlib.import_module(f"web.cli.{info.name}")
        for attr, value in vars(module).items():
            if isinstance(value, click.Command) and value.__module__ == module.__name__:
                assert (info.name, attr) in listed, f"{info.name}.{attr} mangler i COMMANDS"


def test_help_lists_every_command_without_importing_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from web.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])\n"
    )
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().endswith("[]"), out
    for name in COMMANDS:
        assert name in out


def test_a_command_still_runs_through_the_lazy_group() -> None:
    result = CliRunner().invoke(main, ["import-budget", "--help"])
    assert result.exit_code == 0
    assert "--municipality" in result.output

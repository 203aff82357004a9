"""The ``coop`` command line: thin doors to the use cases in ``coop.services``.

This is the entry point (``coop = "web.cli:main"``); the commands live in one module per
group (``web.cli.setup``, ``web.cli.planning``, ``web.cli.split``, ``web.cli.imports``, …) and
what they share in ``web.cli.support``. A command's module is imported only when the command
runs, so ``coop --help`` needs neither Flask nor pandas (issue 16.9); ``COMMANDS`` keeps each
command's module and its one-line help (a test checks both against the command itself).
"""

from __future__ import annotations

import importlib

import click

from web.cli.commands import COMMANDS

__all__ = ["COMMANDS", "main"]


class LazyGroup(click.Group):
    """A group that imports a command's module on first use and lists help from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, in the order of COMMANDS, then any added directly."""
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its module only now."""
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, attr, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"web.cli.{module}"), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their short help without importing their modules."""
        rows = [(name, COMMANDS[name][2]) for name in COMMANDS]
        rows += [
            (name, command.get_short_help_str(limit=formatter.width))
            for name, command in self.commands.items()
            if name not in COMMANDS
        ]
        with formatter.section("Kommandoer"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, help="coop: planlegging av vertskommunesamarbeid.")
@click.option(
    "--database",
    "database",
    envvar="DATABASE_URL",
    default=None,
    metavar="URL",
    help="Database-URL (standard: SQLite i instance-mappen).",
)
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """Coop command group."""
    ctx.obj = {"database": database}

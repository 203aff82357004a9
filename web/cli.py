"""The ``coop`` command line: thin doors to the use cases in ``coop.services``.

This is the entry point (``coop = "web.cli:main"``); the commands live in one module per
group (``web.cli_setup``, ``web.cli_planning``, ``web.cli_split``, ``web.cli_import``,
``web.cli_agreements``) and what they share in ``web.cli_support``.
"""

from __future__ import annotations

import click

from web.cli_agreements import agreement
from web.cli_import import import_budget
from web.cli_planning import network, place, transition_cost
from web.cli_setup import create_user, demo, init_db, load_demo, projects, serve
from web.cli_split import split, split_game
from web.cli_support import database_option

__all__ = ["main"]


@click.group(help="coop: planlegging av vertskommunesamarbeid.")
@database_option
@click.pass_context
def main(ctx: click.Context, database: str | None) -> None:
    """Coop command group."""
    ctx.obj = {"database": database}


for _command in (
    init_db,
    load_demo,
    projects,
    create_user,
    network,
    transition_cost,
    import_budget,
    place,
    split,
    split_game,
    serve,
    demo,
    agreement,
):
    main.add_command(_command)

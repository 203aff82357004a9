"""The ``coop`` command line: thin doors to the use cases in ``coop.services``.

This is the entry point (``coop = "web.cli:main"``); the commands live in one module per
group (``web.cli.setup``, ``web.cli.planning``, ``web.cli.split``, ``web.cli.imports``,
``web.cli.agreements``; an own project in ``web.cli.projects``, ``web.cli.project_data`` and
``web.cli.transfer``) and what they share in ``web.cli.support``.
"""

from __future__ import annotations

import click

from web.cli.accounts import (
    activate_user,
    change_password,
    deactivate_user,
    tokens,
)
from web.cli.agreements import agreement
from web.cli.backup import backup, restore
from web.cli.imports import import_budget
from web.cli.jobs import worker
from web.cli.planning import network, place, transition_cost
from web.cli.process import plan, savings
from web.cli.project_data import (
    assumptions,
    import_travel,
    remove_travel,
    set_baseline,
    set_travel,
    travel,
)
from web.cli.projects import (
    add_member,
    add_service,
    catalogue,
    create_project,
    participation,
    remove_member,
    remove_service,
    save_option,
)
from web.cli.regions import regions
from web.cli.setup import create_user, demo, init_db, load_demo, projects, serve
from web.cli.split import split, split_game
from web.cli.support import database_option
from web.cli.transfer import changes, export_project, import_project

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
    create_project,
    add_member,
    remove_member,
    add_service,
    remove_service,
    participation,
    catalogue,
    set_baseline,
    travel,
    set_travel,
    remove_travel,
    import_travel,
    assumptions,
    save_option,
    changes,
    export_project,
    import_project,
    regions,
    change_password,
    deactivate_user,
    activate_user,
    tokens,
    backup,
    restore,
    plan,
    savings,
    worker,
):
    main.add_command(_command)

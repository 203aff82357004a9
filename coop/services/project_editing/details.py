"""Changing a project's name, description and package condition."""

from __future__ import annotations

from dataclasses import replace

from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_editing.saving import save_project


def update_details(
    slug: str,
    name: str,
    description: str,
    version: int,
    actor: Actor,
    uow: UnitOfWork,
    package_condition: str | None = None,
) -> int:
    """Rename a project, change its description or its package condition (None keeps it).

    The package condition is the resolution point every council's «forslag til vedtak»
    repeats (Salangen 2007: identical resolutions in all cases, or all are reopened); empty
    means none. Stale versions are refused.
    """
    require_role(actor, Role.STEERING)
    with uow:
        before = uow.projects.get(slug)
        condition = before.package_condition if package_condition is None else package_condition
        after = replace(
            before,
            name=name.strip(),
            description=description.strip(),
            package_condition=" ".join(condition.split()),
        )
        new = save_project(uow, actor, before, after, version)
        uow.commit()
        return new

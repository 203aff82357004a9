"""Who may see which project: members of a project see it, admins see every project.

The web and the API ask ``may_see`` for every route with a project in its path; a user who
may not see a project is told it does not exist (its name is not revealed).
"""

from __future__ import annotations

from dataclasses import dataclass

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record


def visible_projects(actor: Actor, uow: UnitOfWork) -> frozenset[str] | None:
    """The projects the actor may see; None means all (admin)."""
    if actor.role is Role.ADMIN:
        return None
    with uow:
        return uow.access.slugs(actor.username)


def require_project(slug: str, actor: Actor, uow: UnitOfWork) -> None:
    """Raise ``NotFound`` unless the actor may see the project."""
    visible = visible_projects(actor, uow)
    if visible is not None and slug not in visible:
        raise errors.NotFound(f"Fant ikke samarbeidsprosjektet «{slug}».")


@dataclass(frozen=True)
class AccessList:
    """Who may see a project, and whether the viewer may change it."""

    slug: str
    users: tuple[str, ...]
    editable: bool


def project_access(slug: str, actor: Actor, uow: UnitOfWork) -> AccessList:
    """The users with access to a project."""
    require_project(slug, actor, uow)
    with uow:
        users = uow.access.users(slug)
    return AccessList(slug, users, actor.role in (Role.ADMIN, Role.STEERING))


def grant_access(slug: str, username: str, actor: Actor, uow: UnitOfWork) -> None:
    """Give a user access to a project (admin, or the project's steering group)."""
    require_role(actor, Role.STEERING)
    require_project(slug, actor, uow)
    with uow:
        known = {u.actor.username for u in uow.users.list()}
        errors.require(username in known, f"Fant ingen bruker som heter «{username[:100]}».")
        before = uow.access.users(slug)
        uow.access.grant(slug, username)
        if username not in before:
            record(uow, actor, "bruker", username, None, {"tilgang": slug}, slug)
        uow.commit()


def revoke_access(slug: str, username: str, actor: Actor, uow: UnitOfWork) -> None:
    """Take a user's access to a project away (not your own: ask another member)."""
    require_role(actor, Role.STEERING)
    require_project(slug, actor, uow)
    errors.require(username != actor.username, "Du kan ikke ta bort din egen tilgang.")
    with uow:
        uow.access.revoke(slug, username)
        record(uow, actor, "bruker", username, {"tilgang": slug}, None, slug)
        uow.commit()

"""Use cases for users: create, list, the demo users (login: ``login``; accounts: ``accounts``)."""

from __future__ import annotations

from collections.abc import Iterable

from werkzeug.security import generate_password_hash

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.persistence.repositories.users import UserRecord
from coop.persistence.unit_of_work import UnitOfWork

MIN_PASSWORD = 10
STRONG_HASH_METHOD = "scrypt"  # werkzeug's scrypt (n=2^15, r=8, p=1): the production default


def create_user(
    username: str,
    password: str,
    role: str,
    uow: UnitOfWork,
    municipalities: Iterable[str] = (),
    full_name: str = "",
    actor: Actor | None = None,
    hash_method: str = STRONG_HASH_METHOD,
) -> Actor:
    """Create a user (the first admin may be created without an actor, from the CLI).

    ``hash_method`` is the app's ``PASSWORD_HASH_METHOD``; only tests make it cheaper.
    """
    try:
        parsed_role = Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise errors.InvalidData(f"Ukjent rolle «{role}». Gyldige roller: {roles}.") from None
    if len(password) < MIN_PASSWORD:
        raise errors.InvalidData(f"Passordet må ha minst {MIN_PASSWORD} tegn.")
    if not username.strip():
        raise errors.InvalidData("Brukernavn mangler.")
    new = Actor(username.strip(), parsed_role, frozenset(municipalities))
    with uow:
        if actor is not None:
            require_role(actor)
        elif uow.users.list():
            raise errors.InvalidData("Bare en administrator kan opprette flere brukere.")
        for number in new.municipalities:
            uow.municipalities.get(number)
        uow.users.add(new, generate_password_hash(password, hash_method), full_name)
        uow.commit()
    return new


def create_first_admin(
    username: str, password: str, uow: UnitOfWork, hash_method: str = STRONG_HASH_METHOD
) -> Actor:
    """Create an admin from the command line (allowed whether or not users exist)."""
    if len(password) < MIN_PASSWORD:
        raise errors.InvalidData(f"Passordet må ha minst {MIN_PASSWORD} tegn.")
    new = Actor(username.strip(), Role.ADMIN)
    with uow:
        uow.users.add(new, generate_password_hash(password, hash_method))
        uow.commit()
    return new


def list_users(actor: Actor, uow: UnitOfWork) -> list[UserRecord]:
    """All users (admin only)."""
    require_role(actor)
    with uow:
        return uow.users.list()


DEMO_PASSWORD = "coop-demo-2026"  # noqa: S105 - demo installs only, printed at start-up
DEMO_USERS = (
    ("admin", Role.ADMIN, ()),
    ("styring", Role.STEERING, ()),
    ("okonomi-salangen", Role.FINANCE, ("5522",)),
    ("okonomi-gratangen", Role.FINANCE, ("5516",)),
    ("ordforer", Role.READER, ()),
)


def create_demo_users(uow: UnitOfWork, hash_method: str = STRONG_HASH_METHOD) -> list[Actor]:
    """Create one demo user per role, only when the installation has no users at all."""
    with uow:
        if uow.users.list():
            return []
        created = []
        for username, role, municipalities in DEMO_USERS:
            actor = Actor(username, role, frozenset(municipalities))
            uow.users.add(
                actor,
                generate_password_hash(DEMO_PASSWORD, hash_method),
                f"Demobruker ({role.label})",
            )
            created.append(actor)
            for project in uow.projects.list():  # demo users see the demo projects
                uow.access.grant(project.slug, username)
        uow.commit()
    return created

"""Users by username or API-token hash; passwords and tokens are stored only as hashes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData, NotFound
from coop.persistence.orm import UserRow


@dataclass(frozen=True)
class UserRecord:
    """A stored user: the actor it becomes, plus what only authentication needs."""

    id: int
    actor: Actor
    full_name: str
    password_hash: str
    active: bool


def _record(row: UserRow) -> UserRecord:
    actor = Actor(row.username, Role(row.role), frozenset(row.municipalities.split()))
    return UserRecord(row.id, actor, row.full_name, row.password_hash, row.active)


class UserRepository:
    """Users of this installation."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> UserRecord | None:
        """The user with this username, or None."""
        row = self.session.scalars(select(UserRow).where(UserRow.username == username)).first()
        return _record(row) if row else None

    def by_id(self, user_id: int) -> UserRecord | None:
        """The user with this id, or None."""
        row = self.session.get(UserRow, user_id)
        return _record(row) if row else None

    def by_token_hash(self, token_hash: str) -> UserRecord | None:
        """The user owning an API token (by its SHA-256), or None."""
        query = select(UserRow).where(UserRow.api_token_hash == token_hash)
        row = self.session.scalars(query).first()
        return _record(row) if row else None

    def list(self) -> list[UserRecord]:
        """All users by username."""
        rows = self.session.scalars(select(UserRow).order_by(UserRow.username))
        return [_record(r) for r in rows]

    def add(self, actor: Actor, password_hash: str, full_name: str = "") -> None:
        """Add a user; the username must be free."""
        if self.by_username(actor.username):
            raise InvalidData(f"Brukernavnet «{actor.username}» er allerede i bruk.")
        self.session.add(
            UserRow(
                username=actor.username,
                full_name=full_name,
                password_hash=password_hash,
                role=actor.role.value,
                municipalities=" ".join(sorted(actor.municipalities)),
                active=True,
            )
        )
        self.session.flush()

    def set_token_hash(self, username: str, token_hash: str) -> None:
        """Replace a user's API token hash."""
        row = self.session.scalars(select(UserRow).where(UserRow.username == username)).first()
        if row is None:
            raise NotFound(f"Fant ikke brukeren «{username}».")
        row.api_token_hash = token_hash

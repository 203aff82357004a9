"""Users by username or API-token hash; passwords and tokens are stored only as hashes."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData, NotFound
from coop.persistence.orm.accounts import ApiTokenRow, LoginFailureRow, UserRow


@dataclass(frozen=True)
class UserRecord:
    """A stored user: the actor it becomes, plus what only authentication needs."""

    id: int
    actor: Actor
    full_name: str
    password_hash: str
    active: bool
    session_generation: int = 0


@dataclass(frozen=True)
class TokenRecord:
    """One API token as listed (never the token itself)."""

    id: int
    username: str
    label: str
    created_at: datetime
    last_used_at: datetime | None


def _record(row: UserRow) -> UserRecord:
    actor = Actor(row.username, Role(row.role), frozenset(row.municipalities.split()))
    return UserRecord(
        row.id, actor, row.full_name, row.password_hash, row.active, row.session_generation
    )


class UserRepository:
    """Users of this installation, their API tokens and recent failed logins."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_username(self, username: str) -> UserRecord | None:
        """The user with this username, or None."""
        row = self._row(username)
        return _record(row) if row else None

    def by_id(self, user_id: int) -> UserRecord | None:
        """The user with this id, or None."""
        row = self.session.get(UserRow, user_id)
        return _record(row) if row else None

    def by_token_hash(self, token_hash: str) -> UserRecord | None:
        """The user owning an API token (by its SHA-256), or None."""
        query = select(UserRow).join(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash)
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

    def _row(self, username: str) -> UserRow | None:
        return self.session.scalars(select(UserRow).where(UserRow.username == username)).first()

    def _existing(self, username: str) -> UserRow:
        row = self._row(username)
        if row is None:
            raise NotFound(f"Fant ikke brukeren «{username}».")
        return row

    def end_sessions(self, username: str) -> int:
        """Invalidate every session cookie of the user; return the new generation."""
        row = self._existing(username)
        row.session_generation += 1
        return row.session_generation

    def set_password_hash(self, username: str, password_hash: str) -> None:
        """Replace a user's password hash."""
        self._existing(username).password_hash = password_hash

    def set_active(self, username: str, active: bool) -> None:
        """Activate or deactivate a user (a deactivated user cannot log in or use tokens)."""
        self._existing(username).active = active

    def add_token(self, username: str, label: str, token_hash: str, at: datetime) -> int:
        """Store a new token hash for a user; return its id."""
        row = ApiTokenRow(
            user_id=self._existing(username).id, label=label, token_hash=token_hash, created_at=at
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def tokens(self, username: str | None = None) -> builtins.list[TokenRecord]:
        """API tokens (of one user, or all), oldest first."""
        query = (
            select(ApiTokenRow, UserRow.username)
            .join(UserRow)
            .order_by(UserRow.username, ApiTokenRow.id)
        )
        if username is not None:
            query = query.where(UserRow.username == username)
        return [
            TokenRecord(t.id, name, t.label, t.created_at, t.last_used_at)
            for t, name in self.session.execute(query)
        ]

    def remove_token(self, username: str, token_id: int) -> TokenRecord:
        """Delete one of the user's tokens; NotFound when the user has no such token."""
        found = [t for t in self.tokens(username) if t.id == token_id]
        if not found:
            raise NotFound(f"Brukeren «{username}» har ikke API-token nr. {token_id}.")
        self.session.execute(delete(ApiTokenRow).where(ApiTokenRow.id == token_id))
        return found[0]

    def touch_token(self, token_hash: str, at: datetime) -> None:
        """Note when a token was used."""
        row = self.session.scalars(
            select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash)
        ).first()
        if row is not None:
            row.last_used_at = at

    def token_last_used(self, token_hash: str) -> datetime | None:
        """When a token was last used (None: never, or no such token)."""
        query = select(ApiTokenRow.last_used_at).where(ApiTokenRow.token_hash == token_hash)
        return self.session.scalars(query).first()

    def add_login_failure(self, username: str, address: str, at: datetime) -> None:
        """Remember a failed login (user name cut to the column's length)."""
        self.session.add(LoginFailureRow(username=username[:100], address=address[:64], at=at))

    def login_failures(
        self, since: datetime, *, username: str | None = None, address: str | None = None
    ) -> builtins.list[datetime]:
        """Times of failed logins after ``since`` for a user name or an address, oldest first."""
        query = select(LoginFailureRow.at).where(LoginFailureRow.at > since)
        if username is not None:
            query = query.where(LoginFailureRow.username == username[:100])
        if address is not None:
            query = query.where(LoginFailureRow.address == address[:64])
        return list(self.session.scalars(query.order_by(LoginFailureRow.at)))

    def forget_login_failures(self, *, username: str | None = None, before: datetime) -> None:
        """Drop failures at or before ``before`` (and all of ``username``'s when given)."""
        stale = LoginFailureRow.at <= before
        if username is not None:
            stale = stale | (LoginFailureRow.username == username[:100])
        self.session.execute(delete(LoginFailureRow).where(stale))

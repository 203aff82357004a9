"""Use cases for accounts: sessions, passwords, deactivation and API tokens.

Every change ends the user's sessions where it should (a new password or deactivation logs
out every browser) and goes into the change log as a «bruker» change.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from coop.domain import errors
from coop.domain.access import Actor, Forbidden, require_role
from coop.persistence.repositories.users import TokenRecord, UserRecord
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record

MIN_PASSWORD = 10
MAX_PASSWORD = 1000  # a longer one only costs hashing time
MAX_LABEL = 100
TOKEN_TOUCH = timedelta(minutes=1)  # note a token's use at most this often (one write)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_new_password(password: str) -> None:
    """Refuse a password that is too short or too long."""
    if len(password) < MIN_PASSWORD:
        raise errors.InvalidData(f"Passordet må ha minst {MIN_PASSWORD} tegn.")
    if len(password) > MAX_PASSWORD:
        raise errors.InvalidData(f"Passordet kan ha høyst {MAX_PASSWORD} tegn.")


def load_user(user_id: int, generation: int, uow: UnitOfWork) -> UserRecord | None:
    """The active user behind a session cookie, or None when the cookie's generation is old."""
    with uow:
        user = uow.users.by_id(user_id)
    if user and user.active and user.session_generation == generation:
        return user
    return None


def end_sessions(username: str, uow: UnitOfWork) -> None:
    """Log the user out everywhere: every session cookie issued so far stops working."""
    with uow:
        uow.users.end_sessions(username)
        uow.commit()


def _password_changed(uow: UnitOfWork, actor: Actor, username: str, new_hash: str) -> None:
    uow.users.set_password_hash(username, new_hash)
    uow.users.end_sessions(username)
    record(uow, actor, "bruker", username, {"passord": "—"}, {"passord": "endret"})


def change_password(
    actor: Actor,
    current: str,
    new: str,
    uow: UnitOfWork,
    *,
    hash_method: str,
    repeated: str | None = None,
) -> UserRecord:
    """Change one's own password (the current one is required); other sessions end."""
    if repeated is not None and repeated != new:
        raise errors.InvalidData("Det nye passordet og gjentakelsen er ikke like.")
    check_new_password(new)
    with uow:
        user = uow.users.by_username(actor.username)
        if user is None or not check_password_hash(user.password_hash, current[:MAX_PASSWORD]):
            raise errors.InvalidData("Det nåværende passordet er feil.")
        _password_changed(uow, actor, actor.username, generate_password_hash(new, hash_method))
        uow.commit()
        changed = uow.users.by_username(actor.username)
    assert changed is not None  # noqa: S101 - the row was just updated
    return changed


def set_password(
    actor: Actor, username: str, new: str, uow: UnitOfWork, *, hash_method: str
) -> None:
    """An administrator sets a user's password (the CLI); the user's sessions end."""
    check_new_password(new)
    with uow:
        require_role(actor)
        if uow.users.by_username(username) is None:
            raise errors.NotFound(f"Fant ikke brukeren «{username}».")
        _password_changed(uow, actor, username, generate_password_hash(new, hash_method))
        uow.commit()


def set_user_active(actor: Actor, username: str, active: bool, uow: UnitOfWork) -> None:
    """An administrator deactivates (or reactivates) a user; a deactivated one is logged out."""
    require_role(actor)
    if username == actor.username and not active:
        raise errors.InvalidData("Du kan ikke deaktivere deg selv.")
    with uow:
        user = uow.users.by_username(username)
        if user is None:
            raise errors.NotFound(f"Fant ikke brukeren «{username}».")
        if user.active == active:
            return
        uow.users.set_active(username, active)
        uow.users.end_sessions(username)
        before, after = ("ja", "nei") if not active else ("nei", "ja")
        record(uow, actor, "bruker", username, {"aktiv": before}, {"aktiv": after})
        uow.commit()


def _may_manage_tokens(actor: Actor | None, username: str) -> None:
    """Users manage their own tokens, administrators everyone's (None: the CLI, as admin)."""
    if actor is not None and actor.username != username:
        try:
            require_role(actor)
        except Forbidden:
            raise Forbidden("Du kan bare se og endre dine egne API-token.") from None


def issue_api_token(
    username: str,
    uow: UnitOfWork,
    label: str = "standard",
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> str:
    """Create a new API token for a user; only its hash is stored, so show it once."""
    _may_manage_tokens(actor, username)
    label = label.strip() or "standard"
    if len(label) > MAX_LABEL:
        raise errors.InvalidData(f"Navnet på tokenet kan ha høyst {MAX_LABEL} tegn.")
    token = secrets.token_urlsafe(32)
    with uow:
        uow.users.add_token(username, label, _digest(token), now or datetime.now(UTC))
        if actor is not None:
            record(uow, actor, "bruker", username, None, {"API-token": label})
        uow.commit()
    return token


def list_api_tokens(
    actor: Actor | None, uow: UnitOfWork, username: str | None
) -> list[TokenRecord]:
    """A user's tokens (``username`` None: every user's, for administrators and the CLI)."""
    if username is None:
        if actor is not None:
            require_role(actor)
    else:
        _may_manage_tokens(actor, username)
    with uow:
        return uow.users.tokens(username)


def revoke_api_token(actor: Actor | None, username: str, token_id: int, uow: UnitOfWork) -> str:
    """Withdraw one token at once; return its label."""
    _may_manage_tokens(actor, username)
    with uow:
        removed = uow.users.remove_token(username, token_id)
        if actor is not None:
            record(uow, actor, "bruker", username, {"API-token": removed.label}, None)
        uow.commit()
    return removed.label


def rotate_api_token(
    actor: Actor | None, username: str, token_id: int, uow: UnitOfWork, now: datetime | None = None
) -> str:
    """Replace a token by a new one with the same label; the old stops working at once."""
    _may_manage_tokens(actor, username)
    with uow:
        old = uow.users.remove_token(username, token_id)
        token = secrets.token_urlsafe(32)
        uow.users.add_token(username, old.label, _digest(token), now or datetime.now(UTC))
        uow.commit()
    return token


def user_for_token(token: str, uow: UnitOfWork, now: datetime | None = None) -> UserRecord | None:
    """The active user owning an API token, or None; the token's use is noted."""
    digest, now = _digest(token), now or datetime.now(UTC)
    with uow:
        user = uow.users.by_token_hash(digest)
        if user is None or not user.active:
            return None
        used = uow.users.token_last_used(digest)
        if used is None or (used if used.tzinfo else used.replace(tzinfo=UTC)) < now - TOKEN_TOUCH:
            uow.users.touch_token(digest, now)
            uow.commit()
    return user

"""Logging in: password check in near-constant time, throttling per user name and address.

Failed logins are kept in the database (not in one worker's memory), so every gunicorn worker
and every database (SQLite, PostgreSQL) counts them alike.
"""

from __future__ import annotations

import functools
import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from werkzeug.security import check_password_hash, generate_password_hash

from coop.domain.errors import CoopError
from coop.persistence.repositories.users import UserRecord
from coop.persistence.unit_of_work import UnitOfWork

log = logging.getLogger("coop.login")


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures in ``window_min`` minutes lock a user name or an address out."""

    max_per_user: int = 5
    max_per_address: int = 20
    window_min: int = 15


class LoginThrottled(CoopError):
    """Too many failed logins; carries the minutes until the next try is allowed."""

    def __init__(self, minutes: int) -> None:
        self.minutes = minutes
        unit = "minutt" if minutes == 1 else "minutter"
        super().__init__(f"For mange mislykkede innlogginger. Prøv igjen om {minutes} {unit}.")


@functools.cache
def _dummy_hash(method: str) -> str:
    """A hash of nothing, checked for unknown users so they take as long as known ones."""
    return generate_password_hash("coop-ingen-bruker", method)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def _wait_min(failures: list[datetime], limit: int, window: timedelta, now: datetime) -> int:
    """Minutes until fewer than ``limit`` failures lie in the window (0: not throttled)."""
    if len(failures) < limit:
        return 0
    frees_at = _utc(failures[-limit]) + window
    return max(1, math.ceil((frees_at - now).total_seconds() / 60))


def authenticate(
    username: str,
    password: str,
    uow: UnitOfWork,
    *,
    address: str = "",
    hash_method: str = "scrypt",
    policy: LoginPolicy | None = None,
    now: datetime | None = None,
) -> UserRecord | None:
    """The active user with this username and password, or None (the failure is recorded).

    Raises ``LoginThrottled`` without checking the password when the user name or the address
    has had too many failures lately. ``hash_method`` is the app's, so an unknown user name
    costs the same hash as a known one.
    """
    policy = policy or LoginPolicy()
    now = now or datetime.now(UTC)
    window = timedelta(minutes=policy.window_min)
    name = username.strip()[:100]
    with uow:
        wait = max(
            _wait_min(
                uow.users.login_failures(now - window, username=name),
                policy.max_per_user,
                window,
                now,
            ),
            _wait_min(
                uow.users.login_failures(now - window, address=address),
                policy.max_per_address,
                window,
                now,
            ),
        )
        if wait:
            log.warning("Innlogging stengt for «%s» fra %s (%d min)", name, address, wait)
            raise LoginThrottled(wait)
        user = uow.users.by_username(name)
        stored = user.password_hash if user else _dummy_hash(hash_method)
        if check_password_hash(stored, password) and user is not None and user.active:
            uow.users.forget_login_failures(username=name, before=now - window)
            uow.commit()
            return user
        uow.users.add_login_failure(name, address, now)
        uow.users.forget_login_failures(before=now - window)
        uow.commit()
    log.warning("Mislykket innlogging for «%s» fra %s", name, address)
    return None

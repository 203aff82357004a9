"""The one way the process record is changed: check, edit, save and log in one transaction.

Every plan, staff, savings, money and evaluation use case goes through ``edit_record`` so
the rules cannot drift apart: steering group (or admin) only, refused on a stale version
(«endret av noen andre»), and the change log written in the same transaction as the record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.process.record import ProcessRecord
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record as log

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


@dataclass(frozen=True)
class LogLine:
    """What the change log gets for one edit: kind, item, and its text before and after."""

    kind: str
    key: str
    before: Mapping[str, str] | None
    after: Mapping[str, str] | None


def edit_record(
    slug: str,
    actor: Actor,
    uow: UnitOfWork,
    version: int | None,
    change: Callable[[ProcessRecord, tuple[str, ...]], tuple[ProcessRecord, T]],
    log_line: Callable[[T], LogLine],
) -> T:
    """Apply ``change`` (record, members → new record, result), save, log; return the result.

    ``version`` None skips the stale-version check (forms that only append).
    """
    with uow:
        require_role(actor, Role.STEERING)
        rec = uow.process.get(slug)
        if version is not None and version != rec.version:
            raise errors.ConcurrentEdit("Prosessplanen")
        members = uow.projects.get(slug).municipalities
        new, result = change(rec, members)
        uow.process.save(slug, new, actor.username, datetime.now(UTC))
        line = log_line(result)
        log(uow, actor, line.kind, line.key, line.before, line.after, slug)
        uow.commit()
    return result


def project_member(number: str | None, members: tuple[str, ...]) -> str | None:
    """A member's number, None when blank; a non-member is refused."""
    if not number:
        return None
    errors.require(number in members, f"Kommune {number[:10]} er ikke med i prosjektet.")
    return number


def pick(kind: type[E], value: str, what: str) -> E:
    """An enum member from its code, or a message listing the codes."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(e.value for e in kind)
        raise errors.InvalidData(f"{what}: «{value[:40]}» er ikke et av {allowed}.") from None

"""Who may do what: roles and the municipality binding of finance users (pure rules)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from coop.domain.errors import CoopError


class Role(StrEnum):
    """The four roles of coop."""

    ADMIN = "admin"
    STEERING = "styringsgruppe"
    FINANCE = "okonomi"
    READER = "lesetilgang"

    @property
    def label(self) -> str:
        """Bokmål label."""
        return {
            Role.ADMIN: "Administrator",
            Role.STEERING: "Styringsgruppe",
            Role.FINANCE: "Økonomi",
            Role.READER: "Lesetilgang (ordførergruppe)",
        }[self]


class Forbidden(CoopError):
    """The user's role does not allow the action."""


@dataclass(frozen=True, slots=True)
class Actor:
    """The person acting: username, role and (for finance) the municipalities they serve."""

    username: str
    role: Role
    municipalities: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.role is Role.FINANCE and not self.municipalities:
            raise CoopError("En økonomibruker må være knyttet til minst én kommune.")


SYSTEM = Actor("system", Role.ADMIN)


def require_role(actor: Actor, *roles: Role) -> None:
    """Raise ``Forbidden`` unless the actor is admin or has one of ``roles``."""
    if actor.role is Role.ADMIN or actor.role in roles:
        return
    allowed = ", ".join(r.label.lower() for r in roles)
    raise Forbidden(f"Rollen {actor.role.label.lower()} kan ikke gjøre dette (krever {allowed}).")


def require_municipality(actor: Actor, number: str) -> None:
    """Finance users act only for their own municipalities; admin and steering for all."""
    require_role(actor, Role.STEERING, Role.FINANCE)
    if actor.role is Role.FINANCE and number not in actor.municipalities:
        raise Forbidden(
            f"Du kan bare endre data for {', '.join(sorted(actor.municipalities))}, ikke {number}."
        )


def require_any_municipality(actor: Actor, numbers: Iterable[str]) -> None:
    """Finance users need at least one of ``numbers``; admin and steering always pass."""
    require_role(actor, Role.STEERING, Role.FINANCE)
    if actor.role is Role.FINANCE and not actor.municipalities & set(numbers):
        raise Forbidden("Ingen av dine kommuner deltar i dette samarbeidet.")

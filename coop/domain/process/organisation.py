"""The project organisation: steering group and working groups with members and mandates.

Åmot (2021) and the 2005–07 Salangen project both put union representatives
(hovedtillitsvalgt) and safety delegates (verneombud) into every working group; a member is
often named by role only («En enhetsleder»), so the name is optional.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_text

MAX_GROUPS = 100
MAX_MEMBERS_PER_GROUP = 60


class GroupKind(StrEnum):
    """What kind of group."""

    STEERING = "styringsgruppe"
    COORDINATION = "koordinering"
    WORKING = "arbeidsgruppe"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            GroupKind.STEERING: "Styringsgruppe",
            GroupKind.COORDINATION: "Koordinerende arbeidsgruppe",
            GroupKind.WORKING: "Arbeidsgruppe",
        }[self]


class MemberRole(StrEnum):
    """A member's role in the group."""

    LEADER = "leder"
    UNION = "hovedtillitsvalgt"
    SAFETY = "verneombud"
    EMPLOYEE = "ansatt"
    MEMBER = "medlem"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            MemberRole.LEADER: "Leder",
            MemberRole.UNION: "Tillitsvalgt",
            MemberRole.SAFETY: "Verneombud",
            MemberRole.EMPLOYEE: "Ansatt",
            MemberRole.MEMBER: "Medlem",
        }[self]


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A person or a position in a group («Sektorleder», «Hovedtillitsvalgt – NITO»)."""

    title: str
    role: MemberRole = MemberRole.MEMBER
    name: str = ""

    def __post_init__(self) -> None:
        require(bool(self.title.strip()), "Et gruppemedlem mangler stilling eller funksjon.")
        check_text(self.title, "Stillingen", 200)
        check_text(self.name, "Navnet", 200)


@dataclass(frozen=True, slots=True)
class WorkingGroup:
    """A group with its mandate; ``name`` is its key within the project."""

    name: str
    kind: GroupKind = GroupKind.WORKING
    mandate: str = ""
    members: tuple[GroupMember, ...] = ()

    def __post_init__(self) -> None:
        require(bool(self.name.strip()), "Gruppen mangler navn.")
        check_text(self.name, "Gruppenavnet", 200)
        check_text(self.mandate, "Mandatet", 8000)
        require(
            len(self.members) <= MAX_MEMBERS_PER_GROUP,
            f"«{self.name}»: høyst {MAX_MEMBERS_PER_GROUP} medlemmer per gruppe.",
        )

    @property
    def employee_side(self) -> int:
        """Members who speak for the employees (tillitsvalgte, verneombud, ansatte)."""
        staff = (MemberRole.UNION, MemberRole.SAFETY, MemberRole.EMPLOYEE)
        return sum(1 for m in self.members if m.role in staff)

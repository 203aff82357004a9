"""A project's whole process record: plan, meetings, groups, staff log, savings, money, goals.

It is stored and exported as one document with a version, so two people editing the plan
at once cannot overwrite each other (the second save is refused).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Self

from coop.domain.errors import NotFound, require
from coop.domain.process.evaluation import MAX_GOALS, Goal
from coop.domain.process.money import MAX_ENTRIES, MoneyEntry
from coop.domain.process.organisation import MAX_GROUPS, WorkingGroup
from coop.domain.process.plan import MAX_MILESTONES, CouncilMeeting, Milestone
from coop.domain.process.savings import SavingsProgramme
from coop.domain.process.staff import (
    MAX_STAFF_ENTRIES,
    ReservationAnswer,
    StaffMeeting,
    StaffNotice,
)


def _unique(numbers: list[int], what: str) -> None:
    require(len(set(numbers)) == len(numbers), f"To {what} har samme nummer.")


@dataclass(frozen=True)
class ProcessRecord:
    """Everything around the decision for one project."""

    milestones: tuple[Milestone, ...] = ()
    council_meetings: tuple[CouncilMeeting, ...] = ()
    groups: tuple[WorkingGroup, ...] = ()
    staff_meetings: tuple[StaffMeeting, ...] = ()
    notices: tuple[StaffNotice, ...] = ()
    answers: tuple[ReservationAnswer, ...] = ()
    savings: SavingsProgramme = field(default_factory=SavingsProgramme)
    money: tuple[MoneyEntry, ...] = ()
    goals: tuple[Goal, ...] = ()
    version: int = 0  # 0: never saved

    def __post_init__(self) -> None:
        require(len(self.milestones) <= MAX_MILESTONES, f"Høyst {MAX_MILESTONES} milepæler.")
        require(len(self.groups) <= MAX_GROUPS, f"Høyst {MAX_GROUPS} grupper.")
        require(len(self.money) <= MAX_ENTRIES, f"Høyst {MAX_ENTRIES} poster prosjektmidler.")
        require(len(self.goals) <= MAX_GOALS, f"Høyst {MAX_GOALS} evalueringsmål.")
        staff = len(self.staff_meetings) + len(self.notices) + len(self.answers)
        require(
            staff <= MAX_STAFF_ENTRIES, f"Høyst {MAX_STAFF_ENTRIES} oppføringer i personalloggen."
        )
        require(len(self.council_meetings) <= 2000, "Høyst 2000 møter i møteplanen.")
        _unique([m.number for m in self.milestones], "milepæler")
        _unique([m.number for m in self.staff_meetings], "møter")
        _unique([n.number for n in self.notices], "varsler")
        _unique([e.number for e in self.money], "poster")
        _unique([g.number for g in self.goals], "mål")
        _unique([m.number for m in self.savings.measures], "tiltak")
        names = [g.name for g in self.groups]
        require(len(set(names)) == len(names), "To grupper har samme navn.")
        notices = {n.number for n in self.notices}
        for a in self.answers:
            require(a.notice in notices, f"Svaret fra {a.employee} gjelder et ukjent varsel.")

    def milestone(self, number: int) -> Milestone:
        """One milestone, or ``NotFound``."""
        for m in self.milestones:
            if m.number == number:
                return m
        raise NotFound(f"Fant ikke milepæl M{number}.")

    def with_milestone(self, milestone: Milestone) -> Self:
        """Add or replace a milestone (by number)."""
        others = tuple(m for m in self.milestones if m.number != milestone.number)
        return replace(self, milestones=tuple(sorted((*others, milestone), key=_order)))

    def group(self, name: str) -> WorkingGroup:
        """One group, or ``NotFound``."""
        for g in self.groups:
            if g.name == name:
                return g
        raise NotFound(f"Fant ikke gruppen «{name[:200]}».")


def _order(m: Milestone) -> tuple[object, ...]:
    return (m.due, m.number)


def next_number(numbers: list[int]) -> int:
    """One more than the highest number used (1 for the first)."""
    return max(numbers, default=0) + 1

"""Staff involvement under arbeidsmiljøloven ch. 16: meetings, notices, reservation answers.

§ 16-5/16-6: union representatives are informed and consulted (drøfting) as early as possible,
then the employees. § 16-3: an employee may reserve against the transfer, and the deadline
for that must be at least 14 days after the information was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_municipality_number, check_text
from coop.domain.process.plan import Milestone, MilestoneType, Status, Warning, check_date

RESERVATION_MIN_DAYS = 14  # aml. § 16-3 (2): «minst 14 dager» after the information
MAX_STAFF_ENTRIES = 2000


class EventKind(StrEnum):
    """Meetings in the staff log."""

    INFORMATION = "informasjonsmote"
    CONSULTATION = "drofting"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            EventKind.INFORMATION: "Informasjonsmøte",
            EventKind.CONSULTATION: "Drøftingsmøte",
        }[self]


@dataclass(frozen=True, slots=True)
class StaffMeeting:
    """An information meeting or a drøftingsmøte, with its protocol."""

    number: int
    kind: EventKind
    held_on: date
    parties: str
    outcome: str = ""
    municipality: str | None = None

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Møtenummeret må være mellom 1 og 100 000.")
        check_date(self.held_on, "Møtedatoen")
        require(bool(self.parties.strip()), "Skriv hvem som deltok (partene).")
        check_text(self.parties, "Partene", 500)
        check_text(self.outcome, "Protokollen", 4000)
        if self.municipality is not None:
            check_municipality_number(self.municipality)


def reservation_deadline(informed_on: date) -> date:
    """The earliest lawful reservation deadline: 14 days after the information (§ 16-3)."""
    return informed_on + timedelta(days=RESERVATION_MIN_DAYS)


@dataclass(frozen=True, slots=True)
class StaffNotice:
    """Written information to affected staff about a transfer, with the reservation deadline."""

    number: int
    informed_on: date
    staff: str  # who was informed, e.g. «ansatte i barnevernet i Lavangen (3)»
    deadline: date
    transfer_on: date | None = None
    municipality: str | None = None

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Varselnummeret må være mellom 1 og 100 000.")
        check_date(self.informed_on, "Informasjonsdatoen")
        check_date(self.deadline, "Reservasjonsfristen")
        require(bool(self.staff.strip()), "Skriv hvem som fikk informasjonen.")
        check_text(self.staff, "Mottakerne", 300)
        earliest = reservation_deadline(self.informed_on)
        require(
            self.deadline >= earliest,
            f"Reservasjonsfristen {self.deadline:%d.%m.%Y} er for tidlig: etter "
            f"arbeidsmiljøloven § 16-3 må den være minst {RESERVATION_MIN_DAYS} dager etter "
            f"informasjonen {self.informed_on:%d.%m.%Y}, altså tidligst {earliest:%d.%m.%Y}.",
        )
        if self.transfer_on is not None:
            check_date(self.transfer_on, "Overdragelsesdatoen")
            require(
                self.transfer_on > self.deadline,
                f"Overdragelsen {self.transfer_on:%d.%m.%Y} må komme etter "
                f"reservasjonsfristen {self.deadline:%d.%m.%Y}.",
            )
        if self.municipality is not None:
            check_municipality_number(self.municipality)


@dataclass(frozen=True, slots=True)
class ReservationAnswer:
    """One employee's answer to a notice: reserves (stays) or goes with the transfer."""

    notice: int
    employee: str
    answered_on: date
    reserves: bool

    def __post_init__(self) -> None:
        require(bool(self.employee.strip()), "Skriv hvem som svarte.")
        check_text(self.employee, "Den ansatte", 200)
        check_date(self.answered_on, "Svardatoen")


def late_answers(
    notices: Iterable[StaffNotice], answers: Iterable[ReservationAnswer]
) -> list[ReservationAnswer]:
    """Answers given after their notice's deadline (the employer decides whether to accept)."""
    deadline = {n.number: n.deadline for n in notices}
    return [a for a in answers if a.notice in deadline and a.answered_on > deadline[a.notice]]


def staff_step_warnings(
    milestones: Iterable[Milestone],
    meetings: Iterable[StaffMeeting],
    notices: Iterable[StaffNotice],
    names: Mapping[str, str],
) -> list[Warning]:
    """Decision points that come before the staff steps the law asks for first.

    A decision point (BP, EBP) needs a drøftingsmøte with the union representatives on or
    before its date (§ 16-5: as early as possible, and before the decision), for its
    municipality when it has one. And no notice may set a transfer date before the plan's
    endelig beslutningspunkt: staff cannot be moved before the decision is made.
    """
    consultations = [m for m in meetings if m.kind is EventKind.CONSULTATION]
    notice_list = list(notices)
    out: list[Warning] = []
    for m in sorted(milestones, key=lambda x: (x.due, x.number)):
        if not m.type.decides or m.status is Status.CANCELLED:
            continue
        held = [
            c
            for c in consultations
            if c.held_on <= m.due
            and (m.municipality is None or c.municipality in (None, m.municipality))
        ]
        if not held:
            where = f" i {names.get(m.municipality, m.municipality)}" if m.municipality else ""
            out.append(
                Warning(
                    m.key,
                    f"{m.key} «{m.title}» {m.due:%d.%m.%Y}: ingen drøftingsmøte med "
                    f"tillitsvalgte{where} er registrert før beslutningen "
                    "(arbeidsmiljøloven § 16-5).",
                )
            )
        if m.type is MilestoneType.EBP:
            for n in notice_list:
                if n.transfer_on is not None and n.transfer_on < m.due:
                    out.append(
                        Warning(
                            m.key,
                            f"{m.key} «{m.title}» {m.due:%d.%m.%Y}: varsel {n.number} setter "
                            f"overdragelsen til {n.transfer_on:%d.%m.%Y}, før det endelige "
                            "vedtaket.",
                        )
                    )
    return out

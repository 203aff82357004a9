"""Use cases for the staff log: information and drøftingsmøter, notices and reservation answers.

The law (arbeidsmiljøloven kap. 16) asks that affected staff are told early and may reserve
themselves; the log is what shows it was done. Same rules as the plan (see process_edit).
"""

from __future__ import annotations

from dataclasses import replace

from coop.domain.access import Actor
from coop.domain.process.record import ProcessRecord, next_number
from coop.domain.process.staff import (
    EventKind,
    ReservationAnswer,
    StaffMeeting,
    StaffNotice,
    reservation_deadline,
)
from coop.domain.typed_numbers import typed_date
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.process_edit import LogLine, edit_record, pick, project_member


def record_staff_meeting(
    slug: str,
    kind: str,
    held_on: str,
    parties: str,
    outcome: str,
    actor: Actor,
    uow: UnitOfWork,
    municipality: str = "",
) -> StaffMeeting:
    """Log an information meeting or a drøftingsmøte with its protocol."""

    def change(rec: ProcessRecord, members: tuple[str, ...]) -> tuple[ProcessRecord, StaffMeeting]:
        m = StaffMeeting(
            next_number([x.number for x in rec.staff_meetings]),
            pick(EventKind, kind, "Møtetype"), typed_date(held_on, "Møtedato"),
            parties.strip(), outcome.strip(), project_member(municipality.strip(), members),
        )  # fmt: skip
        return replace(rec, staff_meetings=(*rec.staff_meetings, m)), m

    def line(m: StaffMeeting) -> LogLine:
        return LogLine("personal", f"{m.kind.label} {m.number}", None,
                       {"dato": f"{m.held_on:%d.%m.%Y}", "parter": m.parties,
                        "protokoll": m.outcome})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)


def record_notice(
    slug: str,
    informed_on: str,
    staff: str,
    actor: Actor,
    uow: UnitOfWork,
    deadline: str = "",
    transfer_on: str = "",
    municipality: str = "",
) -> StaffNotice:
    """Log a notice to affected staff; the reservation deadline defaults to 14 days later."""

    def change(rec: ProcessRecord, members: tuple[str, ...]) -> tuple[ProcessRecord, StaffNotice]:
        informed = typed_date(informed_on, "Informert")
        n = StaffNotice(
            next_number([x.number for x in rec.notices]), informed, staff.strip(),
            typed_date(deadline, "Reservasjonsfrist") if deadline.strip()
            else reservation_deadline(informed),
            typed_date(transfer_on, "Overdragelse") if transfer_on.strip() else None,
            project_member(municipality.strip(), members),
        )  # fmt: skip
        return replace(rec, notices=(*rec.notices, n)), n

    def line(n: StaffNotice) -> LogLine:
        return LogLine("personal", f"Varsel {n.number}", None,
                       {"informert": f"{n.informed_on:%d.%m.%Y}", "mottakere": n.staff,
                        "reservasjonsfrist": f"{n.deadline:%d.%m.%Y}"})  # fmt: skip

    return edit_record(slug, actor, uow, None, change, line)


def record_answer(
    slug: str,
    notice: int,
    employee: str,
    answered_on: str,
    reserves: bool,
    actor: Actor,
    uow: UnitOfWork,
) -> ReservationAnswer:
    """Log one employee's reservation answer to a notice."""

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, ReservationAnswer]:
        a = ReservationAnswer(notice, employee.strip(), typed_date(answered_on, "Svardato"),
                              reserves)  # fmt: skip
        return replace(rec, answers=(*rec.answers, a)), a

    def line(a: ReservationAnswer) -> LogLine:
        said = "reserverer seg" if a.reserves else "blir med"
        return LogLine("personal", f"Varsel {notice}", None, {"svar": f"{a.employee}: {said}"})

    return edit_record(slug, actor, uow, None, change, line)

"""Use cases for the project plan: milestones, council meetings, organisation and staff log.

Reading is open to everyone who may see the project; every change needs the steering group
(or admin), is refused on a stale version («endret av noen andre»), and is written to the
change log in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TypeVar

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.process.organisation import GroupKind, GroupMember, MemberRole, WorkingGroup
from coop.domain.process.plan import Body, CouncilMeeting, Milestone, MilestoneType, Status
from coop.domain.process.record import ProcessRecord, next_number
from coop.domain.process.staff import (
    EventKind,
    ReservationAnswer,
    StaffMeeting,
    StaffNotice,
    reservation_deadline,
)
from coop.domain.process.status import StatusReport, is_overdue, plan_warnings, status_report
from coop.domain.typed_numbers import typed_date
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record as log

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class ProcessView:
    """A project's process record with names and warnings, for pages, CLI and API."""

    slug: str
    name: str
    record: ProcessRecord
    members: tuple[str, ...]
    names: dict[str, str]
    warnings: tuple[str, ...]
    editable: bool
    as_of: date

    def overdue(self, m: Milestone) -> bool:
        """Due before today and not done."""
        return is_overdue(m, self.as_of)

    def warnings_for(self, key: str) -> list[str]:
        """The warnings about one milestone."""
        return [w for w in self.warnings if w.startswith(f"{key} ")]


def _names(members: Sequence[str], uow: UnitOfWork) -> dict[str, str]:
    known = {m.number: m.name for m in uow.municipalities.list()}
    return {n: known.get(n, n) for n in members}


def process_view(
    slug: str, actor: Actor, uow: UnitOfWork, today: date | None = None
) -> ProcessView:
    """The project's plan, organisation, staff log, savings and money as they stand."""
    with uow:
        project = uow.projects.get(slug)
        rec = uow.process.get(slug)
        names = _names(project.municipalities, uow)
    warnings = tuple(w.message for w in plan_warnings(rec, project.municipalities, names))
    return ProcessView(
        slug, project.name, rec, project.municipalities, names, warnings,
        actor.role in (Role.ADMIN, Role.STEERING), today or date.today(),
    )  # fmt: skip


def project_status_report(
    slug: str, uow: UnitOfWork, as_of: date | None = None
) -> tuple[ProcessView, StatusReport]:
    """The status report for the councils as it stands on ``as_of`` (today by default)."""
    view = process_view(slug, Actor("rapport", Role.READER), uow, as_of)
    return view, status_report(view.record, view.as_of, view.members, view.names)


def change_record(
    slug: str,
    actor: Actor,
    uow: UnitOfWork,
    version: int | None,
    edit: Callable[[ProcessRecord, tuple[str, ...]], ProcessRecord],
) -> ProcessRecord:
    """Load, check the version, apply ``edit``, save; the caller logs inside ``edit``'s result."""
    require_role(actor, Role.STEERING)
    rec = uow.process.get(slug)
    if version is not None and version != rec.version:
        raise errors.ConcurrentEdit("Prosessplanen")
    members = uow.projects.get(slug).municipalities
    new = edit(rec, members)
    uow.process.save(slug, new, actor.username, datetime.now(UTC))
    return new


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


def _milestone_text(m: Milestone) -> dict[str, str]:
    return {
        "type": m.type.value,
        "tittel": m.title,
        "frist": f"{m.due:%d.%m.%Y}",
        "start": f"{m.start:%d.%m.%Y}" if m.start else "",
        "ansvarlig": m.owner,
        "organ": m.body.label,
        "kommune": m.municipality or "",
        "status": m.status.label,
    }


@dataclass(frozen=True)
class MilestoneInput:
    """A milestone as typed: dates «31.12.2026», codes for type, body and status."""

    type: str
    title: str
    due: str
    start: str = ""
    owner: str = ""
    body: str = "administrasjon"
    municipality: str = ""
    status: str = "planlagt"
    when_text: str = ""
    basis: str = ""
    links: tuple[str, ...] = ()


def _build(number: int, i: MilestoneInput, members: tuple[str, ...]) -> Milestone:
    return Milestone(
        number=number,
        type=pick(MilestoneType, i.type, "Type"),
        title=i.title.strip(),
        due=typed_date(i.due, "Frist"),
        start=typed_date(i.start, "Start") if i.start.strip() else None,
        owner=i.owner.strip(),
        body=pick(Body, i.body, "Organ"),
        municipality=project_member(i.municipality.strip(), members),
        status=pick(Status, i.status, "Status"),
        when_text=i.when_text.strip(),
        basis=i.basis.strip(),
        links=i.links,
    )


def add_milestone(
    slug: str, i: MilestoneInput, actor: Actor, uow: UnitOfWork, version: int | None = None
) -> Milestone:
    """Add a milestone to the plan."""
    with uow:
        made: list[Milestone] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            m = _build(next_number([x.number for x in rec.milestones]), i, members)
            made.append(m)
            return rec.with_milestone(m)

        change_record(slug, actor, uow, version, edit)
        log(uow, actor, "milepael", made[0].key, None, _milestone_text(made[0]), slug)
        uow.commit()
    return made[0]


def update_milestone(
    slug: str,
    number: int,
    changes: dict[str, str],
    actor: Actor,
    uow: UnitOfWork,
    version: int | None = None,
) -> Milestone:
    """Move, rename, reassign or complete a milestone: ``changes`` holds typed field values.

    Fields: type, title, due, start, owner, body, municipality, status, when_text, basis.
    """
    allowed = set(MilestoneInput.__dataclass_fields__) - {"links"}
    unknown = sorted(set(changes) - allowed)
    errors.require(not unknown, f"Ukjente felt for en milepæl: {', '.join(unknown)[:200]}.")
    with uow:
        before: list[Milestone] = []
        after: list[Milestone] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            old = rec.milestone(number)
            c = changes.get
            typed = MilestoneInput(
                c("type", old.type.value), c("title", old.title),
                c("due", f"{old.due:%d.%m.%Y}"),
                c("start", f"{old.start:%d.%m.%Y}" if old.start else ""),
                c("owner", old.owner), c("body", old.body.value),
                c("municipality", old.municipality or ""), c("status", old.status.value),
                c("when_text", old.when_text), c("basis", old.basis), old.links,
            )  # fmt: skip
            new = _build(number, typed, members)
            if new.due != old.due and "when_text" not in changes:
                new = replace(new, when_text="", basis="")  # the plan's wording no longer holds
            before.append(old)
            after.append(new)
            return rec.with_milestone(new)

        change_record(slug, actor, uow, version, edit)
        log(
            uow, actor, "milepael", after[0].key, _milestone_text(before[0]),
            _milestone_text(after[0]), slug,
        )  # fmt: skip
        uow.commit()
    return after[0]


def remove_milestone(
    slug: str, number: int, actor: Actor, uow: UnitOfWork, version: int | None = None
) -> None:
    """Take a milestone out of the plan (it stays in the change log)."""
    with uow:
        gone: list[Milestone] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            gone.append(rec.milestone(number))
            return replace(rec, milestones=tuple(m for m in rec.milestones if m.number != number))

        change_record(slug, actor, uow, version, edit)
        log(uow, actor, "milepael", gone[0].key, _milestone_text(gone[0]), None, slug)
        uow.commit()


def set_council_meeting(
    slug: str,
    municipality: str,
    body: str,
    on: str,
    actor: Actor,
    uow: UnitOfWork,
    remove: bool = False,
) -> None:
    """Add (or remove) a formannskap or kommunestyre meeting to a member's meeting plan."""
    with uow:
        meeting: list[CouncilMeeting] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            number = project_member(municipality.strip(), members)
            errors.require(number is not None, "Velg kommunen møtet gjelder.")
            m = CouncilMeeting(str(number), pick(Body, body, "Organ"), typed_date(on, "Møtedato"))
            meeting.append(m)
            others = tuple(x for x in rec.council_meetings if x != m)
            if remove:
                errors.require(len(others) < len(rec.council_meetings), "Fant ikke møtet.")
                return replace(rec, council_meetings=others)
            return replace(rec, council_meetings=tuple(sorted((*others, m), key=lambda x: x.on)))

        change_record(slug, actor, uow, None, edit)
        m = meeting[0]
        text = {"møte": f"{m.body.label} {m.municipality} {m.on:%d.%m.%Y}"}
        log(uow, actor, "motedato", m.municipality, text if remove else None,
            None if remove else text, slug)  # fmt: skip
        uow.commit()


def save_group(
    slug: str,
    name: str,
    kind: str,
    mandate: str,
    members: Sequence[tuple[str, str, str]],
    actor: Actor,
    uow: UnitOfWork,
    version: int | None = None,
) -> WorkingGroup:
    """Create or replace a group: ``members`` as (title, role, name)."""
    with uow:
        saved: list[WorkingGroup] = []
        old: list[WorkingGroup] = []

        def edit(rec: ProcessRecord, _members: tuple[str, ...]) -> ProcessRecord:
            group = WorkingGroup(
                name.strip(), pick(GroupKind, kind, "Gruppetype"), mandate.strip(),
                tuple(
                    GroupMember(t.strip(), pick(MemberRole, r, "Rolle"), n.strip())
                    for t, r, n in members
                ),
            )  # fmt: skip
            saved.append(group)
            old.extend(g for g in rec.groups if g.name == group.name)
            groups = [group if g.name == group.name else g for g in rec.groups]
            if not old:
                groups.append(group)
            return replace(rec, groups=tuple(groups))

        change_record(slug, actor, uow, version, edit)
        log(uow, actor, "gruppe", saved[0].name, _group_text(old[0]) if old else None,
            _group_text(saved[0]), slug)  # fmt: skip
        uow.commit()
    return saved[0]


def _group_text(g: WorkingGroup) -> dict[str, str]:
    people = "; ".join(f"{m.title} ({m.role.label.lower()})" for m in g.members)
    return {"type": g.kind.label, "mandat": g.mandate, "medlemmer": people}


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
    with uow:
        made: list[StaffMeeting] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            m = StaffMeeting(
                next_number([x.number for x in rec.staff_meetings]),
                pick(EventKind, kind, "Møtetype"), typed_date(held_on, "Møtedato"),
                parties.strip(), outcome.strip(), project_member(municipality.strip(), members),
            )  # fmt: skip
            made.append(m)
            return replace(rec, staff_meetings=(*rec.staff_meetings, m))

        change_record(slug, actor, uow, None, edit)
        m = made[0]
        log(uow, actor, "personal", f"{m.kind.label} {m.number}", None,
            {"dato": f"{m.held_on:%d.%m.%Y}", "parter": m.parties, "protokoll": m.outcome},
            slug)  # fmt: skip
        uow.commit()
    return made[0]


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
    with uow:
        made: list[StaffNotice] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            informed = typed_date(informed_on, "Informert")
            n = StaffNotice(
                next_number([x.number for x in rec.notices]), informed, staff.strip(),
                typed_date(deadline, "Reservasjonsfrist") if deadline.strip()
                else reservation_deadline(informed),
                typed_date(transfer_on, "Overdragelse") if transfer_on.strip() else None,
                project_member(municipality.strip(), members),
            )  # fmt: skip
            made.append(n)
            return replace(rec, notices=(*rec.notices, n))

        change_record(slug, actor, uow, None, edit)
        n = made[0]
        log(uow, actor, "personal", f"Varsel {n.number}", None,
            {"informert": f"{n.informed_on:%d.%m.%Y}", "mottakere": n.staff,
             "reservasjonsfrist": f"{n.deadline:%d.%m.%Y}"}, slug)  # fmt: skip
        uow.commit()
    return made[0]


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
    with uow:
        made: list[ReservationAnswer] = []

        def edit(rec: ProcessRecord, members: tuple[str, ...]) -> ProcessRecord:
            a = ReservationAnswer(
                notice, employee.strip(), typed_date(answered_on, "Svardato"), reserves
            )
            made.append(a)
            return replace(rec, answers=(*rec.answers, a))

        change_record(slug, actor, uow, None, edit)
        a = made[0]
        log(uow, actor, "personal", f"Varsel {notice}", None,
            {"svar": f"{a.employee}: {'reserverer seg' if a.reserves else 'blir med'}"},
            slug)  # fmt: skip
        uow.commit()
    return made[0]


def plan_as_json(slug: str, uow: UnitOfWork) -> dict[str, object]:
    """The plan as ``coop plan --json`` prints it."""
    with uow:
        rec = uow.process.get(slug)
    return {
        "milestones": [
            {
                "type": m.type.value,
                "title": m.title,
                "date": m.due.isoformat(),
                "owner": m.owner,
                "status": m.status.value,
            }
            for m in rec.milestones
        ]
    }

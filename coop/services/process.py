"""Use cases for the project plan: milestones, council meetings and organisation.

Reading is open to everyone who may see the project; every change goes through
``process_edit.edit_record`` (steering group or admin, refused on a stale version, logged in
the same transaction). The staff log is in process_staff, savings and money in process_savings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from coop.domain import errors
from coop.domain.access import Actor, Role
from coop.domain.process.organisation import GroupKind, GroupMember, MemberRole, WorkingGroup
from coop.domain.process.plan import Body, CouncilMeeting, Milestone, MilestoneType, Status
from coop.domain.process.record import ProcessRecord, next_number
from coop.domain.process.status import StatusReport, is_overdue, plan_warnings, status_report
from coop.domain.typed_numbers import typed_date
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.process_edit import LogLine, edit_record, pick, project_member


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
    known = uow.municipalities.names(members)
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

    def change(rec: ProcessRecord, members: tuple[str, ...]) -> tuple[ProcessRecord, Milestone]:
        m = _build(next_number([x.number for x in rec.milestones]), i, members)
        return rec.with_milestone(m), m

    return edit_record(
        slug, actor, uow, version, change,
        lambda m: LogLine("milepael", m.key, None, _milestone_text(m)),
    )  # fmt: skip


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

    def change(
        rec: ProcessRecord, members: tuple[str, ...]
    ) -> tuple[ProcessRecord, tuple[Milestone, Milestone]]:
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
        return rec.with_milestone(new), (old, new)

    _, after = edit_record(
        slug, actor, uow, version, change,
        lambda p: LogLine("milepael", p[1].key, _milestone_text(p[0]), _milestone_text(p[1])),
    )  # fmt: skip
    return after


def remove_milestone(
    slug: str, number: int, actor: Actor, uow: UnitOfWork, version: int | None = None
) -> None:
    """Take a milestone out of the plan (it stays in the change log)."""

    def change(rec: ProcessRecord, _m: tuple[str, ...]) -> tuple[ProcessRecord, Milestone]:
        gone = rec.milestone(number)
        kept = tuple(m for m in rec.milestones if m.number != number)
        return replace(rec, milestones=kept), gone

    edit_record(
        slug, actor, uow, version, change,
        lambda m: LogLine("milepael", m.key, _milestone_text(m), None),
    )  # fmt: skip


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

    def change(
        rec: ProcessRecord, members: tuple[str, ...]
    ) -> tuple[ProcessRecord, CouncilMeeting]:
        number = project_member(municipality.strip(), members)
        errors.require(number is not None, "Velg kommunen møtet gjelder.")
        m = CouncilMeeting(str(number), pick(Body, body, "Organ"), typed_date(on, "Møtedato"))
        others = tuple(x for x in rec.council_meetings if x != m)
        if remove:
            errors.require(len(others) < len(rec.council_meetings), "Fant ikke møtet.")
            return replace(rec, council_meetings=others), m
        meetings = tuple(sorted((*others, m), key=lambda x: x.on))
        return replace(rec, council_meetings=meetings), m

    def line(m: CouncilMeeting) -> LogLine:
        text = {"møte": f"{m.body.label} {m.municipality} {m.on:%d.%m.%Y}"}
        return LogLine("motedato", m.municipality, text if remove else None,
                       None if remove else text)  # fmt: skip

    edit_record(slug, actor, uow, None, change, line)


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

    def change(
        rec: ProcessRecord, _members: tuple[str, ...]
    ) -> tuple[ProcessRecord, tuple[WorkingGroup | None, WorkingGroup]]:
        group = WorkingGroup(
            name.strip(), pick(GroupKind, kind, "Gruppetype"), mandate.strip(),
            tuple(
                GroupMember(t.strip(), pick(MemberRole, r, "Rolle"), n.strip())
                for t, r, n in members
            ),
        )  # fmt: skip
        old = next((g for g in rec.groups if g.name == group.name), None)
        groups = [group if g.name == group.name else g for g in rec.groups]
        if old is None:
            groups.append(group)
        return replace(rec, groups=tuple(groups)), (old, group)

    def line(pair: tuple[WorkingGroup | None, WorkingGroup]) -> LogLine:
        old, new = pair
        return LogLine("gruppe", new.name, _group_text(old) if old else None, _group_text(new))

    return edit_record(slug, actor, uow, version, change, line)[1]


def _group_text(g: WorkingGroup) -> dict[str, str]:
    people = "; ".join(f"{m.title} ({m.role.label.lower()})" for m in g.members)
    return {"type": g.kind.label, "mandat": g.mandate, "medlemmer": people}


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

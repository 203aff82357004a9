"""The status report to the councils (an SR point): plan status, decisions, savings, next steps.

Everything is computed from the record on a given day (``as_of``), so a report printed for
the council meeting of 18 May shows the plan as it stood that day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop.domain.process.plan import Milestone, Status, Warning, council_order_warnings
from coop.domain.process.record import ProcessRecord
from coop.domain.process.savings import GroupTracking, programme_totals, track
from coop.domain.process.staff import staff_step_warnings

NEXT_STEPS = 6


@dataclass(frozen=True)
class StatusReport:
    """What a status report says."""

    as_of: date
    counts: tuple[tuple[Status, int], ...]
    overdue: tuple[Milestone, ...]
    decisions: tuple[Milestone, ...]
    next_steps: tuple[Milestone, ...]
    savings: tuple[GroupTracking, ...]
    target_nok: Decimal | None
    adopted_nok: Decimal
    realised_nok: Decimal
    warnings: tuple[Warning, ...]


def plan_warnings(
    record: ProcessRecord, members: tuple[str, ...], names: Mapping[str, str]
) -> list[Warning]:
    """Council meeting order and staff steps, in that order."""
    return council_order_warnings(
        record.milestones, record.council_meetings, members, names
    ) + staff_step_warnings(record.milestones, record.staff_meetings, record.notices, names)


def is_overdue(m: Milestone, as_of: date) -> bool:
    """Due before ``as_of`` and neither done nor cancelled."""
    return m.due < as_of and m.status in (Status.PLANNED, Status.STARTED)


def status_report(
    record: ProcessRecord, as_of: date, members: tuple[str, ...], names: Mapping[str, str]
) -> StatusReport:
    """The report as it stands on ``as_of``."""
    ms = record.milestones
    lines = track(record.savings, [g.name for g in record.groups])
    target, adopted, realised = programme_totals(record.savings, lines)
    open_ones = [m for m in ms if m.status in (Status.PLANNED, Status.STARTED)]
    return StatusReport(
        as_of=as_of,
        counts=tuple((s, sum(1 for m in ms if m.status is s)) for s in Status),
        overdue=tuple(m for m in ms if is_overdue(m, as_of)),
        decisions=tuple(m for m in ms if m.type.decides and m.status is Status.DONE),
        next_steps=tuple(m for m in open_ones if m.due >= as_of)[:NEXT_STEPS],
        savings=tuple(lines),
        target_nok=target,
        adopted_nok=adopted,
        realised_nok=realised,
        warnings=tuple(plan_warnings(record, members, names)),
    )

"""The process record as plain JSON (decimals as strings, dates ISO) and back, exactly.

The database row and the project export file hold this document; reading it back checks
every value through the domain classes, so a damaged file is refused with the part named.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from coop.domain.errors import CoopError, InvalidData
from coop.domain.process.evaluation import Goal, GoalArea, Measurement
from coop.domain.process.money import MoneyEntry, MoneyKind
from coop.domain.process.organisation import GroupKind, GroupMember, MemberRole, WorkingGroup
from coop.domain.process.plan import Body, CouncilMeeting, Milestone, MilestoneType, Status
from coop.domain.process.record import ProcessRecord
from coop.domain.process.savings import Measure, MeasureStatus, SavingsProgramme, SavingsTarget
from coop.domain.process.staff import (
    EventKind,
    ReservationAnswer,
    StaffMeeting,
    StaffNotice,
)

Json = dict[str, Any]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise InvalidData(f"«{value}» er ikke en dato (ÅÅÅÅ-MM-DD).")
    return date.fromisoformat(value)


def _opt_day(value: Any) -> date | None:
    return None if value is None else _day(value)


def _dec(value: Any) -> Decimal:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise InvalidData(f"«{value}» er ikke et tall.")
    return Decimal(str(value))


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidData(f"«{value}» er ikke et heltall.")
    return value


def record_to_json(r: ProcessRecord) -> Json:
    """The record as JSON-safe values (the version is kept by the store, not here)."""
    s = r.savings
    return {
        "milestones": [
            {
                "number": m.number, "type": m.type.value, "title": m.title,
                "due": m.due.isoformat(), "start": _iso(m.start), "owner": m.owner,
                "body": m.body.value, "municipality": m.municipality,
                "status": m.status.value, "when_text": m.when_text, "basis": m.basis,
                "links": list(m.links),
            }
            for m in r.milestones
        ],
        "council_meetings": [
            {"municipality": c.municipality, "body": c.body.value, "on": c.on.isoformat()}
            for c in r.council_meetings
        ],
        "groups": [
            {
                "name": g.name, "kind": g.kind.value, "mandate": g.mandate,
                "members": [
                    {"title": x.title, "role": x.role.value, "name": x.name} for x in g.members
                ],
            }
            for g in r.groups
        ],
        "staff_meetings": [
            {
                "number": m.number, "kind": m.kind.value, "held_on": m.held_on.isoformat(),
                "parties": m.parties, "outcome": m.outcome, "municipality": m.municipality,
            }
            for m in r.staff_meetings
        ],
        "notices": [
            {
                "number": n.number, "informed_on": n.informed_on.isoformat(), "staff": n.staff,
                "deadline": n.deadline.isoformat(), "transfer_on": _iso(n.transfer_on),
                "municipality": n.municipality,
            }
            for n in r.notices
        ],
        "answers": [
            {
                "notice": a.notice, "employee": a.employee,
                "answered_on": a.answered_on.isoformat(), "reserves": a.reserves,
            }
            for a in r.answers
        ],
        "savings": {
            "target_nok": None if s.target_nok is None else str(s.target_nok),
            "year": s.year,
            "basis": s.basis,
            "targets": [
                {
                    "group": t.group, "year": t.year, "target_nok": str(t.target_nok),
                    "service": t.service, "municipality": t.municipality, "basis": t.basis,
                }
                for t in s.targets
            ],
            "measures": [
                {
                    "number": m.number, "group": m.group, "title": m.title, "year": m.year,
                    "expected_nok": str(m.expected_nok), "status": m.status.value,
                    "realised_nok": [[y, str(a)] for y, a in m.realised_nok], "basis": m.basis,
                }
                for m in s.measures
            ],
        },
        "money": [
            {
                "number": e.number, "source": e.source, "kind": e.kind.value,
                "amount_nok": str(e.amount_nok), "on": _iso(e.on), "text": e.text,
                "basis": e.basis,
            }
            for e in r.money
        ],
        "goals": [
            {
                "number": g.number, "area": g.area.value, "text": g.text,
                "indicator": g.indicator, "start_value": str(g.start_value),
                "target_value": str(g.target_value), "higher_is_better": g.higher_is_better,
                "unit": g.unit,
                "measurements": [
                    {"year": x.year, "value": str(x.value), "source": x.source}
                    for x in g.measurements
                ],
            }
            for g in r.goals
        ],
    }  # fmt: skip


def record_from_json(d: Mapping[str, Any], version: int = 0) -> ProcessRecord:
    """The inverse of ``record_to_json``; a damaged document is refused naming its part."""
    part = "prosess"
    try:
        part = "milepæler"
        milestones = tuple(
            Milestone(
                number=_int(m["number"]),
                type=MilestoneType(m["type"]),
                title=m["title"],
                due=_day(m["due"]),
                start=_opt_day(m["start"]),
                owner=m["owner"],
                body=Body(m["body"]),
                municipality=m["municipality"],
                status=Status(m["status"]),
                when_text=m["when_text"],
                basis=m["basis"],
                links=tuple(m["links"]),
            )
            for m in d.get("milestones", [])
        )
        part = "møteplan"
        meetings = tuple(
            CouncilMeeting(c["municipality"], Body(c["body"]), _day(c["on"]))
            for c in d.get("council_meetings", [])
        )
        part = "grupper"
        groups = tuple(
            WorkingGroup(
                g["name"],
                GroupKind(g["kind"]),
                g["mandate"],
                tuple(
                    GroupMember(x["title"], MemberRole(x["role"]), x["name"]) for x in g["members"]
                ),
            )
            for g in d.get("groups", [])
        )
        part = "personallogg"
        staff_meetings = tuple(
            StaffMeeting(
                _int(m["number"]),
                EventKind(m["kind"]),
                _day(m["held_on"]),
                m["parties"],
                m["outcome"],
                m["municipality"],
            )
            for m in d.get("staff_meetings", [])
        )
        notices = tuple(
            StaffNotice(
                _int(n["number"]),
                _day(n["informed_on"]),
                n["staff"],
                _day(n["deadline"]),
                _opt_day(n["transfer_on"]),
                n["municipality"],
            )
            for n in d.get("notices", [])
        )
        answers = tuple(
            ReservationAnswer(
                _int(a["notice"]), a["employee"], _day(a["answered_on"]), bool(a["reserves"])
            )
            for a in d.get("answers", [])
        )
        part = "innsparing"
        s = d.get("savings") or {}
        savings = SavingsProgramme(
            target_nok=None if s.get("target_nok") is None else _dec(s["target_nok"]),
            year=None if s.get("year") is None else _int(s["year"]),
            basis=s.get("basis", ""),
            targets=tuple(
                SavingsTarget(
                    t["group"],
                    _int(t["year"]),
                    _dec(t["target_nok"]),
                    t["service"],
                    t["municipality"],
                    t["basis"],
                )
                for t in s.get("targets", [])
            ),
            measures=tuple(
                Measure(
                    _int(m["number"]),
                    m["group"],
                    m["title"],
                    _int(m["year"]),
                    _dec(m["expected_nok"]),
                    MeasureStatus(m["status"]),
                    tuple((_int(y), _dec(a)) for y, a in m["realised_nok"]),
                    m["basis"],
                )
                for m in s.get("measures", [])
            ),
        )
        part = "prosjektmidler"
        money = tuple(
            MoneyEntry(
                _int(e["number"]),
                e["source"],
                MoneyKind(e["kind"]),
                _dec(e["amount_nok"]),
                _opt_day(e["on"]),
                e["text"],
                e["basis"],
            )
            for e in d.get("money", [])
        )
        part = "evaluering"
        goals = tuple(
            Goal(
                _int(g["number"]),
                GoalArea(g["area"]),
                g["text"],
                g["indicator"],
                _dec(g["start_value"]),
                _dec(g["target_value"]),
                bool(g["higher_is_better"]),
                g["unit"],
                tuple(
                    Measurement(_int(x["year"]), _dec(x["value"]), x["source"])
                    for x in g["measurements"]
                ),
            )
            for g in d.get("goals", [])
        )
        part = "prosess"
        return ProcessRecord(
            milestones, meetings, groups, staff_meetings, notices, answers, savings, money,
            goals, version,
        )  # fmt: skip
    except CoopError as error:
        raise InvalidData(f"Prosessdelen «{part}»: {error.message}") from None
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as error:
        raise InvalidData(
            f"Prosessdelen «{part}» er skadet ({type(error).__name__}: {error})."
        ) from None

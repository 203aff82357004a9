"""Read the demo process records (plans, groups, savings programmes, project money).

The files hold only what the seeds say: a date the seed gives without a year carries
«året … er utledet (anslag)» in its basis, and a group target the seed does not give is
left out rather than invented. Errors name the file and line.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib.resources.abc import Traversable

from coop.demo.reader import DATA
from coop.domain.process.money import MoneyEntry, MoneyKind
from coop.domain.process.organisation import GroupKind, GroupMember, MemberRole, WorkingGroup
from coop.domain.process.plan import Body, Milestone, MilestoneType, Status
from coop.domain.process.record import ProcessRecord
from coop.domain.process.savings import SavingsProgramme
from coop.reference.csv_rows import each


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def read_process_records(folder: Traversable | None = None) -> dict[str, ProcessRecord]:
    """The process record of each demo project that has one, by project slug."""
    d = folder or DATA
    texts = dict(each(d / "process_texts.csv", lambda r: (r["navn"], r["tekst"])))

    def milestone(r: dict[str, str]) -> tuple[str, Milestone]:
        return r["prosjekt"], Milestone(
            number=int(r["nr"]),
            type=MilestoneType(r["type"]),
            title=r["tittel"],
            due=date.fromisoformat(r["frist"]),
            start=_day(r["start"]),
            owner=r["ansvarlig"],
            body=Body(r["organ"]),
            municipality=r["kommune"] or None,
            status=Status(r["status"]),
            when_text=r["tidsangivelse"],
            basis=r["grunnlag"],
        )

    def group(r: dict[str, str]) -> tuple[str, WorkingGroup]:
        mandate = r["mandat"]
        if mandate.startswith("@"):
            mandate = texts[mandate[1:]]
        members = tuple(
            GroupMember(title, MemberRole(role))
            for title, role in (m.rsplit(":", 1) for m in r["medlemmer"].split("|") if m)
        )
        return r["prosjekt"], WorkingGroup(r["gruppe"], GroupKind(r["type"]), mandate, members)

    def programme(r: dict[str, str]) -> tuple[str, SavingsProgramme]:
        return r["prosjekt"], SavingsProgramme(Decimal(r["maal_nok"]), int(r["aar"]), r["grunnlag"])

    def money(r: dict[str, str]) -> tuple[str, MoneyEntry]:
        return r["prosjekt"], MoneyEntry(
            int(r["nr"]), r["kilde"], MoneyKind(r["type"]), Decimal(r["belop_nok"]),
            _day(r["dato"]), r["tekst"], r["grunnlag"],
        )  # fmt: skip

    milestones = each(d / "process_milestones.csv", milestone)
    groups = each(d / "process_groups.csv", group)
    programmes = dict(each(d / "process_savings.csv", programme))
    entries = each(d / "process_money.csv", money)
    slugs = {s for s, _ in milestones} | {s for s, _ in groups} | set(programmes)
    slugs |= {s for s, _ in entries}
    return {
        slug: ProcessRecord(
            milestones=tuple(
                sorted((m for s, m in milestones if s == slug), key=lambda m: (m.due, m.number))
            ),
            groups=tuple(g for s, g in groups if s == slug),
            savings=programmes.get(slug, SavingsProgramme()),
            money=tuple(e for s, e in entries if s == slug),
        )  # fmt: skip
        for slug in sorted(slugs)
    }

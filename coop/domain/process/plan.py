"""Milestones of a project plan (BP/IP/PJ/SR/EBP) and council meeting order warnings.

The types come from Åmot's plan «Framoverlent sammen» (2021): beslutningspunkt,
informasjonspunkt, prosessjobbing, statusrapport and endelig beslutningspunkt. A decision
that a council must adopt has to fall on one of that council's meetings, and everything the
council decides on has to be prepared before it meets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_municipality_number, check_text

MAX_MILESTONES = 500
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


class MilestoneType(StrEnum):
    """The five activity types of the plan."""

    BP = "BP"
    IP = "IP"
    PJ = "PJ"
    SR = "SR"
    EBP = "EBP"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            MilestoneType.BP: "Beslutningspunkt",
            MilestoneType.IP: "Informasjonspunkt",
            MilestoneType.PJ: "Prosessjobbing",
            MilestoneType.SR: "Statusrapport",
            MilestoneType.EBP: "Endelig beslutningspunkt",
        }[self]

    @property
    def decides(self) -> bool:
        """Beslutningspunkt and endelig beslutningspunkt decide something."""
        return self in (MilestoneType.BP, MilestoneType.EBP)


class Body(StrEnum):
    """Who acts at a milestone."""

    ADMINISTRATION = "administrasjon"
    STEERING = "styringsgruppe"
    WORKING_GROUP = "arbeidsgruppe"
    JOINT_COMMITTEE = "partssammensatt_utvalg"
    EXECUTIVE = "formannskap"
    COUNCIL = "kommunestyre"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            Body.ADMINISTRATION: "Administrasjonen",
            Body.STEERING: "Styringsgruppa",
            Body.WORKING_GROUP: "Arbeidsgruppe",
            Body.JOINT_COMMITTEE: "Partssammensatt utvalg",
            Body.EXECUTIVE: "Formannskapet",
            Body.COUNCIL: "Kommunestyret",
        }[self]

    @property
    def political(self) -> bool:
        """Formannskap and kommunestyre meet on dates the council has set."""
        return self in (Body.EXECUTIVE, Body.COUNCIL)


class Status(StrEnum):
    """Where a milestone stands."""

    PLANNED = "planlagt"
    STARTED = "pagar"
    DONE = "fullfort"
    CANCELLED = "avlyst"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            Status.PLANNED: "Planlagt",
            Status.STARTED: "Pågår",
            Status.DONE: "Fullført",
            Status.CANCELLED: "Avlyst",
        }[self]


def check_date(value: date, what: str) -> date:
    """A date within 1990–2100 (typos like 2202 are caught at once)."""
    require(isinstance(value, date), f"{what} må være en dato.")
    require(
        EARLIEST <= value <= LATEST,
        f"{what} {value:%d.%m.%Y} er utenfor 1990–2100.",
    )
    return value


@dataclass(frozen=True, slots=True)
class Milestone:
    """One activity of the plan, due on ``due`` (a period when ``start`` is given).

    ``when_text`` keeps the plan's own wording («Januar», «Senest 20. august») and ``basis``
    says how the date was read from it, so an inferred date is never shown as the plan's.
    ``links`` name what the milestone decides: «alternativ:Ordførergruppas forslag 2007»,
    «avtale:barnevern».
    """

    number: int
    type: MilestoneType
    title: str
    due: date
    owner: str = ""
    body: Body = Body.ADMINISTRATION
    municipality: str | None = None
    status: Status = Status.PLANNED
    start: date | None = None
    when_text: str = ""
    basis: str = ""
    links: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Milepælnummeret må være mellom 1 og 100 000.")
        require(bool(self.title.strip()), "Milepælen mangler tittel.")
        check_text(self.title, "Tittelen", 300)
        check_text(self.owner, "Ansvarlig", 200)
        check_text(self.when_text, "Tidsangivelsen", 200)
        check_text(self.basis, "Grunnlaget", 300)
        check_date(self.due, "Fristen")
        if self.start is not None:
            check_date(self.start, "Starten")
            require(
                self.start <= self.due,
                f"«{self.title}»: starten {self.start:%d.%m.%Y} er etter fristen "
                f"{self.due:%d.%m.%Y}.",
            )
        if self.municipality is not None:
            check_municipality_number(self.municipality)
        require(len(self.links) <= 20, "Høyst 20 koblinger per milepæl.")
        for link in self.links:
            check_text(link, "Koblingen", 200)

    @property
    def key(self) -> str:
        """«M3»: how pages, the change log and the calendar name the milestone."""
        return f"M{self.number}"

    @property
    def first_day(self) -> date:
        """The start of the period, or the due date."""
        return self.start or self.due


@dataclass(frozen=True, slots=True)
class CouncilMeeting:
    """A scheduled meeting of a municipality's formannskap or kommunestyre."""

    municipality: str
    body: Body
    on: date

    def __post_init__(self) -> None:
        check_municipality_number(self.municipality)
        require(self.body.political, "Møteplanen gjelder formannskap og kommunestyre.")
        check_date(self.on, "Møtedatoen")


@dataclass(frozen=True, slots=True)
class Warning:
    """Something in the plan that will not work as dated; ``key`` names the milestone."""

    key: str
    message: str


def next_meeting(
    meetings: Iterable[CouncilMeeting], municipality: str, body: Body, on_or_after: date
) -> date | None:
    """The first meeting of ``body`` in ``municipality`` on or after a date."""
    dates = [
        m.on
        for m in meetings
        if m.municipality == municipality and m.body is body and m.on >= on_or_after
    ]
    return min(dates, default=None)


def council_order_warnings(
    milestones: Iterable[Milestone],
    meetings: Iterable[CouncilMeeting],
    members: Iterable[str],
    names: Mapping[str, str],
) -> list[Warning]:
    """Decision points that do not fit the councils' meeting plans.

    1. A decision of a formannskap or kommunestyre must fall on one of its meetings, when the
       municipality has entered its meeting plan (for a decision without a municipality, every
       member's plan is checked).
    2. A decision point of a preparing body (styringsgruppe, partssammensatt utvalg,
       arbeidsgruppe, administrasjon, formannskap) must come before the council decision that
       adopts it: the plan's (first) endelig beslutningspunkt in the kommunestyre of that
       municipality, or else the plan's last kommunestyre decision.
    """
    active = [m for m in milestones if m.status is not Status.CANCELLED]
    meeting_list = list(meetings)
    member_list = list(members)
    out: list[Warning] = []
    for m in sorted(active, key=lambda x: (x.due, x.number)):
        if not (m.type.decides and m.body.political):
            continue
        for number in [m.municipality] if m.municipality else member_list:
            planned = [x for x in meeting_list if x.municipality == number and x.body is m.body]
            if not planned or any(x.on == m.due for x in planned):
                continue
            name = names.get(number, number)
            after = next_meeting(planned, number, m.body, m.due)
            hint = f"; neste møte er {after:%d.%m.%Y}" if after else "; ingen senere møter i planen"
            out.append(
                Warning(
                    m.key,
                    f"{m.key} «{m.title}» {m.due:%d.%m.%Y}: {m.body.label.lower()} i {name} "
                    f"har ikke møte den dagen{hint}.",
                )
            )
    councils = [m for m in active if m.type.decides and m.body is Body.COUNCIL]
    for m in active:
        if not m.type.decides or m.body is Body.COUNCIL:
            continue
        adopting = _adopting_decision(m, councils)
        if adopting is not None and m.due > adopting.due:
            out.append(
                Warning(
                    m.key,
                    f"{m.key} «{m.title}» {m.due:%d.%m.%Y} kommer etter kommunestyremøtet som "
                    f"skal vedta saken ({adopting.key} «{adopting.title}» "
                    f"{adopting.due:%d.%m.%Y}).",
                )
            )
    return out


def _adopting_decision(m: Milestone, councils: list[Milestone]) -> Milestone | None:
    """The council decision that adopts a preparing decision point (see rule 2)."""
    relevant = [
        c for c in councils if m.municipality is None or c.municipality in (None, m.municipality)
    ]
    if not relevant:
        return None
    finals = [c for c in relevant if c.type is MilestoneType.EBP]
    if finals:
        return min(finals, key=lambda c: (c.due, c.number))
    return max(relevant, key=lambda c: (c.due, c.number))


def period_of_month(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month (a plan that says only «Mai»)."""
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)

"""«Hva betaler vi?»: one municipality's bill across every service it takes part in.

A mayor asks one question: what does this cost us, compared with running it alone? The page
puts, per service, the municipality's own cost today, its share under the option's cost key,
the range the fair-division methods give (lowest and highest of Shapley, nucleolus and SCRB),
what it is invoiced a konto in the budget year, and what leaving would cost (§ 20-8, twelve
months' notice) — each from the same splits as the finance page, so the figures agree.
A service that cannot be split yet (missing figures) is listed with the reason, not left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop.domain import errors
from coop.domain.costs.partner_exit import exit_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.jobs.split_job import INLINE_MAX_PARTNERS
from coop.services.project_data import load_project_data
from coop.services.splits.cost_split import METHOD_LABELS, ServiceGame, service_game, split_game
from coop.services.splits.finance import akonto_for_game

FAIR_METHODS = ("shapley", "nucleolus", "scrb")
NOTICE_MONTHS = 12  # kommuneloven § 20-8: one year unless the agreement says otherwise


@dataclass(frozen=True, slots=True)
class ServiceBill:
    """One service as the municipality sees it, whole kroner per year (exit: once)."""

    service: str
    service_name: str
    scenario: str | None
    host: str
    host_name: str
    key_name: str
    alone_nok: Decimal
    key_nok: Decimal
    fair_nok: dict[str, Decimal]  # method label -> amount
    akonto_nok: Decimal | None  # None for the host: it pays its share directly
    instalments: int
    exit_nok: Decimal
    exit_date: date
    basis: str  # what the split assumed (gain, horizon, baseline year, policy)

    @property
    def fair_low_nok(self) -> Decimal | None:
        """The lowest amount any fair-division method asks (None: not computed here)."""
        return min(self.fair_nok.values()) if self.fair_nok else None

    @property
    def fair_high_nok(self) -> Decimal | None:
        """The highest amount any fair-division method asks (None: not computed here)."""
        return max(self.fair_nok.values()) if self.fair_nok else None

    @property
    def change_nok(self) -> Decimal:
        """Key share minus own cost today: positive costs more, negative saves."""
        return self.key_nok - self.alone_nok


@dataclass(frozen=True, slots=True)
class MunicipalityBill:
    """Every service of one member, with totals and the services that could not be split."""

    slug: str
    project_name: str
    number: str
    name: str
    budget_year: int
    baseline_year: int
    bills: tuple[ServiceBill, ...]
    not_taking_part: tuple[str, ...]  # service names the municipality is not in
    unsplit: tuple[tuple[str, str], ...]  # (service name, why it cannot be split yet)
    hosts: tuple[str, ...]  # service names this municipality hosts
    options: tuple[str, ...]  # the project's placement options, for choosing another
    scenario: str | None  # the option asked for (None: each service's first option)

    @property
    def fair_complete(self) -> bool:
        """True when every service has its fair-division range (few enough partners)."""
        return all(b.fair_nok for b in self.bills)

    @property
    def common_scenario(self) -> str | None:
        """The one option every service was split under, if they share one."""
        used = {b.scenario for b in self.bills}
        return used.pop() if len(used) == 1 else None

    def total(self, attr: str) -> Decimal:
        """Sum of one figure over the services (``akonto_nok`` skips the hosted ones)."""
        values = (getattr(b, attr) for b in self.bills)
        return sum((v for v in values if v is not None), Decimal(0))


def municipality_bill(
    slug: str,
    number: str,
    uow: UnitOfWork,
    scenario_name: str | None = None,
    today: date | None = None,
    fair: bool = True,
) -> MunicipalityBill:
    """What ``number`` pays in each service of the project, under ``scenario_name``.

    Without a scenario each service uses the first option that places it (as the finance page
    does). Notice for the exit figure is taken as given ``today``. ``fair=False`` leaves out the
    fair-division range (the council's case shows the key, a konto and exit only).
    """
    with uow:
        project = uow.projects.get(slug)
        if number not in project.municipalities:
            raise errors.NotFound(f"Kommunenummer {number} er ikke med i «{project.name}».")
        scenarios = uow.scenarios.list(slug)
        data = load_project_data(slug, uow)  # every service's figures: read once, used by each
    names, assumptions = data.names, data.assumptions
    if scenario_name and scenario_name not in {s.name for s in scenarios}:
        raise errors.NotFound(f"Finner ikke alternativet «{scenario_name}».")
    given = today or date.today()
    bills: list[ServiceBill] = []
    unsplit: list[tuple[str, str]] = []
    outside: list[str] = []
    for service in project.services:
        if number not in project.participants_of(service.code):
            outside.append(service.name)
            continue
        placing = [
            s.name for s in scenarios if any(a.service == service.code for a in s.arrangements)
        ]
        scenario = scenario_name if scenario_name in placing else (placing[0] if placing else None)
        # Shapley and the nucleolus of a large service take a minute (issue 15.3): its fair
        # range is left to the finance page, which runs them as a background job.
        small = len(project.participants_of(service.code)) <= INLINE_MAX_PARTNERS
        methods = FAIR_METHODS if fair and small else ()
        try:
            sg = service_game(slug, service.code, uow, scenario, None, data)
            bills.append(_service_bill(sg, service.name, number, scenario, given, methods))
        except errors.InvalidData as problem:
            unsplit.append((service.name, problem.message))
    return MunicipalityBill(
        slug=slug,
        project_name=project.name,
        number=number,
        name=names.get(number, number),
        budget_year=assumptions.budget_year,
        baseline_year=assumptions.baseline_year,
        bills=tuple(bills),
        not_taking_part=tuple(outside),
        unsplit=tuple(unsplit),
        hosts=tuple(b.service_name for b in bills if b.host == number),
        options=tuple(s.name for s in scenarios),
        scenario=scenario_name,
    )


def _service_bill(
    sg: ServiceGame,
    service_name: str,
    number: str,
    scenario: str | None,
    today: date,
    fair_methods: Sequence[str],
) -> ServiceBill:
    # only the amounts are shown: whether the core is empty (an LP) is the finance page's
    splits = {r.method: r for r in split_game(sg, ("key", *fair_methods), False)}
    key = splits["key"]
    akonto = akonto_for_game(sg, scenario, "quarterly", None, key.total_nok)
    names = sg.data.names
    host = akonto.split.host
    mine = [i for i in akonto.plan if i.member == number]
    leaving = exit_cost(akonto.split, number, today, NOTICE_MONTHS)
    return ServiceBill(
        service=sg.service,
        service_name=service_name,
        scenario=scenario,
        host=host,
        host_name=names.get(host, host),
        key_name=key.key_name or "",
        alone_nok=key.standalone[number],
        key_nok=key.allocation[number],
        fair_nok={METHOD_LABELS[m]: splits[m].allocation[number] for m in fair_methods},
        akonto_nok=None if number == host else sum((i.amount_nok for i in mine), Decimal(0)),
        instalments=len(mine),
        exit_nok=leaving.total_nok,
        exit_date=leaving.exit_date,
        basis=key.basis,
    )

"""Use cases for invoicing a service on account (a konto) by its key, and settling the year.

The finance page (finance_view) and «Hva betaler vi?» show these next to the splits.

The a konto plan and the year-end settlement follow the service's cost key from the scenario
arrangement (equal shares when it names none), as kommunene invoice in practice; the fair
division methods are shown beside it for comparison only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from coop.domain import errors, model
from coop.domain.costs.akonto import Frequency, Instalment, SettlementLine, akonto_plan, settlement
from coop.domain.costs.key_model import CostKey
from coop.domain.costs.keys import CostSplit, whole_kroner
from coop.domain.costs.service_split import split_service_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_data import ProjectData, load_project_data
from coop.services.splits.cost_split import ServiceGame

FREQUENCY_LABELS: dict[str, str] = {
    "monthly": "månedlig",
    "quarterly": "kvartalsvis",
    "half-yearly": "halvårlig",
}
MAX_AMOUNT_NOK = Decimal(10) ** 12  # larger "actual costs" are typing errors, not budgets


def frequency_from(text: str | None) -> Frequency:
    """Read a frequency given in English or bokmål ("kvartalsvis"); empty means quarterly."""
    value = (text or "quarterly").strip().lower()
    by_label = {label: code for code, label in FREQUENCY_LABELS.items()}
    code = by_label.get(value, value)
    if code not in FREQUENCY_LABELS:
        raise errors.InvalidData(
            f"Ukjent fakturahyppighet «{text}»; velg {', '.join(FREQUENCY_LABELS.values())}."
        )
    return cast(Frequency, code)


@dataclass(frozen=True, slots=True)
class AkontoSettlement:
    """The cost key's split as invoices on account, and the settlement when the year is done."""

    scenario: str | None
    service: str
    split: CostSplit
    frequency: Frequency
    year: int
    plan: tuple[Instalment, ...]
    settlement: tuple[SettlementLine, ...] | None
    actual_total_nok: Decimal | None
    budget_basis: str

    @property
    def frequency_label(self) -> str:
        """Bokmål name of the invoicing frequency."""
        return FREQUENCY_LABELS[self.frequency]

    @property
    def billed(self) -> tuple[str, ...]:
        """Partners that receive invoices (the host pays its own share directly)."""
        return tuple(m for m in self.split.members if m != self.split.host)

    def rows(self) -> list[tuple[Instalment, dict[str, Decimal]]]:
        """Instalments by number: the first partner's instalment and every partner's amount."""
        by_number: dict[int, dict[str, Instalment]] = {}
        for inst in self.plan:
            by_number.setdefault(inst.number, {})[inst.member] = inst
        return [
            (next(iter(row.values())), {m: i.amount_nok for m, i in row.items()})
            for _, row in sorted(by_number.items())
        ]

    def billed_total(self, member: str) -> Decimal:
        """Sum of a partner's instalments (equals its yearly total by construction)."""
        return sum((i.amount_nok for i in self.plan if i.member == member), Decimal(0))


def _check_amount(amount: Decimal, what: str) -> None:
    errors.require(
        amount.is_finite() and 0 <= amount < MAX_AMOUNT_NOK,
        f"{what} må være et beløp fra 0 og under 1 000 milliarder kr (fikk {amount}).",
    )


def akonto_and_settlement(
    slug: str,
    scenario_name: str | None,
    service: str,
    frequency: Frequency,
    actual_total_nok: Decimal | None,
    uow: UnitOfWork,
    budget_total_nok: Decimal | None = None,
) -> AkontoSettlement:
    """A konto plan by the service's key, plus the settlement when the actual cost is known.

    ``actual_total_nok`` is the actual shared cost, without the measures (KOSTRA 251/252) each
    home municipality pays directly; those are settled at the budgeted amounts here.

    The budget is ``budget_total_nok`` when given (e.g. the estimated joint yearly cost), else
    the partners' own gross cost today (their figures for the project's baseline year). The
    instalments fall in the project's first budget year.
    """
    actual_total_nok = _checked(actual_total_nok, budget_total_nok)
    with uow:
        project = uow.projects.get(slug)
        known_service(project, service)
        members = sorted(project.participants_of(service))
        errors.require(len(members) >= 2, f"Tjenesten «{service}» har færre enn to deltakere.")
        arrangement = None
        if scenario_name:
            arrangement = _arrangement(uow.scenarios.get(slug, scenario_name), service)
        keys = {k.name: k for k in uow.cost_keys.list(slug)}
        data = load_project_data(slug, uow, [service])
    key = keys.get(arrangement.cost_key or "") if arrangement else None
    host = arrangement.host if arrangement else members[0]
    return _akonto(data, service, scenario_name, members, key, host, frequency,
                   actual_total_nok, budget_total_nok)  # fmt: skip


def akonto_for_game(
    sg: ServiceGame,
    scenario_name: str | None,
    frequency: Frequency,
    actual_total_nok: Decimal | None,
    budget_total_nok: Decimal | None = None,
) -> AkontoSettlement:
    """``akonto_and_settlement`` from a cost game already built: its data, key and host.

    The pages that split a service first (finance, «Hva betaler vi?») read the project once.
    """
    actual_total_nok = _checked(actual_total_nok, budget_total_nok)
    if scenario_name and sg.arrangement is None:
        raise errors.InvalidData(_not_placed(scenario_name, sg.service))
    return _akonto(sg.data, sg.service, scenario_name, list(sg.members), sg.key, sg.host,
                   frequency, actual_total_nok, budget_total_nok)  # fmt: skip


def _checked(actual_total_nok: Decimal | None, budget_total_nok: Decimal | None) -> Decimal | None:
    """Both amounts in range; the actual cost in whole kroner."""
    if budget_total_nok is not None:
        _check_amount(budget_total_nok, "Budsjettet")
    if actual_total_nok is None:
        return None
    _check_amount(actual_total_nok, "Faktisk nettokostnad")
    return whole_kroner(actual_total_nok)


def _akonto(
    data: ProjectData,
    service: str,
    scenario_name: str | None,
    members: list[str],
    key: CostKey | None,
    host: str,
    frequency: Frequency,
    actual_total_nok: Decimal | None,
    budget_total_nok: Decimal | None,
) -> AkontoSettlement:
    population = data.population(members)
    own = data.baselines.of(service)
    baseline_year, budget_year = data.assumptions.baseline_year, data.assumptions.budget_year
    if budget_total_nok is None:
        missing = [data.names.get(m, m) for m in members if m not in own]
        errors.require(
            not missing,
            f"Mangler grunnlagstall for «{service}» i {', '.join(missing)} ({baseline_year}).",
        )
        budget_total_nok = sum((own[m].gross_cost_nok for m in members), Decimal(0))
        basis = (
            "Budsjett: kommunenes egne brutto driftsutgifter i dag "
            f"(grunnlagstall for {baseline_year})."
        )
    else:
        basis = "Budsjett: anslått samlet årskostnad for samarbeidet (se tabellen over)."
    measures = sum((own[m].pass_through_nok for m in members if m in own), Decimal(0))
    errors.require(
        budget_total_nok >= measures,
        "Budsjettet er mindre enn tiltakene som belastes hjemkommunene direkte.",
    )
    split = split_service_cost(
        budget_total_nok, key, members, host, population, own, names=data.names
    )
    plan = akonto_plan(split, frequency, budget_year)
    settled = None if actual_total_nok is None else settlement(split, actual_total_nok)
    return AkontoSettlement(
        scenario_name,
        service,
        split,
        frequency,
        budget_year,
        plan,
        settled,
        actual_total_nok,
        basis,
    )


def known_service(project: model.CooperationProject, service: str) -> model.Service:
    """The project's service, or NotFound (a page for a service not in the project)."""
    try:
        return project.service(service)
    except errors.InvalidData as error:
        raise errors.NotFound(error.message) from None


def _arrangement(scenario: model.Scenario, service: str) -> model.ServiceArrangement:
    found = next((a for a in scenario.arrangements if a.service == service), None)
    if found is None:
        raise errors.InvalidData(_not_placed(scenario.name, service))
    return found


def _not_placed(scenario_name: str, service: str) -> str:
    return f"Alternativet «{scenario_name}» har ingen plassering for tjenesten «{service}»."

"""Use cases for the finance page: every split of one service, its a konto plan and settlement.

The a konto plan and the year-end settlement follow the service's cost key from the scenario
arrangement (equal shares when it names none), as kommunene invoice in practice; the fair
division methods are shown beside it for comparison only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from coop.domain import errors, model
from coop.domain.costs.akonto import Frequency, Instalment, SettlementLine, akonto_plan, settlement
from coop.domain.costs.keys import CostSplit, whole_kroner
from coop.domain.costs.partner_exit import ExitCost, Investment, exit_cost
from coop.domain.costs.service_split import split_service_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_data import load_project_data
from coop.services.splits.cost_split import (
    METHODS,
    FittedKey,
    SplitResult,
    fit_simple_key,
    split_service,
)

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
    if actual_total_nok is not None:
        _check_amount(actual_total_nok, "Faktisk nettokostnad")
        actual_total_nok = whole_kroner(actual_total_nok)
    if budget_total_nok is not None:
        _check_amount(budget_total_nok, "Budsjettet")
    with uow:
        project = uow.projects.get(slug)
        _known_service(project, service)
        members = sorted(project.participants_of(service))
        errors.require(len(members) >= 2, f"Tjenesten «{service}» har færre enn to deltakere.")
        arrangement = None
        if scenario_name:
            arrangement = _arrangement(uow.scenarios.get(slug, scenario_name), service)
        keys = {k.name: k for k in uow.cost_keys.list(slug)}
        data = load_project_data(slug, uow, [service])
    population = data.population(members)
    own = data.baselines.of(service)
    key = keys.get(arrangement.cost_key or "") if arrangement else None
    host = arrangement.host if arrangement else members[0]
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
    split = split_service_cost(budget_total_nok, key, members, host, population, own)
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


def _known_service(project: model.CooperationProject, service: str) -> model.Service:
    try:
        return project.service(service)
    except errors.InvalidData as error:
        raise errors.NotFound(error.message) from None


def _arrangement(scenario: model.Scenario, service: str) -> model.ServiceArrangement:
    found = next((a for a in scenario.arrangements if a.service == service), None)
    if found is None:
        raise errors.InvalidData(
            f"Alternativet «{scenario.name}» har ingen plassering for tjenesten «{service}»."
        )
    return found


@dataclass(frozen=True, slots=True)
class FinanceView:
    """Everything the finance page shows for one service, with names for every number."""

    slug: str
    project_name: str
    service: str
    service_name: str
    scenario: str | None
    scenarios: tuple[str, ...]  # scenarios that place this service
    efficiency_gain_pct: Decimal
    names: Mapping[str, str]
    members: tuple[str, ...]
    splits: tuple[SplitResult, ...]
    akonto: AkontoSettlement
    fitted: FittedKey

    def name(self, number: str) -> str:
        """Municipality name for a kommunenummer."""
        return self.names.get(number, number)

    def join_names(self, numbers: tuple[str, ...] | list[str]) -> str:
        """'Salangen og Lavangen', 'Gratangen, Lavangen og Salangen'."""
        names = [self.name(n) for n in numbers]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"

    def blocking_names(self, result: SplitResult) -> str:
        """The group that would rather go alone, largest own cost first."""
        group = sorted(result.blocking_coalition or (), key=lambda m: -result.standalone[m])
        return self.join_names(group)

    def pays_more_than_alone(self, result: SplitResult) -> tuple[str, ...]:
        """Partners charged more than their own cost today (not individually rational)."""
        return tuple(m for m in self.members if result.allocation[m] > result.standalone[m])


def placing_options(slug: str, service: str, uow: UnitOfWork) -> tuple[str, ...]:
    """Names of the options that place the service; the first is the page's default."""
    with uow:
        return tuple(
            s.name
            for s in uow.scenarios.list(slug)
            if any(a.service == service for a in s.arrangements)
        )


def finance_view(
    slug: str,
    service: str,
    uow: UnitOfWork,
    scenario_name: str | None = None,
    efficiency_gain_pct: Decimal | None = None,
    frequency: Frequency = "quarterly",
    actual_total_nok: Decimal | None = None,
    splits: Sequence[SplitResult] | None = None,
) -> FinanceView:
    """All splits of one service side by side, the key's a konto plan and (maybe) settlement.

    ``efficiency_gain_pct`` overrides the project's assumed gain for this view. ``splits``
    are the results of a split job (services with many partners, issue 15.3); without them
    every method is computed here, which is only fast for a few partners.
    """
    with uow:
        project = uow.projects.get(slug)
        found = _known_service(project, service)
        placing = tuple(
            s.name
            for s in uow.scenarios.list(slug)
            if any(a.service == service for a in s.arrangements)
        )
        names = {m.number: m.name for m in uow.municipalities.list(project.municipalities)}
    scenario = scenario_name or (placing[0] if placing else None)
    if splits is None:
        splits = split_service(slug, service, uow, METHODS, scenario, efficiency_gain_pct)
    key_total = next(r.total_nok for r in splits if r.method == "key")
    target = next(r for r in splits if r.method == "nucleolus")
    fitted = fit_simple_key(
        slug,
        service,
        uow,
        target.allocation,
        target.label,
        scenario,
        efficiency_gain_pct,
        names=names,
    )
    akonto = akonto_and_settlement(
        slug, scenario, service, frequency, actual_total_nok, uow, key_total
    )
    gain = splits[0].gain_pct
    return FinanceView(
        slug,
        project.name,
        service,
        found.name,
        scenario,
        placing,
        gain,
        names,
        tuple(sorted(project.participants_of(service))),
        tuple(splits),
        akonto,
        fitted,
    )


def exit_estimate(
    view: FinanceView,
    member: str,
    notice_given: date,
    notice_months: int = 12,
    investments: Sequence[Investment] = (),
) -> ExitCost:
    """What ``member`` pays to leave: its key share through the notice, plus investments.

    The running share is the cost key's yearly amount (the a konto budget), so the figure
    matches what the partner is invoiced today.
    """
    if member not in view.members:
        raise errors.InvalidData(f"Kommunen {member} deltar ikke i «{view.service_name}».")
    errors.require(0 <= notice_months <= 60, "Oppsigelsestiden må være mellom 0 og 60 måneder.")
    return exit_cost(view.akonto.split, member, notice_given, notice_months, investments)

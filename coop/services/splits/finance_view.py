"""Use case for the finance page: every split of one service, its a konto plan and settlement.

The project's data is read once: the service's cost game is built once and the splits, the
fitted key and the a konto plan all come from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coop.domain import errors
from coop.domain.costs.partner_exit import ExitCost, Investment, exit_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_data import load_project_data
from coop.services.splits.cost_split import METHODS, SplitResult, service_game, split_game
from coop.services.splits.finance import AkontoSettlement, Frequency, akonto_for_game, known_service
from coop.services.splits.key_fitting import FittedKey, fit_key_for_game


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
        found = known_service(uow.projects.get(slug), service)
        placing = tuple(
            s.name
            for s in uow.scenarios.list(slug)
            if any(a.service == service for a in s.arrangements)
        )
        data = load_project_data(slug, uow, [service])
    project, names = data.project, data.names
    scenario = scenario_name or (placing[0] if placing else None)
    sg = service_game(slug, service, uow, scenario, efficiency_gain_pct, data)
    if splits is None:
        splits = split_game(sg, METHODS)
    key_total = next(r.total_nok for r in splits if r.method == "key")
    target = next(r for r in splits if r.method == "nucleolus")
    fitted = fit_key_for_game(sg, target.allocation, target.label, names=names)
    akonto = akonto_for_game(sg, scenario, frequency, actual_total_nok, key_total)
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

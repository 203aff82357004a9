"""Assemble the inputs of an agreement draft from a project, a scenario and one service.

Participants, host, legal form, cost key and personnel policy come from the scenario; the
shares and amounts for the budget year are split from the service's baselines with
``coop.domain.costs.keys``. Anything that cannot be computed is left open and explained in a note,
so the checklist shows it as missing instead of the draft failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from coop.domain import errors, model
from coop.domain.agreements.drafting import AgreementInputs
from coop.domain.agreements.law import law_for
from coop.domain.agreements.service_terms import ServiceTerms, service_terms
from coop.domain.agreements.terms import AgreementTerms
from coop.domain.baseline_choice import choose_baselines
from coop.domain.costs import key_model
from coop.domain.costs.keys import check_population_date, shares_by_key
from coop.domain.costs.service_split import split_service_cost, usage_by_metric
from coop.domain.formatting import format_date
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.numbers import number_history
from coop.services.project_data import assumptions_of


@dataclass(frozen=True, slots=True)
class Computed:
    """Shares and amounts for the budget year, with notes on what could not be computed."""

    shares: Mapping[str, Decimal]
    amounts: Mapping[str, Decimal]
    total_nok: Decimal | None
    notes: tuple[str, ...]


def default_terms(
    uow: UnitOfWork, slug: str, scenario: str, service: str, today: date
) -> AgreementTerms:
    """Terms of the newest saved version, or fresh ones dated by the project (else today)."""
    latest = uow.agreements.latest(slug, scenario, service)
    if latest is not None:
        return AgreementTerms.of(latest.inputs)
    project = uow.projects.get(slug)
    decided_on = project.decided_on or today
    baseline_year = assumptions_of(project, uow).baseline_year
    return AgreementTerms(
        decided_on=decided_on, budget_year=budget_year_for(decided_on, baseline_year)
    )


def budget_year_for(decided_on: date, baseline_year: int) -> int:
    """The budget year an agreement's appendix 1 illustrates by default.

    The project's baseline year (one basis for every view), unless the agreement is dated
    more than a year before it: a 2007 agreement shows 2007 figures, never today's.
    """
    return decided_on.year if decided_on.year < baseline_year - 1 else baseline_year


def current_inputs(
    uow: UnitOfWork, slug: str, scenario: str, service: str, terms: AgreementTerms
) -> tuple[AgreementInputs, tuple[str, ...]]:
    """Draft inputs from today's data and the given terms, plus notes for the reader."""
    project = uow.projects.get(slug)
    arrangement = uow.scenarios.get(slug, scenario).arrangement(service)
    policy_name = uow.scenarios.get(slug, scenario).policy
    members = sorted(arrangement.participants)
    towns = {m.number: m for m in uow.municipalities.list(members)}
    key = uow.cost_keys.get(slug, arrangement.cost_key) if arrangement.cost_key else None
    older: tuple[str, ...] = ()
    baselines: list[model.Baseline] = []
    if terms.budget_year is not None:  # the project's rule: that year, else a partner's older
        choice = choose_baselines(
            uow.baselines.list(members, [service]), {service: members}, terms.budget_year
        )
        baselines = list(choice.of(service).values())
        names = {n: m.name for n, m in towns.items()}
        older = tuple(n for n in choice.notes(service, names) if "tall fra" in n)
    computed = compute_shares(key, arrangement.host, members, towns, baselines, terms.budget_year)
    computed = replace(computed, notes=computed.notes + older)
    inputs = AgreementInputs(
        project=project,
        arrangement=arrangement,
        service_name=project.service(service).name,
        municipalities=towns,
        cost_key=key,
        shares=computed.shares,
        amounts=computed.amounts,
        budget_total_nok=computed.total_nok,
        policy=uow.policies.get(slug, policy_name) if policy_name else None,
        numbers_then=numbers_on(members, terms.decided_on),
        catalogue=catalogue_terms(uow, service, terms.decided_on),
        may_join=tuple(
            sorted(
                m.name
                for m in uow.municipalities.list(
                    sorted(project.may_join.get(service, frozenset()) - set(members))
                )
            )
        ),
        **terms.input_values(),
    )
    return inputs, computed.notes


# A project service that covers several catalogue entries (the demo's combined services).
COVERS: Mapping[str, tuple[str, ...]] = {
    "regnskap-lonn": ("regnskap", "lonn"),
    "skatt-innfordring": ("skatteoppkreving", "kommunal-innfordring"),
}


def catalogue_terms(uow: UnitOfWork, service: str, on: date) -> ServiceTerms:
    """The catalogue's (c) text, special law and clauses for the service on the date.

    A project's own service (not in the catalogue) gets none: its points stay open.
    """
    found = (uow.catalogue.find(code) for code in COVERS.get(service, (service,)))
    entries = [e for e in found if e is not None and e.available_on(on)]
    return service_terms(entries, law_for(on), on)


def numbers_on(members: Sequence[str], on: date) -> dict[str, str]:
    """Each member's kommunenummer on the agreement's date, where it differs from today's.

    A 2007 agreement prints Salangen as 1923, not 5522 (SSB classification 131). A number
    the history cannot map back (a merger of several) keeps today's number.
    """
    history = number_history()
    out = {}
    for number in members:
        then = history.number_on(number, on) if history.periods(number) else None
        if then is not None and then != number:
            out[number] = then
    return out


def compute_shares(
    key: key_model.CostKey | None,
    host: str,
    members: Sequence[str],
    towns: Mapping[str, model.Municipality],
    baselines: Sequence[model.Baseline],
    budget_year: int | None,
) -> Computed:
    """Each participant's share by the key and its amount from the budget year's baselines.

    Population is the register's; usage counts come from the baselines. The amounts split
    the participants' summed gross cost (plus any host overhead) in whole kroner.
    """
    if key is None:
        return Computed({}, {}, None, ("Alternativet har ingen fordelingsnøkkel for tjenesten.",))
    notes: list[str] = []
    population = {n: towns[n].population for n in members}
    register_dates = sorted({towns[n].population_date for n in members})
    if key.population_date and register_dates != [key.population_date]:
        notes.append(
            f"Nøkkelen bruker folketall per {format_date(key.population_date)}, men registeret "
            f"har folketall per {', '.join(format_date(d) for d in register_dates)}."
        )
    usage = usage_by_metric({b.municipality: b for b in baselines})
    named = {n: towns[n].name for n in members}
    try:
        shares = shares_by_key(key, members, population, usage, names=named)
    except errors.CoopError as error:
        return Computed({}, {}, None, (*notes, f"Andelene kan ikke beregnes: {error.message}"))
    if budget_year is None:
        return Computed(shares, {}, None, (*notes, "Budsjettår er ikke valgt: beløp mangler."))
    try:
        check_population_date(key, budget_year)
    except errors.CoopError as error:
        notes.append(error.message)
    lacking = sorted(set(members) - {b.municipality for b in baselines})
    if lacking:
        names = ", ".join(towns[n].name for n in lacking)
        notes.append(
            f"Grunnlagstall for {budget_year} mangler for {names}: beløp er ikke beregnet."
        )
        return Computed(shares, {}, None, tuple(notes))
    total = sum((b.gross_cost_nok for b in baselines), Decimal(0))
    own = {b.municipality: b for b in baselines}
    split = split_service_cost(total, key, members, host, population, own, names=named)
    estimates = sorted({b.basis for b in baselines if b.is_estimate})
    if estimates:
        notes.append(f"Beløpene for {budget_year} bygger på anslag («{'; '.join(estimates)}»).")
    amounts = {line.member: line.total_nok for line in split.lines}
    return Computed(shares, amounts, split.total_nok, tuple(notes))

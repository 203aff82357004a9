"""Use cases: split a joint service's cost by its key or by fair division, and check it.

The cost game of a service: c({i}) is partner i's own cost today (its budget baseline); a
group S of two or more running the service together costs (1 − g)·Σ_{i∈S} c({i}) plus the
cheapest host's transition cost for S spread over the planning period. g, the yearly
efficiency gain from pooling, is one of the project's planning assumptions (an estimate until
the steering group decides it) — the slides of 2007 set no target.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from allocation.games.core import core_check
from allocation.games.game import CostGame, MostViolated
from allocation.games.hosted import HostedGame
from allocation.games.lp import least_core, nucleolus
from allocation.games.separation import NucleolusOptions
from allocation.games.table import GameInputError, run_game_json
from allocation.games.values import MAX_EXACT_SHAPLEY, proportional, scrb, shapley_sampled
from allocation.games.values import shapley as shapley_value
from coop.domain import errors
from coop.domain.assumptions import check_gain_pct
from coop.domain.costs.key_model import CostKey
from coop.domain.costs.keys import largest_remainder
from coop.domain.costs.service_split import split_service_cost
from coop.domain.formatting import format_pct
from coop.domain.model import Baseline, ServiceArrangement
from coop.domain.transition.personnel import service_transition_cost
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_data import ProjectData, load_project_data

METHODS = ("key", "shapley", "nucleolus", "least-core", "scrb", "proportional")
SHAPLEY_SAMPLES = 2000  # join orders when exact Shapley (≤ 20 partners) is out of reach
METHOD_LABELS = {
    "key": "Fordelingsnøkkel",
    "shapley": "Shapley-verdi",
    "nucleolus": "Nukleolus",
    "least-core": "Minste kjerne",
    "scrb": "SCRB (særkostnad og restnytte)",
    "proportional": "Forholdsmessig etter egen kostnad",
}


@dataclass(frozen=True)
class SplitResult:
    """One way of splitting a service's yearly cost, with its stability check."""

    service: str
    method: str
    label: str
    allocation: Mapping[str, Decimal]  # kommunenummer -> whole kroner per year
    standalone: Mapping[str, Decimal]
    total_nok: Decimal
    in_core: bool
    max_excess_nok: Decimal
    blocking_coalition: tuple[str, ...] | None
    individually_rational: bool
    core_empty: bool | None
    key_name: str | None
    basis: str
    gain_pct: Decimal = Decimal(0)  # the efficiency gain the cost game assumed
    names: Mapping[str, str] = field(default_factory=dict)  # kommunenummer -> name


@dataclass(frozen=True)
class ServiceGame:
    """A service's cost game and what its splits need besides it."""

    service: str
    hosted: HostedGame
    members: tuple[str, ...]
    own: Mapping[str, Baseline]  # each member's baseline figures
    host: str  # the host in the chosen option (the first member when there is none)
    key: CostKey | None  # the option's cost key for the service
    population: Mapping[str, int]
    policy: str
    gain_pct: Decimal
    data: ProjectData
    arrangement: ServiceArrangement | None  # the option's placement (None: no option given)


def service_game(
    slug: str,
    service: str,
    uow: UnitOfWork,
    scenario_name: str | None,
    gain: Decimal | None = None,
    data: ProjectData | None = None,
) -> ServiceGame:
    """The service's cost game: c(S) = (1 − g)·Σ own cost + cheapest host's transition / years.

    A member's staff costs depend only on its own staff and the host (not on who else
    joins), so the game is host-structured: one transition calculation per (member, host)
    pair gives every coalition's cost, and the exact oracle of ``HostedGame`` lets the
    nucleolus handle services with 30+ partners. ``gain`` overrides the project's assumed
    efficiency gain for this calculation. ``data`` is the project's data when the caller has
    already read it (with this service's figures), so a page reads it once.
    """
    with uow:
        if data is None:
            data = load_project_data(slug, uow, [service])
        members = sorted(data.project.participants_of(service))
        if len(members) < 2:
            raise errors.InvalidData(f"Tjenesten «{service}» har færre enn to deltakere.")
        scenario = uow.scenarios.get(slug, scenario_name) if scenario_name else None
        arrangement = (
            next((a for a in scenario.arrangements if a.service == service), None)
            if scenario
            else None
        )
        policy_name = (scenario.policy if scenario else None) or next(
            (p.name for p in uow.policies.list(slug)), None
        )
        if policy_name is None:
            raise errors.InvalidData("Prosjektet har ingen personalpolitiske retningslinjer.")
        policy = uow.policies.get(slug, policy_name)
        keys = {k.name: k for k in uow.cost_keys.list(slug)}
    gain_pct = check_gain_pct(data.assumptions.efficiency_gain_pct if gain is None else gain)
    own = data.baselines.of(service)
    missing = [data.names.get(m, m) for m in members if m not in own]
    if missing:
        year = data.assumptions.baseline_year
        raise errors.InvalidData(
            f"Mangler grunnlagstall for «{data.service_names.get(service, service)}» i "
            f"{', '.join(missing)} for {year} eller tidligere; registrer eller importer tallene "
            "før kostnadene fordeles."
        )
    routes = data.routes
    params = data.travel_params()
    years = params.horizon_years
    factor = 1 - float(gain_pct) / 100
    alone = np.array([float(own[m].gross_cost_nok) for m in members])
    pooled = np.array([float(own[m].shared_cost_nok) for m in members])
    direct = alone - pooled  # measures the home municipality pays alone (no pooling gain)
    member_cost = np.zeros((len(members), len(members)))
    for h, host in enumerate(members):
        for i, member in enumerate(members):
            moving = Decimal(0)
            if member != host:
                pair = {member, host}
                cost = service_transition_cost(
                    service, host, pair, own, data.municipalities, routes, policy, params
                )
                moving = cost.total_nok
            member_cost[i, h] = factor * pooled[i] + direct[i] + float(moving) / years
    hosted = HostedGame(tuple(members), member_cost, np.zeros(len(members)), alone)
    return ServiceGame(
        service=service,
        hosted=hosted,
        members=tuple(members),
        own=own,
        host=arrangement.host if arrangement else members[0],
        key=keys.get(arrangement.cost_key or "") if arrangement else None,
        population=data.population(members),
        policy=policy.name,
        gain_pct=gain_pct,
        data=data,
        arrangement=arrangement,
    )


def split_service(
    slug: str,
    service: str,
    uow: UnitOfWork,
    methods: tuple[str, ...] = METHODS,
    scenario_name: str | None = None,
    efficiency_gain_pct: Decimal | None = None,
) -> list[SplitResult]:
    """The service's yearly cost split by each method, each checked against the core.

    ``efficiency_gain_pct`` overrides the project's assumed gain for this calculation.
    """
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise errors.InvalidData(f"Ukjent metode «{unknown[0]}»; velg en av: {', '.join(METHODS)}.")
    return split_game(service_game(slug, service, uow, scenario_name, efficiency_gain_pct), methods)


def split_game(
    sg: ServiceGame, methods: tuple[str, ...] = METHODS, decide_core_empty: bool = True
) -> list[SplitResult]:
    """Split an already built service game by each method (see ``split_service``).

    ``decide_core_empty=False`` leaves ``core_empty`` None (not decided) outside the core: it
    skips the least-core LP, most of a large key split's time, for callers that only need
    the amounts (the member page and the saksframlegg; bench/case_package_times.py).
    """
    service = sg.service
    game = sg.hosted.game()
    oracle = sg.hosted.oracle() if game.n > NucleolusOptions().enumerate_up_to else None
    members = list(sg.members)
    total = Decimal(round(game.c(members)))
    standalone = {m: Decimal(round(game.c([m]))) for m in members}
    a = sg.data.assumptions
    basis = (
        f"effektiviseringsgevinst {format_pct(sg.gain_pct)} ved samarbeid "
        f"({a.basis('efficiency_gain_pct')}); omstillingskostnad fordelt over "
        f"{a.horizon_years} år; grunnlagstall for {a.baseline_year}; "
        f"retningslinjer «{sg.policy}»"
    )
    if "shapley" in methods and game.n > MAX_EXACT_SHAPLEY:
        basis += f"; Shapley-verdien er anslått fra {SHAPLEY_SAMPLES} tilfeldige rekkefølger"
    results = []
    empty: list[bool | None] = []  # whether the core is empty: the game's, not the split's
    for method in methods:
        key_name = None
        if method == "key":
            split = split_service_cost(total, sg.key, members, sg.host, sg.population, sg.own,
                                       names=sg.data.names)  # fmt: skip
            key_name = split.key.name
            # overhead nets out; pass-through measures stay with the home municipality
            raw = {line.member: float(line.key_nok + line.direct_nok) for line in split.lines}
        else:
            raw = _fair(method, game, oracle)
        amounts = largest_remainder({m: Fraction(raw[m]) for m in members}, total)
        check = core_check(game, {m: float(v) for m, v in amounts.items()}, oracle, tol=1e-6,
                           decide_core_empty=decide_core_empty and not empty)  # fmt: skip
        if check.core_empty is None and empty:
            check = replace(check, core_empty=empty[0])  # one least-core LP per game
        elif check.core_empty is not None and not check.in_core:
            empty.append(check.core_empty)
        results.append(
            SplitResult(
                service=service,
                method=method,
                label=METHOD_LABELS[method] + (f" «{key_name}»" if key_name else ""),
                allocation=amounts,
                standalone=standalone,
                total_nok=total,
                in_core=check.in_core,
                max_excess_nok=Decimal(round(check.max_excess)),
                blocking_coalition=check.blocking_coalition,
                individually_rational=check.individually_rational,
                core_empty=check.core_empty,
                key_name=key_name,
                basis=basis,
                gain_pct=sg.gain_pct,
                names=sg.data.names,
            )
        )
    return results


def _fair(method: str, game: CostGame, oracle: MostViolated | None) -> dict[str, float]:
    if method == "shapley":
        if game.n > MAX_EXACT_SHAPLEY:
            return shapley_sampled(game, SHAPLEY_SAMPLES, seed=0)[0]
        return shapley_value(game)
    if method == "nucleolus":
        return nucleolus(game, oracle)
    if method == "least-core":
        return least_core(game, oracle)[0]
    if method == "scrb":
        return scrb(game)
    return proportional(game)


def split_game_table(data: Mapping[str, Any], method: str) -> dict[str, Any]:
    """Split a user-given cost table (GAME.json); bad input raises a readable InvalidData."""
    try:
        return run_game_json(data, method)
    except GameInputError as error:
        raise errors.InvalidData(str(error)) from error

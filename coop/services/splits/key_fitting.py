"""Use case: the simplest cost key a council can explain that stays close to a fair split.

The finance page shows it next to the fair-division methods: weights of equal share,
population and usage counts, in whole steps, such that nobody pays more than alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from allocation.games.hosted import HostedGame
from allocation.games.key_fit import fit_key
from allocation.solver import Infeasible
from coop.domain.costs.keys import largest_remainder
from coop.domain.formatting import format_kr
from coop.persistence.unit_of_work import UnitOfWork
from coop.reference.catalogue import metric_label
from coop.services.splits.cost_split import ServiceGame, service_game


@dataclass(frozen=True)
class FittedKey:
    """The simplest key no partner can reject: weights of explainable parts near a fair split.

    ``weights`` maps a part's bokmål label (Likt, Folketall, a usage metric) to whole percent;
    ``problem`` says why no such key exists (then weights and allocation are empty).
    """

    target_label: str
    weights: Mapping[str, int]
    allocation: Mapping[str, Decimal]
    max_deviation_nok: Decimal
    problem: str | None


def fit_simple_key(
    slug: str,
    service: str,
    uow: UnitOfWork,
    target: Mapping[str, Decimal],
    target_label: str,
    scenario_name: str | None = None,
    efficiency_gain_pct: Decimal | None = None,
    step_pct: int = 5,
    names: Mapping[str, str] | None = None,
) -> FittedKey:
    """Weights in steps of ``step_pct`` % for equal share, population and usage metrics.

    The key comes closest to ``target`` (a fair split, e.g. the nucleolus) while nobody pays
    more than alone — the key a council can explain and no partner can reject.
    """
    sg = service_game(slug, service, uow, scenario_name, efficiency_gain_pct)
    return fit_key_for_game(sg, target, target_label, step_pct, names)


def fit_key_for_game(
    sg: ServiceGame,
    target: Mapping[str, Decimal],
    target_label: str,
    step_pct: int = 5,
    names: Mapping[str, str] | None = None,
) -> FittedKey:
    """``fit_simple_key`` on a game the caller has built already (the finance page's)."""
    hosted = sg.hosted
    members = list(sg.members)
    bases = {"Likt": {m: 1 / len(members) for m in members}}
    population = sg.population
    if all(population[m] > 0 for m in members):
        people = sum(population[m] for m in members)
        bases["Folketall"] = {m: population[m] / people for m in members}
    metrics = set.intersection(*(set(sg.own[m].usage) for m in members))
    for metric in sorted(metrics):
        counts = {m: float(sg.own[m].usage[metric]) for m in members}
        if all(c > 0 for c in counts.values()):
            bases[f"Bruksdata «{metric_label(metric)}»"] = {
                m: c / sum(counts.values()) for m, c in counts.items()
            }
    # The key splits the pooled cost; measures charged to the home municipality are added
    # on top, so fit on the game without them (an additive shift changes no comparison).
    direct = {m: float(sg.own[m].pass_through_nok) for m in members}
    offset = np.array([direct[m] for m in members])
    shifted = HostedGame(
        hosted.players, hosted.member_cost - offset[:, None], hosted.fixed, hosted.alone - offset
    )
    game = shifted.game()
    goal = {m: float(target[m]) - direct[m] for m in members}
    try:
        fit = fit_key(game, goal, bases, weight_step_pct=step_pct)
    except Infeasible as error:
        label = names or {}
        parts = []
        for c in error.conflicts:
            own = sum(direct.get(k, 0.0) for k in c.keys)
            parts.append(
                f"{' og '.join(label.get(k, k) for k in c.keys)} må betale minst "
                f"{format_kr(round(c.needed + own))}, men alene koster det "
                f"{format_kr(round(c.available + own))}"
            )
        kinds = [k.lower() for k in bases]
        made_of = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} og {kinds[-1]}"
        problem = f"Ingen nøkkel laget av {made_of} holder alle under egen kostnad" + (
            f": {'; '.join(parts)}." if parts else "."
        )
        return FittedKey(target_label, {}, {}, Decimal(0), problem)
    weights = {k: round(w * 100) for k, w in fit.weights.items() if round(w * 100) > 0}
    total = Decimal(round(hosted.cost(frozenset(members))))
    amounts = largest_remainder(
        {m: Fraction(fit.allocation[m]) + Fraction(direct[m]) for m in members}, total
    )
    return FittedKey(target_label, weights, amounts, Decimal(round(fit.max_deviation)), None)

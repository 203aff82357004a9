"""A service's yearly cost split between its participants: the one rule every view uses.

Measures charged to the child's home municipality (KOSTRA 251/252, ``Baseline.pass_through_nok``)
stay with that municipality, krone for krone; the rest is shared by the cost key, with usage
counts for usage keys taken from the same baselines. A service with no key is shared equally.
The overview, options, comparison, finance page, key editor, a konto plan and agreement
appendix all split through here, so their figures agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.costs.keys import CostSplit, split_cost
from coop.domain.model import Baseline

EQUAL_SHARES = CostKey("Lik fordeling", (KeyComponent(KeyKind.EQUAL, Decimal(1)),))


def usage_by_metric(baselines: Mapping[str, Baseline]) -> dict[str, dict[str, Decimal]]:
    """Usage counts as ``metric -> member -> count`` from each member's baseline."""
    usage: dict[str, dict[str, Decimal]] = {}
    for member, baseline in baselines.items():
        for metric, count in baseline.usage.items():
            usage.setdefault(metric, {})[member] = count
    return usage


def direct_charges(baselines: Mapping[str, Baseline]) -> dict[str, Decimal]:
    """What each member pays alone: its measures charged to the home municipality."""
    return {m: b.pass_through_nok for m, b in baselines.items()}


def split_shared_cost(
    shared_nok: Decimal,
    key: CostKey | None,
    members: Sequence[str],
    host: str,
    population: Mapping[str, int],
    baselines: Mapping[str, Baseline],
    budget_year: int | None = None,
    *,
    measures: bool = True,
    names: Mapping[str, str] | None = None,
) -> CostSplit:
    """Split ``shared_nok`` (measures already left out) by the key; measures go on top.

    ``measures`` False leaves the measures out altogether (an amount typed to try a key);
    ``names`` (number → name) lets errors name the municipality.
    """
    own = {m: baselines[m] for m in members if m in baselines}
    return split_cost(
        shared_nok,
        key or EQUAL_SHARES,
        members,
        host,
        population,
        usage=usage_by_metric(own),
        direct=direct_charges(own) if measures else {},
        budget_year=budget_year,
        names=names,
    )


def split_service_cost(
    total_nok: Decimal,
    key: CostKey | None,
    members: Sequence[str],
    host: str,
    population: Mapping[str, int],
    baselines: Mapping[str, Baseline],
    budget_year: int | None = None,
    names: Mapping[str, str] | None = None,
) -> CostSplit:
    """Split a service's whole yearly cost: total − measures by the key, measures at home."""
    own = {m: baselines[m] for m in members if m in baselines}
    shared = total_nok - sum(direct_charges(own).values(), Decimal(0))
    return split_shared_cost(shared, key, members, host, population, own, budget_year, names=names)

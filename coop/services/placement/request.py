"""What a steering group asks of the placement, what it gets back, and the error when none fits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from allocation.solver import Conflict
from coop.domain import errors
from coop.services.placement.wording import RULE_LABELS, conflict_amounts

MAX_TOP = 10
MAX_TIME_LIMIT_S = 60.0


class PlacementImpossible(errors.CoopError):
    """No placement satisfies the rules; ``conflicts`` says which rules had to bend."""

    def __init__(self, conflicts: tuple[Conflict, ...], names: Mapping[str, str]) -> None:
        parts = [
            f"{RULE_LABELS.get(c.rule, c.rule)} ({', '.join(names.get(k, k) for k in c.keys)})"
            f"{conflict_amounts(c)}"
            for c in conflicts
        ]
        detail = "; ".join(parts) or "ingen enkeltregel kunne pekes ut"
        super().__init__(
            f"Ingen plassering oppfyller alle reglene. Regler som må lempes: {detail}."
        )
        self.conflicts = conflicts


@dataclass(frozen=True)
class PlacementRequest:
    """Rules a steering group sets, in plain values.

    ``together`` lists services that may instead be run as one office (the 2007 økonomi
    question: one joint service or two parts); the optimiser then chooses between one office
    for all of them and one per service. ``fixed_host_cost_nok`` (yearly cost of being host at
    all, e.g. premises) and ``discount_rate_pct`` override the project's assumptions.
    """

    locks: Mapping[str, str] = field(default_factory=dict)
    forbids: tuple[tuple[str, str], ...] = ()
    max_net_loss_fte: float | None = None
    min_services_hosted: int | None = None
    max_services_hosted: int | None = None
    max_staff_commute_min: float | None = None
    max_partner_travel_min: float | None = None
    population_share_band: float | None = None
    together: tuple[str, ...] = ()
    fixed_host_cost_nok: float | None = None
    discount_rate_pct: float | None = None
    top: int = 5
    time_limit_s: float = 30.0

    def __post_init__(self) -> None:
        errors.require(
            1 <= self.top <= MAX_TOP, f"Antall alternativer må være fra 1 til {MAX_TOP}."
        )
        low, high = self.min_services_hosted, self.max_services_hosted
        errors.require(
            low is None or high is None or low <= high,
            f"Minst {low} tjenester per vertskommune er mer enn høyst {high}; reglene motsier "
            "hverandre.",
        )
        errors.require(
            0 < self.time_limit_s <= MAX_TIME_LIMIT_S,
            f"Tidsgrensen må være over 0 og høyst {MAX_TIME_LIMIT_S:.0f} sekunder.",
        )
        errors.require(
            len(set(self.together)) == len(self.together),
            "En tjeneste står to ganger blant tjenestene som kan slås sammen.",
        )
        errors.require(
            not self.together or len(self.together) >= 2,
            "Velg minst to tjenester som kan drives som ett kontor.",
        )


@dataclass(frozen=True)
class OptionView:
    """One ranked placement: hosts by service, cost and its distance from the optimum."""

    rank: int | None
    objective_nok: Decimal
    delta_nok: Decimal
    hosts: Mapping[str, str]
    by_kind: Mapping[str, Decimal]
    by_municipality: Mapping[str, Decimal]
    net_fte: Mapping[str, Decimal]


@dataclass(frozen=True)
class PlacementProposal:
    """The optimiser's answer for a project: best, alternatives, prices of locks."""

    project: str
    policy: str
    status: str
    best: OptionView
    alternatives: tuple[OptionView, ...]
    price_of_locks: Mapping[str, Decimal]
    names: Mapping[str, str]
    service_names: Mapping[str, str]
    model_size: tuple[int, int]
    seconds: float
    basis: str

"""Placement rules: each optional, each a named constraint family in the model.

``PlacementRules`` rejects plain contradictions on its own (a pair both locked and forbidden,
negative limits); ``check_rules`` checks the rules against an input (locks to participants,
the data a rule needs), naming the keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from allocation.placement.data import PlacementInput, PlacementInputError, fail_if, is_finite


@dataclass(frozen=True)
class PlacementRules:
    """Optional rules, each a named constraint family (see ``allocation.placement.optimise``)."""

    locks: Mapping[str, str] = field(default_factory=dict)  # service -> host
    forbids: frozenset[tuple[str, str]] = frozenset()  # (service, host)
    max_net_loss_fte: float | None = None  # net FTE change ≥ −L
    max_abs_net_change_fte: float | None = None  # |net FTE change| ≤ L
    population_share_band: float | None = None  # |share of joint FTE − pop share| ≤ band
    min_services_hosted: int | None = None  # per municipality (e.g. 1)
    max_services_hosted: int | None = None
    max_staff_commute_min: float | None = None  # any municipality with fte>0 → host
    max_partner_travel_min: float | None = None  # any participant → host

    def __post_init__(self) -> None:
        object.__setattr__(self, "locks", dict(sorted(self.locks.items())))
        object.__setattr__(self, "forbids", frozenset(self.forbids))
        fail_if(
            {f"({s}, {m})" for s, m in self.locks.items() if (s, m) in self.forbids},
            "Samme vertskommune er både låst og utelukket",
        )
        for name in (
            "max_net_loss_fte",
            "max_abs_net_change_fte",
            "population_share_band",
            "min_services_hosted",
            "max_services_hosted",
            "max_staff_commute_min",
            "max_partner_travel_min",
        ):
            value = getattr(self, name)
            if value is not None and (not is_finite(value) or value < 0):
                raise PlacementInputError(f"Regelen {name} må være et tall ≥ 0, ikke {value}.")
        low, high = self.min_services_hosted, self.max_services_hosted
        if low is not None and high is not None and low > high:
            raise PlacementInputError(
                f"Minst {low} tjenester per vertskommune er mer enn høyst {high}."
            )


def check_rules(inp: PlacementInput, rules: PlacementRules) -> None:
    """Reject rules that name unknown services or hosts outside a service's participants."""
    fail_if(
        {f"{s} → {m}" for s, m in rules.locks.items() if m not in inp.participants.get(s, ())},
        "Låst vertskommune deltar ikke i tjenesten (eller tjenesten er ukjent)",
    )
    fail_if(
        {f"({s}, {m})" for s, m in rules.forbids if s not in inp.participants},
        "Utelukkelse gjelder en ukjent tjeneste",
    )
    if rules.population_share_band is not None:
        fail_if(
            set(inp.municipalities) - set(inp.population),
            "Folketall mangler for kommunen (trengs for regelen om andel av årsverk)",
        )
        if sum(inp.population.values()) <= 0:
            raise PlacementInputError("Samlet folketall må være større enn 0.")
    if rules.max_staff_commute_min is not None or rules.max_partner_travel_min is not None:
        fail_if(
            {
                f"{a} → {b}"
                for s in inp.services
                for a in inp.participants[s]
                for b in inp.participants[s]
                if a != b and (a, b) not in inp.travel_min
            },
            "Reisetid mangler (trengs for reglene om reisetid)",
        )

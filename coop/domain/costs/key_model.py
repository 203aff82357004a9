"""Cost keys (fordelingsnøkler) as agreed: parts, weights, population date, host overhead.

What a key charges each partner is computed in ``coop.domain.costs.keys``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.limits import require_bounded, require_name


def _percent(share: Decimal) -> str:
    """0.9 → '90 %', 0.125 → '12,5 %' (bokmål, for messages)."""
    return f"{(share * 100).normalize():f}".replace(".", ",") + " %"


class KeyKind(StrEnum):
    """Components a cost key (fordelingsnøkkel) can be built from."""

    EQUAL = "equal"
    POPULATION = "population"
    USAGE = "usage"
    FIXED = "fixed"

    @property
    def label(self) -> str:
        """Bokmål name of the part: likt, folketall, bruk, faste andeler."""
        return {
            "equal": "likt",
            "population": "folketall",
            "usage": "bruk",
            "fixed": "faste andeler",
        }[self.value]


@dataclass(frozen=True, slots=True)
class KeyComponent:
    """One weighted part of a cost key, e.g. 30 % equal share or 70 % population."""

    kind: KeyKind
    weight: Decimal
    metric: str | None = None
    fixed_shares: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        require_bounded(self.weight, "Vekten", Decimal(-1), Decimal(1))
        require(Decimal(0) < self.weight <= Decimal(1), "Vekten må være mellom 0 og 100 %.")
        for number, share in self.fixed_shares.items():
            require_bounded(share, f"Den faste andelen for {number}", Decimal(0), Decimal(1))
        if self.kind is KeyKind.USAGE:
            require(bool(self.metric), "En bruksnøkkel må si hva som telles (f.eks. saker).")
        if self.kind is KeyKind.FIXED:
            total = sum(self.fixed_shares.values(), Decimal(0))
            require(
                total == Decimal(1), f"Faste andeler må summere til 100 % (nå {_percent(total)})."
            )


@dataclass(frozen=True, slots=True)
class CostKey:
    """A cost key (fordelingsnøkkel) with its population reference date and host overhead."""

    name: str
    components: tuple[KeyComponent, ...]
    population_date: date | None = None
    host_overhead_pct: Decimal = Decimal(0)
    description: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        require_name(self.name, "Navnet på fordelingsnøkkelen")
        require(bool(self.components), f"Fordelingsnøkkelen «{self.name}» har ingen deler.")
        total = sum((c.weight for c in self.components), Decimal(0))
        require(
            total == Decimal(1),
            f"Vektene i fordelingsnøkkelen «{self.name}» må summere til 100 % "
            f"(nå {_percent(total)}).",
        )
        if any(c.kind is KeyKind.POPULATION for c in self.components):
            require(
                self.population_date is not None,
                f"Fordelingsnøkkelen «{self.name}» må oppgi dato for folketallet.",
            )
        require_bounded(self.host_overhead_pct, "Administrasjonstillegget", Decimal(-100),
                        Decimal(100))  # fmt: skip
        require(
            Decimal(0) <= self.host_overhead_pct <= Decimal(50),
            "Administrasjonstillegget må være mellom 0 og 50 %.",
        )

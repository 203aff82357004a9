"""The basis of one cost-key component for every member: basis_k,i in domain.md § 3.4.

Equal 1/N, fixed shares, population, target group or usage counts, each proportional to the
members' counts. Errors name the key and the municipality (by name when the caller gave
names), since the person fixing the data knows «Salangen», not «5417».
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.errors import InvalidData, require


def who(numbers: Iterable[str], names: Mapping[str, str]) -> str:
    """Municipalities for a message, by name («Salangen, Lavangen»); «kommune 5417» if unnamed."""
    return ", ".join(names.get(n) or f"kommune {n}" for n in numbers)


@dataclass(frozen=True, slots=True)
class Basis:
    """One component's basis_k,i for every member; errors name the key and the municipality."""

    key: CostKey
    members: Sequence[str]
    names: Mapping[str, str]

    def of(
        self,
        component: KeyComponent,
        population: Mapping[str, int],
        usage: Mapping[str, Mapping[str, Decimal]],
        target_group: Mapping[str, int] | None,
    ) -> dict[str, Fraction]:
        """Each member's basis for ``component``, summing to 1."""
        key, members = self.key, self.members
        if component.kind is KeyKind.EQUAL:
            return dict.fromkeys(members, Fraction(1, len(members)))
        if component.kind is KeyKind.FIXED:
            outside = sorted(set(members) ^ set(component.fixed_shares))
            require(
                not outside,
                f"Faste andeler i «{key.name}» passer ikke for {who(outside, self.names)}.",
            )
            return {m: Fraction(component.fixed_shares[m]) for m in members}
        if component.kind is KeyKind.POPULATION and component.metric is None:
            when = f" per {key.population_date:%d.%m.%Y}" if key.population_date else ""
            return self._proportional(population, f"Folketall{when}")
        if component.kind is KeyKind.POPULATION:
            if target_group is None:
                raise InvalidData(
                    f"Fordelingsnøkkelen «{key.name}» bruker målgruppen «{component.metric}», "
                    "men tall for målgruppen mangler."
                )
            return self._proportional(target_group, f"Målgruppen {component.metric}")
        metric = str(component.metric)
        require(
            metric in usage, f"Bruksdata «{metric}» mangler for fordelingsnøkkelen «{key.name}»."
        )
        return self._proportional(usage[metric], f"Bruksdata «{metric}»")

    def _proportional(self, counts: Mapping[str, int | Decimal], what: str) -> dict[str, Fraction]:
        missing = [m for m in self.members if m not in counts]
        require(
            not missing,
            f"{what} mangler for {who(missing, self.names)} («{self.key.name}»).",
        )
        values = {m: Fraction(counts[m]) for m in self.members}
        negative = [m for m, v in values.items() if v < 0]
        require(not negative, f"{what} er negativt for {who(negative, self.names)}.")
        total = sum(values.values(), Fraction(0))
        require(
            total > 0, f"{what} summerer til 0, så «{self.key.name}» kan ikke fordele etter det."
        )
        return {m: v / total for m, v in values.items()}

"""A key with fixed shares must name exactly the partners of every service that uses it.

Checked wherever a key and a service meet (saving the key, accepting a proposal, saving a
placement option), so no saved key can make a split fail later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coop.domain import errors, model
from coop.domain.costs.key_model import CostKey, KeyKind


def key_misfit(
    key: CostKey,
    uses: Iterable[tuple[str, model.ServiceArrangement]],
    names: Mapping[str, str],
    service_names: Mapping[str, str],
) -> str | None:
    """Why ``key`` cannot split one of the services in ``uses`` ((option, arrangement)), or None."""
    for component in key.components:
        if component.kind is not KeyKind.FIXED:
            continue
        named = set(component.fixed_shares)
        for option, arrangement in uses:
            if named == set(arrangement.participants):
                continue
            service = service_names.get(arrangement.service, arrangement.service)

            def listed(numbers: Iterable[str]) -> str:
                return ", ".join(names.get(n, n) for n in sorted(numbers))

            outside = named - arrangement.participants
            missing = arrangement.participants - named
            why = []
            if outside:
                why.append(f"{listed(outside)} deltar ikke")
            if missing:
                why.append(f"{listed(missing)} mangler andel")
            return (
                f"Faste andeler i «{key.name}» må gjelde nøyaktig kommunene som deltar i "
                f"«{service}» i alternativet «{option}» ({listed(arrangement.participants)}): "
                f"{' og '.join(why)}."
            )
    return None


def require_key_fits(
    key: CostKey,
    uses: Iterable[tuple[str, model.ServiceArrangement]],
    names: Mapping[str, str],
    service_names: Mapping[str, str],
) -> None:
    """Raise InvalidData when the key's fixed shares do not fit a service that uses it."""
    problem = key_misfit(key, uses, names, service_names)
    if problem:
        raise errors.InvalidData(problem)

"""Domain objects as plain JSON (decimals as strings, dates ISO), and back, exactly.

Saved agreement versions and whole-project export files use these, so a value read back is
equal to the one written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

Json = dict[str, Any]


def decimals(values: Mapping[str, Decimal]) -> dict[str, str]:
    """Decimal values as strings, by key."""
    return {k: str(v) for k, v in sorted(values.items())}


def cost_key_to_json(k: CostKey) -> Json:
    """A cost key as JSON-safe values (decimals as strings, dates ISO)."""
    return {
        "name": k.name,
        "components": [
            {
                "kind": c.kind.value,
                "weight": str(c.weight),
                "metric": c.metric,
                "fixed_shares": decimals(c.fixed_shares),
            }
            for c in k.components
        ],
        "population_date": k.population_date.isoformat() if k.population_date else None,
        "host_overhead_pct": str(k.host_overhead_pct),
        "description": k.description,
        "version": k.version,
    }


def cost_key_from_json(d: Mapping[str, Any]) -> CostKey:
    """The inverse of ``cost_key_to_json``."""
    return CostKey(
        name=d["name"],
        components=tuple(
            KeyComponent(
                KeyKind(c["kind"]),
                Decimal(c["weight"]),
                c["metric"],
                {n: Decimal(v) for n, v in c["fixed_shares"].items()},
            )
            for c in d["components"]
        ),
        population_date=date.fromisoformat(d["population_date"]) if d["population_date"] else None,
        host_overhead_pct=Decimal(d["host_overhead_pct"]),
        description=d["description"],
        version=d["version"],
    )


def policy_to_json(p: PersonnelPolicy) -> Json:
    """A personnel policy as JSON-safe values."""
    return {
        "name": p.name,
        "bands": [[str(b.from_km), str(b.grant_nok)] for b in p.bands],
        "grant_years": p.grant_years,
        "yearly": p.yearly,
        "one_way_km": p.one_way_km,
        "relocation_nok": str(p.relocation_nok),
        "relocation_share": str(p.relocation_share),
        "transition_grant_nok": str(p.transition_grant_nok),
        "description": p.description,
        "threshold_inclusive": p.threshold_inclusive,
        "transition_grant_to": p.transition_grant_to,
    }


def policy_from_json(d: Mapping[str, Any]) -> PersonnelPolicy:
    """The inverse of ``policy_to_json``."""
    return PersonnelPolicy(
        name=d["name"],
        bands=tuple(TravelBand(Decimal(km), Decimal(nok)) for km, nok in d["bands"]),
        grant_years=d["grant_years"],
        yearly=d["yearly"],
        one_way_km=d["one_way_km"],
        relocation_nok=Decimal(d["relocation_nok"]),
        relocation_share=Decimal(d["relocation_share"]),
        transition_grant_nok=Decimal(d["transition_grant_nok"]),
        description=d["description"],
        threshold_inclusive=bool(d.get("threshold_inclusive", True)),
        transition_grant_to=str(d.get("transition_grant_to", "alle")),
    )

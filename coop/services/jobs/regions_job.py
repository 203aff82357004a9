"""«Hvem bør samarbeide?» as a background job: the query and the proposal as plain JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from coop.domain import errors
from coop.services.jobs.context import JobContext
from coop.services.regions.proposal import Design, RegionProposal
from coop.services.regions.query import RegionQuery, check_query
from coop.services.regions.use_cases import propose_regions

KIND = "regions"
KINDS_OF: dict[str, type] = {
    "service": str, "county": str, "everywhere": bool, "municipalities": list,
    "min_population": int, "max_population": int, "max_members": int,
    "max_travel_min": float, "contiguous": bool, "groups": int, "keep_today": bool,
    "alone": list, "top": int, "time_limit_s": float, "project": str,
}  # fmt: skip
START_UP_S = 30.0  # reading the register and building the model


def query_to_json(q: RegionQuery) -> dict[str, Any]:
    """The query as JSON (tuples as lists)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(q).items()}


def query_from_json(data: Mapping[str, Any]) -> RegionQuery:
    """The query back from JSON, checked (bokmål errors naming the field)."""
    unknown = sorted(set(data) - set(KINDS_OF))
    errors.require(not unknown, f"Ukjent felt: {', '.join(unknown)[:200]}.")
    values: dict[str, Any] = {}
    for name, value in data.items():
        kind = KINDS_OF[name]
        ok = value is None and name not in ("service", "everywhere", "contiguous", "keep_today")
        if kind is list and isinstance(value, list):
            ok = all(isinstance(v, str) and len(v) <= 100 for v in value) and len(value) <= 400
            value = tuple(value)
        elif kind is float:
            ok = ok or (isinstance(value, int | float) and not isinstance(value, bool))
        elif kind is int:
            ok = ok or (isinstance(value, int) and not isinstance(value, bool))
        elif kind is str:
            ok = ok or (isinstance(value, str) and len(value) <= 100)
        else:
            ok = isinstance(value, bool)
        errors.require(ok, f"Feltet «{name}» har feil type.")
        values[name] = value
    errors.require("service" in values, "Feltet «service» mangler.")
    query = RegionQuery(**values)
    check_query(query)
    return query


def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Check the query before anything is queued."""
    return {"query": query_to_json(query_from_json(params.get("query") or {}))}


def time_limit_s(params: Mapping[str, Any]) -> float:
    """Top-k solves, one more for the price of today's groups, one to explain a conflict."""
    q = query_from_json(params.get("query") or {})
    return min(3600.0, START_UP_S + q.time_limit_s * (q.top + 2))


def run(ctx: JobContext) -> dict[str, Any]:
    """Run the design as the job's owner; the proposal as JSON."""
    ctx.progress("Leser kommuneregisteret og bygger modellen …")
    q = query_from_json(ctx.job.params.get("query") or {})
    return proposal_to_json(propose_regions(q, ctx.actor, ctx.uow()))


def design_to_json(d: Design) -> dict[str, Any]:
    """The issue's shape, with names, travel per member and each group's cost."""
    return {
        "status": d.status,
        "objective_nok": str(d.objective_nok),
        "gap": d.gap,
        "groups": [
            {
                "host": g.host.number,
                "members": [m.number for m in g.members],
                "names": [m.name for m in g.members],
                "travel_min": [m.travel_min for m in g.members],
                "population": g.population,
                "max_travel_min": g.max_travel_min,
                "cost_nok": str(g.cost_nok),
            }
            for g in d.groups
        ],
    }


def proposal_to_json(p: RegionProposal) -> dict[str, Any]:
    """Everything the page and the API show, amounts as decimal strings."""
    return {
        "service": p.service,
        "area": p.area,
        **design_to_json(p.best),
        "seconds": round(p.seconds, 3),
        "alternatives": [design_to_json(d) for d in p.alternatives],
        "model_size": [p.n_variables, p.n_constraints],
        "alone_nok": str(p.alone_nok),
        "today": design_to_json(p.today) if p.today else None,
        "today_sources": [
            {
                "name": c.name,
                "host": c.host,
                "members": list(c.members),
                "verified": c.verified,
                "source": c.source,
                "note": c.note,
            }
            for c in p.today_sources
        ],  # fmt: skip
        "price_of_keeping_nok": None
        if p.price_of_keeping_nok is None
        else str(p.price_of_keeping_nok),
        "fixed_cost_nok": str(p.fixed_cost_nok),
        "fixed_cost_basis": p.fixed_cost_basis,
        "scale": asdict(p.scale) if p.scale else None,
        "assumptions": [{"what": w, "basis": b} for w, b in p.assumptions],
    }

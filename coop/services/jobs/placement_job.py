"""The placement optimiser as a background job: request and proposal to and from plain JSON."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coop.domain import errors
from coop.services.jobs.context import JobContext
from coop.services.placement.request import OptionView, PlacementProposal, PlacementRequest
from coop.services.placement.use_case import propose_hosts

KIND = "placement"
START_UP_S = 30.0  # reading the project and building the model, before the first solve


def request_to_json(req: PlacementRequest) -> dict[str, Any]:
    """The rules as plain JSON (forbids as pairs)."""
    return {
        "locks": dict(req.locks),
        "forbids": [list(p) for p in req.forbids],
        "max_net_loss_fte": req.max_net_loss_fte,
        "min_services_hosted": req.min_services_hosted,
        "max_services_hosted": req.max_services_hosted,
        "max_staff_commute_min": req.max_staff_commute_min,
        "max_partner_travel_min": req.max_partner_travel_min,
        "population_share_band": req.population_share_band,
        "together": list(req.together),
        "fixed_host_cost_nok": req.fixed_host_cost_nok,
        "discount_rate_pct": req.discount_rate_pct,
        "top": req.top,
        "time_limit_s": req.time_limit_s,
    }


def request_from_json(data: Mapping[str, Any]) -> PlacementRequest:
    """The rules back from JSON; ``PlacementRequest`` checks them (bokmål errors)."""
    try:
        return PlacementRequest(
            locks={str(k): str(v) for k, v in dict(data.get("locks") or {}).items()},
            forbids=tuple((str(s), str(m)) for s, m in data.get("forbids") or ()),
            max_net_loss_fte=data.get("max_net_loss_fte"),
            min_services_hosted=data.get("min_services_hosted"),
            max_services_hosted=data.get("max_services_hosted"),
            max_staff_commute_min=data.get("max_staff_commute_min"),
            max_partner_travel_min=data.get("max_partner_travel_min"),
            population_share_band=data.get("population_share_band"),
            together=tuple(str(c) for c in data.get("together") or ()),
            fixed_host_cost_nok=data.get("fixed_host_cost_nok"),
            discount_rate_pct=data.get("discount_rate_pct"),
            top=int(data.get("top", 5)),
            time_limit_s=float(data.get("time_limit_s", 30.0)),
        )
    except (TypeError, ValueError) as error:
        raise errors.InvalidData("Reglene for optimeringen kunne ikke leses.") from error


def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Check the rules now (bad input is refused before anything is queued)."""
    req = request_from_json(params.get("request") or {})
    return {
        "request": request_to_json(req),
        "policy": params.get("policy") or None,
        "scenario": params.get("scenario") or None,
    }


def time_limit_s(params: Mapping[str, Any]) -> float:
    """Each solve has the request's limit: k ranked options, one per lock and one without."""
    req = request_from_json(params.get("request") or {})
    solves = req.top + (len(req.locks) + 1 if req.locks else 0) + 1  # +1: explaining a conflict
    return min(3600.0, START_UP_S + req.time_limit_s * solves)


def run(ctx: JobContext) -> dict[str, Any]:
    """Run the optimiser as the job's owner; the proposal as JSON."""
    params = ctx.job.params
    if ctx.job.project is None:
        raise errors.InvalidData("Jobben mangler prosjekt.")
    ctx.progress("Leser prosjektet og bygger modellen …")
    proposal = propose_hosts(
        ctx.job.project,
        ctx.uow(),
        request_from_json(params.get("request") or {}),
        params.get("policy"),
        params.get("scenario"),
        actor=ctx.actor,
        progress=ctx.progress,
    )
    return proposal_to_json(proposal)


def _option_json(o: OptionView) -> dict[str, Any]:
    return {
        "rank": o.rank,
        "objective_nok": str(o.objective_nok),
        "delta_nok": str(o.delta_nok),
        "hosts": dict(o.hosts),
        "by_kind": {k: str(v) for k, v in o.by_kind.items()},
        "by_municipality": {k: str(v) for k, v in o.by_municipality.items()},
        "net_fte": {k: str(v) for k, v in o.net_fte.items()},
    }


def _option(d: Mapping[str, Any]) -> OptionView:
    return OptionView(
        rank=d["rank"],
        objective_nok=Decimal(d["objective_nok"]),
        delta_nok=Decimal(d["delta_nok"]),
        hosts=dict(d["hosts"]),
        by_kind={k: Decimal(v) for k, v in d["by_kind"].items()},
        by_municipality={k: Decimal(v) for k, v in d["by_municipality"].items()},
        net_fte={k: Decimal(v) for k, v in d["net_fte"].items()},
    )


def proposal_to_json(p: PlacementProposal) -> dict[str, Any]:
    """The proposal as JSON: kroner and FTE as decimal strings, names kept."""
    return {
        "project": p.project,
        "policy": p.policy,
        "status": p.status,
        "best": _option_json(p.best),
        "alternatives": [_option_json(a) for a in p.alternatives],
        "price_of_locks": {k: str(v) for k, v in p.price_of_locks.items()},
        "names": dict(p.names),
        "service_names": dict(p.service_names),
        "model_size": list(p.model_size),
        "seconds": p.seconds,
        "basis": p.basis,
    }


def proposal_from_json(d: Mapping[str, Any]) -> PlacementProposal:
    """The proposal back from a finished job's result, for the page."""
    rows, cols = d["model_size"]
    return PlacementProposal(
        project=d["project"],
        policy=d["policy"],
        status=d["status"],
        best=_option(d["best"]),
        alternatives=tuple(_option(a) for a in d["alternatives"]),
        price_of_locks={k: Decimal(v) for k, v in d["price_of_locks"].items()},
        names=dict(d["names"]),
        service_names=dict(d["service_names"]),
        model_size=(rows, cols),
        seconds=float(d["seconds"]),
        basis=d["basis"],
    )

"""Splitting a service's cost (nucleolus, least core, Shapley …) as a background job.

The rule for when it may run inside a request instead: a service with at most
``INLINE_MAX_PARTNERS`` partners. Its cost game then has at most 2^6 − 1 = 63 coalitions, so
every method enumerates them exactly (no row generation, no sampling) with LPs of at most 63
rows, and the transition costs take 6 × 6 calculations: milliseconds (the demo's four
partners: bench/jobs_inline_split.py). Above it the exact game grows as 2^n and the nucleolus
turns to row generation with a solver per round, so the request starts a job instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from coop.domain import errors
from coop.domain.assumptions import check_gain_pct
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.jobs.context import JobContext
from coop.services.splits.cost_split import METHODS, SplitResult, split_service

KIND = "split"
INLINE_MAX_PARTNERS = 6
TIME_LIMIT_S = 900.0  # 30+ partners: a few LPs per method, each with the solver's own limit


def partner_count(slug: str, service: str, uow: UnitOfWork) -> int:
    """How many municipalities take part in the service (decides inline or job)."""
    with uow:
        return len(uow.projects.get(slug).participants_of(service))


def runs_inline(slug: str, service: str, uow: UnitOfWork) -> bool:
    """True when the split is small enough to compute inside a request (see the module)."""
    return partner_count(slug, service, uow) <= INLINE_MAX_PARTNERS


def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Check service, methods, option and gain now (bokmål errors, nothing queued)."""
    service = params.get("service")
    errors.require(
        isinstance(service, str) and 0 < len(service) <= 40, "Oppgi tjenesten (service)."
    )
    methods = params.get("methods") or list(METHODS)
    errors.require(
        isinstance(methods, list | tuple) and all(isinstance(m, str) for m in methods),
        "methods må være en liste med metoder.",
    )
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise errors.InvalidData(
            f"Ukjent metode «{unknown[0][:40]}»; velg blant {', '.join(METHODS)}."
        )
    scenario = params.get("scenario") or None
    errors.require(
        scenario is None or (isinstance(scenario, str) and len(scenario) <= 100),
        "scenario må være navnet på et alternativ.",
    )
    gain = params.get("gain_pct")
    if gain is not None:
        try:
            check_gain_pct(Decimal(str(gain)))
        except InvalidOperation as error:
            raise errors.InvalidData("gain_pct må være et tall.") from error
    return {
        "service": service,
        "methods": list(dict.fromkeys(methods)),
        "scenario": scenario,
        "gain_pct": None if gain is None else str(gain),
    }


def time_limit_s(_params: Mapping[str, Any]) -> float:
    """One limit for every split job."""
    return TIME_LIMIT_S


def run(ctx: JobContext) -> dict[str, Any]:
    """Split by each method in turn (progress per method; cancel between methods)."""
    p = ctx.job.params
    if ctx.job.project is None:
        raise errors.InvalidData("Jobben mangler prosjekt.")
    gain = None if p.get("gain_pct") is None else Decimal(p["gain_pct"])
    results: list[SplitResult] = []
    for method in p["methods"]:
        ctx.progress(f"Beregner {method} ({len(results) + 1} av {len(p['methods'])}) …")
        results += split_service(
            ctx.job.project, p["service"], ctx.uow(), (method,), p.get("scenario"), gain
        )
    return {"results": [result_json(r) for r in results]}


def result_json(r: SplitResult) -> dict[str, Any]:
    """One split as JSON: kroner as whole-number strings, the core check, names."""
    return {
        "service": r.service,
        "method": r.method,
        "label": r.label,
        "allocation": {k: str(v) for k, v in r.allocation.items()},
        "standalone": {k: str(v) for k, v in r.standalone.items()},
        "total_nok": str(r.total_nok),
        "in_core": r.in_core,
        "max_excess_nok": str(r.max_excess_nok),
        "blocking_coalition": (
            None if r.blocking_coalition is None else list(r.blocking_coalition)
        ),
        "individually_rational": r.individually_rational,
        "core_empty": r.core_empty,
        "key_name": r.key_name,
        "basis": r.basis,
        "gain_pct": str(r.gain_pct),
        "names": dict(r.names),
    }


def results_from_json(result: Mapping[str, Any]) -> list[SplitResult]:
    """The splits a finished job stored (``result_json`` read back), for the finance page."""
    out = []
    for r in result.get("results", []):
        blocking = r.get("blocking_coalition")
        core_empty = r.get("core_empty")
        out.append(
            SplitResult(
                service=str(r["service"]),
                method=str(r["method"]),
                label=str(r["label"]),
                allocation={k: Decimal(v) for k, v in r["allocation"].items()},
                standalone={k: Decimal(v) for k, v in r["standalone"].items()},
                total_nok=Decimal(r["total_nok"]),
                in_core=bool(r["in_core"]),
                max_excess_nok=Decimal(r["max_excess_nok"]),
                blocking_coalition=None if blocking is None else tuple(blocking),
                individually_rational=bool(r["individually_rational"]),
                core_empty=None if core_empty is None else bool(core_empty),
                key_name=r.get("key_name"),
                basis=str(r["basis"]),
                gain_pct=Decimal(r["gain_pct"]),
                names=dict(r.get("names") or {}),
            )
        )
    return out

"""The saksframlegg's comparison and optimiser figures as a background job (issue 15.3).

The print view of a large project's saksframlegg starts this job instead of solving the
placement model inside the request, and is shown again with ``jobb`` when the figures are
ready (``case_figures``; the rule for what runs inline is ``runs_inline`` there).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coop.domain import errors
from coop.services.casework.case_figures import TIME_LIMIT_S, case_figures, figures_json
from coop.services.jobs.context import JobContext

_NUMBER = re.compile(r"^\d{4}$")


def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Scenario and kommunenummer, checked before anything is queued."""
    scenario, number = params.get("scenario"), params.get("number")
    errors.require(isinstance(scenario, str) and 0 < len(scenario) <= 100, "Oppgi alternativet.")
    errors.require(
        isinstance(number, str) and bool(_NUMBER.match(number)),
        "Oppgi kommunenummeret med fire sifre.",
    )
    return {"scenario": scenario, "number": number}


def time_limit_s(_params: Mapping[str, Any]) -> float:
    """One limit for every such job."""
    return TIME_LIMIT_S


def run(ctx: JobContext) -> dict[str, Any]:
    """Compare the options and price the option's hosts; the figures as JSON."""
    p = ctx.job.params
    if ctx.job.project is None:
        raise errors.InvalidData("Jobben mangler prosjekt.")
    ctx.progress("Sammenligner alternativene og regner ut prisen på vertskommunene …")
    figures = case_figures(ctx.job.project, p["scenario"], p["number"], ctx.uow())
    return figures_json(figures)

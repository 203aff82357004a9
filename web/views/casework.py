"""The council case package: the package's adoption tracker, saksframlegg per council, PDF."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from coop.domain.errors import InvalidData, NotFound
from coop.domain.jobs import JobStatus
from coop.services.casework.case_figures import KIND as FIGURES_JOB
from coop.services.casework.case_figures import figures_from_json, runs_inline
from coop.services.casework.case_package import case_package
from coop.services.casework.tracker import package_adoption
from coop.services.jobs.records import job_status
from web.case_print import CASE_JOB, case_html
from web.views import jobs
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("casework", __name__, url_prefix="/saksframlegg")


@bp.get("/<slug>/<scenario>")
@requires()
def package(slug: str, scenario: str) -> str:
    """Where every council stands on every agreement, and a saksframlegg per council."""
    view = package_adoption(slug, scenario, get_uow())
    return render_template("casework/package.html", view=view)


@bp.get("/<slug>/<scenario>/<number>")
@requires()
def printable(slug: str, scenario: str, number: str) -> str | BaseResponse:
    """One council's saksframlegg with the agreements attached, for print (A4).

    For a project of more than ``INLINE_MAX_MEMBERS`` municipalities the comparison and the
    optimiser's price (the placement model, solved several times) are a background job: the
    request starts it and answers 303 to its page, which links back here with ``jobb``
    (issue 15.3). The printed case is the same either way.
    """
    figures = None
    if request.args.get("jobb"):
        job = job_status(request.args["jobb"], current_actor(), get_uow())
        params = {"scenario": scenario, "number": number}
        if job.kind != FIGURES_JOB or job.project != slug or dict(job.params) != params:
            raise NotFound("Fant ikke jobben for dette saksframlegget.")
        if job.status in (JobStatus.FAILED, JobStatus.CANCELLED):
            raise InvalidData(job.error or "Beregningen ble avbrutt; åpne saksframlegget på nytt.")
        if job.status is not JobStatus.DONE:
            return redirect(url_for("jobs.status", job_id=job.id), 303)
        figures = figures_from_json(job.result or {})
    elif not runs_inline(slug, get_uow()):
        _check_party(slug, scenario, number)
        job = jobs.start(FIGURES_JOB, {"scenario": scenario, "number": number}, slug)
        return redirect(url_for("jobs.status", job_id=job.id), 303)
    package = case_package(slug, scenario, number, get_uow(), figures)
    return case_html(current_app, package, False)


@bp.get("/<slug>/<scenario>/<number>/saksframlegg.pdf")
@requires()
def pdf(slug: str, scenario: str, number: str) -> BaseResponse:
    """The same as a PDF, made in a background job; the job's page offers the file."""
    _check_party(slug, scenario, number)
    job = jobs.start(CASE_JOB, {"scenario": scenario, "number": number}, slug)
    return redirect(url_for("jobs.status", job_id=job.id), 303)


def _check_party(slug: str, scenario: str, number: str) -> None:
    """404 now for an unknown project or option, or a council that is party to nothing."""
    view = package_adoption(slug, scenario, get_uow())
    if number not in {c.number for c in view.status.councils}:
        raise NotFound(
            f"Kommunenummer {number} er ikke part i noen avtale i alternativet «{scenario}» "
            f"i «{view.project_name}»."
        )

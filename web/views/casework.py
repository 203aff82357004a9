"""The council case package: the package's adoption tracker, saksframlegg per council, PDF."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from werkzeug.wrappers import Response as BaseResponse

from coop.domain.errors import NotFound
from coop.services.casework.case_package import case_package
from coop.services.casework.tracker import package_adoption
from web.case_print import CASE_JOB, case_html
from web.views import jobs
from web.views.auth import get_uow, requires

bp = Blueprint("casework", __name__, url_prefix="/saksframlegg")


@bp.get("/<slug>/<scenario>")
@requires()
def package(slug: str, scenario: str) -> str:
    """Where every council stands on every agreement, and a saksframlegg per council."""
    view = package_adoption(slug, scenario, get_uow())
    return render_template("casework/package.html", view=view)


@bp.get("/<slug>/<scenario>/<number>")
@requires()
def printable(slug: str, scenario: str, number: str) -> str:
    """One council's saksframlegg with the agreements attached, for print (A4)."""
    return case_html(current_app, case_package(slug, scenario, number, get_uow()), False)


@bp.get("/<slug>/<scenario>/<number>/saksframlegg.pdf")
@requires()
def pdf(slug: str, scenario: str, number: str) -> BaseResponse:
    """The same as a PDF, made in a background job; the job's page offers the file."""
    view = package_adoption(slug, scenario, get_uow())  # unknown project or option: 404 now
    if number not in {c.number for c in view.status.councils}:
        raise NotFound(
            f"Kommunenummer {number} er ikke part i noen avtale i alternativet «{scenario}» "
            f"i «{view.project_name}»."
        )
    job = jobs.start(CASE_JOB, {"scenario": scenario, "number": number}, slug)
    return redirect(url_for("jobs.status", job_id=job.id), 303)

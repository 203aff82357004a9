"""Background jobs on the web: start one and return at once, a status page that follows it.

The status page asks for the job's status (static/jobs.js; without JavaScript a link does)
and shows the result when it is there; the owner may cancel.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop.domain.errors import NotFound
from coop.domain.jobs import Job, JobStatus
from coop.services.jobs.records import cancel_job, job_status, start_job
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("jobs", __name__, url_prefix="/jobber")
# Kinds whose result has a page of its own (it takes ``slug`` and ``jobb``).
RESULT_PAGES = {"placement": "placement.propose"}
CASE_KINDS = ("case-figures", "case-package-pdf")  # started from a council's saksframlegg


def start(kind: str, params: Mapping[str, Any], project: str | None) -> Job:
    """Start a job for the logged-in user with the app's runner; the queued job."""
    runner = current_app.extensions["coop.jobs"]
    return start_job(kind, params, project, current_actor(), get_uow(), runner)


def label(job: Job) -> str:
    """What the job is called on screen."""
    kind = current_app.extensions["coop.jobs"].kinds.get(job.kind)
    return kind.label if kind else job.kind


@bp.get("/<job_id>")
@requires()
def status(job_id: str) -> str:
    """One job: status, progress, error; a link to the result page when there is one."""
    job = job_status(job_id, current_actor(), get_uow())
    page = RESULT_PAGES.get(job.kind)
    result_url = url_for(page, slug=job.project, jobb=job.id) if page and job.project else None
    if job.kind == "split" and job.project and "service" in job.params:
        result_url = url_for("finance.split", slug=job.project, service=job.params["service"],
                             jobb=job.id)  # fmt: skip
    if job.kind in ("budget-preview", "budget-commit"):  # the import page follows it
        result_url = url_for("imports.job", job_id=job.id)
    p = job.params
    if job.kind == "case-figures" and job.project and {"scenario", "number"} <= p.keys():
        result_url = url_for("casework.printable", slug=job.project, scenario=p["scenario"],
                             number=p["number"], jobb=job.id)  # fmt: skip
    if job.result and "file_base64" in job.result:
        result_url = url_for("jobs.file", job_id=job.id)
    return render_template(
        "jobs/status.html",
        job=job,
        label=label(job),
        result_url=result_url,
        origin=origin(job),
        back=request.full_path,
    )


def origin(job: Job) -> tuple[str, str] | None:
    """The page the job was started from, as (link text, address), to go back to."""
    p = job.params
    if job.kind == "split":
        return None
    if job.kind in CASE_KINDS and job.project and "scenario" in p:
        url = url_for("casework.package", slug=job.project, scenario=p["scenario"])
        return "Tilbake til saksframlegg og vedtak", url
    if job.project and {"scenario", "service"} <= p.keys() and job.kind not in RESULT_PAGES:
        url = url_for("agreements.draft", slug=job.project, scenario=p["scenario"],
                      service=p["service"])  # fmt: skip
        return "Tilbake til avtaleutkastet", url
    return None


@bp.post("/<job_id>/avbryt")
@requires()
def cancel(job_id: str) -> Response:
    """Cancel (queued) or ask to stop (running); back to where the user came from."""
    job = cancel_job(job_id, current_actor(), get_uow())
    flash(
        "Jobben er avbrutt."
        if job.status.finished
        else "Jobben stopper ved neste trinn; en pågående beregning stopper senest ved tidsgrensen."
    )
    target = request.form.get("neste", "")
    if target.startswith("/") and not urlsplit(target).netloc:
        return redirect(target)
    return redirect(url_for("jobs.status", job_id=job.id))


@bp.get("/<job_id>/fil")
@requires()
def file(job_id: str) -> Response:
    """The file a finished job made (the agreement PDF), to its owner."""
    job = job_status(job_id, current_actor(), get_uow())
    if job.status is not JobStatus.DONE or not job.result or "file_base64" not in job.result:
        raise NotFound("Jobben har ingen fil (ennå).")
    data = base64.b64decode(job.result["file_base64"])
    response = Response(data, mimetype=job.result.get("mimetype", "application/octet-stream"))
    name = str(job.result.get("filename", "fil")).replace('"', "")
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    return response

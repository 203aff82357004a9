"""JSON doors to «Hvem bør samarbeide?»: start a region design as a job, read it, cancel it.

Routes on the ``api`` blueprint (``web.api.routes`` imports this module to add them). The
solve runs as a background job (``coop.services.jobs``), so the request returns at once with
202 and the job's address; reading the job gives its progress and, when done, the result in
the shape of ``coop regions --json`` (plus names, costs and today's cooperations).
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, url_for

from coop.domain.access import Role
from coop.domain.jobs import Job
from coop.services.jobs.records import cancel_job, job_status, start_job
from coop.services.jobs.regions_job import KIND, KINDS_OF
from web.api.body import json_object
from web.api.routes import bp
from web.views.auth import current_actor, get_uow, requires


def job_json(job: Job) -> dict[str, Any]:
    """A job as the API shows it; ``result`` once it has finished."""
    return {
        "job": job.id,
        "kind": job.kind,
        "status": str(job.status),
        "progress": job.progress,
        "error": job.error or None,
        "result": dict(job.result) if job.result is not None else None,
        "url": url_for("api.region_job", job_id=job.id),
    }


@bp.post("/regions")
@requires(Role.STEERING)
def regions() -> tuple[Response, int]:
    """Start a region design (fields as ``coop regions``); 202 with the job to follow."""
    body = json_object(KINDS_OF)
    runner = current_app.extensions["coop.jobs"]
    job = start_job(KIND, {"query": body}, None, current_actor(), get_uow(), runner)
    return jsonify(job_json(job)), 202


@bp.get("/regions/jobs/<job_id>")
@requires()
def region_job(job_id: str) -> Response:
    """A region-design job: status, progress, and the result when finished."""
    return jsonify(job_json(job_status(job_id[:64], current_actor(), get_uow())))


@bp.delete("/regions/jobs/<job_id>")
@requires()
def cancel_region_job(job_id: str) -> Response:
    """Cancel a region-design job (a running one stops at its next step)."""
    return jsonify(job_json(cancel_job(job_id[:64], current_actor(), get_uow())))

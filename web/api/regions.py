"""JSON door to «Hvem bør samarbeide?»: start a region design as a background job.

A route on the ``api`` blueprint (``web.api.routes`` imports this module to add it). The solve
runs as a background job (``coop.services.jobs``), so the request returns at once with 202 and
the job's ``Location`` (``GET /api/jobs/{id}``; cancel with ``POST /api/jobs/{id}/cancel``).
The job's ``result`` has the shape of ``coop regions --json`` plus names, costs per group,
today's known cooperations and the assumptions with their basis.
"""

from __future__ import annotations

from flask import Response, jsonify, url_for

from coop.domain.access import Role
from coop.services.jobs.regions_job import KIND, KINDS_OF
from web.api.body import json_object
from web.api.routes import bp
from web.api.serialize import job_json
from web.views import jobs
from web.views.auth import requires


@bp.post("/regions")
@requires(Role.STEERING)
def regions() -> tuple[Response, int, dict[str, str]]:
    """Start a region design (fields as ``coop regions``); 202 with the job to follow."""
    started = jobs.start(KIND, {"query": json_object(KINDS_OF)}, None)
    location = url_for("api.job", job_id=started.id)
    return jsonify(job_json(started)), 202, {"Location": location}

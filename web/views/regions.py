"""«Hvem bør samarbeide?»: pick area, service and rules; see proposed groups on a map.

The solve runs as a background job (``coop.services.jobs``); the page returns at once with
``jobb`` and follows it (static/jobs.js), then shows the groups, their cost against today and
a button that turns a group into a new project.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError, NotFound
from coop.domain.typed_numbers import typed_decimal
from coop.services.jobs.records import job_status
from coop.services.jobs.regions_job import KIND, query_to_json
from coop.services.regions.use_cases import region_areas, region_map
from web.views import jobs
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("regions", __name__, url_prefix="/hvem-bor-samarbeide")
TIME_LIMIT_S = 20.0  # per solve on the web; the job may take a few solves (top-k, price)
LABELS = {
    "min_folketall": ("Minste folketall per gruppe", 10_000_000),
    "maks_folketall": ("Største folketall per gruppe", 10_000_000),
    "maks_kommuner": ("Flest kommuner per gruppe", 357),
    "maks_reise": ("Lengste reise til vertskommunen", 1440),
    "grupper": ("Antall grupper", 357),
    "antall": ("Antall forslag", 10),
}


def _number(name: str) -> int | None:
    raw = request.args.get(name, "")
    if not raw.strip():
        return None
    label, high = LABELS[name]
    return int(typed_decimal(raw, label, Decimal(0), Decimal(high)))


def _query() -> services.RegionQuery:
    """The form (query arguments) as a query; the service checks the bounds again."""
    area = request.args.get("omrade", "fylke")
    listed = request.args.get("kommuner", "")
    alone = request.args.get("alene", "")
    return services.RegionQuery(
        service=request.args.get("tjeneste", "barnevern"),
        county=request.args.get("fylke", "") if area == "fylke" else None,
        everywhere=area == "alle",
        municipalities=tuple(t.strip() for t in listed.split(",") if t.strip())
        if area == "liste"
        else (),
        min_population=_number("min_folketall"),
        max_population=_number("maks_folketall"),
        max_members=_number("maks_kommuner"),
        max_travel_min=_number("maks_reise"),
        contiguous=bool(request.args.get("sammenhengende")),
        groups=_number("grupper"),
        keep_today=bool(request.args.get("behold_dagens")),
        alone=tuple(t.strip() for t in alone.split(",") if t.strip()),
        top=max(1, _number("antall") or 1),
        time_limit_s=TIME_LIMIT_S,
        project=request.args.get("prosjekt", "").strip()[:100] or None,
    )


def _map(result: dict[str, Any]) -> Markup:
    groups = [(g["host"], g["members"]) for g in result["groups"]]
    names = {m: n for g in result["groups"] for m, n in zip(g["members"], g["names"], strict=True)}
    return Markup(region_map(groups, names))  # noqa: S704 (built from escaped parts)


@bp.get("/")
@requires(Role.STEERING)
def page() -> tuple[str, int] | Response:
    """Form; ``kjor`` starts the design as a job, ``jobb`` shows its progress or result."""
    uow = get_uow()
    context: dict[str, Any] = {
        "args": request.args,
        "areas": region_areas(uow),
        "catalogue": services.list_catalogue(uow).available,
        "projects": services.list_projects(uow, current_actor()),
        "time_limit": TIME_LIMIT_S,
    }
    status = 200
    if request.args.get("kjor"):
        try:
            job = jobs.start(KIND, {"query": query_to_json(_query())}, None)
        except CoopError as error:
            context["error"], status = error.message, 422
        else:
            kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("kjor", "jobb")]
            return redirect(
                f"{url_for('regions.page')}?{urlencode([*kept, ('jobb', job.id)])}", 303
            )
    elif request.args.get("jobb"):
        job = job_status(request.args["jobb"], current_actor(), uow)
        if job.kind != KIND:
            raise NotFound("Fant ikke jobben.")
        context.update(job=job, label=jobs.label(job), back=request.full_path)
        if job.status.value == "done" and job.result is not None:
            context["result"] = job.result
            context["map"] = _map(dict(job.result))
        elif job.status.value == "failed":
            context["error"] = job.error
    return render_template("regions/page.html", **context), status


@bp.post("/prosjekt")
@requires(Role.STEERING)
def make_project() -> Response:
    """Turn one proposed group into a new project (the own-project flow) in one click."""
    members = [m for m in request.form.get("medlemmer", "").split(",") if m.strip()][:60]
    service = request.form.get("tjeneste", "")[:40]
    name = request.form.get("navn", "")[:100] or "Nytt samarbeid"
    project = services.create_project(name, members, [service], current_actor(), get_uow())
    return redirect(url_for("pages.project", slug=project.slug), 303)

"""JSON API under /api for the same use cases as the pages; OpenAPI 3 at /api/openapi.json."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from coop import services
from coop.domain.access import Role
from coop.domain.errors import InvalidData
from coop.domain.limits import (
    MAX_FTE,
    MAX_GAIN_TYPED,
    MAX_MINUTES_TYPED,
    optional,
    read_count,
    read_decimal,
    read_kroner,
    read_percent,
    read_version,
)
from coop.services.jobs import split_job
from coop.services.jobs.placement_job import KIND, request_to_json
from coop.services.jobs.records import cancel_job, job_status
from web.api.openapi import openapi_document
from web.api.schema import checked_body
from web.api.serialize import job_json, jsonable
from web.views import jobs
from web.views.auth import (
    bearer_token,
    csrf,
    current_actor,
    get_uow,
    public,
    requires,
    token_authenticated,
)

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)


@bp.before_request
def _csrf_for_session_writes() -> None:
    """Writes authenticated by the session cookie need the X-CSRFToken header.

    Only a bearer token that authenticated skips the check; a bad token is a 401 (the session
    cookie is ignored when a token is sent, see ``web.views.auth``).
    """
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if bearer_token(request) is not None:
        if current_user.is_authenticated and token_authenticated():
            return
        abort(401)
    try:
        validate_csrf(request.headers.get("X-CSRFToken", ""))
    except ValidationError as error:
        raise CSRFError("CSRF-token mangler eller er ugyldig (send X-CSRFToken).") from error


def _json_body() -> dict[str, Any]:
    """The body, bounded and checked against the schema ``/api/openapi.json`` publishes."""
    return checked_body()


@bp.get("/openapi.json")
@public
def openapi() -> Response:
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi_document())


@bp.get("/projects")
@requires()
def projects() -> Response:
    """All projects with municipalities, services and FTE baselines."""
    return jsonify(jsonable(services.list_projects(get_uow(), current_actor())))


@bp.get("/projects/<slug>")
@requires()
def project(slug: str) -> Response:
    """One project."""
    return jsonify(jsonable(services.project_overview(slug, get_uow())))


@bp.get("/projects/<slug>/scenarios")
@requires()
def scenarios(slug: str) -> Response:
    """All placement options of a project."""
    return jsonify(jsonable(services.list_scenarios(slug, get_uow())))


@bp.get("/projects/<slug>/scenarios/<name>")
@requires()
def scenario(slug: str, name: str) -> Response:
    """One placement option."""
    return jsonify(jsonable(services.get_scenario(slug, name, get_uow())))


@bp.put("/projects/<slug>/scenarios/<name>")
@requires()
def put_scenario(slug: str, name: str) -> tuple[Response, int]:
    """Create (no version) or update (with the version read) a placement option."""
    body = _json_body()
    version = body.get("version")
    saved = services.edit_scenario(
        slug,
        name,
        body.get("arrangements") or [],
        current_actor(),
        get_uow(),
        None if version is None else read_version(version, "version"),
        body.get("policy"),
        str(body.get("description", "")),
    )
    fresh = services.get_scenario(slug, saved.name, get_uow())
    return jsonify(jsonable(fresh)), 200 if version is not None else 201


@bp.get("/projects/<slug>/scenarios/<name>/transition-cost")
@requires()
def transition(slug: str, name: str) -> Response:
    """Transition costs of a placement option (travel grants, relocation, trips, tax)."""
    report = services.transition_cost(slug, name, get_uow(), request.args.get("policy") or None)
    return jsonify(jsonable(report))


@bp.get("/projects/<slug>/compare")
@requires()
def compare(slug: str) -> Response:
    """Up to four options side by side (default: the first four), against today and a target."""
    target = optional(read_kroner, request.args.get("savings_target"), "savings_target")
    names = request.args.getlist("scenario")
    if not names:  # none chosen: the project's first four options
        names = [s.name for s in services.list_scenarios(slug, get_uow())][:4]
    gain = _gain()
    result = services.compare_scenarios(slug, names, get_uow(), target, gain)
    return jsonify(jsonable(result))


@bp.post("/projects/<slug>/placement")
@requires(Role.STEERING)
def placement(slug: str) -> tuple[Response, int, dict[str, str]]:
    """Start the optimiser as a background job: 202 with the job and its ``Location``.

    ``GET /api/jobs/{id}`` then gives its status and, when done, the best placement, ranked
    options and lock prices as ``result``.
    """
    body = _json_body()
    rules = services.PlacementRequest(
        locks=_string_map(body.get("locks"), "locks"),
        forbids=_forbids(body.get("forbids")),
        max_net_loss_fte=_float(body, "max_net_loss_fte", MAX_FTE),
        min_services_hosted=_whole(body, "min_services_hosted", 0, 1000),
        max_services_hosted=_whole(body, "max_services_hosted", 0, 1000),
        max_staff_commute_min=_float(body, "max_staff_commute_min", MAX_MINUTES_TYPED),
        max_partner_travel_min=_float(body, "max_partner_travel_min", MAX_MINUTES_TYPED),
        population_share_band=_float(body, "population_share_band", Decimal(1)),
        together=_strings(body.get("together"), "together"),
        fixed_host_cost_nok=_float(body, "fixed_host_cost_nok", Decimal(10**9)),
        discount_rate_pct=_float(body, "discount_rate_pct", Decimal(20)),
        top=_whole(body, "top", 1, 10) or 5,
        time_limit_s=20.0,
    )
    params = {
        "request": request_to_json(rules),
        "policy": _text(body, "policy"),
        "scenario": _text(body, "scenario"),
    }
    started = jobs.start(KIND, params, slug)
    location = url_for("api.job", job_id=started.id)
    return jsonify(job_json(started)), 202, {"Location": location}


@bp.get("/jobs/<job_id>")
@requires()
def job(job_id: str) -> Response:
    """A background job: status, progress, and its result or error when it has ended."""
    return jsonify(job_json(job_status(job_id, current_actor(), get_uow())))


@bp.post("/jobs/<job_id>/cancel")
@requires()
def cancel_job_route(job_id: str) -> Response:
    """Cancel a queued job, or ask a running one to stop at its next step."""
    return jsonify(job_json(cancel_job(job_id, current_actor(), get_uow())))


@bp.get("/projects/<slug>/services/<service>/split")
@requires()
def split(slug: str, service: str) -> Response:
    """A service's yearly cost split by its key and by fair division, each checked.

    Only for services small enough to split inside a request (``split_job.runs_inline``);
    larger ones are refused with a pointer to ``POST`` on the same path (a background job).
    """
    if not split_job.runs_inline(slug, service, get_uow()):
        raise InvalidData(
            f"Tjenesten har flere enn {split_job.INLINE_MAX_PARTNERS} deltakere, så fordelingen "
            "beregnes som bakgrunnsjobb: send POST til samme adresse og følg Location."
        )
    method = request.args.get("method")
    gain = _gain()
    results = services.split_service(
        slug,
        service,
        get_uow(),
        (method,) if method else services.METHODS,
        request.args.get("scenario") or None,
        gain,
    )
    return jsonify(jsonable(results))


@bp.post("/projects/<slug>/services/<service>/split")
@requires()
def split_as_job(slug: str, service: str) -> tuple[Response, int, dict[str, str]]:
    """Start the split (any size) as a background job: 202 with the job and its Location."""
    body = _json_body()
    params = {
        "service": service,
        "methods": body.get("methods"),
        "scenario": _text(body, "scenario"),
        "gain_pct": _float(body, "efficiency_gain_pct", MAX_GAIN_TYPED),
    }
    started = jobs.start(split_job.KIND, params, slug)
    location = url_for("api.job", job_id=started.id)
    return jsonify(job_json(started)), 202, {"Location": location}


@bp.get("/projects/<slug>/cost-keys")
@requires()
def cost_keys(slug: str) -> Response:
    """A project's cost keys and the placement options that use each."""
    return jsonify(jsonable(services.list_cost_keys(slug, current_actor(), get_uow())))


def _gain() -> Decimal | None:
    """``efficiency_gain_pct`` from the query; the domain rule (under 100 %) speaks after."""
    raw = request.args.get("efficiency_gain_pct")
    return optional(read_percent, raw, "efficiency_gain_pct", -MAX_GAIN_TYPED, MAX_GAIN_TYPED)


def _strings(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidData(f"{name} må være en liste med tjenestekoder.")
    if len(value) > 40:
        raise InvalidData(f"{name} kan ha høyst 40 tjenester.")
    return tuple(value)


def _float(body: dict[str, Any], name: str, high: Decimal) -> float | None:
    """A JSON number from 0 to ``high`` (the solver works in floats), or None when absent."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidData(f"{name} må være et tall.")
    return float(read_decimal(value, name, Decimal(0), high))


def _whole(body: dict[str, Any], name: str, low: int, high: int) -> int | None:
    """A JSON whole number from ``low`` to ``high``, or None when absent."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidData(f"{name} må være et helt tall fra {low} til {high}.")
    return read_count(value, name, low, high)


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InvalidData(f"{name} må være en tekst.")
    return value


def _forbids(value: Any) -> tuple[tuple[str, str], ...]:
    """{"service": ["kommunenummer", ...]}: hosts that may not host the service."""
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(m, str) for m in v)
        for k, v in value.items()
    ):
        raise InvalidData("forbids må være et objekt med tjenestekode → liste av kommunenumre.")
    return tuple((service, m) for service, hosts in value.items() for m in hosts)


def _string_map(value: Any, name: str) -> dict[str, str]:
    """{"service": "kommunenummer"}: the locked host per service."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidData(f"{name} må være et objekt med tjenestekode → kommunenummer.")
    return dict(value)


@bp.get("/me")
@requires()
def me() -> Response:
    """Who am I: username, role and municipalities."""
    return jsonify(jsonable(current_user.actor))


# The own-project doors live in their own modules; importing them adds their routes to ``bp``.
from web.api import project_editing, project_figures, regions  # noqa: E402, F401

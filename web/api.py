"""JSON API under /api for the same use cases as the pages; OpenAPI 3 at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from coop import services
from coop.model import InvalidData
from web.auth import csrf, current_actor, get_uow, public, requires
from web.openapi import openapi_document
from web.serialize import jsonable

bp = Blueprint("api", __name__, url_prefix="/api")
csrf.exempt(bp)


@bp.before_request
def _csrf_for_session_writes() -> None:
    """Writes authenticated by the session cookie need the X-CSRFToken header."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return
    try:
        validate_csrf(request.headers.get("X-CSRFToken", ""))
    except ValidationError as error:
        raise CSRFError("CSRF-token mangler eller er ugyldig (send X-CSRFToken).") from error


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidData("Forespørselen må ha en JSON-kropp (objekt).")
    return body


@bp.get("/openapi.json")
@public
def openapi() -> Response:
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi_document())


@bp.get("/projects")
@requires()
def projects() -> Response:
    """All projects with municipalities, services and FTE baselines."""
    return jsonify(jsonable(services.list_projects(get_uow())))


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
        int(version) if version is not None else None,
        body.get("policy"),
        str(body.get("description", "")),
    )
    fresh = services.get_scenario(slug, saved.name, get_uow())
    return jsonify(jsonable(fresh)), 200 if version is not None else 201


@bp.get("/me")
@requires()
def me() -> Response:
    """Who am I: username, role and municipalities."""
    return jsonify(jsonable(current_user.actor))

"""JSON doors to an own project: create, details, members, services, participation, transfer.

Routes on the ``api`` blueprint (``web.api.routes`` imports this module to add them). Role
checks live in the use cases; the routes declare them too, so a reader's write is refused
(403) before its body is read. A body is read with ``web.api.body``: every field is bounded.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from coop import services
from coop.domain.access import Role
from coop.domain.assumptions import MAX_TRIPS_PER_YEAR
from coop.domain.errors import InvalidData
from coop.services.project_editing.creation import DEFAULT_PRESET
from coop.services.project_editing.members import MAX_MEMBERS
from coop.services.project_editing.own_services import DEFAULT_TRIPS_OWN_SERVICE
from coop.services.project_editing.participation import PARTICIPATION
from coop.services.project_editing.service_list import MAX_SERVICES
from coop.services.project_transfer import MAX_FILE_BYTES
from web.api import body as fields
from web.api.routes import bp
from web.api.serialize import change_row, jsonable
from web.views.auth import current_actor, get_uow, requires


def _overview(slug: str, status: int = 200) -> tuple[Response, int]:
    return jsonify(jsonable(services.project_overview(slug, get_uow()))), status


def _own(value: Any, where: str) -> services.OwnService:
    if not isinstance(value, dict):
        raise InvalidData(f"{where} må være et objekt med name.")
    unknown = sorted(set(value) - {"name", "kostra_functions", "trips_per_partner", "description"})
    if unknown:
        raise InvalidData(f"Ukjent felt i {where}: {', '.join(unknown)[:200]}.")
    trips = fields.whole(value, "trips_per_partner", 0, MAX_TRIPS_PER_YEAR)
    return services.OwnService(
        name=fields.text(value, "name", 100, required=True),
        kostra_functions=tuple(fields.strings(value, "kostra_functions", 20, 3) or ()),
        trips_per_partner=DEFAULT_TRIPS_OWN_SERVICE if trips is None else trips,
        description=fields.text(value, "description", 2000),
    )


@bp.post("/projects")
@requires(Role.STEERING)
def create_project() -> tuple[Response, int]:
    """Create a project of register municipalities and catalogue or own services."""
    body = fields.json_object(
        ("slug", "name", "description", "members", "services", "own_services", "policy_preset")
    )
    own = body.get("own_services") or []
    if not isinstance(own, list) or len(own) > MAX_SERVICES:
        raise InvalidData(f"own_services må være en liste med høyst {MAX_SERVICES} tjenester.")
    preset = fields.text(body, "policy_preset", 40) or DEFAULT_PRESET
    project = services.create_project(
        fields.text(body, "name", 200, required=True),
        fields.strings(body, "members", MAX_MEMBERS) or [],
        fields.strings(body, "services", MAX_SERVICES, 40) or [],
        current_actor(),
        get_uow(),
        slug=fields.text(body, "slug", 40) or None,
        description=fields.text(body, "description", fields.MAX_TEXT),
        own_services=[_own(v, f"own_services[{i}]") for i, v in enumerate(own)],
        policy_preset=preset,
    )
    return _overview(project.slug, 201)


@bp.patch("/projects/<slug>")
@requires(Role.STEERING)
def update_project(slug: str) -> tuple[Response, int]:
    """Rename a project or change its description or package condition, with the version read."""
    body = fields.json_object(("name", "description", "package_condition", "version"))
    version = fields.version(body, required=True)
    assert version is not None  # noqa: S101 - required above
    current = services.project_overview(slug, get_uow())
    name = fields.text(body, "name", 200) if "name" in body else current.name
    description = (
        fields.text(body, "description", fields.MAX_TEXT)
        if "description" in body
        else current.description
    )
    condition = (
        fields.text(body, "package_condition", 2000) if "package_condition" in body else None
    )
    services.update_details(slug, name, description, version, current_actor(), get_uow(), condition)
    return _overview(slug)


@bp.post("/projects/<slug>/members")
@requires(Role.STEERING)
def add_member(slug: str) -> tuple[Response, int]:
    """Add a municipality (number or name), to the services given or to all."""
    body = fields.json_object(("member", "services", "version"))
    services.add_member(
        slug,
        fields.text(body, "member", 100, required=True),
        current_actor(),
        get_uow(),
        fields.strings(body, "services", MAX_SERVICES, 40),
        fields.version(body),
    )
    return _overview(slug, 201)


@bp.delete("/projects/<slug>/members/<number>")
@requires(Role.STEERING)
def remove_member(slug: str, number: str) -> tuple[Response, int]:
    """Remove a member nothing uses (else 422 listing what uses it)."""
    services.remove_member(slug, number, current_actor(), get_uow())
    return _overview(slug)


@bp.post("/projects/<slug>/services")
@requires(Role.STEERING)
def add_service(slug: str) -> tuple[Response, int]:
    """Add a catalogue service (code) or the project's own (own)."""
    body = fields.json_object(("code", "own", "version"))
    code = fields.text(body, "code", 40) or None
    own = _own(body["own"], "own") if body.get("own") is not None else None
    services.add_service(slug, current_actor(), get_uow(), code, own, fields.version(body))
    return _overview(slug, 201)


@bp.delete("/projects/<slug>/services/<service>")
@requires(Role.STEERING)
def remove_service(slug: str, service: str) -> tuple[Response, int]:
    """Remove a service no option or agreement places (else 422 listing what uses it)."""
    services.remove_service(slug, service, current_actor(), get_uow())
    return _overview(slug)


@bp.delete("/projects/<slug>/scenarios/<name>")
@requires(Role.STEERING)
def delete_scenario(slug: str, name: str) -> tuple[Response, int]:
    """Delete an option without saved agreement drafts (else 422 naming them)."""
    services.delete_scenario(slug, name, current_actor(), get_uow())
    return _overview(slug)


@bp.delete("/projects/<slug>/cost-keys/<name>")
@requires(Role.STEERING)
def delete_cost_key(slug: str, name: str) -> tuple[Response, int]:
    """Delete a cost key no option uses (else 422 naming the services that do)."""
    services.delete_cost_key(slug, name, current_actor(), get_uow())
    return _overview(slug)


@bp.delete("/projects/<slug>/policies/<name>")
@requires(Role.STEERING)
def delete_policy(slug: str, name: str) -> tuple[Response, int]:
    """Delete personnel policies no option names (else 422 naming the options)."""
    services.delete_policy(slug, name, current_actor(), get_uow())
    return _overview(slug)


@bp.put("/projects/<slug>/participation/<service>/<number>")
@requires(Role.STEERING)
def participation(slug: str, service: str, number: str) -> tuple[Response, int]:
    """Whether a member takes part in a service, from which date, or may join later."""
    body = fields.json_object(("status", "joined_on", "version"))
    status = fields.text(body, "status", 20, required=True)
    if status not in PARTICIPATION:
        raise InvalidData(f"status må være en av {', '.join(PARTICIPATION)}.")
    services.set_participation(
        slug, service, number, status, current_actor(), get_uow(),
        fields.day(body, "joined_on"), fields.version(body),
    )  # fmt: skip
    return _overview(slug)


@bp.get("/catalogue")
@requires()
def catalogue() -> Response:
    """The service catalogue: entries that can be set up today, and those that cannot."""
    return jsonify(jsonable(services.list_catalogue(get_uow())))


@bp.get("/projects/<slug>/changes")
@requires()
def changes(slug: str) -> Response:
    """The change log, newest first (``?format=csv``: all of it as CSV, oldest first)."""
    if request.args.get("format") == "csv":
        return Response(
            services.changes_csv(slug, get_uow()),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{slug}-endringer.csv"'},
        )
    return jsonify([change_row(v) for v in services.project_changes(slug, get_uow())])


@bp.get("/projects/<slug>/export")
@requires()
def export_project(slug: str) -> Response:
    """The whole project as coop's project file."""
    response = jsonify(services.export_project(slug, current_actor(), get_uow()))
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.json"'
    return response


@bp.post("/projects/import")
@requires(Role.STEERING)
def import_project() -> tuple[Response, int]:
    """Create the project in a project file (the body); all or nothing."""
    if (request.content_length or 0) > MAX_FILE_BYTES:
        raise InvalidData(f"Prosjektfilen er større enn {MAX_FILE_BYTES // 1_000_000} MB.")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        data = None
    if not isinstance(data, dict):
        raise InvalidData("Forespørselen må ha en prosjektfil (JSON-objekt) som kropp.")
    slug = services.import_project(data, current_actor(), get_uow())
    return _overview(slug, 201)

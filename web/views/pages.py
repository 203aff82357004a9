"""Pages for the steering group, finance and the mayors' group (server-rendered, bokmål)."""

from __future__ import annotations

from flask import Blueprint, render_template
from markupsafe import Markup

from coop import services
from coop.domain.errors import CoopError
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("pages", __name__)


@bp.get("/")
@requires()
def index() -> str:
    """List the cooperation projects with municipalities, services and FTE baselines."""
    projects = services.list_projects(get_uow(), current_actor())
    return render_template("pages/index.html", projects=projects)


@bp.get("/prosjekter/<slug>")
@requires()
def project(slug: str) -> str:
    """One project: members, services, baselines and placement options."""
    overview = services.project_overview(slug, get_uow())
    try:
        network_map: Markup | None = Markup(services.project_network_map(slug, get_uow()))  # noqa: S704 - escaped parts
        map_error = None
    except CoopError as error:
        network_map, map_error = None, error.message
    return render_template(
        "pages/project.html", project=overview, network_map=network_map, map_error=map_error
    )

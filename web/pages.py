"""Pages for the steering group, finance and the mayors' group (server-rendered, bokmål)."""

from __future__ import annotations

from flask import Blueprint, render_template

from coop import services
from web.auth import get_uow, requires

bp = Blueprint("pages", __name__)


@bp.get("/")
@requires()
def index() -> str:
    """List the cooperation projects with municipalities, services and FTE baselines."""
    projects = services.list_projects(get_uow())
    return render_template("pages/index.html", projects=projects)


@bp.get("/prosjekter/<slug>")
@requires()
def project(slug: str) -> str:
    """One project: members, services, baselines and placement options."""
    overview = services.project_overview(slug, get_uow())
    return render_template("pages/project.html", project=overview)

"""Pages for the steering group, finance and the mayors' group (server-rendered, bokmål)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from coop import services
from coop.unit_of_work import UnitOfWork

bp = Blueprint("pages", __name__)


def get_uow() -> UnitOfWork:
    """A fresh unit of work from the app's session factory."""
    uow: UnitOfWork = current_app.extensions["coop.uow"]()
    return uow


@bp.get("/")
def index() -> str:
    """List the cooperation projects with municipalities, services and FTE baselines."""
    projects = services.list_projects(get_uow())
    return render_template("pages/index.html", projects=projects)


@bp.get("/prosjekter/<slug>")
def project(slug: str) -> str:
    """One project: members, services, baselines and placement options."""
    overview = services.project_overview(slug, get_uow())
    return render_template("pages/project.html", project=overview)

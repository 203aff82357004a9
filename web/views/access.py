"""Who may see a project: the project's members and admins; the steering group adds people."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("access", __name__, url_prefix="/prosjekter/<slug>/tilgang")


@bp.get("/")
@requires()
def index(slug: str) -> str:
    """The users with access to the project."""
    listing = services.project_access(slug, current_actor(), get_uow())
    overview = services.project_overview(slug, get_uow())
    return render_template("access/index.html", listing=listing, project=overview, error=None)


@bp.post("/")
@requires(Role.STEERING)
def change(slug: str) -> Response | tuple[str, int]:
    """Give (``legg_til``) or take (``fjern``) a user's access."""
    username = (request.form.get("brukernavn") or "").strip()
    try:
        if request.form.get("handling") == "fjern":
            services.revoke_access(slug, username, current_actor(), get_uow())
            flash(f"«{username}» har ikke lenger tilgang til prosjektet.")
        else:
            services.grant_access(slug, username, current_actor(), get_uow())
            flash(f"«{username}» har fått tilgang til prosjektet.")
    except CoopError as error:
        listing = services.project_access(slug, current_actor(), get_uow())
        overview = services.project_overview(slug, get_uow())
        html = render_template(
            "access/index.html", listing=listing, project=overview, error=error.message
        )
        return html, 422
    return redirect(url_for("access.index", slug=slug))

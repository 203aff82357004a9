"""Admin: users and roles (the first admin is made with ``coop create-user``)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _page(status: int = 200, error: str | None = None) -> tuple[str, int]:
    users = services.list_users(current_actor(), get_uow())
    return render_template("admin/users.html", users=users, roles=list(Role), error=error), status


@bp.get("/brukere")
@requires(Role.ADMIN)
def users() -> tuple[str, int]:
    """List users with role and municipalities."""
    return _page()


@bp.post("/brukere")
@requires(Role.ADMIN)
def create() -> Response | tuple[str, int]:
    """Create a user; finance users need at least one municipality."""
    form = request.form
    try:
        services.create_user(
            form.get("username", ""),
            form.get("password", ""),
            form.get("role", ""),
            get_uow(),
            municipalities=form.get("municipalities", "").replace(",", " ").split(),
            full_name=form.get("full_name", ""),
            actor=current_actor(),
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
        )
    except CoopError as error:
        return _page(422, error.message)
    flash(f"Brukeren «{form.get('username', '').strip()}» er opprettet.")
    return redirect(url_for("admin.users"))


@bp.post("/brukere/<username>/deaktiver")
@requires(Role.ADMIN)
def deactivate(username: str) -> Response:
    """Deactivate a user: no login, no API token, every session ended."""
    services.set_user_active(current_actor(), username, False, get_uow())
    flash(f"Brukeren «{username}» er deaktivert og logget ut.")
    return redirect(url_for("admin.users"))


@bp.post("/brukere/<username>/aktiver")
@requires(Role.ADMIN)
def activate(username: str) -> Response:
    """Let a deactivated user log in again."""
    services.set_user_active(current_actor(), username, True, get_uow())
    flash(f"Brukeren «{username}» er aktiv igjen.")
    return redirect(url_for("admin.users"))

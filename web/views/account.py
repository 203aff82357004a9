"""«Min konto»: change one's own password; list, create, rotate and revoke one's API tokens."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.errors import CoopError
from web.views.auth import current_actor, get_uow, requires, start_session

bp = Blueprint("account", __name__, url_prefix="/konto")


def _page(status: int = 200, **context: object) -> tuple[str, int]:
    actor = current_actor()
    tokens = services.list_api_tokens(actor, get_uow(), actor.username)
    return render_template("account/account.html", tokens=tokens, **context), status


@bp.get("/")
@requires()
def account() -> tuple[str, int]:
    """The password form and the user's API tokens."""
    return _page()


@bp.post("/passord")
@requires()
def change_password() -> Response | tuple[str, int]:
    """Change one's own password; every other session of the user ends."""
    form = request.form
    try:
        record = services.change_password(
            current_actor(),
            form.get("current", ""),
            form.get("new", ""),
            get_uow(),
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
            repeated=form.get("repeated", ""),
        )
    except CoopError as error:
        return _page(422, password_error=error.message)
    start_session(record)  # this browser stays logged in with the new generation
    flash("Passordet er endret. Du er logget ut alle andre steder.")
    return redirect(url_for("account.account"))


@bp.post("/tokens")
@requires()
def create_token() -> tuple[str, int]:
    """Create an API token and show it this once."""
    actor = current_actor()
    try:
        token = services.issue_api_token(
            actor.username, get_uow(), request.form.get("label", ""), actor=actor
        )
    except CoopError as error:
        return _page(422, token_error=error.message)
    return _page(201, new_token=token)


@bp.post("/tokens/<int:token_id>/forny")
@requires()
def rotate_token(token_id: int) -> tuple[str, int]:
    """Replace a token by a new one (shown once); the old one stops working."""
    actor = current_actor()
    token = services.rotate_api_token(actor, actor.username, token_id, get_uow())
    return _page(200, new_token=token)


@bp.post("/tokens/<int:token_id>/trekk-tilbake")
@requires()
def revoke_token(token_id: int) -> Response:
    """Withdraw a token at once."""
    actor = current_actor()
    label = services.revoke_api_token(actor, actor.username, token_id, get_uow())
    flash(f"API-tokenet «{label}» er trukket tilbake.")
    return redirect(url_for("account.account"))

"""Scenario editor: the steering group sets host, participants, FTE and key per service."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from web.forms import arrangements_from_form, version_from_form
from web.views.auth import check_role, current_actor, get_uow, requires

bp = Blueprint("scenarios", __name__, url_prefix="/prosjekter/<slug>/alternativer")


def _consequences(slug: str, name: str | None) -> dict[str, object]:
    """Transition cost, job balance and the map; a missing policy is shown, not raised."""
    if not name:
        return {}
    try:
        report = services.transition_cost(
            slug, name, get_uow(), request.args.get("policy"), include_map=True
        )
    except CoopError as error:
        return {"consequence_error": error.message}
    return {"report": report, "map_svg": Markup(report.map_svg)}  # noqa: S704 - escaped parts


def _render(
    slug: str, name: str | None, error: str | None = None, status: int = 200
) -> tuple[str, int]:
    editor = services.scenario_editor(slug, name, get_uow())
    editable = check_role(current_actor(), Role.STEERING)
    html = render_template(
        "scenarios/edit.html",
        editor=editor,
        editable=editable,
        error=error,
        form=request.form if error else None,
        **_consequences(slug, name),
    )
    return html, status


@bp.get("/nytt")
@bp.get("/<name>")
@requires()
def show(slug: str, name: str | None = None) -> tuple[str, int]:
    """Show a placement option (editable for the steering group)."""
    return _render(slug, name)


@bp.post("/nytt")
@bp.post("/<name>")
@requires(Role.STEERING)
def save(slug: str, name: str | None = None) -> tuple[str, int] | Response:
    """Save a placement option; stale or invalid input is shown again with the reason."""
    codes = [s.code for s in services.project_overview(slug, get_uow()).services]
    try:
        scenario = services.edit_scenario(
            slug,
            name or request.form.get("name", ""),
            arrangements_from_form(request.form, codes),
            current_actor(),
            get_uow(),
            version_from_form(request.form) if name else None,
            request.form.get("policy"),
            request.form.get("description", ""),
        )
    except CoopError as error:
        return _render(slug, name, error.message, 409 if "endret av noen" in error.message else 422)
    flash(f"Alternativet «{scenario.name}» er lagret.")
    return redirect(url_for("scenarios.show", slug=slug, name=scenario.name))


@bp.post("/<name>/slett")
@requires(Role.STEERING)
def delete(slug: str, name: str) -> Response:
    """Delete an option without saved agreement drafts; a refusal says which (422)."""
    services.delete_scenario(slug, name, current_actor(), get_uow())
    flash(f"Alternativet «{name}» er slettet.")
    return redirect(url_for("pages.project", slug=slug))

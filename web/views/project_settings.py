"""Project settings: name and description, members, services and who takes part from when."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Forbidden, Role
from coop.domain.agreements.terms import parse_date
from coop.domain.errors import ConcurrentEdit, CoopError
from coop.services.project_editing.participation import PARTICIPATION
from web.views.auth import current_actor, get_uow, requires
from web.views.project_setup import member_options

bp = Blueprint("project_settings", __name__, url_prefix="/prosjekter/<slug>/innstillinger")


def _page(slug: str, problems: dict[str, str] | None = None, status: int = 200) -> tuple[str, int]:
    overview = services.project_overview(slug, get_uow())
    catalogue = services.list_catalogue(get_uow())
    present = {s.code for s in overview.services}
    html = render_template(
        "project_setup/settings.html",
        p=overview,
        problems=problems or {},
        entered=request.form if request.method == "POST" else {},
        members=member_options(),
        addable=[e for e in catalogue.available if e.code not in present],
        statuses=PARTICIPATION,
    )
    return html, status


def _act(slug: str, field: str, action: Callable[[], str]) -> Response | tuple[str, int]:
    """Run one change; a refusal comes back as the page with the message at ``field`` (422)."""
    try:
        done = action()
    except Forbidden:
        raise
    except CoopError as error:
        return _page(
            slug, {field: error.message}, 409 if isinstance(error, ConcurrentEdit) else 422
        )
    flash(done)
    return redirect(url_for("project_settings.index", slug=slug) + f"#{field}")


@bp.get("/")
@requires(Role.STEERING)
def index(slug: str) -> tuple[str, int]:
    """All settings forms of the project."""
    return _page(slug)


@bp.post("/detaljer")
@requires(Role.STEERING)
def details(slug: str) -> Response | tuple[str, int]:
    """Rename the project or change its description (with the version read)."""
    version = request.form.get("versjon", "")

    def run() -> str:
        services.update_details(
            slug, request.form.get("navn", ""), request.form.get("beskrivelse", ""),
            int(version) if version.isdigit() else -1, current_actor(), get_uow(),
            request.form.get("pakkevilkaar"),
        )  # fmt: skip
        return "Navn, beskrivelse og pakkevilkår er lagret."

    return _act(slug, "navn", run)


@bp.post("/kommuner")
@requires(Role.STEERING)
def add_member(slug: str) -> Response | tuple[str, int]:
    """Add a municipality (name or number) to every service."""

    def run() -> str:
        number = services.add_member(slug, request.form.get("kommune", ""), current_actor(),
                                     get_uow())  # fmt: skip
        return f"Kommune {number} er lagt til i alle tjenestene."

    return _act(slug, "kommune", run)


@bp.post("/kommuner/<number>/fjern")
@requires(Role.STEERING)
def remove_member(slug: str, number: str) -> Response | tuple[str, int]:
    """Remove a member nothing uses (else the refusal lists what uses it)."""

    def run() -> str:
        services.remove_member(slug, number, current_actor(), get_uow())
        return f"Kommune {number} er fjernet fra prosjektet."

    return _act(slug, f"kommune-{number}", run)


@bp.post("/tjenester")
@requires(Role.STEERING)
def add_service(slug: str) -> Response | tuple[str, int]:
    """Add a catalogue service or the project's own service."""
    code = request.form.get("tjeneste", "").strip()
    own = request.form.get("egen", "").strip()

    def run() -> str:
        added = services.add_service(
            slug, current_actor(), get_uow(), code or None,
            services.OwnService(own) if own and not code else None,
        )  # fmt: skip
        return f"Tjenesten «{added}» er lagt til; alle kommunene deltar."

    return _act(slug, "tjeneste", run)


@bp.post("/tjenester/<service>/fjern")
@requires(Role.STEERING)
def remove_service(slug: str, service: str) -> Response | tuple[str, int]:
    """Remove a service no option or agreement places."""

    def run() -> str:
        services.remove_service(slug, service, current_actor(), get_uow())
        return f"Tjenesten «{service}» er fjernet fra prosjektet."

    return _act(slug, f"tjeneste-{service}", run)


@bp.post("/deltakelse/<service>/<number>")
@requires(Role.STEERING)
def participation(slug: str, service: str, number: str) -> Response | tuple[str, int]:
    """Whether a member takes part in a service, from which date, or may join later."""
    field = f"deltar-{service}-{number}"

    def run() -> str:
        raw = request.form.get("fra", "").strip()
        joined = parse_date(raw, "Blir med fra dato") if raw else None
        status = request.form.get("status", "")
        services.set_participation(slug, service, number, status, current_actor(), get_uow(),
                                   joined)  # fmt: skip
        return f"Deltakelsen for {number} i «{service}» er lagret."

    return _act(slug, field, run)

"""«Nytt samarbeidsprosjekt»: create a project of register municipalities and catalogue services."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from coop.services.project_editing.creation import DEFAULT_PRESET
from web.filters import number
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("project_setup", __name__)
MEMBER_FIELDS = 8
OWN_FIELDS = 3


def member_options() -> list[tuple[str, str]]:
    """(value, label) for the member type-ahead: «5520 Bardu», «Troms, 3 986 innbyggere»."""
    return [
        (f"{m.number} {m.name}", f"{m.county}, {number(m.population)} innbyggere")
        for m in services.municipality_choices(get_uow())
    ]


def _form(entered: dict[str, object], problems: dict[str, str], status: int) -> tuple[str, int]:
    html = render_template(
        "project_setup/new.html",
        v=entered,
        problems=problems,
        members=member_options(),
        catalogue=services.list_catalogue(get_uow()),
        presets=services.POLICY_PRESETS,
    )
    return html, status


@bp.get("/nytt-prosjekt")
@requires(Role.STEERING)
def new() -> tuple[str, int]:
    """The empty form: name, description, members, services, policy preset."""
    entered = {"members": [""] * MEMBER_FIELDS, "own": [""] * OWN_FIELDS, "services": []}
    return _form(entered | {"preset": DEFAULT_PRESET}, {}, 200)


@bp.post("/nytt-prosjekt")
@requires(Role.STEERING)
def create() -> Response | tuple[str, int]:
    """Create the project; bad input comes back at its field (422), nothing is saved."""
    form = request.form
    members = [form.get(f"kommune-{i}", "") for i in range(1, MEMBER_FIELDS + 1)]
    own = [form.get(f"egen-{i}", "").strip() for i in range(1, OWN_FIELDS + 1)]
    entered: dict[str, object] = {
        "name": form.get("navn", ""),
        "slug": form.get("kode", "").strip(),
        "description": form.get("beskrivelse", ""),
        "members": members,
        "own": own,
        "services": form.getlist("tjeneste"),
        "preset": form.get("mal", DEFAULT_PRESET),
    }
    choices = services.municipality_choices(get_uow())
    _, bad = services.check_members(members, choices)
    problems = {f"kommune-{i + 1}": message for i, message in bad.items()}
    if not str(entered["name"]).strip():
        problems["navn"] = "Gi prosjektet et navn."
    if problems:
        return _form(entered, problems, 422)
    try:
        project = services.create_project(
            str(entered["name"]),
            [m for m in members if m.strip()],
            form.getlist("tjeneste"),
            current_actor(),
            get_uow(),
            slug=str(entered["slug"]) or None,
            description=str(entered["description"]),
            own_services=[services.OwnService(name) for name in own if name],
            policy_preset=str(entered["preset"]),
        )
    except CoopError as error:
        return _form(entered, {_field_of(error.message): error.message}, 422)
    flash(
        f"Prosjektet «{project.name}» er opprettet med standard forutsetninger, "
        "retningslinjer og folketallsnøkkel (merket som standard). Fyll inn grunnlaget."
    )
    return redirect(url_for("pages.project", slug=project.slug))


def _field_of(message: str) -> str:
    """The field a use-case refusal is about, so the summary links to it."""
    lowered = message.lower()
    if "kommune" in lowered:
        return "kommune-1"
    if "tjeneste" in lowered or "katalog" in lowered or "vertskommunesamarbeid" in lowered:
        return "tjenester"
    if "prosjektkode" in lowered:
        return "kode"
    if "retningslinjer" in lowered:
        return "mal"
    return "navn"

"""«Forutsetninger», «Endringslogg» and the project file: export it, import one (all or nothing)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from coop import services
from coop.domain.access import Forbidden, Role
from coop.domain.assumptions import FIELDS
from coop.domain.errors import ConcurrentEdit, CoopError, InvalidData
from coop.services.project_transfer import MAX_FILE_BYTES
from web.views.auth import current_actor, get_uow, requires
from web.views.baselines import typed

bp = Blueprint("project_records", __name__)
NUMBER_FIELDS = ("baseline_year", "budget_year", "horizon_years", "discount_rate_pct",
                 "efficiency_gain_pct", "cost_per_fte_nok", "fixed_host_cost_nok")  # fmt: skip


def _assumptions_page(
    slug: str, problems: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    view = services.get_assumptions(slug, current_actor(), get_uow())
    html = render_template(
        "project_records/assumptions.html",
        a=view,
        p={"slug": slug, "name": view.project_name},
        fields=NUMBER_FIELDS,
        shown=typed,
        problems=problems or {},
        entered=request.form if request.method == "POST" else {},
    )
    return html, status


@bp.get("/prosjekter/<slug>/forutsetninger")
@requires()
def assumptions(slug: str) -> tuple[str, int]:
    """The planning assumptions, each with its basis (defaults until someone saves)."""
    return _assumptions_page(slug)


@bp.post("/prosjekter/<slug>/forutsetninger")
@requires(Role.STEERING)
def save_assumptions(slug: str) -> BaseResponse | tuple[str, int]:
    """Save changed assumptions with the version read; a bad figure names its field."""
    form = request.form
    typed = {k: form.get(k, "") for k in (*NUMBER_FIELDS, *(f for f in form if f[:6] == "trips-"))}
    version = form.get("versjon", "")
    try:
        values = services.parse_assumption_values(typed)
        services.save_assumptions(slug, values, current_actor(), get_uow(),
                                  int(version) if version.isdigit() else None,
                                  form.get("begrunnelse", ""))  # fmt: skip
    except Forbidden:
        raise
    except CoopError as error:
        field = _field_of(error.message, typed)
        return _assumptions_page(slug, {field: error.message},
                                 409 if isinstance(error, ConcurrentEdit) else 422)  # fmt: skip
    flash("Forutsetningene er lagret; endrede tall er merket med hvem som oppga dem.")
    return redirect(url_for("project_records.assumptions", slug=slug))


def _field_of(message: str, typed: dict[str, str]) -> str:
    for name, label in FIELDS.items():
        if message.startswith(label):
            return name
    for name in typed:
        if name.startswith("trips-") and name.removeprefix("trips-") in message:
            return name
    return "baseline_year"


@bp.get("/prosjekter/<slug>/endringer")
@requires()
def changes(slug: str) -> str:
    """Who changed what, when (newest first)."""
    overview = services.project_overview(slug, get_uow())
    log = services.project_changes(slug, get_uow())
    return render_template("project_records/changes.html", p=overview, log=log)


@bp.get("/prosjekter/<slug>/endringer.csv")
@requires()
def changes_csv(slug: str) -> Response:
    """The whole change log as CSV (`;`, UTF-8), oldest first."""
    return Response(
        services.changes_csv(slug, get_uow()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{slug}-endringer.csv"'},
    )


@bp.get("/prosjekter/<slug>/eksport")
@requires()
def export(slug: str) -> Response:
    """The whole project as coop's versioned project file (JSON)."""
    data = services.export_project(slug, current_actor(), get_uow())
    return Response(
        json.dumps(data, ensure_ascii=False, indent=1),
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{slug}.json"'},
    )


@bp.get("/importer-prosjekt")
@requires(Role.STEERING)
def import_form() -> str:
    """Upload a project file."""
    return render_template("project_records/import.html", problem=None)


@bp.post("/importer-prosjekt")
@requires(Role.STEERING)
def import_file() -> BaseResponse | tuple[str, int]:
    """Create the project in the uploaded file; a damaged or newer file changes nothing."""
    file = request.files.get("fil")
    raw = file.read(MAX_FILE_BYTES + 1) if file else b""
    try:
        if not raw:
            raise InvalidData("Velg en prosjektfil (JSON) å laste opp.")
        if len(raw) > MAX_FILE_BYTES:
            raise InvalidData(f"Prosjektfilen er større enn {MAX_FILE_BYTES // 1_000_000} MB.")
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise InvalidData("Filen er ikke en prosjektfil: den er ikke gyldig JSON.") from None
        slug = services.import_project(data, current_actor(), get_uow())
    except Forbidden:
        raise
    except CoopError as error:
        return render_template("project_records/import.html", problem=error.message), 422
    flash("Prosjektet er importert. Du har tilgang til det; del det med andre under «Tilgang».")
    return redirect(url_for("pages.project", slug=slug))

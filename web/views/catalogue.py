"""The service catalogue: everyone reads it; an administrator edits an entry's texts and figures."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Forbidden, Role
from coop.domain.agreements.terms import parse_date
from coop.domain.assumptions import MAX_TRIPS_PER_YEAR
from coop.domain.catalogue import CatalogueEntry
from coop.domain.errors import ConcurrentEdit, CoopError
from coop.domain.typed_numbers import typed_whole
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("catalogue", __name__, url_prefix="/katalog")
MAX_WARNINGS = 10


@bp.get("/")
@requires()
def index() -> str:
    """Every entry: KOSTRA functions, legal basis, trips, warnings, validity."""
    return render_template("catalogue/index.html", c=services.list_catalogue(get_uow()))


def _form(entry: CatalogueEntry, problem: str | None = None, status: int = 200) -> tuple[str, int]:
    entered = request.form if request.method == "POST" else {}
    html = render_template("catalogue/edit.html", e=entry, problem=problem, entered=entered)
    return html, status


@bp.get("/<service>")
@requires(Role.ADMIN)
def edit(service: str) -> tuple[str, int]:
    """The form for one entry."""
    return _form(services.get_entry(service, get_uow()))


def _day(raw: str, label: str) -> date | None:
    return parse_date(raw.strip(), label) if raw.strip() else None


@bp.post("/<service>")
@requires(Role.ADMIN)
def save(service: str) -> Response | tuple[str, int]:
    """Save the entry (with the version read); every change goes to the change log."""
    entry = services.get_entry(service, get_uow())
    form = request.form
    version = form.get("versjon", "")
    try:
        warnings = tuple(w.strip() for w in form.get("advarsler", "").splitlines() if w.strip())
        changes: dict[str, Any] = {
            "name": form.get("navn", "").strip(),
            "tasks_text": form.get("oppgaver", "").strip(),
            "trips_per_partner": typed_whole(
                form.get("reiser", ""), "Tjenestereiser", 0, MAX_TRIPS_PER_YEAR
            ),
            "warnings": warnings[:MAX_WARNINGS],
            "valid_from": _day(form.get("fra", ""), "Gyldig fra"),
            "valid_to": _day(form.get("til", ""), "Gyldig til"),
        }
        services.save_entry(service, changes, current_actor(), get_uow(),
                            int(version) if version.isdigit() else -1,
                            form.get("begrunnelse", ""))  # fmt: skip
    except Forbidden:
        raise
    except CoopError as error:
        return _form(entry, error.message, 409 if isinstance(error, ConcurrentEdit) else 422)
    flash(f"«{changes['name']}» i tjenestekatalogen er lagret.")
    return redirect(url_for("catalogue.index") + f"#{service}")

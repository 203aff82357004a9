"""Budget upload for finance: preview with line-numbered problems, then commit, and history."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.access import Role
from coop.model import CoopError, InvalidData
from web.auth import current_actor, get_uow, requires

bp = Blueprint("imports", __name__, url_prefix="/import")
_SHA = re.compile(r"^[0-9a-f]{64}$")


def _uploads() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _choices() -> list[tuple[str, str]]:
    """Municipalities the user may import for (finance: their own)."""
    actor = current_actor()
    with get_uow() as uow:
        numbers = actor.municipalities if actor.role is Role.FINANCE else None
        return [(m.number, m.name) for m in uow.municipalities.list(numbers)]


def _page(status: int = 200, **context: object) -> tuple[str, int]:
    history = services.import_history(current_actor(), get_uow())
    html = render_template(
        "imports/upload.html",
        choices=_choices(),
        history=history,
        this_year=date.today().year,
        **context,
    )
    return html, status


@bp.get("/")
@requires(Role.FINANCE, Role.STEERING)
def upload() -> tuple[str, int]:
    """Upload form and the import history."""
    return _page()


@bp.post("/forhandsvis")
@requires(Role.FINANCE, Role.STEERING)
def preview() -> tuple[str, int]:
    """Read the file without saving and show what would be imported."""
    file = request.files.get("file")
    raw = file.read() if file else b""
    filename = (file.filename if file else None) or "budsjett.csv"
    if not raw:
        return _page(422, error="Velg en CSV-fil å laste opp.")
    try:
        municipality, year = request.form["municipality"], int(request.form["year"])
        result = services.import_budget(
            raw,
            filename,
            municipality,
            year,
            current_actor(),
            get_uow(),
            dry_run=True,
        )
    except (KeyError, ValueError):
        return _page(422, error="Velg kommune og år.")
    except CoopError as error:
        return _page(422, error=error.message)
    sha = hashlib.sha256(raw).hexdigest()
    (_uploads() / sha).write_bytes(raw)
    status = 200 if result.ok else 422
    return _page(
        status, result=result, sha=sha, filename=filename, municipality=municipality, year=year
    )


@bp.post("/lagre")
@requires(Role.FINANCE, Role.STEERING)
def commit() -> Response | tuple[str, int]:
    """Save a previewed file: everything or nothing."""
    sha = request.form.get("sha", "")
    path = _uploads() / sha
    try:
        if not _SHA.match(sha) or not path.exists():
            raise InvalidData("Fant ikke den forhåndsviste filen. Last den opp på nytt.")
        result = services.import_budget(
            path.read_bytes(),
            request.form.get("filename", "budsjett.csv"),
            request.form.get("municipality", ""),
            int(request.form.get("year", "0")),
            current_actor(),
            get_uow(),
        )
    except CoopError as error:
        return _page(422, error=error.message)
    if not result.written:
        return _page(422, result=result, error="Filen har feil og ble ikke lagret.")
    path.unlink(missing_ok=True)
    flash(f"Importen er lagret: {len(result.baselines)} tjenester fikk nytt grunnlag.")
    return redirect(url_for("imports.upload"))

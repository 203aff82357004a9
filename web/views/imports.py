"""Budget upload for finance: preview, «which column is what», commit.

An uploaded file waits server-side under a random token bound to the user (instance/uploads,
``coop.services.budgets.uploads``); forms carry only the token, never the file. A small file is
read in the request; a larger one (over ``IMPORT_INLINE_MAX_LINES`` or ``_BYTES``) by a
background job: the request answers 303 to ``/import/jobb/<id>``, which follows the job and
then shows the same preview, or the commit's result. The function-map editor is in
``web.views.function_maps``.
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.budget_import.limits import FileTooLarge, read_capped
from coop.domain.access import Forbidden, Role
from coop.domain.errors import CoopError, InvalidData
from coop.domain.formatting import count_of
from coop.domain.jobs import JobStatus
from coop.domain.limits import read_year
from coop.services.budgets import column_questions, uploads
from coop.services.budgets.import_json import result_from_json
from coop.services.budgets.imports import check_access
from coop.services.budgets.uploads import Pending
from coop.services.jobs.budget_import_job import COMMIT, PREVIEW
from coop.services.jobs.records import job_status
from web.views import jobs
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("imports", __name__, url_prefix="/import")


def _uploads() -> Path:
    return Path(current_app.instance_path) / "uploads"


def _keep(pending: Pending, raw: bytes | None = None) -> None:
    uploads.keep(_uploads(), pending, raw)


def _pending(token: str) -> tuple[Pending, bytes]:
    return uploads.load(_uploads(), token, current_actor().username)


def _inline(raw: bytes) -> bool:
    """True when the file is small enough to read in the request (web.config, bench/README)."""
    lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
    most_lines = int(current_app.config["IMPORT_INLINE_MAX_LINES"])
    return lines <= most_lines and len(raw) <= int(current_app.config["IMPORT_INLINE_MAX_BYTES"])


def _start(kind: str, pending: Pending) -> Response:
    """Queue the preview or commit of a stored upload; 303 to the page that follows it."""
    job = jobs.start(kind, {"token": pending.token}, None)
    return redirect(url_for("imports.job", job_id=job.id), 303)


def choices() -> list[tuple[str, str]]:
    """Municipalities the user may import for (finance: their own)."""
    actor = current_actor()
    with get_uow() as uow:
        numbers = actor.municipalities if actor.role is Role.FINANCE else None
        return [(m.number, m.name) for m in uow.municipalities.list(numbers)]


def _page(status: int = 200, **context: object) -> tuple[str, int]:
    history = services.import_history(current_actor(), get_uow())
    html = render_template(
        "imports/upload.html",
        choices=choices(),
        history=history,
        this_year=date.today().year,
        **context,
    )
    return html, status


def _import(pending: Pending, raw: bytes, *, dry_run: bool) -> services.BudgetImportResult:
    """Read (and unless ``dry_run``, save) the pending file with the user's column answer."""
    return services.import_budget(
        raw,
        pending.filename,
        pending.municipality,
        pending.year,
        current_actor(),
        get_uow(),
        dry_run=dry_run,
        column_map=pending.column_map,
    )


def _show(
    pending: Pending, raw: bytes, *, new: bool = False, error: str | None = None, **context: object
) -> tuple[str, int]:
    """Dry-run the pending file with its column map and show the preview."""
    try:
        result = _import(pending, raw, dry_run=True)
    except Forbidden:
        raise  # another municipality's file: 403, not a problem with the file
    except CoopError as problem:
        return _page(422, error=problem.message)
    pending.headers = list(result.report.get("headers", []))
    pending.mapping = dict(result.report.get("mapping", {}))
    _keep(pending, raw if new else None)
    status = 200 if result.ok and not error else 422
    return _page(status, result=result, pending=pending, error=error, **context)


@bp.get("/")
@requires(Role.FINANCE, Role.STEERING)
def upload() -> tuple[str, int]:
    """Upload form and the import history."""
    return _page()


@bp.post("/forhandsvis")
@requires(Role.FINANCE, Role.STEERING)
def preview() -> Response | tuple[str, int]:
    """Read the file without saving and show what would be imported."""
    file = request.files.get("file")
    filename = (file.filename if file else None) or "budsjett.csv"
    try:
        raw = read_capped(file.stream) if file else b""
    except FileTooLarge as error:
        return _page(413, error=f"{filename[:100]}: {error.text}")
    finally:
        if file:
            file.close()  # a large upload is spooled to a temporary file
    if not raw:
        return _page(422, error="Velg en CSV-fil å laste opp.")
    municipality = request.form.get("municipality", "")
    try:
        year = read_year(request.form.get("year", ""), "År", 1990)
    except InvalidData as error:
        return _page(422, error=f"Velg kommune og år. {error.message}")
    if not municipality:
        return _page(422, error="Velg kommune og år.")
    token = secrets.token_urlsafe(24)
    pending = Pending(token, current_actor().username, filename, municipality, year)
    if _inline(raw):
        return _show(pending, raw, new=True)
    try:
        check_access(municipality, year, current_actor(), get_uow())
        _keep(pending, raw)
        return _start(PREVIEW, pending)
    except Forbidden:
        raise
    except CoopError as error:
        return _page(422, error=error.message)


@bp.post("/kolonner")
@requires(Role.FINANCE, Role.STEERING)
def columns() -> Response | tuple[str, int]:
    """Read the uploaded file again with the user's answer to «which column is what»."""
    try:
        pending, raw = _pending(request.form.get("token", ""))
    except CoopError as error:
        return _page(422, error=error.message)
    chosen = {
        concept: request.form.get(concept, "") for concept in column_questions.MAPPING_CONCEPTS
    }
    try:
        column_map = column_questions.column_map_from_choices(
            pending.headers, pending.mapping, chosen
        )
    except CoopError as error:
        return _show(pending, raw, error=error.message, chosen=chosen)
    pending.column_map = column_map
    if _inline(raw):
        return _show(pending, raw)
    _keep(pending)
    try:
        return _start(PREVIEW, pending)
    except CoopError as error:
        return _page(422, error=error.message)


@bp.post("/lagre")
@requires(Role.FINANCE, Role.STEERING)
def commit() -> Response | tuple[str, int]:
    """Save a previewed file: everything or nothing (with the column answer, if any)."""
    try:
        pending, raw = _pending(request.form.get("token", ""))
        if not _inline(raw):
            return _start(COMMIT, pending)
        result = _import(pending, raw, dry_run=False)
    except Forbidden:
        raise
    except CoopError as error:
        return _page(422, error=error.message)
    return _committed(pending, result)


def _new_baselines(result: services.BudgetImportResult) -> str:
    """«1 tjeneste fikk nytt grunnlag», «3 tjenester fikk nytt grunnlag»."""
    return f"{count_of(len(result.baselines), 'tjeneste', 'tjenester')} fikk nytt grunnlag"


def _committed(pending: Pending, result: services.BudgetImportResult) -> Response | tuple[str, int]:
    if not result.written:
        return _page(
            422, result=result, pending=pending, error="Filen har feil og ble ikke lagret."
        )
    uploads.drop(_uploads(), pending.token)
    flash(f"Importen er lagret: {_new_baselines(result)}.")
    return redirect(url_for("imports.upload"))


@bp.get("/jobb/<job_id>")
@requires(Role.FINANCE, Role.STEERING)
def job(job_id: str) -> Response | tuple[str, int]:
    """A preview or commit job: its live status, then the preview or the commit's result."""
    found = job_status(job_id, current_actor(), get_uow())
    if found.kind not in (PREVIEW, COMMIT):  # another kind of job: its own page
        return redirect(url_for("jobs.status", job_id=found.id), 303)
    context: dict[str, Any] = {"job": found, "label": jobs.label(found), "back": request.full_path}
    if found.status in (JobStatus.FAILED, JobStatus.CANCELLED):  # the status box says why
        return _page(422 if found.status is JobStatus.FAILED else 200, **context)
    if found.status is not JobStatus.DONE or found.result is None:
        return _page(**context)
    result = result_from_json(found.result)
    try:
        pending, _raw = _pending(found.params.get("token", ""))
    except InvalidData:
        if found.kind == COMMIT and result.written:  # the upload is gone once it is saved
            flash(f"Importen er lagret: {_new_baselines(result)}.")
            return redirect(url_for("imports.upload"), 303)
        return _page(422, **context, error=uploads.LOST)
    if found.kind == COMMIT:
        return _committed(pending, result)
    pending.headers = list(result.report.get("headers", []))
    pending.mapping = dict(result.report.get("mapping", {}))
    _keep(pending)
    return _page(200 if result.ok else 422, result=result, pending=pending, **context)

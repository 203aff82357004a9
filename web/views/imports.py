"""Budget upload for finance: preview, «which column is what», commit; the function-map editor.

An uploaded file waits server-side under a random token bound to the user (instance/uploads,
removed on commit or after ``PENDING_TTL``); forms carry only the token, never the file.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.budget_import.limits import FileTooLarge, read_capped
from coop.domain.access import Forbidden, Role
from coop.domain.errors import CoopError, InvalidData
from coop.domain.limits import optional, read_year
from coop.services.budgets import column_questions, function_maps
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("imports", __name__, url_prefix="/import")
PENDING_TTL_S = 2 * 3600
PENDING_PER_USER = 3  # uploads waiting for their commit, per user
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_LOST = "Fant ikke den opplastede filen (den tas vare på i to timer). Last den opp på nytt."


@dataclass
class Pending:
    """An uploaded file waiting for its commit, and what the last preview of it used."""

    token: str
    user: str
    filename: str
    municipality: str
    year: int
    column_map: dict[str, str] | None = None  # the user's answer, saved on commit
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)


def _uploads() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _keep(pending: Pending, raw: bytes | None = None) -> None:
    """Store the pending upload (and its bytes, when new); drop uploads past their time.

    A user keeps at most ``PENDING_PER_USER`` uploads waiting: a new one pushes out their
    oldest, so repeated previews cannot fill the disk.
    """
    folder = _uploads()
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < time.time() - PENDING_TTL_S:
            old.unlink(missing_ok=True)
    if raw is not None:
        _make_room(folder, pending.user)
        (folder / f"{pending.token}.csv").write_bytes(raw)
    (folder / f"{pending.token}.json").write_text(json.dumps(asdict(pending)), "utf-8")


def _make_room(folder: Path, user: str) -> None:
    """Drop the user's oldest waiting uploads so a new one fits under the limit."""
    mine = []
    for meta in folder.glob("*.json"):
        try:
            owner = json.loads(meta.read_text("utf-8")).get("user")
        except (OSError, ValueError):
            continue
        if owner == user:
            mine.append((meta.stat().st_mtime, meta.stem))
    for _, token in sorted(mine)[: max(0, len(mine) - PENDING_PER_USER + 1)]:
        _drop(token)


def _pending(token: str) -> tuple[Pending, bytes]:
    """The user's own pending upload by token, or InvalidData when it is gone or not theirs."""
    meta, data = _uploads() / f"{token}.json", _uploads() / f"{token}.csv"
    if not _TOKEN.match(token) or not meta.is_file() or not data.is_file():
        raise InvalidData(_LOST)
    pending = Pending(**json.loads(meta.read_text("utf-8")))
    young = data.stat().st_mtime >= time.time() - PENDING_TTL_S  # since the upload
    if pending.user != current_actor().username or not young:
        raise InvalidData(_LOST)
    return pending, data.read_bytes()


def _drop(token: str) -> None:
    for suffix in (".json", ".csv"):
        (_uploads() / f"{token}{suffix}").unlink(missing_ok=True)


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
def preview() -> tuple[str, int]:
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
    too_big = _too_big_for_a_request(filename, raw)
    if too_big:
        return _page(413, error=too_big)
    municipality = request.form.get("municipality", "")
    try:
        year = read_year(request.form.get("year", ""), "År", 1990)
    except InvalidData as error:
        return _page(422, error=f"Velg kommune og år. {error.message}")
    if not municipality:
        return _page(422, error="Velg kommune og år.")
    token = secrets.token_urlsafe(24)
    pending = Pending(token, current_actor().username, filename, municipality, year)
    return _show(pending, raw, new=True)


def _too_big_for_a_request(filename: str, raw: bytes) -> str | None:
    """Why a file is too long to read in a request (15.3, web.config), or None: the CLI can."""
    lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
    most_lines = int(current_app.config["IMPORT_WEB_MAX_LINES"])
    size, most_bytes = len(raw), int(current_app.config["IMPORT_WEB_MAX_BYTES"])
    if lines <= most_lines and size <= most_bytes:
        return None
    shown, most = (
        f"{n / 1e6:.1f}".replace(".", ",").removesuffix(",0") for n in (size, most_bytes)
    )
    counted, limit = (f"{n:,}".replace(",", "\u00a0") for n in (lines, most_lines))
    return (
        f"{filename[:100]}: filen har {counted} linjer ({shown} MB); i nettleseren leses "
        f"budsjettfiler på høyst {limit} linjer og {most} MB, så ingen forespørsel binder "
        "serveren i flere sekunder. Les den inn med kommandolinjen: coop import-budget FIL "
        "--municipality NNNN --year ÅÅÅÅ (den viser de samme feilene og lagrer alt eller "
        "ingenting)."
    )


@bp.post("/kolonner")
@requires(Role.FINANCE, Role.STEERING)
def columns() -> tuple[str, int]:
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
    return _show(pending, raw)


@bp.post("/lagre")
@requires(Role.FINANCE, Role.STEERING)
def commit() -> Response | tuple[str, int]:
    """Save a previewed file: everything or nothing (with the column answer, if any)."""
    try:
        pending, raw = _pending(request.form.get("token", ""))
        result = _import(pending, raw, dry_run=False)
    except Forbidden:
        raise
    except CoopError as error:
        return _page(422, error=error.message)
    if not result.written:
        return _page(
            422, result=result, pending=pending, error="Filen har feil og ble ikke lagret."
        )
    _drop(pending.token)
    flash(f"Importen er lagret: {len(result.baselines)} tjenester fikk nytt grunnlag.")
    return redirect(url_for("imports.upload"))


def _function_map_page(
    number: str | None,
    year: int | None,
    status: int = 200,
    **context: object,
) -> tuple[str, int]:
    choices = _choices()
    number = number or (choices[0][0] if choices else "")
    year = year or date.today().year
    view = function_maps.function_map_view(number, year, current_actor(), get_uow())
    html = render_template(
        "imports/function_map.html", choices=choices, view=view, year=year, **context
    )
    return html, status


@bp.get("/funksjonskart")
@requires(Role.FINANCE, Role.STEERING)
def function_map() -> tuple[str, int]:
    """A municipality's KOSTRA function → service map, for editing."""
    year = optional(read_year, request.args.get("ar", ""), "År", 1990)
    return _function_map_page(request.args.get("kommune"), year)


@bp.post("/funksjonskart")
@requires(Role.FINANCE, Role.STEERING)
def save_function_map() -> Response | tuple[str, int]:
    """Save a municipality's function map: every row or none."""
    form, number = request.form, request.form.get("kommune", "")
    cells = (form.getlist("function"), form.getlist("service"), form.getlist("ansvar"))
    rows = list(zip(*cells, strict=False))
    valid_from = form.get("gjelder_fra", "").strip()
    try:
        saved = function_maps.save_function_map(
            number, read_year(valid_from, "Gjelder fra"), rows, current_actor(), get_uow()
        )
    except CoopError as error:
        try:
            year: int | None = read_year(valid_from, "Gjelder fra", 2002)
        except InvalidData:
            year = None
        return _function_map_page(
            number, year, 422, error=error.message, rows=rows, valid_from=valid_from
        )
    flash(
        f"Funksjonskartet er lagret: {len(saved.rules)} funksjoner, gjelder fra {saved.valid_from}."
    )
    return redirect(url_for("imports.function_map", kommune=number, ar=saved.valid_from))

"""The function-map editor: which KOSTRA functions belong to which service, per municipality.

A ``kommune`` or year that cannot be read is shown at its field with what was typed (422),
beside the map of the user's first municipality or this year; another municipality's map
stays a 403 for a finance officer.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop.domain.access import Forbidden, Role
from coop.domain.errors import CoopError
from coop.domain.formatting import count_of
from coop.domain.limits import optional, read_year
from coop.services.budgets import function_maps
from web.forms import FieldProblems
from web.views.auth import current_actor, get_uow, requires
from web.views.imports import choices

bp = Blueprint("function_maps", __name__, url_prefix="/import")


def _known(typed: str | None, problems: FieldProblems) -> str | None:
    """The typed kommunenummer when it names a municipality, else None and a field message.

    Another municipality's map stays a 403: ``function_map_view`` checks that.
    """
    if not typed:
        return None
    with get_uow() as uow:
        known = uow.municipalities.numbers()
    if typed in known:
        return typed
    shown = typed.strip()[:30] + ("…" if len(typed.strip()) > 30 else "")
    problems["kommune"] = f"Kommune: fant ingen kommune med nummer «{shown}». Velg en i lista."
    return None


def _function_map_page(
    number: str | None,
    year: int | None,
    status: int = 200,
    problems: FieldProblems | None = None,
    **context: object,
) -> tuple[str, int]:
    problems = problems if problems is not None else FieldProblems()
    options = choices()
    number = number or (options[0][0] if options else "")
    year = year or date.today().year
    view = function_maps.function_map_view(number, year, current_actor(), get_uow())
    html = render_template(
        "imports/function_map.html",
        choices=options,
        view=view,
        year=year,
        problems=problems,
        **context,
    )
    return html, 422 if problems else status


@bp.get("/funksjonskart")
@requires(Role.FINANCE, Role.STEERING)
def page() -> tuple[str, int]:
    """A municipality's KOSTRA function → service map, for editing.

    A bad ``kommune`` or ``ar`` is shown at its field with what was typed (422), beside the
    map of the user's first municipality or this year.
    """
    problems = FieldProblems()
    typed_year = request.args.get("ar", "")
    year = problems.read("ar", optional, read_year, typed_year, "År", 2002)
    number = _known(request.args.get("kommune"), problems)
    typed = {"kommune": request.args.get("kommune", ""), "ar": typed_year}
    return _function_map_page(number, year, problems=problems, typed=typed)


@bp.post("/funksjonskart")
@requires(Role.FINANCE, Role.STEERING)
def save() -> Response | tuple[str, int]:
    """Save a municipality's function map: every row or none; a bad field is shown at it."""
    form, problems = request.form, FieldProblems()
    cells = (form.getlist("function"), form.getlist("service"), form.getlist("ansvar"))
    rows = list(zip(*cells, strict=False))
    valid_from = form.get("gjelder_fra", "").strip()
    year = problems.read("gjelder_fra", read_year, valid_from, "Gjelder fra", 2002)
    number = _known(form.get("kommune", ""), problems)
    typed = {"kommune": form.get("kommune", "")}
    if problems or number is None or year is None:
        return _function_map_page(number, year, 422, problems, rows=rows, valid_from=valid_from,
                                  typed=typed)  # fmt: skip
    try:
        saved = function_maps.save_function_map(number, year, rows, current_actor(), get_uow())
    except Forbidden:
        raise
    except CoopError as error:
        return _function_map_page(
            number, year, 422, error=error.message, rows=rows, valid_from=valid_from
        )
    flash(
        f"Funksjonskartet er lagret: {count_of(len(saved.rules), 'funksjon', 'funksjoner')}, "
        f"gjelder fra {saved.valid_from}."
    )
    return redirect(url_for("function_maps.page", kommune=number, ar=saved.valid_from))

"""The baseline grid: service × municipality for one year, each figure with its basis."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Forbidden, Role
from coop.domain.errors import CoopError, InvalidData
from web.filters import number
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("baselines", __name__, url_prefix="/prosjekter/<slug>/grunnlag")
FIGURES = ("fte", "headcount", "gross_cost_nok", "pay_cost_nok", "pass_through_nok")


def typed(value: Decimal | int | None, money: bool = False) -> str:
    """A figure as a person would type it: «3,5», «1 234 567» ('' when there is none)."""
    if value is None:
        return ""
    if money:
        return number(value)
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _year(raw: str | None) -> int | None:
    text = (raw or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise InvalidData(f"Året: «{text[:10]}» er ikke et årstall (ÅÅÅÅ).")
    return int(text)


def _page(
    slug: str, year: int | None, problems: dict[str, str] | None = None, status: int = 200
) -> tuple[str, int]:
    grid = services.baseline_grid(slug, current_actor(), get_uow(), year)
    html = render_template(
        "baselines/grid.html",
        g=grid,
        p={"slug": slug, "name": grid.project_name},
        problems=problems or {},
        entered=request.form if request.method == "POST" else MultiDict(),
        typed=typed,
        figures=FIGURES,
        may_import=current_actor().role.value in ("admin", "styringsgruppe", "okonomi"),
    )
    return html, status


@bp.get("/")
@requires()
def grid(slug: str) -> tuple[str, int]:
    """Every service × participant for the chosen year (the project's baseline year first)."""
    try:
        year = _year(request.args.get("aar"))
    except InvalidData as error:
        return _page(slug, None, {"aar": error.message}, 422)
    return _page(slug, year)


@bp.post("/<service>/<number>")
@requires(Role.STEERING, Role.FINANCE)
def save(slug: str, service: str, number: str) -> Response | tuple[str, int]:
    """Save one cell's figures; only figures the user changed take the chosen basis."""
    form = request.form
    field = f"celle-{service}-{number}"
    year = _year(form.get("aar")) or 0
    values = {
        name: form.get(name, "")
        for name in [*FIGURES, *(k for k in form if k.startswith("usage:"))]
        if form.get(name, "").strip() != form.get(f"var-{name}", "").strip()
    }
    try:
        if not values:
            raise InvalidData("Ingen tall er endret; skriv inn minst ett tall.")
        services.set_baseline(slug, service, number, year, values, form.get("grunnlag", ""),
                              current_actor(), get_uow(), form.get("begrunnelse", ""))  # fmt: skip
    except Forbidden:
        raise
    except CoopError as error:
        return _page(slug, year, {field: error.message}, 422)
    flash(f"Grunnlaget for {number} i «{service}» ({year}) er lagret.")
    return redirect(url_for("baselines.grid", slug=slug, aar=year) + f"#{field}")

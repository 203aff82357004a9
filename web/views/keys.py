"""Cost-key editor: finance and the steering group create and edit keys; every role reads them."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from babel.numbers import format_decimal
from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.costs.key_model import CostKey
from coop.domain.formatting import format_share
from coop.domain.limits import optional, read_version
from coop.reference.catalogue import metric_label
from coop.services.cost_keys.input import KINDS, describe_component, input_kind
from web.filters import LOCALE
from web.views.auth import check_role, current_actor, get_uow, requires

bp = Blueprint("keys", __name__, url_prefix="/prosjekter/<slug>/nokler")
MAX_ROWS = 12
_ROW = re.compile(r"^(?:kind|weight|metric)-(\d{1,2})$")
Page = tuple[str, int]


@bp.get("/")
@requires()
def index(slug: str) -> str:
    """List a project's cost keys and where they are used."""
    keys = services.list_cost_keys(slug, current_actor(), get_uow())
    return render_template(
        "keys/index.html", keys=keys, describe=describe_component, share=format_share
    )


@bp.get("/ny")
@requires(Role.STEERING, Role.FINANCE)
def new(slug: str) -> Page:
    """An empty form for a new cost key."""
    return _render(slug, None)


@bp.post("/ny")
@requires(Role.STEERING, Role.FINANCE)
def create(slug: str) -> Page | Response:
    """Preview or save a new key; invalid input is shown again by its fields."""
    entered = _entered(request.form)
    try:
        if request.form.get("handling") == "forhandsvis":
            return _render(slug, None, entered, preview=_preview(slug, entered))
        key = services.create_cost_key(slug, entered, current_actor(), get_uow())
    except services.KeyFormInvalid as error:
        return _render(slug, None, entered, errors=error.errors, status=422)
    flash(f"Fordelingsnøkkelen «{key.name}» er lagret.")
    return redirect(url_for("keys.show", slug=slug, navn=key.name))


@bp.get("/vis")
@requires()
def show(slug: str) -> Page | Response:
    """One key with a preview in kroner; editable for finance and the steering group."""
    name = request.args.get("navn")
    if not name:
        return redirect(url_for("keys.index", slug=slug))
    args = request.args
    try:
        preview = services.preview_cost_key(
            slug, name, current_actor(), get_uow(), args.get("tjeneste"), args.get("belop")
        )
    except services.KeyFormInvalid as error:
        return _render(slug, name, errors=error.errors, status=422)
    return _render(slug, name, preview=preview)


@bp.post("/slett")
@requires(Role.STEERING)
def delete(slug: str) -> Response:
    """Delete a key no option uses; a refusal names the services that do (422)."""
    name = request.form.get("navn", "")
    services.delete_cost_key(slug, name, current_actor(), get_uow())
    flash(f"Fordelingsnøkkelen «{name}» er slettet.")
    return redirect(url_for("keys.index", slug=slug))


@bp.post("/forslag/<int:number>")
@requires(Role.STEERING)
def decide(slug: str, number: int) -> Response:
    """The steering group accepts or rejects a proposed key change."""
    accept = request.form.get("beslutning") == "godta"
    status = services.decide_proposal(
        slug, number, accept, current_actor(), get_uow(), request.form.get("begrunnelse", "")
    )
    flash(f"Forslag nr. {number} er {status.value}.")
    return redirect(url_for("keys.show", slug=slug, navn=request.form.get("navn", "")))


@bp.post("/vis")
@requires(Role.STEERING, Role.FINANCE)
def update(slug: str) -> Page | Response:
    """Preview or save changes unless someone saved the key meanwhile (then show both)."""
    name = request.args.get("navn", "")
    entered = replace(_entered(request.form), name=name)  # the page has no name field to edit
    version = request.form.get("version", "")
    try:
        if request.form.get("handling") == "forhandsvis":
            return _render(slug, name, entered, preview=_preview(slug, entered), version=version)
        expected = optional(read_version, version, "Versjon")
        services.update_cost_key(slug, name, entered, expected, current_actor(), get_uow())
    except services.ProposalMade as made:
        flash(
            f"Endringen er sendt til styringsgruppen som forslag nr. {made.number}. Nøkkelen "
            "brukes i plasseringsalternativer, så den gjelder uendret til forslaget er godtatt."
        )
        return redirect(url_for("keys.show", slug=slug, navn=name))
    except services.StaleCostKey as stale:
        return _render(slug, name, entered, errors={"version": stale.message}, status=409)
    except services.KeyFormInvalid as error:
        return _render(slug, name, entered, errors=error.errors, status=422, version=version)
    flash(f"Fordelingsnøkkelen «{name}» er lagret.")
    return redirect(url_for("keys.show", slug=slug, navn=name))


def _preview(slug: str, entered: services.KeyInput) -> services.KeyPreview:
    """Preview typed input for the service and amount chosen in the form."""
    form = request.form
    actor, uow = current_actor(), get_uow()
    return services.preview_cost_key(
        slug, entered, actor, uow, form.get("tjeneste"), form.get("belop")
    )


def _render(
    slug: str,
    name: str | None,
    entered: services.KeyInput | None = None,
    *,
    preview: services.KeyPreview | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
    version: str | None = None,
) -> Page:
    """The key page; after a conflict the stored key is shown beside the user's input."""
    page = services.get_cost_key(slug, name, current_actor(), get_uow())
    stale = status == 409 and page.key is not None
    proposals = services.list_proposals(slug, get_uow(), name) if name else []
    history = services.project_changes(slug, get_uow(), "nokkel", name)[:20] if name else []
    html = render_template(
        "keys/edit.html",
        page=page,
        values=entered or _values(page.key),
        version=str(page.key.version) if page.key and (stale or not version) else version,
        preview=preview,
        unsaved=entered is not None,
        stale=stale,
        errors=errors or {},
        kinds=KINDS,
        describe=describe_component,
        metric_label=metric_label,
        share=format_share,
        proposals=proposals,
        history=history,
        may_decide=check_role(current_actor(), Role.STEERING),
    )
    return html, status


def _entered(form: MultiDict[str, str]) -> services.KeyInput:
    """The typed key: rows kind-N/weight-N/metric-N (N = 1, 2, …) and fixed-NNNN shares."""
    found = [int(m[1]) for m in map(_ROW.match, form.keys()) if m]
    rows = tuple(
        services.ComponentInput(
            form.get(f"kind-{i}", ""), form.get(f"weight-{i}", ""), form.get(f"metric-{i}", "")
        )
        for i in range(1, min(max(found, default=0), MAX_ROWS) + 1)
    )
    fixed = {k.removeprefix("fixed-"): v for k, v in form.items() if k.startswith("fixed-")}
    return services.KeyInput(
        name=form.get("name", ""),
        components=rows,
        population_date=form.get("population_date", ""),
        host_overhead_pct=form.get("host_overhead_pct", ""),
        fixed_pct=fixed,
        description=form.get("description", ""),
    )


def _values(key: CostKey | None) -> services.KeyInput:
    """Form values of a stored key (percent, nb_NO) plus one empty row; three for a new key."""
    if key is None:
        return services.KeyInput("", (services.ComponentInput(),) * 3)
    rows = tuple(
        services.ComponentInput(input_kind(c), _percent(c.weight * 100), c.metric or "")
        for c in key.components
    )
    fixed = {n: _percent(v * 100) for c in key.components for n, v in c.fixed_shares.items()}
    return services.KeyInput(
        name=key.name,
        components=(*rows, services.ComponentInput()),
        population_date=f"{key.population_date:%d.%m.%Y}" if key.population_date else "",
        host_overhead_pct=_percent(key.host_overhead_pct),
        fixed_pct=fixed,
        description=key.description,
    )


def _percent(value: Decimal) -> str:
    """Decimal('30.00') → '30', Decimal('12.5') → '12,5' (an input value, no grouping)."""
    return format_decimal(value, "0.##########", locale=LOCALE)

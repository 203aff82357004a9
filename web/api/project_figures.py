"""JSON doors to a project's figures: the baseline grid, travel between members, assumptions.

Routes on the ``api`` blueprint (``web.api.routes`` imports this module to add them). Figures
come as JSON numbers or Norwegian text («4,5», «1 234 567»); each is bounded in
``web.api.body`` and again by the use case.
"""

from __future__ import annotations

from flask import Response, jsonify, request

from coop import services
from coop.domain.access import Role
from coop.domain.errors import InvalidData
from coop.domain.travel.travel_files import MODES
from coop.services.travel import MAX_FILE_BYTES
from web.api import body as fields
from web.api.routes import bp
from web.api.serialize import jsonable, pair_rows
from web.views.auth import current_actor, get_uow, requires

FIGURES = ("fte", "headcount", "gross_cost_nok", "pay_cost_nok", "pass_through_nok")
MAX_METRICS = 40
ASSUMPTIONS = (
    "baseline_year",
    "budget_year",
    "horizon_years",
    "discount_rate_pct",
    "efficiency_gain_pct",
    "cost_per_fte_nok",
    "fixed_host_cost_nok",
)


@bp.get("/projects/<slug>/baselines")
@requires()
def baselines(slug: str) -> Response:
    """The baseline grid: every service × participant for one year (the baseline year)."""
    grid = services.baseline_grid(slug, current_actor(), get_uow(), fields.query_year())
    return jsonify(jsonable(grid))


@bp.put("/projects/<slug>/baselines/<service>/<number>/<int:year>")
@requires(Role.STEERING, Role.FINANCE)
def put_baseline(slug: str, service: str, number: str, year: int) -> Response:
    """Enter one municipality's figures for one service and year, with their basis."""
    body = fields.json_object((*FIGURES, "usage", "basis", "reason"))
    basis = fields.text(body, "basis", 20, required=True)
    if basis not in services.BASES:
        raise InvalidData(f"basis må være en av {', '.join(services.BASES)}.")
    values = {name: fields.number_text(body.get(name), name) for name in FIGURES}
    for metric, count in fields.mapping(body, "usage", MAX_METRICS).items():
        values[f"usage:{metric}"] = fields.number_text(count, f"usage.{metric}")
    if not any(values.values()):
        raise InvalidData("Oppgi minst ett tall (fte, gross_cost_nok, usage …).")
    saved = services.set_baseline(
        slug, service, number, year, values, basis, current_actor(), get_uow(),
        fields.text(body, "reason", 500),
    )  # fmt: skip
    return jsonify(jsonable(saved))


@bp.get("/projects/<slug>/travel")
@requires()
def travel(slug: str) -> Response:
    """Every pair of members with km, minutes and where the figures come from."""
    page = services.travel_page(slug, current_actor(), get_uow())
    return jsonify({"project": slug, "estimated": page.estimated, "pairs": pair_rows(page)})


@bp.put("/projects/<slug>/travel/<a>/<b>")
@requires(Role.STEERING)
def put_travel(slug: str, a: str, b: str) -> Response:
    """Enter one pair's travel (both ways); replaces the estimate or the network."""
    body = fields.json_object(
        ("km", "minutes", "mode", "fare_nok", "wait_min", "season", "basis", "reason")
    )
    mode = fields.text(body, "mode", 20) or "road"
    if mode not in MODES:
        raise InvalidData(f"mode må være en av {', '.join(sorted(MODES))}.")
    values = {
        name: fields.number_text(body.get(name), name)
        for name in ("km", "minutes", "fare_nok", "wait_min")
    }
    for name in ("km", "minutes"):
        if not values[name]:
            raise InvalidData(f"{name} mangler.")
    values |= {
        "mode": MODES[mode].value,
        "season": fields.text(body, "season", 40),
        "basis": fields.text(body, "basis", 200),
    }
    link = services.set_travel(
        slug, a, b, values, current_actor(), get_uow(), fields.text(body, "reason", 500)
    )
    return jsonify(jsonable(link))


@bp.delete("/projects/<slug>/travel/<a>/<b>")
@requires(Role.STEERING)
def delete_travel(slug: str, a: str, b: str) -> Response:
    """Forget a pair's entered figures: the network or the estimate applies again."""
    services.remove_travel(slug, a, b, current_actor(), get_uow())
    return travel(slug)


@bp.post("/projects/<slug>/travel/import")
@requires(Role.STEERING)
def import_travel(slug: str) -> Response:
    """Enter many pairs from a route planner's file (text/csv body, or JSON filename+content)."""
    if (request.content_length or 0) > MAX_FILE_BYTES:
        raise InvalidData(f"Filen er større enn {MAX_FILE_BYTES // 1_000_000} MB.")
    if request.mimetype == "application/json":
        body = fields.json_object(("filename", "content"))
        filename = fields.text(body, "filename", 200) or "reiser.csv"
        raw = fields.text(body, "content", MAX_FILE_BYTES, required=True).encode("utf-8")
    else:
        filename, raw = "reiser.csv", request.get_data(cache=False)
    links = services.import_travel(slug, raw, filename, current_actor(), get_uow())
    return jsonify({"project": slug, "links": jsonable(links)})


def _assumptions(slug: str) -> Response:
    view = services.get_assumptions(slug, current_actor(), get_uow())
    return jsonify({**jsonable(view), "labels": dict(view.labels)})


@bp.get("/projects/<slug>/assumptions")
@requires()
def assumptions(slug: str) -> Response:
    """The project's planning assumptions, each with its basis (defaults until saved)."""
    return _assumptions(slug)


@bp.put("/projects/<slug>/assumptions")
@requires(Role.STEERING)
def put_assumptions(slug: str) -> Response:
    """Change some assumptions with the version read (null while none is saved)."""
    body = fields.json_object((*ASSUMPTIONS, "trips_per_partner", "version", "reason"))
    form = {name: fields.number_text(body.get(name), name) for name in ASSUMPTIONS}
    for code, trips in fields.mapping(body, "trips_per_partner", 40).items():
        form[f"trips-{code}"] = fields.number_text(trips, f"trips_per_partner.{code}")
    values = services.parse_assumption_values(form)
    services.save_assumptions(
        slug,
        values,
        current_actor(),
        get_uow(),
        fields.version(body),
        fields.text(body, "reason", 500),
    )
    return _assumptions(slug)

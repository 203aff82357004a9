"""Run the placement optimiser for a project: rules in, best hosts and ranked options out."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError, NotFound
from coop.domain.limits import optional, read_count, read_decimal
from coop.services.jobs.placement_job import KIND, proposal_from_json, request_to_json
from coop.services.jobs.records import job_status
from coop.services.placement.wording import RULE_LABELS
from web.forms import FieldProblems
from web.views import jobs
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("placement", __name__, url_prefix="/prosjekter/<slug>/plassering")
TIME_LIMIT_S = 20.0  # a page waits at most this long for the solver; the CLI allows 30 s


LABELS = {
    "maks_tap": "Største netto tap av årsverk",
    "min_tjenester": "Minst antall tjenester per kommune",
    "maks_tjenester": "Flest tjenester per vertskommune",
    "maks_pendling": "Lengste pendling",
    "maks_reise": "Lengste reise for samarbeidskommunene",
    "folketallsandel": "Avvik fra folketallsandel",
    "faste_vertskostnader": "Faste vertskostnader",
    "diskonteringsrente": "Diskonteringsrente",
    "antall": "Antall alternativer som vises",
}
# The rule form's field for each rule the optimiser may have to bend (its RULE_LABELS name).
RULE_FIELDS = {
    "max_net_loss": "maks_tap",
    "min_services": "min_tjenester",
    "max_services": "maks_tjenester",
    "max_staff_commute": "maks_pendling",
    "max_partner_travel": "maks_reise",
    "population_share": "folketallsandel",
}
LIMITS = {"faste_vertskostnader": 10**9, "diskonteringsrente": 20, "folketallsandel": 100}


def bent_rules(error: str) -> list[tuple[str, str]]:
    """(field id, field label) of each rule the failed job's message says must bend."""
    return [
        (field, LABELS[field])
        for rule, field in RULE_FIELDS.items()
        if f"{RULE_LABELS[rule]} (" in error
    ]


def _number(problems: FieldProblems, name: str) -> float | None:
    """A bounded Norwegian number from the query; a refused one is kept under its field."""
    raw = request.args.get(name, "")
    high = Decimal(LIMITS.get(name, 10_000))
    found = problems.read(name, optional, read_decimal, raw, LABELS[name], Decimal(0), high)
    return None if found is None else float(found)


def _whole(problems: FieldProblems, name: str, low: int, high: int) -> int | None:
    """A bounded count from the query; a refused one is kept under its field."""
    return problems.read(name, optional, read_count, request.args.get(name, ""), LABELS[name],
                         low, high)  # fmt: skip


def _request(codes: list[str], problems: FieldProblems) -> services.PlacementRequest:
    """Read the rule form (query arguments) into a request; refused fields go to ``problems``."""
    locks = {c: request.args[f"las-{c}"] for c in codes if request.args.get(f"las-{c}")}
    forbids = tuple((c, m) for c in codes for m in request.args.getlist(f"utelukk-{c}") if m)
    band = _number(problems, "folketallsandel")
    return services.PlacementRequest(
        locks=locks,
        forbids=forbids,
        max_net_loss_fte=_number(problems, "maks_tap"),
        max_services_hosted=_whole(problems, "maks_tjenester", 0, 100),
        min_services_hosted=_whole(problems, "min_tjenester", 0, 100),
        max_staff_commute_min=_number(problems, "maks_pendling"),
        max_partner_travel_min=_number(problems, "maks_reise"),
        population_share_band=None if band is None else band / 100,
        together=tuple(c for c in request.args.getlist("samlet") if c in codes),
        fixed_host_cost_nok=_number(problems, "faste_vertskostnader"),
        discount_rate_pct=_number(problems, "diskonteringsrente"),
        top=_whole(problems, "antall", 1, 10) or 5,
        time_limit_s=TIME_LIMIT_S,
    )


@bp.get("/")
@requires(Role.STEERING)
def propose(slug: str) -> tuple[str, int] | Response:
    """Rule form; ``kjor`` starts the optimiser as a background job.

    The request returns at once to this page with ``jobb``, which shows the job's progress
    (static/jobs.js asks for it) and then its answer, or why there is none.
    """
    editor = services.scenario_editor(slug, None, get_uow())
    problems = FieldProblems()
    context: dict[str, object] = {
        "editor": editor,
        "args": request.args,
        "time_limit": TIME_LIMIT_S,
        "problems": problems,
    }
    status = 200
    if request.args.get("kjor"):
        try:
            rules = _request([s.code for s in editor.project.services], problems)
            if problems:
                return render_template("placement/propose.html", **context), 422
            params = {
                "request": request_to_json(rules),
                "policy": request.args.get("retningslinjer") or None,
                "scenario": request.args.get("alternativ") or None,
            }
            job = jobs.start(KIND, params, slug)
        except CoopError as error:
            context["error"], status = error.message, 422
        else:
            kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("kjor", "jobb")]
            query = urlencode([*kept, ("jobb", job.id)])
            return redirect(f"{url_for('placement.propose', slug=slug)}?{query}", 303)
    elif request.args.get("jobb"):
        job = job_status(request.args["jobb"], current_actor(), get_uow())
        if job.kind != KIND or job.project != slug:
            raise NotFound("Fant ikke jobben.")
        context.update(job=job, label=jobs.label(job))
        context["back"] = request.full_path
        if job.status.value == "done" and job.result is not None:
            context["result"] = proposal_from_json(job.result)
        elif job.status.value == "failed":
            context["error"] = job.error
            context["bent"] = bent_rules(job.error)
    return render_template("placement/propose.html", **context), status


@bp.post("/lagre")
@requires(Role.STEERING)
def save(slug: str) -> Response | tuple[str, int]:
    """Save a proposed placement as a new scenario, based on an existing one's FTE (or defaults)."""
    name = request.form.get("navn", "").strip()
    if request.form.get("alternativ"):
        base = services.get_scenario(slug, request.form.get("alternativ", ""), get_uow())
        arrangements = [
            {
                "service": a.service,
                "host": request.form.get(f"vert-{a.service}", a.host),
                "participants": sorted(a.participants),
                "legal_form": a.legal_form.value,
                "joint_fte": str(a.joint_fte),
                "local_fte": str(a.local_fte),
                "cost_key": a.cost_key,
            }
            for a in base.arrangements
        ]
        policy, note = base.policy, f"Forslag fra optimeringen, basert på «{base.name}»."
    else:
        arrangements, policy = _from_defaults(slug)
        note = ("Forslag fra optimeringen. Felles årsverk er summen av grunnlaget; nøkkel og "
                "retningslinjer er prosjektets første (standard).")  # fmt: skip
    services.edit_scenario(slug, name, arrangements, current_actor(), get_uow(), None, policy, note)
    flash(f"Forslaget er lagret som alternativet «{name}».")
    return redirect(url_for("scenarios.show", slug=slug, name=name))


def _from_defaults(slug: str) -> tuple[list[dict[str, Any]], str | None]:
    """Arrangements for the proposed hosts when no option was chosen (the CLI's defaults).

    Every participant joins, the joint FTE is the baseline total, the key and the policy are
    the project's first.
    """
    editor = services.scenario_editor(slug, None, get_uow())
    key = editor.cost_keys[0] if editor.cost_keys else None
    arrangements = [
        {
            "service": s.code,
            "host": request.form[f"vert-{s.code}"],
            "participants": list(s.participants),
            "joint_fte": str(s.fte),
            "cost_key": key,
        }
        for s in editor.project.services
        if request.form.get(f"vert-{s.code}")
    ]
    return arrangements, editor.policies[0] if editor.policies else None

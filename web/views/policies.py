"""Personnel policies: every policy priced for every placement option, and new variants."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from coop import services
from coop.domain.access import Role
from coop.domain.errors import CoopError
from coop.services.policies import MAX_BANDS, PolicyInput
from web.views.auth import current_actor, get_uow, requires

bp = Blueprint("policies", __name__, url_prefix="/prosjekter/<slug>/retningslinjer")


@bp.get("/")
@requires()
def index(slug: str) -> str:
    """All policies side by side, each priced for each placement option."""
    table = services.policy_table(slug, current_actor(), get_uow())
    return render_template("policies/index.html", t=table)


@bp.get("/ny")
@requires(Role.STEERING)
def new(slug: str) -> tuple[str, int]:
    """A variant form, filled in from an existing policy (``fra``) when given."""
    base = request.args.get("fra")
    if base:
        policy = services.get_policy(slug, base, get_uow())
        entered = services.policy_input(policy, f"{policy.name} (variant)")
    else:
        entered = PolicyInput("", (("0", "0"),))
    return _form(slug, entered)


@bp.post("/ny")
@requires(Role.STEERING)
def create(slug: str) -> tuple[str, int] | Response:
    """Save the variant; invalid input is shown again with the reason, nothing saved."""
    entered = _entered(request.form)
    try:
        policy = services.add_policy_variant(slug, entered, current_actor(), get_uow())
    except CoopError as error:  # InvalidData and InvalidPolicy: show the form again
        return _form(slug, entered, error.message, 422)
    flash(f"Retningslinjene «{policy.name}» er lagret. Velg dem i et alternativ for å bruke dem.")
    return redirect(url_for("policies.index", slug=slug))


def _form(
    slug: str, entered: PolicyInput, error: str | None = None, status: int = 200
) -> tuple[str, int]:
    project = services.project_overview(slug, get_uow())
    rows = list(entered.bands) + [("", "")] * (MAX_BANDS - len(entered.bands))
    html = render_template(
        "policies/new.html", project=project, v=entered, rows=rows[:MAX_BANDS], error=error
    )
    return html, status


def _entered(form: MultiDict[str, str]) -> PolicyInput:
    bands = tuple(
        (form.get(f"km-{i}", ""), form.get(f"tilskudd-{i}", "")) for i in range(1, MAX_BANDS + 1)
    )
    return PolicyInput(
        name=form.get("name", ""),
        bands=bands,
        grant_years=form.get("grant_years", ""),
        yearly=form.get("yearly") == "ja",
        one_way_km=form.get("one_way_km") == "ja",
        relocation_nok=form.get("relocation_nok", ""),
        relocation_share_pct=form.get("relocation_share_pct", ""),
        transition_grant_nok=form.get("transition_grant_nok", ""),
        description=form.get("description", ""),
        threshold_inclusive=form.get("threshold_inclusive") == "ja",
        transition_grant_to=form.get("transition_grant_to", "alle"),
    )


@bp.post("/slett")
@requires(Role.STEERING)
def delete(slug: str) -> Response:
    """Delete a policy no option names; a refusal says which options do (422)."""
    name = request.form.get("navn", "")
    services.delete_policy(slug, name, current_actor(), get_uow())
    flash(f"Retningslinjene «{name}» er slettet.")
    return redirect(url_for("policies.index", slug=slug))

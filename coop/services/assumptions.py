"""Use cases for a project's planning assumptions («Forutsetninger»): read, change, log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.assumptions import DEFAULT_BASIS, FIELDS, PlanningAssumptions
from coop.domain.formatting import format_kr, format_pct
from coop.domain.typed_numbers import typed_decimal, typed_whole
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_data import assumptions_of


@dataclass(frozen=True)
class AssumptionsView:
    """The assumptions with the project's services, for the page and the API."""

    slug: str
    project_name: str
    assumptions: PlanningAssumptions
    service_names: Mapping[str, str]
    saved: bool  # False while the project runs on defaults it never saved
    editable: bool

    @property
    def labels(self) -> Mapping[str, str]:
        """Bokmål label of each field."""
        return FIELDS


def _fields(a: PlanningAssumptions, names: Mapping[str, str]) -> dict[str, str]:
    out = {
        FIELDS["baseline_year"]: str(a.baseline_year),
        FIELDS["budget_year"]: str(a.budget_year),
        FIELDS["horizon_years"]: f"{a.horizon_years} år",
        FIELDS["discount_rate_pct"]: format_pct(a.discount_rate_pct),
        FIELDS["efficiency_gain_pct"]: format_pct(a.efficiency_gain_pct),
        FIELDS["cost_per_fte_nok"]: format_kr(a.cost_per_fte_nok),
        FIELDS["fixed_host_cost_nok"]: format_kr(a.fixed_host_cost_nok),
    }
    for code, trips in sorted(a.trips_per_partner.items()):
        out[f"Tjenestereiser, {names.get(code, code)}"] = str(trips)
    for field, basis in sorted(a.bases.items()):
        out[f"Grunnlag for {FIELDS[field].lower()}"] = basis
    return out


def get_assumptions(slug: str, actor: Actor, uow: UnitOfWork) -> AssumptionsView:
    """The project's assumptions (defaults until it saves its own)."""
    with uow:
        project = uow.projects.get(slug)
        saved = uow.assumptions.find(slug) is not None
        a = assumptions_of(project, uow)
    names = {s.code: s.name for s in project.services}
    editable = actor.role.value in ("admin", "styringsgruppe")
    return AssumptionsView(slug, project.name, a, names, saved, editable)


def save_assumptions(
    slug: str,
    values: Mapping[str, object],
    actor: Actor,
    uow: UnitOfWork,
    version: int | None,
    reason: str = "",
) -> PlanningAssumptions:
    """Change some assumptions; a changed figure's basis becomes «vedtatt/oppgitt av …».

    ``values`` holds any of the fields (typed values), ``trips_per_partner`` as a mapping and
    ``bases`` as a mapping of field → basis text. A stale ``version`` is refused.
    """
    require_role(actor, Role.STEERING)
    unknown = sorted(set(values) - set(FIELDS) - {"bases"})
    errors.require(not unknown, f"Ukjent forutsetning: {', '.join(unknown)}.")
    with uow:
        project = uow.projects.get(slug)
        before = assumptions_of(project, uow)
        saved = uow.assumptions.find(slug)
        expected = (saved.version if saved else None) if version is None else version
        if saved is None and version not in (None, 0):
            raise errors.ConcurrentEdit("Forutsetningene")
        changes = {k: v for k, v in values.items() if k != "bases"}
        if "trips_per_partner" in changes:
            trips = dict(changes["trips_per_partner"])  # type: ignore[call-overload]
            codes = {s.code for s in project.services}
            errors.require(
                set(trips) <= codes,
                f"Tjenestereiser oppgitt for tjenester utenfor prosjektet: "
                f"{', '.join(sorted(set(trips) - codes))}.",
            )
            changes["trips_per_partner"] = {**before.trips_per_partner, **trips}
        bases = dict(before.bases)
        for field, value in changes.items():
            if getattr(before, field) != value and bases.get(field, DEFAULT_BASIS) == DEFAULT_BASIS:
                bases[field] = f"oppgitt av {actor.username}"
        bases.update(dict(values.get("bases", {})))  # type: ignore[call-overload]
        try:
            after = replace(before, **changes, bases=bases)  # type: ignore[arg-type]
        except TypeError as error:
            raise errors.InvalidData(f"Ugyldig verdi for en forutsetning: {error}") from None
        uow.assumptions.save(slug, after, expected if saved else None)
        names = {s.code: s.name for s in project.services}
        record(uow, actor, "forutsetninger", slug, _fields(before, names), _fields(after, names),
               slug, reason)  # fmt: skip
        uow.commit()
        return after


def parse_assumption_values(form: Mapping[str, str]) -> dict[str, object]:
    """Typed values from form or JSON text; each number bounded, errors name the field."""
    out: dict[str, object] = {}
    for field in ("baseline_year", "budget_year", "horizon_years"):
        if form.get(field, "").strip():
            out[field] = typed_whole(form[field], FIELDS[field])
    for field in ("discount_rate_pct", "efficiency_gain_pct", "cost_per_fte_nok",
                  "fixed_host_cost_nok"):  # fmt: skip
        if form.get(field, "").strip():
            out[field] = typed_decimal(form[field], FIELDS[field])
    trips = {
        key.removeprefix("trips-"): typed_whole(
            value, f"Tjenestereiser ({key.removeprefix('trips-')})"
        )
        for key, value in form.items()
        if key.startswith("trips-") and value.strip()
    }
    if trips:
        out["trips_per_partner"] = trips
    return out

"""Use cases for personnel policies: see them, price them per option, and add variants.

A policy the steering group has agreed with the unions is never edited in place (options and
agreement drafts refer to it by name); a new demand — KFO's 45 000 kr travel grant in 2007 —
becomes a variant, priced next to the agreed one for every placement option.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.changes import policy_fields
from coop.domain.transition import policy_model
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.network import transition_cost

MAX_BANDS = 6


@dataclass(frozen=True)
class PolicyInput:
    """A policy as typed: amounts in kroner, the moving share in percent, bands as pairs."""

    name: str
    bands: tuple[tuple[str, str], ...]  # (from km, grant kr)
    grant_years: str = "1"
    yearly: bool = True
    one_way_km: bool = True
    relocation_nok: str = "0"
    relocation_share_pct: str = "0"
    transition_grant_nok: str = "0"
    description: str = ""
    threshold_inclusive: bool = True
    transition_grant_to: str = "alle"


@dataclass(frozen=True)
class PolicyTable:
    """A project's policies and what each costs for each placement option (or why not)."""

    slug: str
    project_name: str
    policies: tuple[policy_model.PersonnelPolicy, ...]
    scenarios: tuple[str, ...]
    totals: Mapping[tuple[str, str], Decimal]  # (scenario, policy) -> transition cost
    problems: Mapping[tuple[str, str], str]
    editable: bool


def policy_table(slug: str, actor: Actor, uow: UnitOfWork) -> PolicyTable:
    """Every policy priced for every option (transition cost over the planning period)."""
    with uow:
        project = uow.projects.get(slug)
        policies = tuple(uow.policies.list(slug))
        scenarios = tuple(s.name for s in uow.scenarios.list(slug))
    totals: dict[tuple[str, str], Decimal] = {}
    problems: dict[tuple[str, str], str] = {}
    for scenario in scenarios:
        for policy in policies:
            try:
                report = transition_cost(slug, scenario, uow, policy.name)
            except errors.CoopError as error:
                problems[scenario, policy.name] = error.message
            else:
                totals[scenario, policy.name] = report.total_nok
    editable = actor.role in (Role.ADMIN, Role.STEERING)
    return PolicyTable(slug, project.name, policies, scenarios, totals, problems, editable)


def get_policy(slug: str, name: str, uow: UnitOfWork) -> policy_model.PersonnelPolicy:
    """One policy by name, or ``NotFound``."""
    with uow:
        return uow.policies.get(slug, name)


def add_policy_variant(
    slug: str, entered: PolicyInput, actor: Actor, uow: UnitOfWork
) -> policy_model.PersonnelPolicy:
    """Add a policy (steering group or admin); names are unique within the project."""
    require_role(actor, Role.STEERING)
    policy = build_policy(entered)
    with uow:
        if policy.name in {p.name for p in uow.policies.list(slug)}:
            raise errors.InvalidData(
                f"Prosjektet har allerede retningslinjer som heter «{policy.name}»; "
                "velg et annet navn for varianten."
            )
        uow.policies.add(slug, policy)
        record(uow, actor, "retningslinjer", policy.name, None, policy_fields(policy), slug)
        uow.commit()
    return policy


def policy_input(policy: policy_model.PersonnelPolicy, name: str) -> PolicyInput:
    """A stored policy as form values, under a new name (the start of a variant)."""
    return PolicyInput(
        name=name,
        bands=tuple((_plain(b.from_km), _plain(b.grant_nok)) for b in policy.bands),
        grant_years=str(policy.grant_years),
        yearly=policy.yearly,
        one_way_km=policy.one_way_km,
        relocation_nok=_plain(policy.relocation_nok),
        relocation_share_pct=_plain(policy.relocation_share * 100),
        transition_grant_nok=_plain(policy.transition_grant_nok),
        description=policy.description,
        threshold_inclusive=policy.threshold_inclusive,
        transition_grant_to=policy.transition_grant_to,
    )


def build_policy(entered: PolicyInput) -> policy_model.PersonnelPolicy:
    """Turn typed values into a policy; the first broken rule is reported by its field."""
    name = entered.name.strip()
    if not name or len(name) > 100:
        raise errors.InvalidData("Skriv et navn på retningslinjene (høyst 100 tegn).")
    rows = [(k.strip(), g.strip()) for k, g in entered.bands if k.strip() or g.strip()]
    if not rows or len(rows) > MAX_BANDS:
        raise errors.InvalidData(f"Oppgi fra ett til {MAX_BANDS} trinn for reisetilskudd.")
    bands = tuple(
        policy_model.TravelBand(
            _amount(km, f"Trinn {i}: fra km"), _amount(grant, f"Trinn {i}: reisetilskudd")
        )
        for i, (km, grant) in enumerate(rows, start=1)
    )
    years = entered.grant_years.strip()
    if not years.isdigit() or int(years) > 10:
        raise errors.InvalidData(f"Antall år med reisetilskudd: «{years}» må være 0–10.")
    return policy_model.PersonnelPolicy(
        name=name,
        bands=bands,
        grant_years=int(years),
        yearly=entered.yearly,
        one_way_km=entered.one_way_km,
        relocation_nok=_amount(entered.relocation_nok, "Flyttekostnad"),
        relocation_share=_amount(entered.relocation_share_pct, "Andel som flytter") / 100,
        transition_grant_nok=_amount(entered.transition_grant_nok, "Omstillingstilskudd"),
        description=entered.description.strip(),
        threshold_inclusive=entered.threshold_inclusive,
        transition_grant_to=entered.transition_grant_to,
    )


def _amount(text: str, label: str) -> Decimal:
    """A non-negative number typed the Norwegian way ('45 000', '12,5')."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").removesuffix("kr")
    try:
        value = Decimal(cleaned or "0")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value >= Decimal(10) ** 9:
        raise errors.InvalidData(f"{label}: «{text.strip()}» er ikke et gyldig tall.")
    return value


def _plain(value: Decimal) -> str:
    """45000.00 → '45000', 0.10 → '0,1' for a form field."""
    return f"{value.normalize():f}".replace(".", ",")

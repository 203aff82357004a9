"""Creating a project with the defaults the engines need to work at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

from coop.domain import errors, model
from coop.domain.access import Actor, Role, require_role
from coop.domain.assumptions import default_assumptions
from coop.domain.catalogue import default_trips
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.transition.policy_model import PersonnelPolicy
from coop.domain.transition.travel_grants import AGDER_STEPS, SEED_2007
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_editing.members import MAX_MEMBERS
from coop.services.project_editing.naming import resolve_member, slugify
from coop.services.project_editing.own_services import OwnService, own_service_code
from coop.services.project_editing.saving import project_fields
from coop.services.project_editing.service_list import MAX_SERVICES

POLICY_PRESETS: Mapping[str, PersonnelPolicy] = {
    "gratangen-2007": SEED_2007,
    "agder-2018": AGDER_STEPS,
}
DEFAULT_PRESET = "gratangen-2007"


def create_project(
    name: str,
    members: Iterable[str],
    services: Iterable[str],
    actor: Actor,
    uow: UnitOfWork,
    *,
    slug: str | None = None,
    description: str = "",
    own_services: Iterable[OwnService] = (),
    policy_preset: str = DEFAULT_PRESET,
    today: date | None = None,
) -> model.CooperationProject:
    """Create a project of register municipalities and catalogue (or own) services.

    Every member takes part in every service to begin with; the project gets default
    planning assumptions, the chosen personnel-policy preset and a population key.
    """
    require_role(actor, Role.STEERING)
    on = today or date.today()
    errors.require(
        policy_preset in POLICY_PRESETS, f"Ukjent mal for retningslinjer «{policy_preset}»."
    )
    with uow:
        register = {m.number: m for m in uow.municipalities.list()}
        numbers = sorted({resolve_member(text, register) for text in members})
        errors.require(len(numbers) >= 2, "Et samarbeid trenger minst to kommuner.")
        errors.require(len(numbers) <= MAX_MEMBERS, f"Høyst {MAX_MEMBERS} kommuner i ett prosjekt.")
        catalogue = {e.code: e for e in uow.catalogue.list()}
        codes = list(dict.fromkeys(c.strip() for c in services if c.strip()))
        own = list(own_services)
        errors.require(bool(codes or own), "Velg minst én tjeneste.")
        errors.require(len(codes) + len(own) <= MAX_SERVICES, f"Høyst {MAX_SERVICES} tjenester.")
        unknown = [c for c in codes if c not in catalogue]
        errors.require(
            not unknown, f"Tjenesten «{', '.join(unknown)}» finnes ikke i tjenestekatalogen."
        )
        gone = [catalogue[c].name for c in codes if not catalogue[c].available_on(on)]
        errors.require(
            not gone,
            f"{', '.join(gone)} kan ikke lenger settes opp som vertskommunesamarbeid "
            f"(se tjenestekatalogen).",
        )
        slug = slug or _free_slug(slugify(name), uow)
        errors.require(not uow.projects.exists(slug), f"Prosjektkoden «{slug}» er i bruk.")
        chosen = [catalogue[c].service() for c in codes]
        taken = {s.code for s in uow.services.list()} | set(catalogue)
        trips = default_trips(catalogue[c] for c in codes)
        for extra in own:
            code = own_service_code(extra.name, slug, taken)
            taken.add(code)
            chosen.append(model.Service(code, extra.name.strip(), extra.kostra_functions,
                                        extra.description, owner=slug))  # fmt: skip
            trips[code] = extra.trips_per_partner
        for service in chosen:
            if service.owner is not None or uow.services.find(service.code) is None:
                uow.services.upsert(service)
        project = model.CooperationProject(
            slug=slug,
            name=name.strip(),
            municipalities=tuple(numbers),
            services=tuple(chosen),
            participants={s.code: frozenset(numbers) for s in chosen},
            description=description.strip(),
        )
        now = datetime.now(UTC)
        uow.projects.add(project, actor.username, now)
        uow.access.grant(slug, actor.username)
        assumptions = default_assumptions(on, trips)
        uow.assumptions.save(slug, assumptions, None)
        uow.policies.add(slug, POLICY_PRESETS[policy_preset])
        uow.cost_keys.add(slug, _population_key(register, numbers))
        record(uow, actor, "prosjekt", slug, None, project_fields(project), slug, at=now)
        uow.commit()
        return project


def _population_key(register: Mapping[str, model.Municipality], numbers: list[str]) -> CostKey:
    dates = sorted({register[n].population_date for n in numbers})
    when = dates[-1]
    return CostKey(
        name="Folketall",
        components=(KeyComponent(KeyKind.POPULATION, Decimal(1)),),
        population_date=when,
        host_overhead_pct=Decimal(0),
        description=(
            f"Standard: fordeling etter folketall (SSB per {when:%d.%m.%Y}, som i "
            "kommuneregisteret). Endre eller lag en annen nøkkel før avtalen vedtas."
        ),
    )


def _free_slug(base: str, uow: UnitOfWork) -> str:
    slug, n = base, 2
    while uow.projects.exists(slug):
        slug, n = f"{base[:36]}-{n}", n + 1
    return slug

"""Adding a catalogue or own service to a project, and removing one nothing places."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coop.domain import errors, model
from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_editing.own_services import OwnService, own_service_code
from coop.services.project_editing.saving import Uses, save_project

MAX_SERVICES = 40


def service_uses(slug: str, code: str, uow: UnitOfWork) -> Uses:
    """Options and agreements that place a service."""
    items = [
        f"alternativet «{s.name}»"
        for s in uow.scenarios.list(slug)
        if any(a.service == code for a in s.arrangements)
    ]
    items += [
        f"avtaleutkastet i «{scenario}» (versjon {v.number})"
        for (scenario, service), v in uow.agreements.latest_by_arrangement(slug).items()
        if service == code
    ]
    return Uses(tuple(items))


def add_service(
    slug: str,
    actor: Actor,
    uow: UnitOfWork,
    code: str | None = None,
    own: OwnService | None = None,
    version: int | None = None,
    today: date | None = None,
) -> str:
    """Add a catalogue service (``code``) or the project's own (``own``); all members join."""
    require_role(actor, Role.STEERING)
    errors.require(
        (code is None) != (own is None), "Velg en tjeneste fra katalogen eller lag en egen."
    )
    with uow:
        before = uow.projects.get(slug)
        errors.require(len(before.services) < MAX_SERVICES, f"Høyst {MAX_SERVICES} tjenester.")
        assumptions = uow.assumptions.find(slug)
        trips: dict[str, int] = {}
        if code is not None:
            entry = uow.catalogue.get(code)
            errors.require(
                entry.available_on(today or date.today()),
                f"{entry.name} kan ikke lenger settes opp som vertskommunesamarbeid.",
            )
            service = entry.service()
            if uow.services.find(code) is None:
                uow.services.upsert(service)
            trips[code] = entry.trips_per_partner
        else:
            assert own is not None  # noqa: S101 - checked above
            taken = {s.code for s in uow.services.list()} | uow.catalogue.codes()
            service = model.Service(
                own_service_code(own.name, slug, taken), own.name.strip(), own.kostra_functions,
                own.description, owner=slug,
            )  # fmt: skip
            uow.services.upsert(service)
            trips[service.code] = own.trips_per_partner
        errors.require(
            all(s.code != service.code for s in before.services),
            f"{service.name} er allerede med i prosjektet.",
        )
        after = replace(
            before,
            services=(*before.services, service),
            participants={**before.participants, service.code: frozenset(before.municipalities)},
        )
        save_project(uow, actor, before, after, version)
        if assumptions is not None and service.code not in assumptions.trips_per_partner:
            updated = replace(
                assumptions, trips_per_partner={**assumptions.trips_per_partner, **trips}
            )
            uow.assumptions.save(slug, updated, assumptions.version)
        record(
            uow, actor, "tjeneste", f"{slug}/{service.code}", None, {"Tjeneste": service.name}, slug
        )
        uow.commit()
        return service.code


def remove_service(
    slug: str, code: str, actor: Actor, uow: UnitOfWork, version: int | None = None
) -> None:
    """Remove a service no option or agreement places (else say what uses it)."""
    require_role(actor, Role.STEERING)
    with uow:
        before = uow.projects.get(slug)
        service = before.service(code)
        service_uses(slug, code, uow).refuse(service.name)
        errors.require(len(before.services) > 1, "Prosjektet må ha minst én tjeneste.")
        after = replace(
            before,
            services=tuple(s for s in before.services if s.code != code),
            participants={c: m for c, m in before.participants.items() if c != code},
            joined_on={k: d for k, d in before.joined_on.items() if k[0] != code},
            may_join={c: m for c, m in before.may_join.items() if c != code},
        )
        save_project(uow, actor, before, after, version)
        record(uow, actor, "tjeneste", f"{slug}/{code}", {"Tjeneste": service.name}, None, slug)
        uow.commit()

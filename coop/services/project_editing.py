"""Use cases that create and change a project: members, services, participation, details.

Any region can start from the municipality register and the service catalogue. A new
project gets what the engines need to work at once — planning assumptions, a personnel
policy from the presets and a population key — each labelled a default. Removing a member or
a service that options, keys or agreements use is refused with the list of what uses it;
nothing is silently deleted. Every change is written to the change log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
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
from coop.reference.numbers import number_history
from coop.services.change_log import record

MAX_MEMBERS = 60  # 46 (110 Innlandet) is the largest real host arrangement
MAX_SERVICES = 40
POLICY_PRESETS: Mapping[str, PersonnelPolicy] = {
    "gratangen-2007": SEED_2007,
    "agder-2018": AGDER_STEPS,
}
DEFAULT_PRESET = "gratangen-2007"
DEFAULT_TRIPS_OWN_SERVICE = 12  # an own service nobody gave a figure: monthly visits (anslag)


@dataclass(frozen=True)
class OwnService:
    """A service the project defines itself (not in the catalogue)."""

    name: str
    kostra_functions: tuple[str, ...] = ()
    trips_per_partner: int = DEFAULT_TRIPS_OWN_SERVICE
    description: str = ""


def slugify(text: str) -> str:
    """«Midt-Troms barnevern 2027» → ``midt-troms-barnevern-2027`` (ascii, ≤ 40 characters)."""
    folded = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:40].strip("-")
    return slug or "prosjekt"


def resolve_member(text: str, register: Mapping[str, model.Municipality]) -> str:
    """A municipality of today from what a person typed: «5522», «Salangen», «5522 Salangen».

    An old number (e.g. 1923) is refused with today's number as a hint: a project's members
    are today's municipalities.
    """
    raw = text.strip()
    errors.require(bool(raw), "Skriv et kommunenummer eller et kommunenavn.")
    errors.require(len(raw) <= 100, "Kommunen: høyst 100 tegn.")
    number = raw[:4] if raw[:4].isascii() and raw[:4].isdigit() else None
    if number is not None:
        if number in register:
            return number
        try:
            today = number_history().today(number)
        except errors.UnknownMunicipality:
            raise errors.UnknownMunicipality(number) from None
        names = " eller ".join(f"{n} {register[n].name}" for n in today if n in register)
        raise errors.InvalidData(
            f"{number} er et tidligere kommunenummer; i dag heter kommunen {names}."
        )
    wanted = raw.casefold()
    found = [
        n
        for n, m in register.items()
        if m.name.casefold() == wanted
        or wanted in {p.strip().casefold() for p in m.name.replace(" - ", "/").split("/")}
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        options = ", ".join(f"{n} {register[n].name} ({register[n].county})" for n in found)
        raise errors.InvalidData(f"«{raw}» passer flere kommuner: {options}. Bruk nummeret.")
    raise errors.InvalidData(f"Fant ingen kommune som heter «{raw}» i kommuneregisteret.")


def _own_code(name: str, slug: str, taken: set[str]) -> str:
    base = slugify(name)[:30]
    code = base if base not in taken else f"{slug[:20]}-{base}"[:40].strip("-")
    n = 2
    while code in taken:
        code, n = f"{base[:36]}-{n}", n + 1
    return code


def _project_fields(p: model.CooperationProject) -> dict[str, str]:
    return {
        "Navn": p.name,
        "Beskrivelse": p.description,
        "Pakkevilkår": p.package_condition,
        "Kommuner": ", ".join(sorted(p.municipalities)),
        "Tjenester": ", ".join(s.code for s in p.services),
    }


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
            code = _own_code(extra.name, slug, taken)
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
        record(uow, actor, "prosjekt", slug, None, _project_fields(project), slug, at=now)
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


@dataclass(frozen=True)
class Uses:
    """What uses a member or a service of a project (options, keys, agreements)."""

    items: tuple[str, ...]

    def refuse(self, what: str) -> None:
        """Raise ``InvalidData`` listing the uses, when there are any."""
        if self.items:
            raise errors.InvalidData(
                f"{what} kan ikke fjernes fordi det er i bruk: {'; '.join(self.items)}. "
                "Endre eller slett disse først."
            )


def member_uses(slug: str, number: str, uow: UnitOfWork) -> Uses:
    """Options, keys and agreements that name a member."""
    items = []
    for s in uow.scenarios.list(slug):
        placed = [a.service for a in s.arrangements if number in a.participants]
        if placed:
            items.append(f"alternativet «{s.name}» ({', '.join(placed)})")
    items += [
        f"fordelingsnøkkelen «{k.name}»"
        for k in uow.cost_keys.list(slug)
        if any(number in c.fixed_shares for c in k.components)
    ]
    items += [
        f"avtaleutkastet for «{service}» i «{scenario}» (versjon {v.number})"
        for (scenario, service), v in uow.agreements.latest_by_arrangement(slug).items()
        if number in v.version.participants
    ]
    return Uses(tuple(items))


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


def _save(
    uow: UnitOfWork,
    actor: Actor,
    before: model.CooperationProject,
    after: model.CooperationProject,
    version: int | None,
    reason: str = "",
) -> int:
    new_version = uow.projects.save(after, before.version if version is None else version)
    record(uow, actor, "prosjekt", after.slug, _project_fields(before), _project_fields(after),
           after.slug, reason)  # fmt: skip
    return new_version


def update_details(
    slug: str,
    name: str,
    description: str,
    version: int,
    actor: Actor,
    uow: UnitOfWork,
    package_condition: str | None = None,
) -> int:
    """Rename a project, change its description or its package condition (None keeps it).

    The package condition is the resolution point every council's «forslag til vedtak»
    repeats (Salangen 2007: identical resolutions in all cases, or all are reopened); empty
    means none. Stale versions are refused.
    """
    require_role(actor, Role.STEERING)
    with uow:
        before = uow.projects.get(slug)
        condition = before.package_condition if package_condition is None else package_condition
        after = replace(
            before,
            name=name.strip(),
            description=description.strip(),
            package_condition=" ".join(condition.split()),
        )
        new = _save(uow, actor, before, after, version)
        uow.commit()
        return new


def add_member(
    slug: str,
    member: str,
    actor: Actor,
    uow: UnitOfWork,
    services: Iterable[str] | None = None,
    version: int | None = None,
    today: date | None = None,
) -> str:
    """Add a municipality (by number or name) to the project and to ``services`` (default all)."""
    require_role(actor, Role.STEERING)
    with uow:
        before = uow.projects.get(slug)
        register = {m.number: m for m in uow.municipalities.list()}
        number = resolve_member(member, register)
        errors.require(
            number not in before.municipalities,
            f"{register[number].name} er allerede med i prosjektet.",
        )
        errors.require(len(before.municipalities) < MAX_MEMBERS, f"Høyst {MAX_MEMBERS} kommuner.")
        codes = [s.code for s in before.services] if services is None else list(services)
        for code in codes:
            before.service(code)
        participants = {c: set(m) for c, m in before.participants.items()}
        for code in codes:
            participants.setdefault(code, set()).add(number)
        after = replace(
            before,
            municipalities=tuple(sorted({*before.municipalities, number})),
            participants={c: frozenset(m) for c, m in participants.items()},
        )
        _save(uow, actor, before, after, version)
        record(uow, actor, "deltaker", f"{slug}/{number}", None,
               {"Kommune": register[number].name}, slug)  # fmt: skip
        uow.commit()
        return number


def remove_member(
    slug: str, number: str, actor: Actor, uow: UnitOfWork, version: int | None = None
) -> None:
    """Remove a member that no option, key or agreement uses (else say what uses it)."""
    require_role(actor, Role.STEERING)
    with uow:
        before = uow.projects.get(slug)
        errors.require(number in before.municipalities, f"{number} er ikke med i prosjektet.")
        name = uow.municipalities.get(number).name
        member_uses(slug, number, uow).refuse(name)
        errors.require(len(before.municipalities) > 2, "Et samarbeid trenger minst to kommuner.")
        after = replace(
            before,
            municipalities=tuple(m for m in before.municipalities if m != number),
            participants={c: m - {number} for c, m in before.participants.items()},
            joined_on={k: d for k, d in before.joined_on.items() if k[1] != number},
            may_join={c: m - {number} for c, m in before.may_join.items()},
        )
        _save(uow, actor, before, after, version)
        uow.project_travel.remove_member(slug, number)
        record(uow, actor, "deltaker", f"{slug}/{number}", {"Kommune": name}, None, slug)
        uow.commit()


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
                _own_code(own.name, slug, taken), own.name.strip(), own.kostra_functions,
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
        _save(uow, actor, before, after, version)
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
        _save(uow, actor, before, after, version)
        record(uow, actor, "tjeneste", f"{slug}/{code}", {"Tjeneste": service.name}, None, slug)
        uow.commit()


PARTICIPATION = {
    "deltar": "deltar",
    "kan_bli_med": "kan bli med senere",
    "deltar_ikke": "deltar ikke",
}


def set_participation(
    slug: str,
    code: str,
    number: str,
    status: str,
    actor: Actor,
    uow: UnitOfWork,
    joined_on: date | None = None,
    version: int | None = None,
) -> None:
    """Whether a member takes part in one service, from which date, or may join later.

    A member cannot leave a service that an option places it in; change the option first.
    """
    require_role(actor, Role.STEERING)
    errors.require(status in PARTICIPATION, f"Ukjent deltakelse «{status}».")
    errors.require(
        joined_on is None or status == "deltar", "Startdato gjelder bare kommuner som deltar."
    )
    errors.require(
        joined_on is None or date(1990, 1, 1) <= joined_on <= date(2100, 12, 31),
        "Startdatoen må ligge mellom 1990 og 2100.",
    )
    with uow:
        before = uow.projects.get(slug)
        service = before.service(code)
        errors.require(number in before.municipalities, f"{number} er ikke med i prosjektet.")
        name = uow.municipalities.get(number).name
        if status != "deltar" and number in before.participants_of(code):
            placed = [
                s.name
                for s in uow.scenarios.list(slug)
                if any(a.service == code and number in a.participants for a in s.arrangements)
            ]
            errors.require(
                not placed,
                f"{name} er med i «{service.name}» i alternativ {', '.join(placed)}; "
                "endre alternativet først.",
            )
        participants = {c: set(m) for c, m in before.participants.items()}
        later = {c: set(m) for c, m in before.may_join.items()}
        participants.setdefault(code, set()).discard(number)
        later.setdefault(code, set()).discard(number)
        dates = {k: d for k, d in before.joined_on.items() if k != (code, number)}
        if status == "deltar":
            participants[code].add(number)
            if joined_on is not None:
                dates[code, number] = joined_on
        elif status == "kan_bli_med":
            later[code].add(number)
        after = replace(
            before,
            participants={c: frozenset(m) for c, m in participants.items() if m},
            may_join={c: frozenset(m) for c, m in later.items() if m},
            joined_on=dates,
        )
        uow.projects.save(after, before.version if version is None else version)
        old = _participation_text(before, code, number)
        new = _participation_text(after, code, number)
        label = f"{name} i {service.name}"
        record(
            uow, actor, "deltakelse", f"{slug}/{code}/{number}", {label: old}, {label: new}, slug
        )
        uow.commit()


def _participation_text(p: model.CooperationProject, code: str, number: str) -> str:
    if number in p.participants.get(code, frozenset()):
        when = p.joined_on.get((code, number))
        return "deltar" + (f" fra {when:%d.%m.%Y}" if when else "")
    if number in p.may_join.get(code, frozenset()):
        return "kan bli med senere"
    return "deltar ikke"

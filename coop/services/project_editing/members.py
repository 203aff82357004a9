"""Adding a member municipality to a project, and removing one nothing uses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_editing.naming import resolve_member
from coop.services.project_editing.saving import Uses, save_project

MAX_MEMBERS = 60  # 46 (110 Innlandet) is the largest real host arrangement


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


def add_member(
    slug: str,
    member: str,
    actor: Actor,
    uow: UnitOfWork,
    services: Iterable[str] | None = None,
    version: int | None = None,
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
        save_project(uow, actor, before, after, version)
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
        save_project(uow, actor, before, after, version)
        uow.project_travel.remove_member(slug, number)
        record(uow, actor, "deltaker", f"{slug}/{number}", {"Kommune": name}, None, slug)
        uow.commit()

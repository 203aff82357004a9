"""Whether a member takes part in a service, from which date, or may join later."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coop.domain import errors, model
from coop.domain.access import Actor, Role, require_role
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record

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

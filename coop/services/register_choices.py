"""The municipality register as a list to choose members from (name, number, county, people)."""

from __future__ import annotations

from coop.domain import errors, model
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.project_editing.naming import resolve_member


def municipality_choices(uow: UnitOfWork) -> tuple[model.Municipality, ...]:
    """Every municipality of today, by name: what a type-ahead over all 357 offers."""
    with uow:
        return tuple(sorted(uow.municipalities.list(), key=lambda m: (m.name, m.number)))


def check_members(
    typed: list[str], choices: tuple[model.Municipality, ...]
) -> tuple[list[str], dict[int, str]]:
    """Resolve what each member field holds; return the numbers and, per field, the reason.

    Lets a form put «Fant ingen kommune som heter …» next to the field it belongs to before
    the use case (which checks again) is called.
    """
    register = {m.number: m for m in choices}
    numbers: list[str] = []
    problems: dict[int, str] = {}
    for i, text in enumerate(typed):
        if not text.strip():
            continue
        try:
            numbers.append(resolve_member(text, register))
        except errors.CoopError as error:
            problems[i] = error.message
    return numbers, problems

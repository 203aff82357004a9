"""Budget files with the municipality numbers of their own year (issue 16, rule 7).

A 2013 budget says Bergen 1201 and Førde 1432; today they are 4601 Bergen and 4647
Sunnfjord. A number valid in the budget year is accepted and the figures are filed under
today's successor, saying so; a municipality that was later split is not guessed: the user
is asked to give today's number of the part the file belongs to.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from coop.domain import errors
from coop.domain.municipality_numbers import Resolution
from coop.reference.numbers import number_history


@dataclass(frozen=True)
class BudgetMunicipality:
    """Today's number to file under, what the user gave, and the old numbers the file may use."""

    number: str
    given: str
    note: str  # bokmål, "" when the given number is today's
    aliases: dict[str, str]  # an old number valid in the budget year → ``number``


def budget_municipality(given: str, year: int, known: Collection[str]) -> BudgetMunicipality:
    """Today's municipality for a number as given with a budget of ``year``.

    A current number stands as it is. An old one must have been valid on 1 January of the
    budget year; it maps to its one successor today, and a split municipality asks which.
    """
    history = number_history()
    on = date(year, 1, 1)
    if given in known:
        earlier = history.number_on(given, on) if history.periods(given) else None
        aliases = {earlier: given} if earlier and earlier != given else {}
        return BudgetMunicipality(given, given, "", aliases)
    try:
        resolution: Resolution = history.resolve(given, on)
    except errors.UnknownMunicipality:
        raise errors.UnknownMunicipality(given) from None
    current = resolution.single
    if current is None or current not in known:
        parts = ", ".join(f"{n} {history.name_of(n)}" for n in resolution.current)
        raise errors.InvalidData(
            f"Kommunenummer {given} {resolution.name} (gyldig {on.year}) er senere delt; i dag: "
            f"{parts}. Oppgi dagens kommunenummer for den delen budsjettet gjelder."
        )
    note = (
        f"Kommunenummer {given} {resolution.name} var gyldig i {year}; i dag er det "
        f"{current} {history.name_of(current)}. Tallene lagres på {current}."
    )
    return BudgetMunicipality(current, given, note, {given: current})

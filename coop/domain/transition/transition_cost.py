"""The breakdown of a transition-cost estimate: cost lines and their totals.

Pure domain: standard library and ``coop.domain.model`` only. ``coop.domain.transition.personnel``
fills a ``TransitionCost``; pages, the CLI and the memo read its totals per kind, municipality, year
and service.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from coop.domain.errors import require
from coop.domain.transition.staff_transfers import StaffTransfer

ZERO = Decimal(0)
K = TypeVar("K", str, int)


class CostKind(StrEnum):
    """Kinds of transition cost, in the order a finance officer reads them."""

    TRAVEL_GRANT = "reisetilskudd"
    RELOCATION = "flytting"
    TRANSITION_GRANT = "omstillingstilskudd"
    SERVICE_TRAVEL = "tjenestereiser"
    EMPLOYER_TAX = "arbeidsgiveravgift"

    @property
    def label(self) -> str:
        """Bokmål label for tables."""
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class CostLine:
    """One amount: service, the municipality it concerns, kind, year (0 = one-off), whole NOK.

    ``municipality`` is where the staff come from or where the trips go, not who pays:
    the joint service carries the cost and the cost key splits it.
    """

    service: str
    municipality: str
    kind: CostKind
    year: int
    amount_nok: Decimal
    basis: str = ""

    def __post_init__(self) -> None:
        require(self.year >= 0, f"Ugyldig år {self.year} i kostnadslinje for {self.service}.")


@dataclass(frozen=True, slots=True)
class TransitionCost:
    """A breakdown of transition costs; every total is a sum of ``lines``.

    ``transfers`` lists the staff (headcount and FTE, expected values) each partner moves to
    the host; ``notes`` says in bokmål what could not be computed.
    """

    lines: tuple[CostLine, ...]
    notes: tuple[str, ...] = ()
    transfers: tuple[StaffTransfer, ...] = ()

    @staticmethod
    def combine(parts: Iterable[TransitionCost]) -> TransitionCost:
        """Join several breakdowns (e.g. one per service) into one."""
        parts = list(parts)
        return TransitionCost(
            tuple(line for p in parts for line in p.lines),
            tuple(note for p in parts for note in p.notes),
            tuple(t for p in parts for t in p.transfers),
        )

    @property
    def total_nok(self) -> Decimal:
        """Sum of all lines."""
        return sum((line.amount_nok for line in self.lines), ZERO)

    def by_kind(self) -> dict[CostKind, Decimal]:
        """Total per cost kind, every kind listed (zero when absent)."""
        out = dict.fromkeys(CostKind, ZERO)
        for line in self.lines:
            out[line.kind] += line.amount_nok
        return out

    def by_municipality(self) -> dict[str, Decimal]:
        """Total per municipality concerned, sorted by kommunenummer."""
        return _total_by(self.lines, lambda line: line.municipality)

    def by_year(self) -> dict[int, Decimal]:
        """Total per year of the estimate (0 = one-off), sorted."""
        return _total_by(self.lines, lambda line: line.year)

    def by_service(self) -> dict[str, Decimal]:
        """Total per service code, sorted."""
        return _total_by(self.lines, lambda line: line.service)


def _total_by(lines: Iterable[CostLine], key: Callable[[CostLine], K]) -> dict[K, Decimal]:
    out: dict[K, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        out[key(line)] += line.amount_nok
    return dict(sorted(out.items()))

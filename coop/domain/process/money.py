"""Project money: grants (skjønnsmidler, KS OU-midler) and spending, per source.

The 2005–07 project had 550 000 kr from the county governor, 125 000 kr more when Ibestad
joined and 300 000 kr for kart og oppmåling: three grants from one source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_text
from coop.domain.process.plan import check_date
from coop.domain.process.savings import check_nok

MAX_ENTRIES = 2000


class MoneyKind(StrEnum):
    """Money in or out."""

    GRANT = "tilskudd"
    SPENDING = "forbruk"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {MoneyKind.GRANT: "Tilskudd", MoneyKind.SPENDING: "Forbruk"}[self]


@dataclass(frozen=True, slots=True)
class MoneyEntry:
    """A grant received or an amount spent, against a source."""

    number: int
    source: str
    kind: MoneyKind
    amount_nok: Decimal
    on: date | None = None
    text: str = ""
    basis: str = ""

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Postnummeret må være mellom 1 og 100 000.")
        require(bool(self.source.strip()), "Skriv hvor pengene kommer fra (kilde).")
        check_text(self.source, "Kilden", 200)
        check_nok(self.amount_nok, "Beløpet")
        require(self.amount_nok > 0, "Beløpet må være større enn 0.")
        if self.on is not None:
            check_date(self.on, "Datoen")
        check_text(self.text, "Teksten", 500)
        check_text(self.basis, "Grunnlaget", 300)


@dataclass(frozen=True, slots=True)
class SourceBalance:
    """Granted, spent and left for one source."""

    source: str
    granted_nok: Decimal
    spent_nok: Decimal

    @property
    def left_nok(self) -> Decimal:
        """What is left to spend (negative: overspent)."""
        return self.granted_nok - self.spent_nok


def balances(entries: Iterable[MoneyEntry]) -> list[SourceBalance]:
    """Per source in order of first appearance."""
    granted: dict[str, Decimal] = {}
    spent: dict[str, Decimal] = {}
    for e in entries:
        granted.setdefault(e.source, Decimal(0))
        spent.setdefault(e.source, Decimal(0))
        target = granted if e.kind is MoneyKind.GRANT else spent
        target[e.source] += e.amount_nok
    return [SourceBalance(s, granted[s], spent[s]) for s in granted]

"""Savings targets, measures and tracking: «mål 44 mill., vedtatt 31 mill., realisert 27 mill.».

A programme has an overall target (Bærekraft 2023: 44 mill. kr for 2020) and targets per
working group, service or municipality and year of the økonomiplan. Measures carry an
expected yearly effect; a measure counts as adopted once its status is «vedtatt» or
«realisert», and what was realised is recorded per year from the accounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import require
from coop.domain.model import check_municipality_number, check_text

MAX_NOK = Decimal(100_000_000_000)  # 100 mrd. kr: far above any municipal budget
MAX_MEASURES = 1000


def check_nok(amount: Decimal, what: str) -> Decimal:
    """A whole or øre amount within ±100 mrd. kr."""
    require(isinstance(amount, Decimal) and amount.is_finite(), f"{what} må være et beløp.")
    require(abs(amount) <= MAX_NOK, f"{what} er for stort (høyst 100 mrd. kr).")
    require(amount == amount.quantize(Decimal("0.01")), f"{what}: høyst to desimaler.")
    return amount


def check_year(year: int, what: str = "Året") -> int:
    """A budget year within 1990–2100."""
    require(isinstance(year, int) and 1990 <= year <= 2100, f"{what} må være mellom 1990 og 2100.")
    return year


class MeasureStatus(StrEnum):
    """How far a measure has come."""

    PROPOSED = "foreslatt"
    ADOPTED = "vedtatt"
    REALISED = "realisert"
    DROPPED = "forkastet"

    @property
    def label(self) -> str:
        """Bokmål name."""
        return {
            MeasureStatus.PROPOSED: "Foreslått",
            MeasureStatus.ADOPTED: "Vedtatt",
            MeasureStatus.REALISED: "Realisert",
            MeasureStatus.DROPPED: "Forkastet",
        }[self]


@dataclass(frozen=True, slots=True)
class SavingsTarget:
    """A group's (or service's, or municipality's) target for one year, with its basis."""

    group: str
    year: int
    target_nok: Decimal
    service: str | None = None
    municipality: str | None = None
    basis: str = ""

    def __post_init__(self) -> None:
        require(bool(self.group.strip()), "Målet mangler gruppe.")
        check_text(self.group, "Gruppen", 200)
        check_year(self.year)
        check_nok(self.target_nok, "Sparemålet")
        require(self.target_nok >= 0, "Sparemålet kan ikke være negativt.")
        check_text(self.basis, "Grunnlaget", 300)
        if self.municipality is not None:
            check_municipality_number(self.municipality)


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure with its expected yearly effect, and what it realised per year."""

    number: int
    group: str
    title: str
    year: int
    expected_nok: Decimal
    status: MeasureStatus = MeasureStatus.PROPOSED
    realised_nok: tuple[tuple[int, Decimal], ...] = ()  # (year, amount) from the accounts
    basis: str = ""

    def __post_init__(self) -> None:
        require(1 <= self.number <= 100_000, "Tiltaksnummeret må være mellom 1 og 100 000.")
        require(bool(self.title.strip()), "Tiltaket mangler navn.")
        check_text(self.title, "Tiltaket", 300)
        check_text(self.group, "Gruppen", 200)
        check_year(self.year)
        check_nok(self.expected_nok, "Forventet effekt")
        check_text(self.basis, "Grunnlaget", 300)
        years = [y for y, _ in self.realised_nok]
        require(len(set(years)) == len(years), f"«{self.title}»: et år er ført to ganger.")
        for year, amount in self.realised_nok:
            check_year(year, "Regnskapsåret")
            check_nok(amount, "Realisert beløp")

    @property
    def adopted(self) -> bool:
        """Adopted measures count towards «vedtatt»."""
        return self.status in (MeasureStatus.ADOPTED, MeasureStatus.REALISED)

    @property
    def realised_total_nok(self) -> Decimal:
        """Everything realised so far."""
        return sum((a for _, a in self.realised_nok), Decimal(0))


@dataclass(frozen=True, slots=True)
class SavingsProgramme:
    """The overall target of a project (None when the seed gives none) and its parts."""

    target_nok: Decimal | None = None
    year: int | None = None
    basis: str = ""
    targets: tuple[SavingsTarget, ...] = ()
    measures: tuple[Measure, ...] = ()

    def __post_init__(self) -> None:
        if self.target_nok is not None:
            check_nok(self.target_nok, "Samlet sparemål")
            require(self.target_nok >= 0, "Sparemålet kan ikke være negativt.")
        if self.year is not None:
            check_year(self.year)
        check_text(self.basis, "Grunnlaget", 300)
        require(len(self.measures) <= MAX_MEASURES, f"Høyst {MAX_MEASURES} tiltak.")
        keys = [(t.group, t.year) for t in self.targets]
        require(len(set(keys)) == len(keys), "En gruppe har to mål for samme år.")


@dataclass(frozen=True, slots=True)
class GroupTracking:
    """One group's line: target (None if never set), adopted and realised."""

    name: str
    target_nok: Decimal | None
    adopted_nok: Decimal
    realised_nok: Decimal
    realised_by_year: tuple[tuple[int, Decimal], ...] = field(default=())


def realised_from_accounts(
    costs: Mapping[int, tuple[Decimal, str]], first_year: int
) -> tuple[tuple[int, Decimal], ...]:
    """Savings per year read from a service's figures: (year, cost before − cost that year).

    ``costs`` maps year → (gross cost, basis). The cost before is the latest year before the
    target's first year, whatever its basis; only later years whose basis is «regnskap»
    (accounts) count as realised — a budget is a plan, not a saving.
    """
    before = [y for y in costs if y < first_year]
    if not before:
        return ()
    base = costs[max(before)][0]
    return tuple(
        (y, base - cost)
        for y, (cost, basis) in sorted(costs.items())
        if y >= first_year and basis.strip().lower().startswith("regnskap")
    )


def track(
    programme: SavingsProgramme,
    groups: Iterable[str] = (),
    accounts: Mapping[str, Sequence[tuple[int, Decimal]]] | None = None,
) -> list[GroupTracking]:
    """Target, adopted and realised per group, in the order of ``groups`` then by name.

    Targets add up over years (an økonomiplan target of 10 + 15 mill. is 25 mill.); adopted
    is the expected effect of adopted measures; realised the sum of what the measures recorded
    plus, per group, what the accounts show (``accounts``: group → (year, amount)).
    """
    accounts = accounts or {}
    names = list(dict.fromkeys([*groups, *sorted({t.group for t in programme.targets})]))
    names += sorted({m.group for m in programme.measures} - set(names))
    names += sorted(set(accounts) - set(names))
    out = []
    for name in names:
        targets = [t.target_nok for t in programme.targets if t.group == name]
        measures = [m for m in programme.measures if m.group == name]
        live = [m for m in measures if m.status is not MeasureStatus.DROPPED]
        by_year: dict[int, Decimal] = {}
        for year, amount in accounts.get(name, ()):
            by_year[year] = by_year.get(year, Decimal(0)) + amount
        for m in live:
            for year, amount in m.realised_nok:
                by_year[year] = by_year.get(year, Decimal(0)) + amount
        out.append(
            GroupTracking(
                name=name,
                target_nok=sum(targets, Decimal(0)) if targets else None,
                adopted_nok=sum((m.expected_nok for m in live if m.adopted), Decimal(0)),
                realised_nok=sum(by_year.values(), Decimal(0)),
                realised_by_year=tuple(sorted(by_year.items())),
            )
        )
    return out


def programme_totals(
    programme: SavingsProgramme, lines: Iterable[GroupTracking]
) -> tuple[Decimal | None, Decimal, Decimal]:
    """(target, adopted, realised) for the whole programme.

    The target is the programme's own when it has one, else the sum of the group targets.
    """
    rows = list(lines)
    group_targets = [r.target_nok for r in rows if r.target_nok is not None]
    target = programme.target_nok
    if target is None and group_targets:
        target = sum(group_targets, Decimal(0))
    adopted = sum((r.adopted_nok for r in rows), Decimal(0))
    realised = sum((r.realised_nok for r in rows), Decimal(0))
    return target, adopted, realised

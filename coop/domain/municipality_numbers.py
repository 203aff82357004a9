"""Municipality numbers through time: which number was valid when, and what it is today.

Files and agreements from before the 2020 and 2024 reforms use old numbers (Salangen 1923,
Bergen 1201, Førde 1432). The history (SSB's classification 131, see fixtures/README.md) says
each number's validity period and successor(s); an old number is accepted where the date says
it was valid and mapped to today's municipality with a note, and an agreement prints the
number that was valid on its own date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coop.domain.errors import InvalidData, UnknownMunicipality, require
from coop.domain.model import check_municipality_number


@dataclass(frozen=True, slots=True)
class NumberPeriod:
    """One number with one name over one period (``valid_to`` None: still valid)."""

    number: str
    name: str
    valid_from: date
    valid_to: date | None
    successors: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        check_municipality_number(self.number)
        for successor in self.successors:
            check_municipality_number(successor)
        require(
            self.valid_to is None or self.valid_from <= self.valid_to,
            f"Kommunenummer {self.number} slutter før det begynner.",
        )

    def covers(self, on: date) -> bool:
        """True when the number was valid on ``on``."""
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    @property
    def current(self) -> bool:
        """True for a number that is still valid."""
        return self.valid_to is None


@dataclass(frozen=True, slots=True)
class Resolution:
    """An accepted number: what was given, and the municipality (or municipalities) today."""

    given: str
    on: date
    name: str
    current: tuple[str, ...]
    note: str

    @property
    def single(self) -> str | None:
        """Today's number when the old municipality went into exactly one."""
        return self.current[0] if len(self.current) == 1 else None


def _date(d: date) -> str:
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


class NumberHistory:
    """All numbers since 2005 with their periods; answers «what is this number today?»."""

    def __init__(self, periods: Iterable[NumberPeriod]) -> None:
        self._by_number: dict[str, list[NumberPeriod]] = defaultdict(list)
        self._predecessors: dict[str, list[NumberPeriod]] = defaultdict(list)
        for p in sorted(periods, key=lambda p: (p.number, p.valid_from)):
            self._by_number[p.number].append(p)
            for s in p.successors:
                self._predecessors[s].append(p)

    def periods(self, number: str) -> tuple[NumberPeriod, ...]:
        """Every period of one number, oldest first."""
        return tuple(self._by_number.get(number, ()))

    def valid_on(self, number: str, on: date) -> NumberPeriod | None:
        """The period of ``number`` that covers ``on``, if any."""
        return next((p for p in self._by_number.get(number, ()) if p.covers(on)), None)

    def today(self, number: str, on: date | None = None) -> tuple[str, ...]:
        """Today's number(s) for a number as it was on ``on`` (its latest period by default).

        Successors are looked up on the day after a period ends, so a number that was later
        reused for another municipality still leads to the right one.
        """
        periods = self._by_number.get(number)
        if not periods:
            raise UnknownMunicipality(number)
        period = periods[-1] if on is None else self.valid_on(number, on)
        if period is None:
            raise UnknownMunicipality(number)
        return tuple(sorted(set(self._follow(period, 0))))

    def _follow(self, period: NumberPeriod, depth: int) -> list[str]:
        if period.valid_to is None:
            return [period.number]
        require(depth < 50, f"Kommunenummerhistorikken for {period.number} går i ring.")
        after = period.valid_to + timedelta(days=1)
        out: list[str] = []
        for successor in period.successors:
            nxt = self.valid_on(successor, after)
            if nxt is None:
                raise InvalidData(
                    f"Etterfølgeren {successor} til {period.number} gjaldt ikke {_date(after)}."
                )
            out.extend(self._follow(nxt, depth + 1))
        return out

    def resolve(self, number: str, on: date) -> Resolution:
        """Accept ``number`` if it was valid on ``on``; say which municipality it is today.

        A number that exists but was not valid on that date is refused with its periods, so
        the user sees why (e.g. 5522 before 2024, or 1923 after 2019).
        """
        check_municipality_number(number)
        periods = self._by_number.get(number)
        if not periods:
            raise UnknownMunicipality(number)
        period = self.valid_on(number, on)
        if period is None:
            spans = ", ".join(
                f"{_date(p.valid_from)}–{_date(p.valid_to) if p.valid_to else ''}".rstrip("–")
                + ("" if p.valid_to else " og fremdeles")
                for p in periods
            )
            raise InvalidData(
                f"Kommunenummer {number} ({periods[-1].name}) var ikke i bruk {_date(on)}; "
                f"det gjaldt {spans}."
            )
        current = self.today(number, on)
        if current == (number,):
            note = ""
        elif len(current) == 1:
            note = (
                f"{number} {period.name} (gyldig {_date(on)}) er i dag "
                f"{current[0]} {self._name(current[0])}."
            )
        else:
            names = ", ".join(f"{n} {self._name(n)}" for n in current)
            note = f"{number} {period.name} er delt; i dag: {names}. Velg hvilken kommune."
        return Resolution(number, on, period.name, current, note)

    def number_on(self, number: str, on: date) -> str | None:
        """The number today's municipality ``number`` had on ``on`` (None when ambiguous).

        Walks back through predecessors; a municipality formed by merging several has no
        single earlier number, and None says so.
        """
        check_municipality_number(number)
        candidates = [number]
        while candidates:
            hits = [n for n in candidates if self.valid_on(n, on)]
            if hits:
                return hits[0] if len(hits) == 1 else None
            earlier = {p.number for n in candidates for p in self._predecessors.get(n, ())}
            if len(earlier) > 1:
                # a merger: only a predecessor that alone became this municipality counts
                whole = [n for n in earlier if self.today(n) == self.today(number)]
                if len(whole) != 1:
                    return None
                earlier = set(whole)
            candidates = sorted(earlier)
        return None

    def name_of(self, number: str) -> str:
        """The latest name of a number (the number itself when unknown)."""
        return self._name(number)

    def _name(self, number: str) -> str:
        periods = self._by_number.get(number)
        return periods[-1].name if periods else number

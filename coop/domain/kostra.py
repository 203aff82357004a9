"""KOSTRA code lists and the editable function → service map, versioned by year (stdlib only).

Code lists change from year to year (domain.md §4), so each list and each default map carries
the first year it applies to. The code lists are one per year, read from a data file
(``coop.domain.kostra_lists``, with the source of each year); the maps are versions here: add
a version rather than editing an old one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from coop.domain.errors import require
from coop.domain.kostra_lists import yearly_lists
from coop.domain.model import check_code

SERVICE_NAMES: Mapping[str, str] = {
    "barnevern": "Barnevern",
    "ikt-drift": "IKT-drift",
    "regnskap-lonn": "Regnskap og lønn",
    "skatt-innfordring": "Skatt og innfordring",
    "kart-oppmaling": "Kart og oppmåling",
    "landbruk": "Landbruk",
    "ppt": "PPT",
    "legevakt": "Legevakt",
    "bibliotek": "Bibliotek",
}


_INTERNAL = frozenset({"290", "690", "790"})


@dataclass(frozen=True, slots=True)
class KostraCodes:
    """Valid funksjon and art codes from ``valid_from`` until the next version."""

    valid_from: int
    functions: frozenset[str]
    arts: frozenset[str]
    source: str = ""  # where the list comes from (the data file's «kilde»)

    @property
    def verified(self) -> bool:
        """True when the list is SSB's own, False for coop's unverified list."""
        return self.source.startswith("SSB")


# One list per year (coop/reference/data/kostra_koder.csv: SSB's lists from 2015, coop's own
# unverified list before). 290/690/790 (internal purchase, distributed costs,
# internal sale) are eliminated before reporting to SSB but stay in the municipalities' own
# budgets: accepted as internal in every year.
CODE_VERSIONS: tuple[KostraCodes, ...] = tuple(
    KostraCodes(y.year, y.functions, y.arts | _INTERNAL, y.source) for y in yearly_lists()
)


_Version = TypeVar("_Version", KostraCodes, "FunctionMap")


def kostra_codes(year: int | None) -> KostraCodes:
    """Code lists in force in ``year`` (the newest list when the year is unknown)."""
    return _pick(CODE_VERSIONS, year)


def kostra_codes_spanning(first: int | None, last: int | None) -> KostraCodes:
    """Every code valid in some year from ``first`` to ``last``: the lists of a file's years.

    A 2013 budget with økonomiplan columns to 2016 is written in 2013's chart of accounts,
    and a file of 2011 accounts beside a 2013 budget in 2013's: which year's list a code
    follows is not in the file, so a code counts as known when any of the file's years has
    it. Verified only when every one of those years' lists is SSB's own.
    """
    if first is None or last is None:
        return kostra_codes(last if first is None else first)
    lists = {kostra_codes(y) for y in range(min(first, last), max(first, last) + 1)}
    if len(lists) == 1:
        return lists.pop()
    ordered = sorted(lists, key=lambda v: v.valid_from)
    return KostraCodes(
        ordered[0].valid_from,
        frozenset().union(*(v.functions for v in ordered)),
        frozenset().union(*(v.arts for v in ordered)),
        "SSB" if all(v.verified for v in ordered) else "; ".join(v.source for v in ordered),
    )


class ArtKind(StrEnum):
    """What an art counts as in service totals (brutto driftsutgifter/-inntekter)."""

    PAY = "pay"  # 010–099: pay incl. pension (090) and employer tax (099)
    EXPENSE = "expense"  # other operating expenses incl. depreciation (590)
    INCOME = "income"  # operating income 600–895
    INTERNAL = "internal"  # 290 internal purchase, 690 distributed costs, 790 internal sale
    FINANCE = "finance"  # interest, repayments, fund transfers, result, 990 counter-entry


PURCHASE_ART = "350"  # kjøp fra kommuner: a partner paying a host
REFUND_ART = "750"  # refusjon fra kommuner: a host receiving partners' payments


def art_kind(art: str) -> ArtKind | None:
    """Classify a three-digit art; None when it is not a three-digit code."""
    if len(art) != 3 or not art.isdigit():
        return None
    if art in _INTERNAL:
        return ArtKind.INTERNAL
    if art <= "099":
        return ArtKind.PAY
    if art < "500" or art == "590":
        return ArtKind.EXPENSE
    if art < "600" or art >= "900":
        return ArtKind.FINANCE
    return ArtKind.INCOME


@dataclass(frozen=True, slots=True)
class FunctionRule:
    """Lines on ``function`` belong to ``service``; only on these ``ansvar`` units if given."""

    function: str
    service: str
    ansvar: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        require(
            len(self.function) == 3 and self.function.isdigit(),
            f"KOSTRA-funksjon «{self.function}» i funksjonskartet må ha tre siffer.",
        )
        check_code(self.service)
        require(
            all(a.strip() for a in self.ansvar),
            f"Tomt ansvar i regelen for funksjon {self.function} → {self.service}.",
        )


@dataclass(frozen=True, slots=True)
class FunctionMap:
    """Editable map from KOSTRA function (and optionally ansvar) to service, from a year on.

    ``shared`` lists functions that serve several services or other activities (120 serves
    accounts, payroll and IT; 202 is all of primary school, PPT included): their lines stay
    unassigned, with a warning, unless a rule with an ``ansvar`` filter claims them.
    """

    valid_from: int
    rules: tuple[FunctionRule, ...]
    shared: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        claimed: dict[tuple[str, str], str] = {}
        for rule in self.rules:
            for key in [(rule.function, a) for a in rule.ansvar] or [(rule.function, "")]:
                other = claimed.setdefault(key, rule.service)
                where = f"funksjon {key[0]}" + (f", ansvar {key[1]}" if key[1] else "")
                require(
                    other == rule.service,
                    f"Funksjonskartet gir {where} til både «{other}» og «{rule.service}».",
                )
            require(
                bool(rule.ansvar) or rule.function not in self.shared,
                f"Funksjon {rule.function} deles av flere tjenester; regelen til "
                f"«{rule.service}» må avgrenses med ansvar.",
            )

    def service_for(self, function: str, ansvar: str = "") -> str | None:
        """The service a line belongs to, or None (not a cooperation service, or unresolved)."""
        fallback = None
        for rule in self.rules:
            if rule.function != function:
                continue
            if ansvar in rule.ansvar:
                return rule.service
            if not rule.ansvar:
                fallback = rule.service
        return fallback

    def functions(self) -> frozenset[str]:
        """Every function the map mentions (rules and shared)."""
        return frozenset(r.function for r in self.rules) | frozenset(self.shared)

    def with_rule(self, rule: FunctionRule) -> FunctionMap:
        """A copy with one more rule (validated as a whole)."""
        return replace(self, rules=(*self.rules, rule))

    def without_function(self, function: str) -> FunctionMap:
        """A copy in which ``function`` is no longer mapped or shared."""
        rules = tuple(r for r in self.rules if r.function != function)
        shared = {f: s for f, s in self.shared.items() if f != function}
        return replace(self, rules=rules, shared=shared)

    def to_rows(self) -> tuple[tuple[str, str, str], ...]:
        """Rows (function, service, ansvar comma-separated) for storage per municipality."""
        return tuple((r.function, r.service, ",".join(sorted(r.ansvar))) for r in self.rules)

    @classmethod
    def from_rows(
        cls,
        valid_from: int,
        rows: Iterable[tuple[str, str, str]],
        shared: Mapping[str, Sequence[str]] | None = None,
    ) -> FunctionMap:
        """Rebuild a map from :meth:`to_rows` output."""
        rules = tuple(
            FunctionRule(f, s, frozenset(a.strip() for a in ansvar.split(",") if a.strip()))
            for f, s, ansvar in rows
        )
        return cls(valid_from, rules, {k: tuple(v) for k, v in (shared or {}).items()})


def _exclusive(services: Mapping[str, str]) -> tuple[FunctionRule, ...]:
    return tuple(FunctionRule(f, s) for f, s in sorted(services.items()))


_EXCLUSIVE = {"244": "barnevern", "251": "barnevern", "252": "barnevern", "329": "landbruk"}
_EXCLUSIVE |= {"370": "bibliotek"}
_SHARED = {
    "120": ("ikt-drift", "regnskap-lonn", "skatt-innfordring"),
    "190": ("ikt-drift", "regnskap-lonn"),
    "202": ("ppt",),
    "211": ("ppt",),
    "241": ("legevakt",),
}

# Defaults from domain.md §4. Before 2006 kart og oppmåling sat in 300 with plan and byggesak;
# tax collection left the municipalities on 1.11.2020, so from 2021 function 120 no longer
# offers "skatt-innfordring".
DEFAULT_FUNCTION_MAPS: tuple[FunctionMap, ...] = (
    FunctionMap(2002, _exclusive(_EXCLUSIVE), _SHARED | {"300": ("kart-oppmaling",)}),
    FunctionMap(2006, _exclusive(_EXCLUSIVE | {"303": "kart-oppmaling"}), _SHARED),
    FunctionMap(
        2021,
        _exclusive(_EXCLUSIVE | {"303": "kart-oppmaling"}),
        _SHARED | {"120": ("ikt-drift", "regnskap-lonn")},
    ),
)


def default_function_map(year: int | None) -> FunctionMap:
    """The default map in force in ``year`` (the newest when the year is unknown)."""
    return _pick(DEFAULT_FUNCTION_MAPS, year)


def pick_function_map(maps: Sequence[FunctionMap], year: int | None) -> FunctionMap:
    """The newest of a municipality's own map versions that applies in ``year``."""
    require(bool(maps), "Ingen versjon av funksjonskartet er oppgitt.")
    return _pick(tuple(maps), year)


def _pick(versions: tuple[_Version, ...], year: int | None) -> _Version:
    ordered = sorted(versions, key=lambda v: v.valid_from)
    if year is None:
        return ordered[-1]
    fitting = [v for v in ordered if v.valid_from <= year]
    oldest = ordered[0].valid_from
    require(bool(fitting), f"Ingen KOSTRA-versjon gjelder for år {year} (eldste: {oldest}).")
    return fitting[-1]

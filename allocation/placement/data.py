"""Inputs of the host-placement optimiser: explained cost terms, the instance and the rules.

Everything is plain codes and floats (kroner, FTE, minutes). ``__post_init__`` sorts keys so
models are identical run to run and rejects inputs that cannot describe a placement problem,
naming the keys (``PlacementInputError``, a ``ValueError``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Cost kinds the lead's services produce; other kinds are allowed and reported as given.
KINDS = (
    "reisetilskudd",
    "flytting",
    "omstillingstilskudd",
    "tjenestereiser",
    "arbeidsgiveravgift",
    "lokaler",
)
FIXED_HOST_KIND = "lokaler"


class PlacementInputError(ValueError):
    """Input that cannot describe a placement problem; the message names the keys."""


def fail_if(problems: Iterable[str], what: str) -> None:
    """Raise ``PlacementInputError`` listing the problems (at most 8) after ``what``."""
    listed = sorted(set(problems))
    if listed:
        shown = ", ".join(listed[:8]) + (f" (og {len(listed) - 8} til)" if len(listed) > 8 else "")
        raise PlacementInputError(f"{what}: {shown}.")


def is_finite(value: float) -> bool:
    """True for a finite number (ints, floats, numpy scalars)."""
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


_CODE = re.compile(r"^[\w-]+$")


def _check_codes(codes: Iterable[str], what: str) -> None:
    """Codes become PuLP names (``host[barnevern,5522]``), where '-' turns into '_'."""
    codes = list(codes)
    fail_if({c for c in codes if not isinstance(c, str) or not _CODE.match(c)},
             f"{what} kan bare inneholde bokstaver, sifre, - og _")  # fmt: skip
    seen: dict[str, str] = {}
    for code in codes:
        other = seen.setdefault(code.replace("-", "_"), code)
        if other != code:
            raise PlacementInputError(f"{what} «{other}» og «{code}» kan ikke skilles i modellen.")


@dataclass(frozen=True)
class CostTerm:
    """One explained cost of choosing a host for a service.

    ``amount_nok`` is one-off, or per year when ``recurring``; a recurring term is paid for
    ``years`` years (``None``: the whole horizon), never beyond the horizon.
    """

    kind: str  # e.g. "reisetilskudd", "flytting", "omstillingstilskudd", "tjenestereiser"
    municipality: str  # who bears or causes it (kommunenummer)
    amount_nok: float
    recurring: bool = False
    years: int | None = None

    def __post_init__(self) -> None:
        if not is_finite(self.amount_nok):
            raise PlacementInputError(
                f"Kostnaden «{self.kind}» for {self.municipality} er ikke et endelig beløp."
            )
        if self.years is not None and (not self.recurring or self.years < 1):
            raise PlacementInputError(
                f"Kostnaden «{self.kind}» for {self.municipality}: antall år gjelder bare "
                "årlige kostnader og må være minst 1."
            )


def annuity_factor(years: int, discount_rate: float) -> float:
    """Present value of 1 kr a year for ``years`` years, the first year undiscounted."""
    return sum((1.0 + discount_rate) ** -t for t in range(years))


def horizon_nok(term: CostTerm, horizon_years: int, discount_rate: float) -> float:
    """What a term costs over the planning horizon, in today's kroner."""
    if not term.recurring:
        return float(term.amount_nok)
    years = horizon_years if term.years is None else min(term.years, horizon_years)
    return float(term.amount_nok) * annuity_factor(years, discount_rate)


@dataclass(frozen=True)
class PlacementInput:
    """Services, municipalities and the explained cost of every possible host.

    ``split_options`` maps a group (e.g. "okonomi") to alternative service tuples, e.g.
    ``(("okonomi",), ("regnskap-lonn", "skatt-innfordring"))``: exactly one alternative is set
    up; services of the others get no host. Services outside every group are always set up.
    """

    services: tuple[str, ...]
    municipalities: tuple[str, ...]  # kommunenummer
    participants: Mapping[str, frozenset[str]]  # service -> who takes part (host ∈ these)
    terms: Mapping[tuple[str, str], tuple[CostTerm, ...]]  # (service, host) -> cost terms
    fte: Mapping[tuple[str, str], float]  # (service, municipality) -> FTE it brings
    population: Mapping[str, int]
    travel_min: Mapping[tuple[str, str], float]  # (from, to) minutes, both directions
    fixed_host_cost_nok: Mapping[str, float] = field(default_factory=dict)  # per host per year
    split_options: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    horizon_years: int = 4
    discount_rate: float = 0.0

    def __post_init__(self) -> None:
        services, municipalities = tuple(sorted(self.services)), tuple(sorted(self.municipalities))
        fail_if({s for s in services if services.count(s) > 1}, "Tjenesten er oppgitt to ganger")
        fail_if(
            {m for m in municipalities if municipalities.count(m) > 1},
            "Kommunen er oppgitt to ganger",
        )
        if not services or not municipalities:
            raise PlacementInputError("Plasseringen trenger minst én tjeneste og én kommune.")
        _check_codes(services, "Tjenestekode")
        _check_codes(municipalities, "Kommunenummer")
        _check_codes(self.split_options, "Delingsvalg")
        set_ = object.__setattr__
        set_(self, "services", services)
        set_(self, "municipalities", municipalities)
        set_(self, "participants", {s: frozenset(self.participants.get(s, ())) for s in services})
        set_(self, "terms", {k: tuple(self.terms[k]) for k in sorted(self.terms)})
        set_(self, "fte", {k: float(self.fte[k]) for k in sorted(self.fte)})
        set_(self, "population", {m: self.population[m] for m in sorted(self.population)})
        set_(self, "travel_min", {k: float(self.travel_min[k]) for k in sorted(self.travel_min)})
        set_(self, "fixed_host_cost_nok", dict(sorted(self.fixed_host_cost_nok.items())))
        set_(self, "split_options", {g: self.split_options[g] for g in sorted(self.split_options)})
        self._check_participants()
        self._check_terms()
        self._check_numbers()
        self._check_split_options()

    def _check_participants(self) -> None:
        known = set(self.municipalities)
        fail_if(
            {s for s, who in self.participants.items() if not who},
            "Tjenesten har ingen deltakerkommuner",
        )
        fail_if(
            {f"{m} i {s}" for s, who in self.participants.items() for m in who - known},
            "Deltaker er ikke med i prosjektet",
        )

    def _check_terms(self) -> None:
        pairs = {(s, m) for s in self.services for m in self.participants[s]}
        fail_if(
            {f"({s}, {m})" for s, m in pairs - set(self.terms)},
            "Kostnader mangler for tjeneste og mulig vertskommune",
        )
        fail_if(
            {f"({s}, {m})" for s, m in set(self.terms) - pairs},
            "Kostnader er oppgitt for en kommune som ikke deltar i tjenesten",
        )
        known = set(self.municipalities)
        fail_if(
            {
                f"{t.municipality} ({s}, {m})"
                for (s, m), ts in self.terms.items()
                for t in ts
                if t.municipality not in known
            },
            "Kostnaden gjelder en kommune som ikke er med i prosjektet",
        )

    def _check_numbers(self) -> None:
        fail_if(
            {f"({s}, {m})" for (s, m) in self.fte if m not in self.participants.get(s, ())},
            "Årsverk er oppgitt for en kommune som ikke deltar i tjenesten",
        )
        fail_if(
            {f"({s}, {m})" for (s, m), v in self.fte.items() if not is_finite(v) or v < 0},
            "Årsverk må være et tall ≥ 0",
        )
        known = set(self.municipalities)
        fail_if(
            {m for m, v in self.population.items() if m not in known or v < 0},
            "Folketall er oppgitt for en ukjent kommune eller er negativt",
        )
        fail_if(
            {
                f"({a}, {b})"
                for (a, b), v in self.travel_min.items()
                if a not in known or b not in known or not is_finite(v) or v < 0
            },
            "Reisetid gjelder en ukjent kommune eller er ikke et tall ≥ 0",
        )
        fail_if(
            {
                m
                for m, v in self.fixed_host_cost_nok.items()
                if m not in known or not is_finite(v) or v < 0
            },
            "Faste vertskostnader gjelder en ukjent kommune eller er negative",
        )
        if not isinstance(self.horizon_years, int) or self.horizon_years < 1:
            raise PlacementInputError("Planperioden må være minst 1 år.")
        if not is_finite(self.discount_rate) or not 0 <= self.discount_rate < 1:
            raise PlacementInputError("Diskonteringsrenten må ligge mellom 0 og 1.")

    def _check_split_options(self) -> None:
        seen: dict[str, str] = {}
        for group, alternatives in self.split_options.items():
            if not alternatives or any(not alt for alt in alternatives):
                raise PlacementInputError(
                    f"Delingsvalget «{group}» må ha minst ett alternativ, og ingen tomme."
                )
            for alt in alternatives:
                fail_if(set(alt) - set(self.services), f"Ukjent tjeneste i delingsvalget {group}")
                for s in alt:
                    if s in seen:
                        raise PlacementInputError(
                            f"Tjenesten {s} står i mer enn ett alternativ ({seen[s]} og {group})."
                        )
                    seen[s] = group

    def total_fte(self, service: str) -> float:
        """FTE of the joint service: the sum over its participants."""
        return sum(self.fte.get((service, m), 0.0) for m in sorted(self.participants[service]))

    def group_of(self) -> dict[str, tuple[str, int]]:
        """Service -> (group, alternative index) for services inside a split group."""
        return {
            s: (g, a)
            for g, alternatives in self.split_options.items()
            for a, alt in enumerate(alternatives)
            for s in alt
        }

    def travel(self, origin: str, destination: str) -> float:
        """Minutes from origin to destination (0 within a municipality)."""
        if origin == destination:
            return 0.0
        try:
            return self.travel_min[origin, destination]
        except KeyError:
            raise PlacementInputError(f"Reisetid mangler fra {origin} til {destination}.") from None

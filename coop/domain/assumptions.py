"""Planning assumptions of a project: the figures every calculation reads, each with its basis.

Budget year, horizon, discount rate, efficiency gain, cost per FTE, service trips and the fixed
cost of being host are project data, set once on «Forutsetninger» and read by the optimiser,
the transition cost, the split, the comparison and the agreement alike. Until the steering
group decides a figure it is a default, and its basis says so («standard (anslag)»).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from coop.domain.errors import InvalidData, require
from coop.domain.model import ESTIMATE, check_code

DEFAULT_BASIS = f"standard ({ESTIMATE})"
MAX_HORIZON_YEARS = 20
MAX_TRIPS_PER_YEAR = 1000
MAX_HOST_COST_NOK = Decimal(10) ** 9
FIELDS = {
    "baseline_year": "Grunnlagsår (dagens kostnad)",
    "budget_year": "Første budsjettår for samarbeidet",
    "horizon_years": "Planperiode (år)",
    "discount_rate_pct": "Diskonteringsrente",
    "efficiency_gain_pct": "Effektiviseringsgevinst ved samarbeid",
    "cost_per_fte_nok": "Kostnad per årsverk",
    "trips_per_partner": "Tjenestereiser per samarbeidskommune og år",
    "fixed_host_cost_nok": "Faste kostnader for å være vertskommune (per år)",
}
DEFAULT_GAIN_PCT = Decimal(10)
DEFAULT_COST_PER_FTE_NOK = Decimal(850_000)  # SSB 2021 all-in ≈ 855 000 kr per FTE (anslag)


def check_gain_pct(value: Decimal) -> Decimal:
    """The one rule for an efficiency gain: a finite percentage from 0 up to (not) 100."""
    require(
        value.is_finite() and Decimal(0) <= value < 100,
        f"Effektiviseringsgevinsten må være minst 0 og under 100 % (fikk {value}).",
    )
    return value


@dataclass(frozen=True, slots=True)
class PlanningAssumptions:
    """What a project assumes; ``bases`` says per field where the figure comes from."""

    baseline_year: int
    budget_year: int
    horizon_years: int = 4
    discount_rate_pct: Decimal = Decimal(0)
    efficiency_gain_pct: Decimal = DEFAULT_GAIN_PCT
    cost_per_fte_nok: Decimal = DEFAULT_COST_PER_FTE_NOK
    trips_per_partner: Mapping[str, int] = field(default_factory=dict)  # service -> trips/year
    fixed_host_cost_nok: Decimal = Decimal(0)  # yearly, for a municipality hosting anything
    bases: Mapping[str, str] = field(default_factory=dict)  # field -> basis text
    version: int = 1

    def __post_init__(self) -> None:
        for year, what in (
            (self.baseline_year, "Grunnlagsåret"),
            (self.budget_year, "Budsjettåret"),
        ):
            require(
                isinstance(year, int) and 2000 <= year <= 2100,
                f"{what} må være et årstall mellom 2000 og 2100 (fikk {year}).",
            )
        require(
            self.budget_year >= self.baseline_year,
            f"Budsjettåret ({self.budget_year}) kan ikke ligge før grunnlagsåret "
            f"({self.baseline_year}).",
        )
        require(
            1 <= self.horizon_years <= MAX_HORIZON_YEARS,
            f"Planperioden må være fra 1 til {MAX_HORIZON_YEARS} år (fikk {self.horizon_years}).",
        )
        require(
            self.discount_rate_pct.is_finite() and 0 <= self.discount_rate_pct <= 20,
            f"Diskonteringsrenten må være fra 0 til 20 % (fikk {self.discount_rate_pct}).",
        )
        check_gain_pct(self.efficiency_gain_pct)
        require(
            self.cost_per_fte_nok.is_finite()
            and Decimal(100_000) <= self.cost_per_fte_nok <= Decimal(5_000_000),
            "Kostnad per årsverk må være fra 100 000 til 5 000 000 kr "
            f"(fikk {self.cost_per_fte_nok}).",
        )
        for service, trips in self.trips_per_partner.items():
            check_code(service)
            require(
                isinstance(trips, int) and 0 <= trips <= MAX_TRIPS_PER_YEAR,
                f"Tjenestereiser for «{service}» må være fra 0 til {MAX_TRIPS_PER_YEAR} per år "
                f"(fikk {trips}).",
            )
        require(
            self.fixed_host_cost_nok.is_finite()
            and Decimal(0) <= self.fixed_host_cost_nok <= MAX_HOST_COST_NOK,
            "Faste vertskostnader må være fra 0 til 1 000 000 000 kr per år "
            f"(fikk {self.fixed_host_cost_nok}).",
        )
        unknown = sorted(set(self.bases) - set(FIELDS))
        require(not unknown, f"Ukjent forutsetning: {', '.join(unknown)}.")
        for text in self.bases.values():
            require(len(text) <= 200, "Et grunnlag kan være høyst 200 tegn.")

    def basis(self, name: str) -> str:
        """Where the figure ``name`` comes from (a default when nobody has said)."""
        if name not in FIELDS:
            raise InvalidData(f"Ukjent forutsetning «{name}».")
        return self.bases.get(name, DEFAULT_BASIS)

    def is_default(self, name: str) -> bool:
        """True while the figure is still the default, i.e. an estimate nobody decided."""
        return self.basis(name) == DEFAULT_BASIS

    def trips(self, service: str) -> int:
        """Service trips from the host to each partner per year (0 when none is set)."""
        return self.trips_per_partner.get(service, 0)

    @property
    def discount_rate(self) -> float:
        """The rate as a fraction, as ``allocation`` takes it."""
        return float(self.discount_rate_pct) / 100

    def with_trips(self, defaults: Mapping[str, int]) -> PlanningAssumptions:
        """Fill services that have no trip figure from ``defaults`` (the catalogue)."""
        merged = {**defaults, **self.trips_per_partner}
        return replace(self, trips_per_partner=merged)


def default_assumptions(today: date, trips: Mapping[str, int]) -> PlanningAssumptions:
    """A new project's assumptions: this year's figures as today, next year as year 1.

    ``trips`` are the catalogue's per-service defaults; every field is labelled a default.
    """
    return PlanningAssumptions(
        baseline_year=today.year,
        budget_year=today.year + 1,
        trips_per_partner=dict(trips),
    )

"""Travel grants for staff who move: policy presets, grant bands and travel assumptions.

Pure domain: standard library and ``coop.domain.model`` only. The presets are the personnel
guidelines from the seed cases; ``TravelParams`` holds the mileage rates and service trips a
transition-cost estimate (``coop.domain.transition.personnel``) uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from coop.domain.errors import InvalidPolicy, require
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

STATE_MILEAGE_NOK_PER_KM: Mapping[int, Decimal] = {
    2023: Decimal("4.48"),
    2024: Decimal("4.90"),
    2025: Decimal("5.00"),
    2026: Decimal("5.30"),
}


def _bands(*pairs: tuple[int, int]) -> tuple[TravelBand, ...]:
    return tuple(TravelBand(Decimal(km), Decimal(nok)) for km, nok in pairs)


# Slide 12 of the 2007 orientation (seed 003): «Reisetilskudd under 40 km reiseveg pr dag
# kr 15.000, over 40 km reiseveg pr dag kr 25.000». «Pr dag» is read as the day's travel,
# there and back (one_way_km False); «over» leaves exactly 40 km in the lower band.
SEED_2007 = PersonnelPolicy(
    name="Retningslinjer 2007",
    bands=_bands((0, 15000), (40, 25000)),
    one_way_km=False,
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    transition_grant_nok=Decimal(25000),
    threshold_inclusive=False,
    description="Gratangen, Lavangen, Salangen og Ibestad 2007: reisetilskudd 15 000 kr under "
    "40 km og 25 000 kr over 40 km «reiseveg pr dag» (her tolket som samlet reisevei tur–retur "
    "per dag, altså over 20 km én vei), faktiske flytteutgifter (anslag 60 000 kr, 10 % "
    "flytter), omstillingstilskudd 25 000 kr. Lysbildene sier ikke om reisetilskuddet er "
    "årlig eller hvor mange år det gis (her: ett år, anslag).",
)
KFO_DEMAND = PersonnelPolicy(
    name="KFO-kravet",
    bands=_bands((0, 15000), (40, 45000)),
    one_way_km=False,
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    transition_grant_nok=Decimal(25000),
    threshold_inclusive=False,
    description="KFO krevde i høringen 2007 at reisetilskuddet over 40 km økes til 45 000 kr "
    "(reisevei tolket som i retningslinjene 2007).",
)
AGDER_STEPS = PersonnelPolicy(
    name="Agder-trinn",
    bands=_bands((0, 0), (20, 15000), (35, 25000), (45, 35000), (55, 45000)),
    grant_years=5,
    relocation_nok=Decimal(60000),
    relocation_share=Decimal("0.1"),
    description="Sammenslåing i Agder 2018: 15/25/35/45 tusen kr per år ved 20/35/45/55 km "
    "ekstra reisevei én vei, i fem år. Ekstra reisevei er her tilnærmet med avstanden mellom "
    "kommunesentrene.",
)


def travel_grant_nok(policy: PersonnelPolicy, one_way_km: Decimal) -> Decimal:
    """Grant for one transferred employee: the highest band the commute reaches.

    ``one_way_km`` is the distance from home to the host's centre. When the policy counts
    daily travel (``one_way_km`` False), the bands apply to the round trip, 2 × one way.
    A band starts *at* its ``from_km`` (exactly 40 km falls in the "from 40 km" band) unless
    the policy's threshold is exclusive («over 40 km»), when 40 km stays in the band below.
    """
    require(one_way_km >= 0, f"Reiseavstanden kan ikke være negativ ({one_way_km} km).")
    km = one_way_km if policy.one_way_km else 2 * one_way_km
    reached = [
        band.grant_nok
        for i, band in enumerate(policy.bands)
        if km >= band.from_km and (policy.threshold_inclusive or i == 0 or km > band.from_km)
    ]
    return reached[-1]


@dataclass(frozen=True, slots=True)
class TravelParams:
    """Travel assumptions of a cost estimate.

    ``trips_per_partner_per_year`` counts, per service code, how often staff travel from the
    host to each partner (e.g. home visits in child welfare); a trip is a round trip unless
    ``round_trip`` is False. Year 1 of the estimate is ``budget_year``; mileage rates fall back
    to the latest known earlier year. Ongoing costs run for ``horizon_years`` (4 = økonomiplan).
    """

    mileage_nok_per_km: Mapping[int, Decimal]
    trips_per_partner_per_year: Mapping[str, int]
    budget_year: int
    horizon_years: int = 4
    round_trip: bool = True

    def __post_init__(self) -> None:
        require(self.horizon_years >= 1, "Planperioden må være minst ett år.")
        require(
            all(rate >= 0 for rate in self.mileage_nok_per_km.values()),
            "Kilometersatsen kan ikke være negativ.",
        )
        for service, trips in self.trips_per_partner_per_year.items():
            require(trips >= 0, f"Antall tjenestereiser for «{service}» kan ikke være negativt.")

    def mileage_rate(self, year: int) -> Decimal:
        """State mileage rate (kr/km) for year ``year`` (1 = budget year) of the estimate."""
        calendar_year = self.budget_year + year - 1
        known = [y for y in self.mileage_nok_per_km if y <= calendar_year]
        require(bool(known), f"Mangler kilometersats for {calendar_year}.", InvalidPolicy)
        return self.mileage_nok_per_km[max(known)]

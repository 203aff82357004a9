"""Personnel policy (personalpolitiske retningslinjer) for staff who move to the host."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop.domain.errors import InvalidPolicy, require
from coop.domain.limits import KRONER_LIMIT, require_bounded, require_name

TRANSITION_GRANT_TO = ("alle", "flyttere")  # every transferred employee, or movers only
MAX_BAND_KM = Decimal(10_000)  # a commute band beyond 10 000 km is a typing error
MAX_GRANT_YEARS = 100  # Integer column; agreements grant a few years
MAX_BANDS = 100
_AMOUNT = KRONER_LIMIT - Decimal("0.01")


@dataclass(frozen=True, slots=True)
class TravelBand:
    """A travel-grant band: from this commuting distance (km) the grant is ``grant_nok``."""

    from_km: Decimal
    grant_nok: Decimal


@dataclass(frozen=True, slots=True)
class PersonnelPolicy:
    """Personnel guidelines for staff who move to the host (personalpolitiske retningslinjer).

    Guidelines differ in what they leave open: the 2007 slides count «reiseveg pr dag» (the
    day's travel, there and back, is our reading) and do not say whether the grant is
    yearly. Distance basis, threshold and years are therefore parameters here.
    """

    name: str
    bands: tuple[TravelBand, ...]
    grant_years: int = 1
    yearly: bool = True
    one_way_km: bool = True
    relocation_nok: Decimal = Decimal(0)
    relocation_share: Decimal = Decimal(0)
    transition_grant_nok: Decimal = Decimal(0)
    description: str = ""
    threshold_inclusive: bool = True  # a band «fra 40 km» includes 40; False: «over 40 km»
    transition_grant_to: str = "alle"  # «alle» transferred, or only «flyttere» (who relocate)

    def __post_init__(self) -> None:
        require_name(self.name, "Navnet på retningslinjene")
        require(len(self.bands) <= MAX_BANDS, f"Høyst {MAX_BANDS} trinn for reisetilskudd.")
        for band in self.bands:
            require_bounded(band.from_km, "Avstanden i et trinn (km)", Decimal(0), MAX_BAND_KM)
            require_bounded(band.grant_nok, "Reisetilskuddet i et trinn", -_AMOUNT, _AMOUNT)
        require_bounded(self.grant_years, "Antall år med reisetilskudd", Decimal(-MAX_GRANT_YEARS),
                        Decimal(MAX_GRANT_YEARS))  # fmt: skip
        require_bounded(self.relocation_nok, "Flyttekostnaden", -_AMOUNT, _AMOUNT)
        require_bounded(self.transition_grant_nok, "Omstillingstilskuddet", -_AMOUNT, _AMOUNT)
        require_bounded(self.relocation_share, "Andelen som flytter", Decimal(-1), Decimal(1))
        msg = "Første trinn for reisetilskudd må starte på 0 km."
        require(bool(self.bands) and self.bands[0].from_km == 0, msg, InvalidPolicy)
        starts = [b.from_km for b in self.bands]
        require(
            starts == sorted(set(starts)),
            "Trinnene for reisetilskudd må stå i stigende avstand uten gjentakelser.",
            InvalidPolicy,
        )
        require(
            all(b.grant_nok >= 0 for b in self.bands),
            "Reisetilskudd kan ikke være negativt.",
            InvalidPolicy,
        )
        require(self.grant_years >= 0, "Antall år med reisetilskudd kan ikke være negativt.")
        require(
            self.transition_grant_to in TRANSITION_GRANT_TO,
            f"Omstillingstilskudd til: «{self.transition_grant_to}» må være «alle» eller "
            "«flyttere».",
            InvalidPolicy,
        )
        require(
            Decimal(0) <= self.relocation_share <= Decimal(1),
            "Andelen som flytter må være mellom 0 og 100 %.",
            InvalidPolicy,
        )
        require(
            self.relocation_nok >= 0 and self.transition_grant_nok >= 0,
            "Flyttekostnad og omstillingstilskudd kan ikke være negative.",
            InvalidPolicy,
        )

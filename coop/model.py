"""Domain model of a host-municipality cooperation: pure, validated, stdlib only."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

ESTIMATE = "anslag"
_NUMBER = re.compile(r"^\d{4}$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class CoopError(Exception):
    """A domain error whose message a municipal user can read (bokmål)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidData(CoopError):
    """A value breaks a domain rule."""


class UnknownMunicipality(CoopError):
    """A kommunenummer that is not in the register."""

    def __init__(self, number: str) -> None:
        super().__init__(f"Kommunenummer {number} finnes ikke i kommuneregisteret.")
        self.number = number


class InvalidPolicy(CoopError):
    """A personnel policy that cannot be applied."""


def require(condition: bool, message: str, error: type[CoopError] = InvalidData) -> None:
    """Raise ``error(message)`` unless the condition holds."""
    if not condition:
        raise error(message)


def check_municipality_number(number: str) -> str:
    """Return a kommunenummer if it has four digits; keep leading zeros."""
    require(
        isinstance(number, str) and bool(_NUMBER.match(number)),
        f"«{number}» er ikke et gyldig kommunenummer (fire siffer, f.eks. 0301).",
    )
    return number


def check_code(code: str, what: str = "Tjenestekode") -> str:
    """Return a machine code (lower-case letters, digits, '-', '_')."""
    require(
        isinstance(code, str) and bool(_CODE.match(code)),
        f"{what} «{code}» kan bare inneholde små bokstaver, sifre, - og _.",
    )
    return code


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality identified by its 4-digit kommunenummer (a string)."""

    number: str
    name: str
    county: str
    population: int
    population_date: date
    admin_centre: str
    lat: float | None = None
    lon: float | None = None
    coordinate_basis: str = ESTIMATE
    employer_tax_zone: str | None = None
    employer_tax_pct: Decimal | None = None
    chief_title: str = "kommunedirektør"

    def __post_init__(self) -> None:
        check_municipality_number(self.number)
        require(bool(self.name.strip()), f"Kommune {self.number} mangler navn.")
        require(self.population >= 0, f"Folketallet for {self.name} kan ikke være negativt.")
        if self.lat is not None or self.lon is not None:
            require(
                self.lat is not None
                and self.lon is not None
                and 57.0 <= self.lat <= 81.5
                and 4.0 <= self.lon <= 32.0,
                f"Koordinatene for {self.name} ligger ikke i Norge.",
            )
        if self.employer_tax_pct is not None:
            require(
                Decimal(0) <= self.employer_tax_pct <= Decimal(20),
                f"Arbeidsgiveravgiften for {self.name} må være mellom 0 og 20 %.",
            )


@dataclass(frozen=True, slots=True)
class Service:
    """A municipal service that can be run by a host (barnevern, IKT drift …)."""

    code: str
    name: str
    kostra_functions: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        check_code(self.code)
        require(bool(self.name.strip()), f"Tjenesten «{self.code}» mangler navn.")
        for function in self.kostra_functions:
            require(
                len(function) == 3 and function.isdigit(),
                f"KOSTRA-funksjon «{function}» for {self.name} må ha tre siffer.",
            )


@dataclass(frozen=True, slots=True)
class CooperationProject:
    """A cooperation project: municipalities, services in scope and who takes part in what.

    Membership is per service (Ibestad in 2007 joined only some services), so
    ``participants`` maps each service code to the municipalities taking part in it.
    """

    slug: str
    name: str
    municipalities: tuple[str, ...]
    services: tuple[Service, ...]
    participants: Mapping[str, frozenset[str]]
    description: str = ""
    decided_on: date | None = None
    version: int = 1

    def __post_init__(self) -> None:
        check_code(self.slug, "Prosjektkode")
        require(bool(self.name.strip()), "Prosjektet mangler navn.")
        for number in self.municipalities:
            check_municipality_number(number)
        require(
            len(set(self.municipalities)) == len(self.municipalities),
            f"En kommune er ført opp to ganger i prosjektet {self.name}.",
        )
        codes = [s.code for s in self.services]
        require(len(set(codes)) == len(codes), f"En tjeneste er ført opp to ganger i {self.name}.")
        for code, members in self.participants.items():
            require(code in codes, f"Deltakelse oppgitt for ukjent tjeneste «{code}».")
            outside = sorted(set(members) - set(self.municipalities))
            require(
                not outside,
                f"Kommune {', '.join(outside)} deltar i «{code}» men er ikke med i prosjektet.",
            )

    def service(self, code: str) -> Service:
        """Return the service with this code or raise a readable error."""
        for service in self.services:
            if service.code == code:
                return service
        raise InvalidData(f"Tjenesten «{code}» finnes ikke i prosjektet {self.name}.")

    def participants_of(self, code: str) -> frozenset[str]:
        """Municipalities taking part in one service (empty if none chose it yet)."""
        self.service(code)
        return self.participants.get(code, frozenset())


@dataclass(frozen=True, slots=True)
class Baseline:
    """What one municipality spends on one service in one year, before cooperating."""

    municipality: str
    service: str
    year: int
    fte: Decimal
    headcount: int
    gross_cost_nok: Decimal
    pay_cost_nok: Decimal
    usage: Mapping[str, Decimal] = field(default_factory=dict)
    basis: str = ESTIMATE

    def __post_init__(self) -> None:
        check_municipality_number(self.municipality)
        check_code(self.service)
        require(1990 <= self.year <= 2100, f"Året {self.year} er utenfor gyldig område.")
        where = f"{self.municipality}/{self.service}/{self.year}"
        require(self.fte >= 0, f"Årsverk kan ikke være negativt ({where}).")
        require(self.headcount >= 0, f"Antall ansatte kan ikke være negativt ({where}).")
        require(
            self.pay_cost_nok <= self.gross_cost_nok or self.gross_cost_nok == 0,
            f"Lønnskostnaden er større enn brutto driftsutgift ({where}).",
        )

    @property
    def is_estimate(self) -> bool:
        """True when the numbers are an estimate rather than accounts or a budget."""
        return ESTIMATE in self.basis.lower()


@dataclass(frozen=True, slots=True)
class TravelBand:
    """A travel-grant band: from this commuting distance (km) the grant is ``grant_nok``."""

    from_km: Decimal
    grant_nok: Decimal


@dataclass(frozen=True, slots=True)
class PersonnelPolicy:
    """Personnel guidelines for staff who move to the host (personalpolitiske retningslinjer).

    The 2007 slides leave open whether the travel grant is yearly and whether 40 km is
    one way; both are parameters here.
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

    def __post_init__(self) -> None:
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
            Decimal(0) <= self.relocation_share <= Decimal(1),
            "Andelen som flytter må være mellom 0 og 100 %.",
            InvalidPolicy,
        )
        require(
            self.relocation_nok >= 0 and self.transition_grant_nok >= 0,
            "Flyttekostnad og omstillingstilskudd kan ikke være negative.",
            InvalidPolicy,
        )


class LegalForm(StrEnum):
    """Kommuneloven 2018 § 20-2 (administrative) or § 20-3 (joint elected board)."""

    ADMINISTRATIVE = "20-2"
    JOINT_BOARD = "20-3"

    @property
    def label(self) -> str:
        """Bokmål label for screens and agreements."""
        if self is LegalForm.ADMINISTRATIVE:
            return "Administrativt vertskommunesamarbeid (§ 20-2)"
        return "Vertskommunesamarbeid med felles folkevalgt nemnd (§ 20-3)"


@dataclass(frozen=True, slots=True)
class ServiceArrangement:
    """How one service is organised in a scenario: host, participants, FTEs, cost key."""

    service: str
    host: str
    participants: frozenset[str]
    legal_form: LegalForm = LegalForm.ADMINISTRATIVE
    joint_fte: Decimal = Decimal(0)
    local_fte: Decimal = Decimal(0)
    cost_key: str | None = None

    def __post_init__(self) -> None:
        check_code(self.service)
        check_municipality_number(self.host)
        require(
            self.host in self.participants,
            f"Vertskommunen {self.host} må selv delta i tjenesten «{self.service}».",
        )
        require(
            len(self.participants) >= 2,
            f"Et vertskommunesamarbeid om «{self.service}» krever minst to kommuner.",
        )
        require(
            self.joint_fte >= 0 and self.local_fte >= 0,
            f"Årsverk for «{self.service}» kan ikke være negative.",
        )


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named placement option: per service a host, its partners and FTEs."""

    project: str
    name: str
    arrangements: tuple[ServiceArrangement, ...]
    policy: str | None = None
    description: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        require(bool(self.name.strip()), "Alternativet mangler navn.")
        codes = [a.service for a in self.arrangements]
        require(
            len(set(codes)) == len(codes),
            f"Alternativet «{self.name}» har to plasseringer for samme tjeneste.",
        )

    def arrangement(self, service: str) -> ServiceArrangement:
        """Return the arrangement of one service or raise a readable error."""
        for arrangement in self.arrangements:
            if arrangement.service == service:
                return arrangement
        raise InvalidData(f"Alternativet «{self.name}» har ingen plassering for «{service}».")

    def check_against(self, project: CooperationProject) -> None:
        """Reject hosts or participants outside the project's per-service membership."""
        for a in self.arrangements:
            allowed = project.participants_of(a.service)
            outside = sorted(a.participants - allowed)
            require(
                not outside,
                f"Kommune {', '.join(outside)} deltar ikke i «{a.service}» i {project.name}.",
            )


def _percent(share: Decimal) -> str:
    """0.9 → '90 %', 0.125 → '12,5 %' (bokmål, for messages)."""
    return f"{(share * 100).normalize():f}".replace(".", ",") + " %"


class KeyKind(StrEnum):
    """Components a cost key (fordelingsnøkkel) can be built from."""

    EQUAL = "equal"
    POPULATION = "population"
    USAGE = "usage"
    FIXED = "fixed"


@dataclass(frozen=True, slots=True)
class KeyComponent:
    """One weighted part of a cost key, e.g. 30 % equal share or 70 % population."""

    kind: KeyKind
    weight: Decimal
    metric: str | None = None
    fixed_shares: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        require(Decimal(0) < self.weight <= Decimal(1), "Vekten må være mellom 0 og 100 %.")
        if self.kind is KeyKind.USAGE:
            require(bool(self.metric), "En bruksnøkkel må si hva som telles (f.eks. saker).")
        if self.kind is KeyKind.FIXED:
            total = sum(self.fixed_shares.values(), Decimal(0))
            require(
                total == Decimal(1), f"Faste andeler må summere til 100 % (nå {_percent(total)})."
            )


@dataclass(frozen=True, slots=True)
class CostKey:
    """A cost key (fordelingsnøkkel) with its population reference date and host overhead."""

    name: str
    components: tuple[KeyComponent, ...]
    population_date: date | None = None
    host_overhead_pct: Decimal = Decimal(0)
    description: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        require(bool(self.components), f"Fordelingsnøkkelen «{self.name}» har ingen deler.")
        total = sum((c.weight for c in self.components), Decimal(0))
        require(
            total == Decimal(1),
            f"Vektene i fordelingsnøkkelen «{self.name}» må summere til 100 % "
            f"(nå {_percent(total)}).",
        )
        if any(c.kind is KeyKind.POPULATION for c in self.components):
            require(
                self.population_date is not None,
                f"Fordelingsnøkkelen «{self.name}» må oppgi dato for folketallet.",
            )
        require(
            Decimal(0) <= self.host_overhead_pct <= Decimal(50),
            "Administrasjonstillegget må være mellom 0 og 50 %.",
        )


class NotFound(CoopError):
    """Something asked for by its natural key does not exist."""


class SavedMeanwhile(CoopError):
    """A save clashed with a row someone else stored at the same moment (e.g. the same name)."""

    def __init__(self) -> None:
        super().__init__(
            "Noen andre lagret det samme samtidig (for eksempel med samme navn). "
            "Ingenting ble lagret; last siden på nytt og prøv igjen."
        )


class ConcurrentEdit(CoopError):
    """A save was based on a version someone else has changed since."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} er endret av noen andre etter at du åpnet det. "
            "Last siden på nytt og gjør endringen igjen; ingenting ble lagret."
        )

"""Domain model of a host-municipality cooperation: pure, validated, stdlib only.

Municipalities, services, projects, baselines and placement options live here; errors in
``coop.domain.errors``, personnel policies in ``coop.domain.transition.policy_model``, cost keys
in ``coop.domain.costs.key_model`` (import them from there).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop.domain.errors import InvalidData, require
from coop.domain.limits import MAX_NAME as LIMITS_MAX_NAME
from coop.domain.limits import require_bounded

ESTIMATE = "anslag"
MAX_AMOUNT_NOK = Decimal(10) ** 12  # Numeric(14, 2): larger amounts are typing errors
MAX_FTE = Decimal(10_000)  # Numeric(6, 2)
MAX_USAGE = Decimal(10) ** 9
MAX_NAME = LIMITS_MAX_NAME  # String(100): names of options, policies and keys
MAX_DESCRIPTION = 10_000  # Text: descriptions are read on screen, not stored as files
MAX_PARTICIPANTS = 100  # String(500) holds 100 comma-separated kommunenummer
ARRANGEMENT_FTE_LIMIT = MAX_FTE - Decimal("0.01")  # Numeric(6, 2) holds 9 999,99
BASELINE_FIGURES = {
    "fte": "årsverk",
    "headcount": "antall ansatte",
    "gross_cost_nok": "brutto driftsutgift",
    "pay_cost_nok": "lønnskostnad",
    "pass_through_nok": "direkte belastning (tiltak)",
    "usage": "bruksdata",
}
_NUMBER = re.compile(r"^\d{4}$")
_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def check_municipality_number(number: str) -> str:
    """Return a kommunenummer if it has four digits; keep leading zeros."""
    require(
        isinstance(number, str) and bool(_NUMBER.match(number)),
        f"«{number}» er ikke et gyldig kommunenummer (fire siffer, f.eks. 0301).",
    )
    return number


def check_text(text: str, what: str, limit: int) -> str:
    """Return ``text`` if it fits the column and has no NUL (same rule on every database)."""
    require(isinstance(text, str), f"{what} må være tekst.")
    require(len(text) <= limit, f"{what} kan være høyst {limit} tegn (har {len(text)}).")
    require("\x00" not in text, f"{what} inneholder et ugyldig tegn (NUL).")
    return text


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
    owner: str | None = None  # the project that made it, for a project's own service

    def __post_init__(self) -> None:
        check_code(self.code)
        require(bool(self.name.strip()), f"Tjenesten «{self.code}» mangler navn.")
        check_text(self.name, "Tjenestenavnet", 100)
        check_text(self.description, "Beskrivelsen av tjenesten", 2000)
        for function in self.kostra_functions:
            require(
                len(function) == 3 and function.isdigit(),
                f"KOSTRA-funksjon «{function}» for {self.name} må ha tre siffer.",
            )


@dataclass(frozen=True, slots=True)
class CooperationProject:
    """A cooperation project: municipalities, services in scope and who takes part in what.

    Membership is per service (Ibestad in 2007 joined only some services), so
    ``participants`` maps each service code to the municipalities taking part in it;
    ``joined_on`` records from which date a participant takes part (when not from the start),
    and ``may_join`` the members that stay out of a service for now but may join it later.
    """

    slug: str
    name: str
    municipalities: tuple[str, ...]
    services: tuple[Service, ...]
    participants: Mapping[str, frozenset[str]]
    description: str = ""
    decided_on: date | None = None
    version: int = 1
    joined_on: Mapping[tuple[str, str], date] = field(default_factory=dict)
    may_join: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # the councils' package condition, e.g. Salangen 2007: identical resolutions in every
    # case, or all are reopened; empty when the project has none
    package_condition: str = ""

    def __post_init__(self) -> None:
        check_code(self.slug, "Prosjektkode")
        require(bool(self.name.strip()), "Prosjektet mangler navn.")
        check_text(self.name, "Prosjektnavnet", 200)
        check_text(self.description, "Prosjektbeskrivelsen", 4000)
        check_text(self.package_condition, "Pakkevilkåret", 2000)
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
        for (code, number), _ in self.joined_on.items():
            require(
                number in self.participants.get(code, frozenset()),
                f"Kommune {number} har en startdato i «{code}» men deltar ikke i tjenesten.",
            )
        for code, later in self.may_join.items():
            require(code in codes, f"«Kan bli med senere» oppgitt for ukjent tjeneste «{code}».")
            both = sorted(later & self.participants.get(code, frozenset()))
            require(not both, f"Kommune {', '.join(both)} både deltar og kan bli med i «{code}».")
            outside = sorted(later - set(self.municipalities))
            require(not outside, f"Kommune {', '.join(outside)} er ikke med i prosjektet.")

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
    pass_through_nok: Decimal = Decimal(0)  # of gross: measures charged to the home municipality
    field_basis: Mapping[str, str] = field(default_factory=dict)  # figure -> its own basis
    source: str = ""  # where the row came from: a budget file, «registrert i coop» …

    def __post_init__(self) -> None:
        check_municipality_number(self.municipality)
        check_code(self.service)
        require(1990 <= self.year <= 2100, f"Året {self.year} er utenfor gyldig område.")
        where = f"{self.municipality}/{self.service}/{self.year}"
        check_text(self.basis, f"Grunnlaget ({where})", 300)
        check_text(self.source, f"Kilden ({where})", 300)
        for figure, text in self.field_basis.items():
            require(figure in BASELINE_FIGURES, f"Ukjent tall «{figure}» i grunnlaget ({where}).")
            check_text(text, f"Grunnlaget for {BASELINE_FIGURES[figure]} ({where})", 300)
        require(self.fte < MAX_FTE, f"Årsverk må være under {MAX_FTE} ({where}).")
        require(self.headcount < 100_000, f"Antall ansatte er urimelig stort ({where}).")
        for amount, what in ((self.gross_cost_nok, "Brutto driftsutgift"),
                             (self.pay_cost_nok, "Lønnskostnaden"),
                             (self.pass_through_nok, "Direkte belastning")):  # fmt: skip
            require(
                amount.is_finite() and abs(amount) < MAX_AMOUNT_NOK,
                f"{what} må være et beløp under 1 000 milliarder kr ({where}).",
            )
        for metric, count in self.usage.items():
            check_code(metric, "Bruksmålet")
            require(
                count.is_finite() and 0 <= count < MAX_USAGE,
                f"Bruksmålet «{metric}» må være fra 0 og under {MAX_USAGE} ({where}).",
            )
        require(self.fte >= 0, f"Årsverk kan ikke være negativt ({where}).")
        require(self.headcount >= 0, f"Antall ansatte kan ikke være negativt ({where}).")
        require(
            self.pay_cost_nok <= self.gross_cost_nok or self.gross_cost_nok == 0,
            f"Lønnskostnaden er større enn brutto driftsutgift ({where}).",
        )
        require(
            Decimal(0) <= self.pass_through_nok <= max(self.gross_cost_nok, Decimal(0)),
            f"Direkte belastning (tiltak) må være mellom 0 og brutto driftsutgift ({where}).",
        )

    @property
    def shared_cost_nok(self) -> Decimal:
        """Gross cost that a joint service pools (pass-through measures stay with the home)."""
        return self.gross_cost_nok - self.pass_through_nok

    @property
    def is_estimate(self) -> bool:
        """True when any figure is an estimate rather than accounts or a budget."""
        return ESTIMATE in self.basis.lower() or any(
            ESTIMATE in text.lower() for text in self.field_basis.values()
        )

    def basis_of(self, figure: str) -> str:
        """The basis of one figure: its own when it has one, else the row's."""
        return self.field_basis.get(figure, self.basis)


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
        for fte, what in ((self.joint_fte, "Felles"), (self.local_fte, "Lokale")):
            require(
                not isinstance(fte, Decimal) or not fte.is_finite() or fte >= 0,
                f"Årsverk for «{self.service}» kan ikke være negative.",
            )
            require_bounded(fte, f"{what} årsverk for «{self.service}»", Decimal(0),
                            ARRANGEMENT_FTE_LIMIT)  # fmt: skip
        require(
            len(self.participants) <= MAX_PARTICIPANTS,
            f"«{self.service}» kan ha høyst {MAX_PARTICIPANTS} deltakende kommuner.",
        )
        for number in self.participants:
            check_municipality_number(number)
        if self.cost_key is not None:
            check_text(self.cost_key, f"Navnet på fordelingsnøkkelen for «{self.service}»",
                       MAX_NAME)  # fmt: skip


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
        require(
            len(self.name) <= MAX_NAME,
            f"Navnet på alternativet kan ha høyst {MAX_NAME} tegn (det har {len(self.name)}).",
        )
        check_text(self.name, "Navnet på alternativet", MAX_NAME)
        require(
            self.policy is None or len(self.policy) <= MAX_NAME,
            f"Navnet på retningslinjene kan ha høyst {MAX_NAME} tegn.",
        )
        if self.policy is not None:
            check_text(self.policy, "Navnet på retningslinjene", MAX_NAME)
        check_text(self.description, "Beskrivelsen av alternativet", MAX_DESCRIPTION)
        codes = [a.service for a in self.arrangements]
        require(
            len(set(codes)) == len(codes),
            f"Alternativet «{self.name}» har to plasseringer for samme tjeneste.",
        )

    def check_references(self, policies: Collection[str], keys: Collection[str]) -> None:
        """Refuse a policy or cost key the project does not have, naming it (issue 15.7)."""
        require(
            self.policy is None or self.policy in policies,
            f"Alternativet «{self.name}» viser til retningslinjene «{self.policy}», "
            "som ikke finnes i prosjektet.",
        )
        for a in self.arrangements:
            require(
                a.cost_key is None or a.cost_key in keys,
                f"Alternativet «{self.name}» gir «{a.service}» fordelingsnøkkelen "
                f"«{a.cost_key}», som ikke finnes i prosjektet.",
            )

    def arrangement(self, service: str) -> ServiceArrangement:
        """Return the arrangement of one service or raise a readable error."""
        for arrangement in self.arrangements:
            if arrangement.service == service:
                return arrangement
        raise InvalidData(f"Alternativet «{self.name}» har ingen plassering for «{service}».")

    def check_against(
        self, project: CooperationProject, names: Mapping[str, str] | None = None
    ) -> None:
        """Reject hosts or participants outside the project's per-service membership.

        ``names`` (number → name) lets the message name the municipalities.
        """
        known = names or {}
        for a in self.arrangements:
            allowed = project.participants_of(a.service)
            outside = sorted(a.participants - allowed)
            listed = ", ".join(known.get(n, f"kommunenummer {n}") for n in outside)
            require(
                not outside,
                f"{listed[:1].upper()}{listed[1:]} deltar ikke i «{a.service}» i {project.name}.",
            )

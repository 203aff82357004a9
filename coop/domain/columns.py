"""The bound of every stored text and number, in one table (issue 15.6).

PostgreSQL refuses a text longer than its ``String(n)``, a NUL character, a number past
``Numeric(p, s)`` or an integer past 2^31 − 1 with a 500; SQLite stores them. So each such
column has a bound here, with the words a message names it by, and every row is checked
against it before it is written (``coop.persistence.bounds``): both databases refuse the
same values with the same bokmål message, which the web answers with 422. The bounds are
never wider than the columns (tests/unit/test_column_bounds.py walks the ORM metadata, so a
new column without a bound here fails the tests). Use cases check the same limits earlier
where a person types the value, with a message at the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop.domain.errors import InvalidData

INT_MAX = 2**31 - 1
"""PostgreSQL ``integer``."""
MONEY = Decimal("999999999999.99")
"""``Numeric(14, 2)``: below 10^12 kr."""


@dataclass(frozen=True, slots=True)
class Bound:
    """What one column holds: at most ``chars`` characters, or a number from low to high."""

    label: str
    chars: int | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    def check(self, value: object, where: str = "") -> None:
        """Raise ``InvalidData`` naming the field when ``value`` does not fit."""
        at = f" ({where})" if where else ""
        if isinstance(value, str):
            if self.chars is not None and len(value) > self.chars:
                raise InvalidData(
                    f"{self.label}{at} kan være høyst {self.chars} tegn (har {len(value)})."
                )
            if "\x00" in value:
                raise InvalidData(f"{self.label}{at} inneholder et ugyldig tegn (NUL).")
            return
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return
        number = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
        if not number.is_finite():
            raise InvalidData(f"{self.label}{at} må være et endelig tall.")
        if (self.low is not None and number < self.low) or (
            self.high is not None and number > self.high
        ):
            raise InvalidData(
                f"{self.label}{at} må være fra {_plain(self.low)} til {_plain(self.high)} "
                f"(er {_plain(number)})."
            )


def _plain(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = f"{abs(value):,}".replace(",", "\u00a0").replace(".", ",")
    return ("−" if value < 0 else "") + text


def text(label: str, chars: int) -> Bound:
    """A ``String(chars)`` column."""
    return Bound(label, chars=chars)


def whole(label: str, low: int = 0, high: int = INT_MAX) -> Bound:
    """An ``Integer`` column (ids, versions, years, counts)."""
    return Bound(label, low=Decimal(low), high=Decimal(high))


def number(label: str, low: str, high: str) -> Bound:
    """A ``Numeric(p, s)`` column: from ``low`` to ``high``."""
    return Bound(label, low=Decimal(low), high=Decimal(high))


def money(label: str) -> Bound:
    """A ``Numeric(14, 2)`` amount in kroner."""
    return Bound(label, low=-MONEY, high=MONEY)


def _id(label: str = "Løpenummer") -> Bound:
    return whole(label, 1)  # assigned by the database


_NUMBER = text("Kommunenummer", 4)
_SERVICE = text("Tjenestekoden", 40)
_PROJECT = text("Prosjektkoden", 40)
_PROJECT_ID = _id("Prosjektet")
_USER = text("Brukernavnet", 100)
_VERSION = whole("Versjonen")
_FTE = number("Årsverk", "-9999.99", "9999.99")
_KM = number("Kilometer", "0", "999999.99")
_MINUTES = number("Minutter", "0", "999999.99")
_TRAVEL = {
    "origin": text("Fra-stedet", 60),
    "destination": text("Til-stedet", 60),
    "km": _KM,
    "minutes": _MINUTES,
    "mode": text("Reisemåten", 20),
    "fare_nok": money("Billettprisen"),
    "wait_min": number("Ventetiden (minutter)", "0", "999999.99"),
    "basis": text("Grunnlaget for reisen", 200),
    "season": text("Sesongen", 40),
}

BOUNDS: dict[str, dict[str, Bound]] = {
    "catalogue_entries": {"code": _SERVICE, "version": _VERSION, "updated_by": _USER},
    "change_log": {
        "id": _id(),
        "actor": _USER,
        "project": _PROJECT,
        "kind": text("Endringstypen", 20),
        "key": text("Hva som er endret", 200),
        "field": text("Feltet som er endret", 100),
        "reason": text("Begrunnelsen", 500),
    },
    "jobs": {
        "id": text("Jobbnummeret", 32),
        "kind": text("Jobbtypen", 40),
        "owner": _USER,
        "project": _PROJECT,
        "status": text("Jobbstatusen", 20),
        "progress": text("Framdriften", 500),
        "error": text("Feilmeldingen", 2000),
    },
    "login_failures": {"id": _id(), "username": _USER, "address": text("Adressen", 64)},
    "municipalities": {
        "number": _NUMBER,
        "name": text("Kommunenavnet", 100),
        "county": text("Fylket", 100),
        "population": whole("Folketallet"),
        "admin_centre": text("Administrasjonssenteret", 100),
        "coordinate_basis": text("Grunnlaget for koordinatene", 100),
        "employer_tax_zone": text("Arbeidsgiveravgiftssonen", 4),
        "employer_tax_pct": number("Arbeidsgiveravgiften (%)", "0", "100"),
        "chief_title": text("Tittelen på kommunedirektøren", 40),
    },
    "projects": {
        "id": _PROJECT_ID,
        "slug": _PROJECT,
        "name": text("Prosjektnavnet", 200),
        "version": _VERSION,
        "created_by": _USER,
    },
    "services": {
        "code": _SERVICE,
        "name": text("Tjenestenavnet", 100),
        "kostra_functions": text("KOSTRA-funksjonene", 100),
        "owner": _PROJECT,
    },
    "travel_links": _TRAVEL,
    "project_travel_links": {"project_id": _PROJECT_ID, **_TRAVEL},
    "users": {
        "id": _id(),
        "username": _USER,
        "full_name": text("Fullt navn", 200),
        "password_hash": text("Passordhashen", 300),
        "role": text("Rollen", 20),
        "municipalities": text("Kommunene til brukeren", 500),
        "session_generation": whole("Øktgenerasjonen"),
    },
    "agreement_adoptions": {
        "id": _id(),
        "project_id": _PROJECT_ID,
        "scenario": text("Navnet på alternativet", 100),
        "service": _SERVICE,
        "version_hash": text("Avtaleversjonens kontrollsum", 64),
        "participant": _NUMBER,
        "body": text("Vedtaksorganet", 20),
        "case_number": text("Saksnummeret", 50),
        "outcome": text("Utfallet", 30),
        "recorded_by": _USER,
    },
    "agreement_versions": {
        "id": _id(),
        "project_id": _PROJECT_ID,
        "scenario": text("Navnet på alternativet", 100),
        "service": _SERVICE,
        "number": whole("Versjonsnummeret", 1),
        "content_hash": text("Avtaletekstens kontrollsum", 64),
        "participants": text("Deltakerne i avtalen", 500),
        "status": text("Avtalestatusen", 20),
        "saved_by": _USER,
    },
    "api_tokens": {
        "id": _id(),
        "user_id": _id("Brukeren"),
        "label": text("Navnet på API-nøkkelen", 100),
        "token_hash": text("API-nøkkelens hash", 64),
    },
    "baselines": {
        "municipality": _NUMBER,
        "service": _SERVICE,
        "year": whole("Året", 1900, 2100),
        "fte": _FTE,
        "headcount": whole("Antall ansatte"),
        "gross_cost_nok": money("Brutto driftsutgift"),
        "pay_cost_nok": money("Lønnskostnaden"),
        "basis": text("Grunnlaget", 300),
        "pass_through_nok": money("Direkte belastning"),
        "source": text("Kilden", 300),
    },
    "budget_imports": {
        "id": _id(),
        "replaces_id": _id("Importen som erstattes"),
        "municipality": _NUMBER,
        "year": whole("Året", 1900, 2100),
        "kind": text("Importtypen", 40),
        "filename": text("Filnavnet", 300),
        "sha256": text("Filens kontrollsum", 64),
        "encoding": text("Tegnkodingen", 40),
        "imported_by": _USER,
    },
    "cost_keys": {
        "project_id": _PROJECT_ID,
        "name": text("Navnet på fordelingsnøkkelen", 100),
        "host_overhead_pct": number("Administrasjonstillegget (%)", "0", "100"),
        "version": _VERSION,
    },
    "function_mappings": {
        "municipality": _NUMBER,
        "valid_from": whole("Gjelder fra (år)", 1900, 2100),
    },
    "header_mappings": {"municipality": _NUMBER},
    "participations": {
        "project_id": _PROJECT_ID,
        "service": _SERVICE,
        "municipality": _NUMBER,
        "status": text("Deltakerstatusen", 20),
    },
    "personnel_policies": {
        "project_id": _PROJECT_ID,
        "name": text("Navnet på retningslinjene", 100),
        "grant_years": whole("Antall år med reisetilskudd", -100, 100),
        "relocation_nok": money("Flyttekostnaden"),
        "relocation_share": number("Andelen som flytter", "-1", "1"),
        "transition_grant_nok": money("Omstillingstilskuddet"),
        "transition_grant_to": text("Hvem som får omstillingstilskudd", 20),
    },
    "planning_assumptions": {
        "project_id": _PROJECT_ID,
        "baseline_year": whole("Grunnlagsåret", 1900, 2100),
        "budget_year": whole("Budsjettåret", 1900, 2100),
        "horizon_years": whole("Planperioden (år)", 0, 1000),
        "discount_rate_pct": number("Kalkulasjonsrenten (%)", "-100", "100"),
        "efficiency_gain_pct": number("Effektiviseringsgevinsten (%)", "-100", "100"),
        "cost_per_fte_nok": money("Kostnaden per årsverk"),
        "fixed_host_cost_nok": money("Vertskommunens faste kostnad"),
        "version": _VERSION,
    },
    "process_records": {"project_id": _PROJECT_ID, "version": _VERSION, "updated_by": _USER},
    "project_access": {"project_id": _PROJECT_ID, "username": _USER},
    "project_members": {"project_id": _PROJECT_ID, "municipality": _NUMBER},
    "project_services": {
        "project_id": _PROJECT_ID,
        "service": _SERVICE,
        "position": whole("Plassen i lista"),
    },
    "proposals": {
        "id": _id(),
        "project_id": _PROJECT_ID,
        "kind": text("Forslagstypen", 20),
        "name": text("Navnet i forslaget", 100),
        "base_version": _VERSION,
        "reason": text("Begrunnelsen", 500),
        "proposed_by": _USER,
        "status": text("Forslagets status", 20),
        "decided_by": _USER,
    },
    "scenarios": {
        "id": _id(),
        "project_id": _PROJECT_ID,
        "name": text("Navnet på alternativet", 100),
        "policy": text("Navnet på retningslinjene", 100),
        "version": _VERSION,
    },
    "arrangements": {
        "scenario_id": _id("Alternativet"),
        "service": _SERVICE,
        "position": whole("Plassen i lista"),
        "host": _NUMBER,
        "participants": text("Deltakerne", 500),
        "legal_form": text("Samarbeidsformen", 10),
        "joint_fte": _FTE,
        "local_fte": _FTE,
        "cost_key": text("Navnet på fordelingsnøkkelen", 100),
    },
}
"""Table → column → bound; every ``String(n)``, ``Numeric(p, s)`` and ``Integer`` column."""

"""The service catalogue: what a common host-municipality service is, in law and in KOSTRA.

Data, not code: each entry (barnevern, PPT, legevakt, kart og oppmåling …) carries its KOSTRA
functions, the functions charged straight to the home municipality, default usage metrics, a
default number of service trips (an estimate), the legal basis that lets the task move to a
host (by period, since the acts change), a default text for § 20-4 first paragraph (c), whether
it involves myndighetsutøvelse, warnings where the host model does not fit, and the clauses an
agreement on it needs. Entries are valid for a period: skatteoppkreving ends on 31.10.2020.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from coop.domain.assumptions import MAX_TRIPS_PER_YEAR
from coop.domain.errors import InvalidData, require
from coop.domain.model import Service, check_code

MAX_TEXT = 4000


def _text(value: Any, what: str, limit: int = MAX_TEXT) -> str:
    require(isinstance(value, str), f"{what} må være tekst.")
    require(len(value) <= limit, f"{what} kan være høyst {limit} tegn.")
    require("\x00" not in value, f"{what} inneholder et ugyldig tegn (NUL).")
    return value


def check_trips(code: str, trips: Any) -> int:
    """Service trips per partner and year: a whole number from 0 to ``MAX_TRIPS_PER_YEAR``."""
    require(
        isinstance(trips, int) and 0 <= trips <= MAX_TRIPS_PER_YEAR,
        f"Tjenestereiser for «{code}» må være fra 0 til {MAX_TRIPS_PER_YEAR} per år.",
    )
    return int(trips)


def _date(value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise InvalidData(f"{what}: «{value}» er ikke en dato (ÅÅÅÅ-MM-DD).") from error


def _functions(value: Any, what: str) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else list(value or ())
    out = tuple(str(f).strip() for f in items if str(f).strip())
    for f in out:
        require(
            len(f) == 3 and f.isascii() and f.isdigit(),
            f"{what}: «{f}» er ikke en KOSTRA-funksjon.",
        )
    return out


@dataclass(frozen=True, slots=True)
class UsageMetric:
    """A usage measure a key can split by: «antall saker», «lønnsslipper», «PC-er»."""

    code: str
    name: str
    unit: str = ""

    def __post_init__(self) -> None:
        check_code(self.code, "Koden for bruksmålet")
        _text(self.name, "Navnet på bruksmålet", 200)
        _text(self.unit, "Enheten for bruksmålet", 100)


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """One legal reference for a period; ``verified`` False means «verifiser» before use."""

    kind: str  # overforing, saerlov, klage, taushetsplikt, veiledning, personvern, arkiv …
    reference: str
    text: str
    verified: bool
    valid_from: date | None = None
    valid_to: date | None = None
    source: str = ""

    def __post_init__(self) -> None:
        _text(self.kind, "Typen lovgrunnlag", 40)
        _text(self.reference, "Lovhenvisningen", 500)
        _text(self.text, "Teksten til lovgrunnlaget")
        _text(self.source, "Kilden til lovgrunnlaget", 1000)
        require(
            self.valid_from is None or self.valid_to is None or self.valid_from <= self.valid_to,
            f"Lovgrunnlaget «{self.reference}» slutter før det begynner.",
        )

    def applies_on(self, on: date) -> bool:
        """True when the reference was in force on ``on``."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class SpecialClause:
    """A clause an agreement on this service needs (taushetsplikt, personvern, arkiv …)."""

    topic: str
    text: str

    def __post_init__(self) -> None:
        _text(self.topic, "Temaet for klausulen", 100)
        _text(self.text, "Klausulen")


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """One service of the catalogue, as the law and KOSTRA see it."""

    code: str
    name: str
    kostra_functions: tuple[str, ...]
    pass_through_functions: tuple[str, ...] = ()
    usage_metrics: tuple[UsageMetric, ...] = ()
    trips_per_partner: int = 0  # service trips from the host to each partner per year
    trips_note: str = ""
    legal_bases: tuple[LegalBasis, ...] = ()
    tasks_text: str = ""  # default § 20-4 (c): tasks and decision authority that move
    public_authority: bool = False  # involves enkeltvedtak / myndighetsutøvelse
    authority_note: str = ""
    recommended_form: str = ""
    recommended_form_text: str = ""
    appeal_body: str = ""
    warnings: tuple[str, ...] = ()
    special_clauses: tuple[SpecialClause, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    replaced_by: str | None = None
    version: int = 1

    def __post_init__(self) -> None:
        check_code(self.code)
        require(bool(self.name.strip()), f"Tjenesten «{self.code}» mangler navn.")
        _text(self.name, "Tjenestenavnet", 100)
        _functions(self.kostra_functions, f"KOSTRA-funksjoner for «{self.code}»")
        extra = sorted(set(self.pass_through_functions) - set(self.kostra_functions))
        require(
            not extra,
            f"Direkte belastede funksjoner {', '.join(extra)} for «{self.code}» må også stå "
            "blant tjenestens KOSTRA-funksjoner.",
        )
        check_trips(self.code, self.trips_per_partner)
        for value, what in (
            (self.trips_note, "Merknaden om reiser"),
            (self.tasks_text, "Teksten om oppgaver og myndighet"),
            (self.authority_note, "Merknaden om myndighetsutøvelse"),
            (self.recommended_form_text, "Teksten om samarbeidsform"),
            (self.appeal_body, "Klageinstansen"),
        ):
            _text(value, what)
        for warning in self.warnings:
            _text(warning, "En advarsel")
        require(
            self.valid_from is None or self.valid_to is None or self.valid_from <= self.valid_to,
            f"Tjenesten «{self.code}» slutter før den begynner.",
        )
        codes = [m.code for m in self.usage_metrics]
        require(len(codes) == len(set(codes)), f"Et bruksmål står to ganger i «{self.code}».")

    def available_on(self, on: date) -> bool:
        """True when the service can be set up under the host model on ``on``."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def legal_bases_on(self, on: date) -> tuple[LegalBasis, ...]:
        """The references in force on ``on`` (the agreement cites these)."""
        return tuple(b for b in self.legal_bases if b.applies_on(on))

    def unverified_on(self, on: date) -> tuple[LegalBasis, ...]:
        """References in force on ``on`` still marked «verifiser»."""
        return tuple(b for b in self.legal_bases_on(on) if not b.verified)

    def service(self) -> Service:
        """The service as a project holds it."""
        return Service(
            self.code, self.name, self.kostra_functions, self.recommended_form_text[:300]
        )


def entry_from_json(data: Mapping[str, Any]) -> CatalogueEntry:
    """Read one entry in coop's catalogue format (Norwegian keys, see the data file)."""
    code = str(data.get("kode", ""))
    where = f"Tjenestekatalogen, «{code or '?'}»"
    try:
        return CatalogueEntry(
            code=code,
            name=_text(data.get("navn", ""), f"{where}: navn", 100),
            kostra_functions=_functions(data.get("kostra_funksjoner", ""), where),
            pass_through_functions=_functions(data.get("direkte_belastning_funksjoner", ""), where),
            usage_metrics=tuple(
                UsageMetric(m["kode"], m["navn"], m.get("enhet", ""))
                for m in data.get("bruksmaal", ())
            ),
            trips_per_partner=int(data.get("reiser_per_partner_per_aar", 0)),
            trips_note=str(data.get("reiser_merknad", "")),
            legal_bases=tuple(
                LegalBasis(
                    kind=str(b.get("type", "")),
                    reference=str(b.get("henvisning", "")),
                    text=str(b.get("tekst", "")),
                    verified=bool(b.get("verifisert", False)),
                    valid_from=_date(b.get("fra"), where),
                    valid_to=_date(b.get("til"), where),
                    source=str(b.get("kilde", "")),
                )
                for b in data.get("lovgrunnlag", ())
            ),
            tasks_text=str(data.get("oppgaver_og_myndighet", "")),
            public_authority=bool(data.get("myndighetsutovelse", False)),
            authority_note=str(data.get("myndighetsutovelse_merknad", "")),
            recommended_form=str(data.get("anbefalt_samarbeidsform", "")),
            recommended_form_text=str(data.get("anbefalt_samarbeidsform_tekst", "")),
            appeal_body=str(data.get("klageinstans", "") or ""),
            warnings=tuple(str(w) for w in data.get("advarsler", ())),
            special_clauses=tuple(
                SpecialClause(str(c.get("tema", "")), str(c.get("tekst", "")))
                for c in data.get("saerlige_klausuler", ())
            ),
            valid_from=_date(data.get("gyldig_fra"), where),
            valid_to=_date(data.get("gyldig_til"), where),
            replaced_by=data.get("erstattes_av") or None,
            version=int(data.get("versjon", 1)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidData(f"{where}: feil i oppføringen ({error}).") from error
    except InvalidData as error:
        raise InvalidData(f"{where}: {error.message}") from error


def entry_to_json(e: CatalogueEntry) -> dict[str, Any]:
    """The entry in coop's catalogue format (the inverse of ``entry_from_json``)."""
    return {
        "kode": e.code,
        "navn": e.name,
        "kostra_funksjoner": ",".join(e.kostra_functions),
        "direkte_belastning_funksjoner": ",".join(e.pass_through_functions),
        "bruksmaal": [{"kode": m.code, "navn": m.name, "enhet": m.unit} for m in e.usage_metrics],
        "reiser_per_partner_per_aar": e.trips_per_partner,
        "reiser_merknad": e.trips_note,
        "lovgrunnlag": [
            {
                "type": b.kind,
                "henvisning": b.reference,
                "tekst": b.text,
                "verifisert": b.verified,
                "fra": b.valid_from.isoformat() if b.valid_from else None,
                "til": b.valid_to.isoformat() if b.valid_to else None,
                "kilde": b.source,
            }
            for b in e.legal_bases
        ],
        "oppgaver_og_myndighet": e.tasks_text,
        "myndighetsutovelse": e.public_authority,
        "myndighetsutovelse_merknad": e.authority_note,
        "anbefalt_samarbeidsform": e.recommended_form,
        "anbefalt_samarbeidsform_tekst": e.recommended_form_text,
        "klageinstans": e.appeal_body,
        "advarsler": list(e.warnings),
        "saerlige_klausuler": [{"tema": c.topic, "tekst": c.text} for c in e.special_clauses],
        "gyldig_fra": e.valid_from.isoformat() if e.valid_from else None,
        "gyldig_til": e.valid_to.isoformat() if e.valid_to else None,
        "erstattes_av": e.replaced_by,
        "versjon": e.version,
    }


def parse_catalogue(items: Sequence[Mapping[str, Any]]) -> tuple[CatalogueEntry, ...]:
    """Read a whole catalogue; codes must be unique."""
    require(isinstance(items, Sequence), "Tjenestekatalogen må være en liste.")
    entries = tuple(entry_from_json(item) for item in items)
    codes = [e.code for e in entries]
    twice = sorted({c for c in codes if codes.count(c) > 1})
    require(not twice, f"Tjenestekatalogen har {', '.join(twice)} to ganger.")
    return entries


def default_trips(entries: Iterable[CatalogueEntry]) -> dict[str, int]:
    """Service trips per partner and year by service code (the catalogue's estimates)."""
    return {e.code: e.trips_per_partner for e in entries}

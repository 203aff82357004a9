"""The terms planners write into an agreement draft: parsed from plain text fields, bokmål errors.

Pure domain (stdlib and ``coop`` domain modules). Field names equal the ``AgreementInputs``
fields they fill, so a form, a stored version and the draft inputs speak the same keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, Literal

from coop.domain.agreements.drafting import AgreementInputs
from coop.domain.errors import InvalidData
from coop.domain.formatting import format_date

Kind = Literal["date", "int", "line", "text"]
_NB_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True, slots=True)
class TermField:
    """One input on the draft form: name, bokmål label, kind and the checklist point it fills."""

    name: str
    label: str
    kind: Kind
    point: str | None = None
    hint: str = ""


TERM_FIELDS: tuple[TermField, ...] = (
    TermField(
        "decided_on", "Avtaledato", "date", None, "Avgjør lov og titler (1992- eller 2018-loven)."
    ),
    TermField("effective_from", "Overføres fra og med", "date", "d"),
    TermField("tasks", "Oppgaver som overføres", "text", "c"),
    TermField(
        "board_members_per_participant",
        "Medlemmer per deltaker i nemnda",
        "int",
        "nemnd",
        "Bare for samarbeid med felles folkevalgt nemnd (minst 2).",
    ),
    TermField("informed_decisions", "Vedtak deltakerne skal ha melding om", "text", "e"),
    TermField("budget_year", "Budsjettår for andelene", "int", "f"),
    TermField("akonto_frequency", "A konto betales", "line", "f", "F.eks. «kvartalsvis»."),
    TermField("settlement_terms", "Tillegg om årsoppgjøret", "text", "f"),
    TermField("notice_months", "Oppsigelsestid (måneder)", "int", "g"),
    TermField("exit_cost_terms", "Økonomisk oppgjør ved uttreden", "text", "g"),
    TermField("dissolution_terms", "Eiendeler, ansatte og arkiv ved oppløsning", "text", "h"),
    TermField("other_legal_terms", "Andre forhold loven krever", "text", "i"),
    TermField("reservation_days", "Reservasjonsfrist for ansatte (dager)", "int", "personell"),
    TermField("reporting_terms", "Rapportering til deltakerne", "text", "rapportering"),
    TermField("archive_terms", "Arkivansvar", "text", "arkiv"),
    TermField("dispute_terms", "Tvisteløsning", "text", "tvister"),
    TermField("review_on", "Revideres innen", "date", "revisjon"),
    TermField("control_terms", "Kontrollutvalg og tilsyn", "text", "kontrollutvalg"),
    TermField("insurance_terms", "Forsikring", "text", "forsikring"),
    TermField("licence_terms", "Lisenser og innkjøp", "text", "lisenser"),
)


@dataclass(frozen=True, slots=True)
class AgreementTerms:
    """What planners decide in words and dates; ``None`` leaves the point open in the draft."""

    decided_on: date
    effective_from: date | None = None
    tasks: str | None = None
    board_members_per_participant: int | None = None
    informed_decisions: str | None = None
    budget_year: int | None = None
    akonto_frequency: str | None = None
    settlement_terms: str | None = None
    notice_months: int | None = 12
    exit_cost_terms: str | None = None
    dissolution_terms: str | None = None
    other_legal_terms: str | None = None
    reservation_days: int = 14
    reporting_terms: str | None = None
    archive_terms: str | None = None
    dispute_terms: str | None = None
    review_on: date | None = None
    control_terms: str | None = None
    insurance_terms: str | None = None
    licence_terms: str | None = None

    def as_fields(self) -> dict[str, str]:
        """Plain text per field (ISO dates), for forms and storage."""
        out = {}
        for name, value in asdict(self).items():
            text = value.isoformat() if isinstance(value, date) else str(value)
            out[name] = "" if value is None else text
        return out

    def input_values(self) -> dict[str, Any]:
        """Keyword arguments for ``AgreementInputs`` (every field has the same name there)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def of(cls, inputs: AgreementInputs) -> AgreementTerms:
        """The terms a set of draft inputs was built with."""
        return cls(**{f.name: getattr(inputs, f.name) for f in fields(cls)})


def parse_terms(values: Mapping[str, str], defaults: AgreementTerms) -> AgreementTerms:
    """Read submitted text fields; absent keys keep ``defaults``, empty ones mean «not filled».

    Dates may be ISO (2007-05-24, from a date input) or Norwegian (24.05.2007). An empty
    reservation period falls back to the legal minimum of 14 days.
    """
    parsed: dict[str, Any] = {}
    for spec in TERM_FIELDS:
        if spec.name not in values:
            continue
        text = (values[spec.name] or "").strip()
        parsed[spec.name] = _parse(spec, text)
    if parsed.get("decided_on", defaults.decided_on) is None:
        raise InvalidData("Avtaledato mangler: oppgi datoen avtalen skal vedtas.")
    if "reservation_days" in parsed and parsed["reservation_days"] is None:
        parsed["reservation_days"] = 14
    return AgreementTerms(**{**defaults.input_values(), **parsed})


def _parse(spec: TermField, text: str) -> object:
    if not text:
        return None
    if spec.kind == "date":
        return parse_date(text, spec.label)
    if spec.kind == "int":
        if not text.isdigit():
            raise InvalidData(f"{spec.label}: «{text}» må være et helt tall.")
        return int(text)
    return text


def parse_date(text: str, label: str) -> date:
    """A date written 2007-05-24 or 24.05.2007, or a bokmål error naming the field."""
    try:
        match = _NB_DATE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidData(
            f"{label}: «{text}» er ikke en gyldig dato (skriv f.eks. "
            f"{format_date(date(2007, 5, 24))})."
        ) from None

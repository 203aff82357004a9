"""The shape of a draft agreement: numbered clauses, sections, appendices, checklist items.

Pure domain value types (stdlib and ``coop.domain.model``); ``coop.domain.agreements.drafting``
builds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from coop.domain.agreements.law import LawRegime
from coop.domain.errors import CoopError
from coop.domain.model import LegalForm

POINTS: tuple[tuple[str, str, bool], ...] = (  # (letter, label, mandatory) in checklist order
    ("a", "Deltakerne", True),
    ("b", "Vertskommunen", True),
    ("c", "Oppgaver og myndighet som overføres", True),
    ("d", "Når oppgavene overføres", True),
    ("e", "Vedtak deltakerne skal ha melding om", True),
    ("f", "Økonomisk oppgjør", True),
    ("g", "Uttreden", True),
    ("h", "Oppløsning", True),
    ("i", "Andre forhold loven krever", True),
    ("nemnd", "Felles folkevalgt nemnd: medlemmer per deltaker", True),
    ("personell", "Personalvilkår", False),
    ("rapportering", "Rapportering til deltakerne", False),
    ("arkiv", "Arkivansvar", False),
    ("tvister", "Tvisteløsning", False),
    ("kontrollutvalg", "Kontrollutvalg og tilsyn", False),
    ("forsikring", "Forsikring", False),
    ("lisenser", "Lisenser og innkjøp", False),
    ("revisjon", "Dato for revisjon", False),
)


class NotReadyForAdoption(CoopError):
    """A draft with unfilled mandatory points cannot be marked «klar til vedtak»."""

    def __init__(self, missing_items: tuple[ChecklistItem, ...]) -> None:
        names = "; ".join(f"{i.letter}) {i.label.lower()}" for i in missing_items)
        super().__init__(f"Utkastet kan ikke merkes «klar til vedtak». Dette mangler: {names}.")
        self.points = tuple(i.letter for i in missing_items)


class NoHostModelBasis(CoopError):
    """Before 1.1.2007 there was no general legal basis for a host-municipality agreement."""


class DraftStatus(StrEnum):
    """Where a draft is in its life; the status is not part of the adopted text."""

    DRAFT = "utkast"
    READY = "klar til vedtak"


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered clause («5.2»); ``point`` names the checklist point it fills, if any."""

    number: str
    text: str
    point: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered section with its clauses, for templates to loop over."""

    number: int
    heading: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class ShareRow:
    """One participant's share of the budget year (appendix 1); None when not computed."""

    number: str
    name: str
    share: Decimal | None
    amount_nok: Decimal | None
    is_host: bool = False
    number_then: str = ""  # the kommunenummer on the agreement's date, when it differs

    @property
    def printed_number(self) -> str:
        """The number the document prints: the one valid on the agreement's date."""
        return self.number_then or self.number


@dataclass(frozen=True, slots=True)
class Appendix:
    """An appendix: clauses and, for the share table, rows and their total."""

    number: int
    heading: str
    clauses: tuple[Clause, ...] = ()
    rows: tuple[ShareRow, ...] = ()
    total_nok: Decimal | None = None
    illustration: bool = False  # printed with the agreement, but not part of the adopted text


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One § 20-4 point (or a recommended one) and whether the draft fills it."""

    letter: str
    label: str
    filled: bool
    detail: str
    mandatory: bool = True


@dataclass(frozen=True, slots=True)
class AgreementDraft:
    """A printable draft for one service: numbered sections, appendices and warnings."""

    title: str
    service: str
    host: str
    participants: tuple[str, ...]  # kommunenummer in alphabetical order of name
    names: Mapping[str, str]  # kommunenummer -> name, for letters and tables
    decided_on: date
    effective_from: date | None
    legal_form: LegalForm
    law: LawRegime
    sections: tuple[Section, ...]
    appendices: tuple[Appendix, ...]
    warnings: tuple[str, ...] = ()
    status: DraftStatus = DraftStatus.DRAFT
    numbers: Mapping[str, str] = field(default_factory=dict)  # today's number -> printed one

    def number(self, current: str) -> str:
        """The kommunenummer valid on the agreement's date (a 2007 text prints 1923)."""
        return self.numbers.get(current, current)

    def clauses(self) -> tuple[Clause, ...]:
        """Every clause of the agreement and its appendices, in reading order."""
        body = [c for section in self.sections for c in section.clauses]
        return (*body, *(c for appendix in self.appendices for c in appendix.clauses))

    def adopted_clauses(self) -> tuple[Clause, ...]:
        """The clauses councils adopt: everything but an illustration appendix."""
        body = [c for section in self.sections for c in section.clauses]
        kept = (c for a in self.appendices if not a.illustration for c in a.clauses)
        return (*body, *kept)

"""File headers → canonical concepts, through a bokmål/nynorsk synonym table kept as data.

A header the table does not know is a warning; a concept the import needs and cannot find
is a "mapping needed" error listing the headers, so the UI can ask once and save the answer
(``column_map``: file header → concept) per municipality.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from coop.budget_import.report import IssueKind, IssueLog, Severity


class Concept(StrEnum):
    """What a column means to the import."""

    FUNCTION = "function"  # KOSTRA funksjon, or a tjeneste whose first 3 digits are one
    ART = "art"  # KOSTRA art, or a konto containing one
    ANSVAR = "ansvar"
    PROJECT = "project"
    AMOUNT = "amount"
    YEAR = "year"
    FTE = "fte"
    REGION = "region"  # kommunenummer, or SSB's "5522 Salangen"
    INCOME_EXPENSE = "income_expense"  # Bergen's "Inntekt"/"Utgift"
    UNIT = "unit"  # SSB's statistikkvariabel, e.g. "Beløp (1000 kr)"
    IGNORE = "ignore"


CONCEPT_LABELS: Mapping[Concept, str] = {
    Concept.FUNCTION: "funksjon (KOSTRA) eller tjeneste",
    Concept.ART: "art (KOSTRA) eller konto",
    Concept.ANSVAR: "ansvar",
    Concept.PROJECT: "prosjekt",
    Concept.AMOUNT: "beløp",
    Concept.YEAR: "år",
    Concept.FTE: "årsverk",
    Concept.REGION: "kommunenummer",
    Concept.INCOME_EXPENSE: "inntekt/utgift",
    Concept.UNIT: "enhet",
    Concept.IGNORE: "brukes ikke",
}
REQUIRED = (Concept.FUNCTION, Concept.AMOUNT)

# The one synonym table: normalised header names (see normalise_header), best first within
# each concept. «Tjeneste-id», «Tjeneste nr.» and «Funksjon (KOSTRA)» normalise to
# tjeneste_id, tjeneste_nr and funksjon_kostra. A name sits under one concept only (tested).
SYNONYMS: Mapping[Concept, tuple[str, ...]] = {
    Concept.FUNCTION: (
        "funksjon", "funksjon_nr", "funksjonsnr", "funksjonsnummer", "kostra_funksjon",
        "kostrafunksjon", "funksjon_kostra", "kostra_funksjon_nr", "funksjon_id", "funksjonskode",
        "funksjonsomrade", "tjeneste_nr", "tjenestenr", "tjenestenummer", "tjeneste_id",
        "tjenesteid", "tjenestekode", "tjeneste_kode", "tjeneste_kostra", "teneste_nr",
        "tenestenr", "tenestenummer", "teneste_id", "tenesteid", "tenestekode", "tjeneste",
        "teneste",
    ),
    Concept.ART: (
        "art", "art_nr", "artnr", "artsnr", "kostra_art", "kostraart", "art_kostra", "art_id",
        "artskode", "konto", "konto_nr", "kontonr", "kontonummer", "konto_id", "kontokode",
        "konto_kostra", "konto_kostra_art", "kostra_konto", "hovedbokskonto",
    ),
    Concept.ANSVAR: (
        "ansvar", "ansvar_nr", "ansvarsnr", "ansvarssted", "ansvarsted", "ansvar_id", "ansvarsid",
        "ansvarskode", "ansvar_kode", "ansvarsnummer", "avdeling",
    ),
    Concept.PROJECT: (
        "prosjekt", "prosjekt_nr", "prosjektnr", "prosjektnummer", "prosjekt_id", "prosjektkode",
    ),
    Concept.AMOUNT: ("belop", "beloep", "belop_kr", "belop_nok", "nok", "kr", "kroner", "amount"),
    Concept.YEAR: ("ar", "aar", "year", "budsjettar", "budsjettaar", "regnskapsar", "rekneskapsar"),
    Concept.FTE: ("arsverk", "aarsverk", "antall_arsverk", "fte"),
    Concept.REGION: ("region", "kommune", "kommunenr", "kommune_nr", "kommunenummer", "knr"),
    Concept.INCOME_EXPENSE: ("inntekt_utgift", "inntekt_eller_utgift", "utgift_inntekt"),
    Concept.UNIT: ("statistikkvariabel", "enhet", "contents"),
}  # fmt: skip
KNOWN_IGNORED = frozenset(
    {"tekst", "tjomr", "tjenesteomrade", "tenesteomrade", "endrgr", "fri_dim", "dim", "navn"}
    | {"kommunenavn", "merknad", "kommentar", "beskrivelse", "kapittel", "sektor"}
)
_AMOUNT_WORDS = frozenset(
    {"budsjett", "budsjet", "budget", "regnskap", "rekneskap", "driftsregnskap", "driftsbudsjett"}
    | {"vedtatt", "vedteke", "revidert", "justert", "opprinnelig", "opprinneleg", "okonomiplan"}
    | {"forslag", "belop", "beloep", "nok", "kr", "1000", "i", "sum"}
)
_KINDS = {"regnskap": "regnskap", "rekneskap": "regnskap", "driftsregnskap": "regnskap"}
_KINDS |= dict.fromkeys(("budsjett", "budsjet", "budget", "driftsbudsjett"), "budsjett")
_KINDS |= {"okonomiplan": "budsjett"}
_YEAR_AT_END = re.compile(r"^(?P<prefix>.*?)_?(?P<year>(?:19|20)\d{2})$")
_SSB_TABLE = re.compile(r"^\d{5}_")  # "12367: Detaljerte regnskapstall …"
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "è": "e", "ä": "a", "ö": "o"})


def normalise_header(header: str) -> str:
    """``"Beløp (1000 kr)"`` → ``"belop_1000_kr"``: lower case, æøå folded, ``_`` joins."""
    folded = header.strip().strip('"').lower().translate(_FOLD)
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def concept_named(name: str) -> Concept | None:
    """A concept from a ``column_map`` value: ``"function"``, or a Norwegian word for it."""
    key = normalise_header(name)
    for concept in Concept:
        if key == concept.value:
            return concept
    for concept, names in SYNONYMS.items():
        if key in names:
            return concept
    return Concept.IGNORE if key in {"ignorer", "ignore", "brukes_ikke"} else None


@dataclass(frozen=True, slots=True)
class AmountSpec:
    """An amount column: its position, header and the year and kind its header gives."""

    position: int
    header: str
    year: int | None
    kind: str | None


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """Which field position holds which concept."""

    headers: tuple[str, ...]
    single: Mapping[Concept, int] = field(default_factory=dict)
    amounts: tuple[AmountSpec, ...] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)  # header → concept value
    missing: tuple[Concept, ...] = ()

    def position(self, concept: Concept) -> int | None:
        """Field position of a single-column concept, or None."""
        return self.single.get(concept)

    def positions(self) -> list[int]:
        """Every position the import reads."""
        return sorted({*self.single.values(), *(a.position for a in self.amounts)})


def amount_spec(position: int, header: str) -> AmountSpec | None:
    """An AmountSpec if the header names an amount (``budsjett_2013``, ``2014``, SSB's …)."""
    key = normalise_header(header)
    tokens = key.split("_")
    kind = next((_KINDS[t] for t in tokens if t in _KINDS), None)
    match = _YEAR_AT_END.match(key)
    if match and all(t in _AMOUNT_WORDS for t in match["prefix"].split("_") if t):
        return AmountSpec(position, header, int(match["year"]), kind)
    if key in SYNONYMS[Concept.AMOUNT] or _SSB_TABLE.match(key):
        return AmountSpec(position, header, None, kind)
    return None


def _auto(header: str) -> Concept | None:
    key = normalise_header(header)
    if key.endswith(("_tekst", "_t", "_navn")) or key.startswith("tekst") or key in KNOWN_IGNORED:
        return Concept.IGNORE
    for concept, names in SYNONYMS.items():
        if key in names and concept is not Concept.AMOUNT:
            return concept
    return None


def plan_columns(
    headers: tuple[str, ...],
    column_map: Mapping[str, str] | None,
    log: IssueLog,
    *,
    quiet: bool = False,
) -> ColumnPlan:
    """Map each header to a concept: explicit ``column_map`` first, then the synonym table.

    ``quiet`` leaves out the «unknown column» warnings (a headerless file's «kolonne N»).
    """
    explicit = _explicit(headers, column_map or {}, log)
    chosen: dict[Concept, list[int]] = {}
    amounts: list[AmountSpec] = []
    mapping: dict[str, str] = {}
    for position, header in enumerate(headers):
        concept = explicit.get(position) or _auto(header)
        spec = amount_spec(position, header)
        if concept is Concept.AMOUNT or (concept is None and spec is not None):
            amounts.append(spec or AmountSpec(position, header, _year_in(header), None))
            mapping[header] = Concept.AMOUNT.value
        elif concept is None and not quiet:
            log.add(
                Severity.WARNING,
                IssueKind.UNKNOWN_COLUMN,
                "ukjent kolonne, brukes ikke" if header else "kolonne uten navn, brukes ikke",
                line=None,
                column=header or f"nr. {position + 1}",
            )
        elif concept is not None:
            mapping[header] = concept.value
            if concept is not Concept.IGNORE:
                chosen.setdefault(concept, []).append(position)
    single = {c: _best(c, positions, headers, explicit, log) for c, positions in chosen.items()}
    _check_amount_names(amounts, log)
    missing = tuple(c for c in REQUIRED if not (amounts if c is Concept.AMOUNT else c in single))
    if missing:
        wanted = ", ".join(f"{CONCEPT_LABELS[c]} ({c.value})" for c in missing)
        listed = "; ".join(f"«{h}»" for h in headers)
        log.add(
            Severity.ERROR,
            IssueKind.MAPPING_NEEDED,
            f"fant ikke kolonne for {wanted}. Oppgi hvilken kolonne som er hva. "
            f"Kolonnene i filen er: {listed}.",
        )
    return ColumnPlan(headers, single, tuple(amounts), mapping, missing)


def _explicit(
    headers: tuple[str, ...], column_map: Mapping[str, str], log: IssueLog
) -> dict[int, Concept]:
    by_key = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
    exact = {h: i for i, h in reversed(list(enumerate(headers)))}
    out: dict[int, Concept] = {}
    for header, name in column_map.items():
        concept = concept_named(name)
        if concept is None:
            known = ", ".join(c.value for c in Concept)
            log.add(
                Severity.ERROR,
                IssueKind.MAPPING_NEEDED,
                f"«{name}» er ikke et kjent begrep for kolonnen (kjente: {known}).",
                column=header,
            )
            continue
        position = exact.get(header, by_key.get(normalise_header(header)))
        if position is None:
            log.add(
                Severity.WARNING,
                IssueKind.UNKNOWN_COLUMN,
                "kolonnen i den lagrede kolonneoversikten finnes ikke i filen",
                column=header,
            )
            continue
        out[position] = concept
    return out


def _best(
    concept: Concept,
    positions: list[int],
    headers: tuple[str, ...],
    explicit: Mapping[int, Concept],
    log: IssueLog,
) -> int:
    """The explicit column, else the best synonym; the others are reported and not used."""
    names = SYNONYMS.get(concept, ())
    rank = {n: i for i, n in enumerate(names)}

    def order(p: int) -> tuple[int, int]:
        return (0 if p in explicit else 1, rank.get(normalise_header(headers[p]), len(names)))

    ordered = sorted(positions, key=order)
    for other in ordered[1:]:
        if other in explicit and ordered[0] in explicit:
            severity, text = Severity.ERROR, "er også oppgitt som"
        else:
            severity, text = Severity.WARNING, "brukes ikke; hentes fra en annen kolonne:"
        log.add(
            severity,
            IssueKind.DUPLICATE_COLUMN,
            f"{text} {CONCEPT_LABELS[concept]} («{headers[ordered[0]]}»)",
            column=headers[other],
        )
    return ordered[0]


def _check_amount_names(amounts: list[AmountSpec], log: IssueLog) -> None:
    seen: set[str] = set()
    for spec in amounts:
        key = normalise_header(spec.header)
        if key in seen:
            log.add(
                Severity.ERROR,
                IssueKind.DUPLICATE_COLUMN,
                "beløpskolonnen finnes to ganger i overskriften",
                column=spec.header,
            )
        seen.add(key)


def text_beside(headers: tuple[str, ...], position: int | None) -> int | None:
    """The text column that describes the code column at ``position`` (``konto_tekst``).

    A header named like the code column plus ``tekst``/``navn``/``(T)`` wins; else the next
    column when it is a text column.
    """
    if position is None:
        return None
    key = normalise_header(headers[position])
    for i, header in enumerate(headers):
        other = normalise_header(header)
        if i != position and other.startswith(key) and other.endswith(("tekst", "navn", "_t")):
            return i
    after = position + 1
    if after < len(headers) and normalise_header(headers[after]).endswith(("tekst", "navn")):
        return after
    return None


def _year_in(header: str) -> int | None:
    found = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", header)
    return int(found[-1]) if found else None

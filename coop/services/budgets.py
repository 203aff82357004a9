"""Use cases for budget CSV imports: preview, commit, history, column map, function map."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from coop import model
from coop.access import Actor, require_municipality
from coop.budget_columns import CONCEPT_LABELS, REQUIRED, SYNONYMS, Concept, normalise_header
from coop.budget_import import ParsedBudget, parse_budget
from coop.budget_report import IssueKind, ServiceTotals
from coop.kostra import (
    SERVICE_NAMES,
    FunctionMap,
    FunctionRule,
    default_function_map,
    kostra_codes,
    pick_function_map,
)
from coop.unit_of_work import UnitOfWork

COST_PER_FTE_NOK = Decimal(850_000)
OPTIONAL = (Concept.ART, Concept.ANSVAR, Concept.FTE)  # asked for, but may be left out
MAPPING_CONCEPTS = tuple(c.value for c in (*REQUIRED, *OPTIONAL))
_AMOUNT_HINTS = frozenset(
    {"budsjett", "budsjet", "regnskap", "rekneskap", "belop", "kr", "sum", "vedtatt", "amount"}
    | {"vedteke", "revidert", "justert", "opprinnelig", "opprinneleg", "forslag"}
)
_TEXT_HINTS = ("tekst", "navn", "namn")


@dataclass(frozen=True)
class ColumnChoice:
    """One concept the user picks a column for, with the column pre-selected (or "")."""

    concept: str
    label: str
    required: bool
    selected: str


@dataclass(frozen=True)
class MappingQuestion:
    """«Which column is what»: the file's headers and one choice per concept."""

    headers: tuple[str, ...]
    choices: tuple[ColumnChoice, ...]
    needed: bool  # True when the file cannot be read without an answer


@dataclass(frozen=True)
class BudgetImportResult:
    """What an import found and (unless a dry run or rejected) wrote."""

    report: Mapping[str, Any]
    written: bool
    column: str | None
    baselines: tuple[model.Baseline, ...] = ()
    skipped_services: tuple[str, ...] = ()
    messages: tuple[str, ...] = field(default_factory=tuple)
    service_names: Mapping[str, str] = field(default_factory=dict)
    skipped_gross_nok: Mapping[str, Decimal] = field(default_factory=dict)
    question: MappingQuestion | None = None

    @property
    def ok(self) -> bool:
        """True when the file had no errors."""
        return not self.report.get("errors")

    def service_name(self, code: str) -> str:
        """The service's name («Barnevern»), or its code when it has none."""
        return self.service_names.get(code, code)


def _function_map(own: Sequence[FunctionMap], year: int) -> FunctionMap:
    """The municipality's own map in force in ``year``, else the default one.

    Own maps are stored without the list of shared functions; the default's list is kept
    for every function the own map does not give wholly to one service.
    """
    default = default_function_map(year)
    fitting = [m for m in own if m.valid_from <= year]
    if not fitting:
        return default
    chosen = pick_function_map(fitting, year)
    whole = {r.function for r in chosen.rules if not r.ansvar}
    shared = {f: s for f, s in default.shared.items() if f not in whole}
    return FunctionMap(chosen.valid_from, chosen.rules, shared)


def _parse(
    raw: bytes,
    filename: str,
    municipality: str,
    year: int,
    uow: UnitOfWork,
    column_map: Mapping[str, str] | None,
) -> ParsedBudget:
    with uow:
        known = uow.municipalities.numbers()
        saved = uow.imports.header_mapping(municipality) if municipality in known else None
        own_maps = uow.imports.function_maps(municipality) if municipality in known else []
    if municipality not in known:
        raise model.UnknownMunicipality(municipality)
    return parse_budget(
        raw,
        filename,
        municipality=municipality,
        year=year,
        known_municipalities=known,
        column_map=column_map or saved,
        function_map=_function_map(own_maps, year),
        cost_per_fte_nok=COST_PER_FTE_NOK,
    )


def _baseline(
    municipality: str, year: int, kind: str, filename: str, totals: ServiceTotals
) -> model.Baseline:
    fte = totals.fte or Decimal(0)
    pay = min(totals.pay_nok or Decimal(0), totals.gross_nok)
    basis = f"{kind} {year}, import av {filename}"
    if totals.fte_is_estimate or totals.fte is None:
        basis += f"; årsverk: anslag (lønn ÷ {COST_PER_FTE_NOK:,.0f} kr)".replace(",", " ")
    basis += "; antall ansatte anslått fra årsverk"
    return model.Baseline(
        municipality=municipality,
        service=totals.service,
        year=year,
        fte=fte.quantize(Decimal("0.01")),
        headcount=math.ceil(fte),
        gross_cost_nok=max(totals.gross_nok, Decimal(0)).quantize(Decimal("0.01")),
        pay_cost_nok=max(pay, Decimal(0)).quantize(Decimal("0.01")),
        basis=basis,
    )


def _service_names(uow: UnitOfWork) -> dict[str, str]:
    """Service code → name: the catalogue, then the KOSTRA map's own names (call inside uow)."""
    return {**SERVICE_NAMES, **{s.code: s.name for s in uow.services.list()}}


def _no_amount_column(report: dict[str, Any], parsed: ParsedBudget, year: int) -> None:
    labels = ", ".join(c.label for c in parsed.report.amount_columns) or "ingen"
    message = f"{parsed.report.filename}: har ingen beløpskolonne for {year} (har: {labels})"
    report["errors"] = [
        *report.get("errors", []),
        {"kind": str(IssueKind.YEAR_NEEDED), "line": None, "column": None, "value": None}
        | {"message": f"{message}. Velg hvilken kolonne som er beløpet for {year}."},
    ]


def import_budget(
    raw: bytes,
    filename: str,
    municipality: str,
    year: int,
    actor: Actor,
    uow: UnitOfWork,
    *,
    dry_run: bool = False,
    project: str | None = None,
    column_map: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> BudgetImportResult:
    """Read a budget file; unless ``dry_run`` or errors, write everything or nothing.

    Baselines per service come from the amount column of ``year``; a re-import of the same
    municipality, year and kind (budsjett/regnskap) replaces the earlier one. A file whose
    columns are not recognised (or that has no amount column for ``year``) is an error in
    the report, with a ``question`` the user can answer by passing ``column_map``.
    """
    require_municipality(actor, municipality)
    parsed = _parse(raw, filename, municipality, year, uow, column_map)
    report = parsed.report_json()
    columns = [c for c in parsed.report.amount_columns if c.year == year]
    if not parsed.report.has_errors and not columns:
        _no_amount_column(report, parsed, year)
    if report.get("errors"):
        return BudgetImportResult(
            report, written=False, column=None, question=_question(report, year, column_map)
        )
    column = next((c for c in columns if c.kind == "budsjett"), columns[0])
    kind = column.kind or "budsjett"
    totals = parsed.by_service(column.label)
    with uow:
        names = _service_names(uow)
        catalogue = {s.code for s in uow.services.list()}
        if project is not None:
            p = uow.projects.get(project)
            catalogue &= {s.code for s in p.services if municipality in p.participants_of(s.code)}
        baselines = tuple(
            _baseline(municipality, year, kind, filename, t)
            for code, t in sorted(totals.items())
            if code in catalogue
        )
        skipped = tuple(sorted(set(totals) - catalogue))
        if not dry_run:
            for baseline in baselines:
                uow.baselines.replace(baseline)
            uow.imports.replace(
                municipality=municipality,
                year=year,
                kind=kind,
                filename=filename,
                sha256=parsed.sha256,
                encoding=parsed.report.encoding or "",
                content=raw,
                imported_by=actor.username,
                imported_at=now or datetime.now(UTC),
                summary={
                    "rows": parsed.report.rows,
                    "column": column.label,
                    "services": sorted(t.service for t in baselines),
                    "warnings": len(report.get("warnings", [])),
                },
            )
            if column_map:
                uow.imports.save_header_mapping(municipality, column_map)
            uow.commit()
    where = "tjenestekatalogen" + (" eller prosjektet" if project else "")
    messages = tuple(
        f"Tjenesten «{names.get(code, code)}» ({code}) finnes ikke i {where}; beløpene er "
        "vist, men ikke lagret som grunnlag."
        for code in skipped
    )
    return BudgetImportResult(
        report,
        not dry_run,
        column.label,
        baselines,
        skipped,
        messages,
        service_names=names,
        skipped_gross_nok={code: totals[code].gross_nok for code in skipped},
        question=_question(report, year, column_map),
    )


def import_history(actor: Actor, uow: UnitOfWork) -> list[Any]:
    """Committed imports the actor may see (finance users: their own municipalities)."""
    with uow:
        own = actor.municipalities if actor.role.value == "okonomi" else None
        return uow.imports.history(own)


def _fuzzy(key: str, names: Sequence[str]) -> float:
    """How much a normalised header looks like one of a concept's names (0–1)."""
    best = 0.0
    for name in names:
        if key == name:
            return 1.0
        if min(len(key), len(name)) >= 3 and (key.startswith(name) or name.startswith(key)):
            best = max(best, 0.9)
        best = max(best, difflib.SequenceMatcher(None, key, name).ratio())
    return best


def _amount_score(header: str, mapped: bool, year: int) -> float:
    key = normalise_header(header)
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", header)
    hinted = any(h in key.split("_") or key.startswith(h) for h in _AMOUNT_HINTS)
    if not (mapped or hinted or str(year) in years):
        return 0.0
    score = 8.0 if str(year) in years else (0.0 if years else 4.0)
    return score + 2 * mapped + hinted + 0.5 * ("budsj" in key)


def _guess(
    concept: Concept,
    headers: tuple[str, ...],
    mapping: Mapping[str, str],
    year: int,
    taken: set[str],
    fuzzy: bool,
) -> str:
    """The header to pre-select for ``concept``: what the import used, else a close name."""
    free = [h for h in headers if h not in taken]
    if concept is Concept.AMOUNT:
        scored = [
            (_amount_score(h, mapping.get(h) == "amount", year), -i, h) for i, h in enumerate(free)
        ]
        scored = [s for s in scored if s[0] > 0 and mapping.get(s[2]) in (None, "amount")]
        return max(scored)[2] if scored else ""
    used = [h for h in free if mapping.get(h) == concept.value]
    if used or not fuzzy:
        return used[0] if used else ""
    candidates = [
        (_fuzzy(normalise_header(h), SYNONYMS[concept]), -i, h)
        for i, h in enumerate(free)
        if h not in mapping and not any(t in normalise_header(h) for t in _TEXT_HINTS)
    ]
    best = max(candidates, default=(0.0, 0, ""))
    return best[2] if best[0] >= 0.75 else ""


def _question(
    report: Mapping[str, Any], year: int, column_map: Mapping[str, str] | None
) -> MappingQuestion | None:
    """What to ask the user about the columns, pre-filled from the import or a good guess."""
    headers = tuple(h for h in report.get("headers", ()) if h)
    if not headers:
        return None
    errors = report.get("errors", [])
    kinds = {e.get("kind") for e in errors}
    needed = bool(kinds & {str(IssueKind.MAPPING_NEEDED), str(IssueKind.YEAR_NEEDED)})
    needed = needed or (bool(column_map) and bool(errors))
    mapping = report.get("mapping", {})
    taken: set[str] = set()
    choices = []
    for concept in (*REQUIRED, *OPTIONAL):
        selected = _guess(concept, headers, mapping, year, taken, fuzzy=needed)
        taken.add(selected)
        label = CONCEPT_LABELS[concept]
        choices.append(ColumnChoice(concept.value, label, concept in REQUIRED, selected))
    return MappingQuestion(headers, tuple(choices), needed)


def column_map_from_choices(
    headers: Sequence[str], current: Mapping[str, str], choices: Mapping[str, str]
) -> dict[str, str]:
    """Turn «concept → column» answers into a ``column_map`` (column → concept).

    Every required concept needs a column of the file and no column may be chosen twice;
    a column the import used for a single-column concept but that was not chosen now is
    set to «brukes ikke». Raises InvalidData naming every problem.
    """
    problems: list[str] = []
    out: dict[str, str] = {}
    for concept in (*REQUIRED, *OPTIONAL):
        header, label = choices.get(concept.value) or "", CONCEPT_LABELS[concept]
        if not header:
            if concept in REQUIRED:
                problems.append(f"velg hvilken kolonne som er {label}")
        elif header not in headers:
            problems.append(f"kolonnen «{header}» finnes ikke i filen")
        elif header in out:
            other = CONCEPT_LABELS[Concept(out[header])]
            problems.append(f"kolonnen «{header}» er valgt både for {other} og for {label}")
        else:
            out[header] = concept.value
    model.require(not problems, "Kolonnevalget ble ikke brukt: " + "; ".join(problems) + ".")
    single = {c.value for c in (Concept.FUNCTION, *OPTIONAL)}
    for header, used_as in current.items():
        if header not in out and used_as in single:
            out[header] = Concept.IGNORE.value
    return out


@dataclass(frozen=True)
class FunctionMapView:
    """A municipality's KOSTRA function → service map in force in a year, for the editor."""

    municipality: str
    name: str
    valid_from: int
    own: bool  # False: the default map (domain.md §4) applies
    versions: tuple[int, ...]  # first years of the municipality's own versions
    rows: tuple[tuple[str, str, str], ...]  # function, service, ansvar (comma-separated)
    shared: tuple[tuple[str, tuple[str, ...]], ...]  # functions several services share
    services: Mapping[str, str]  # code → name, the services a function may go to


def function_map_view(
    municipality: str, year: int, actor: Actor, uow: UnitOfWork
) -> FunctionMapView:
    """The function map a budget for ``year`` would be read with (own version or default)."""
    require_municipality(actor, municipality)
    with uow:
        found = uow.municipalities.get(municipality)
        own = uow.imports.function_maps(municipality)
        names = _service_names(uow)
    fmap = _function_map(own, year)
    return FunctionMapView(
        found.number,
        found.name,
        fmap.valid_from,
        any(v.valid_from <= year for v in own),
        tuple(sorted(v.valid_from for v in own)),
        tuple(sorted(fmap.to_rows())),
        tuple(sorted(fmap.shared.items())),
        dict(sorted(names.items(), key=lambda item: item[1])),
    )


def _rule(
    n: int, row: tuple[str, str, str], functions: frozenset[str], names: Mapping[str, str]
) -> FunctionRule | str | None:
    """One editor row as a rule, a problem (bokmål) or None for an empty/removed row."""
    function, service, ansvar = (part.strip() for part in row)
    if not service:
        return None  # no service chosen: the function is left out of the map
    if not function:
        return f"rad {n}: skriv inn KOSTRA-funksjonen for «{names.get(service, service)}»"
    if service not in names:
        return f"rad {n}: tjenesten «{service}» finnes ikke i tjenestekatalogen"
    if len(function) != 3 or not function.isdigit():
        return f"rad {n}: «{function}» er ikke en KOSTRA-funksjon (tre siffer)"
    if function not in functions:
        return f"rad {n}: funksjon {function} finnes ikke i KOSTRA-listen"
    return FunctionRule(function, service, frozenset(a.strip() for a in ansvar.split(",")) - {""})


def save_function_map(
    municipality: str,
    valid_from: int,
    rows: Sequence[tuple[str, str, str]],
    actor: Actor,
    uow: UnitOfWork,
) -> FunctionMap:
    """Save a municipality's own function map from ``valid_from`` on: all rows or nothing.

    Rows are (function, service, ansvar comma-separated); a row without a service is left
    out. Unknown functions (KOSTRA list of ``valid_from``) and services are refused by row.
    """
    require_municipality(actor, municipality)
    model.require(
        2002 <= valid_from <= 2100,
        f"«Gjelder fra» må være et år fra 2002 (første KOSTRA-liste) til 2100, ikke {valid_from}.",
    )
    functions = kostra_codes(valid_from).functions
    with uow:
        uow.municipalities.get(municipality)
        names = _service_names(uow)
        checked = [_rule(n, row, functions, names) for n, row in enumerate(rows, 1)]
        problems = [c for c in checked if isinstance(c, str)]
        model.require(not problems, "Funksjonskartet ble ikke lagret: " + "; ".join(problems) + ".")
        rules = tuple(dict.fromkeys(c for c in checked if isinstance(c, FunctionRule)))
        model.require(bool(rules), "Funksjonskartet må gi minst én funksjon til en tjeneste.")
        fmap = FunctionMap(valid_from, rules)
        uow.imports.save_function_map(municipality, fmap)
        uow.commit()
    return fmap

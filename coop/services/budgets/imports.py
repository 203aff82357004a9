"""Use cases for budget CSV imports: preview, commit atomically, history.

The column question lives in ``coop.services.budgets.column_questions``, the function map in
``coop.services.budgets.function_maps``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from coop.budget_import.parse import ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind, ServiceTotals
from coop.domain import model
from coop.domain.access import Actor, require_municipality
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.budgets.column_questions import MappingQuestion, mapping_question
from coop.services.budgets.function_maps import function_map_in_force, service_names
from coop.services.budgets.old_numbers import BudgetMunicipality, budget_municipality
from coop.services.change_log import record

COST_PER_FTE_NOK = Decimal(850_000)
MAX_FILENAME = 200
"""The basis «budsjett 2026, import av NAME; årsverk: anslag …» must fit String(300)."""


@dataclass(frozen=True)
class BaselineChange:
    """What an import does to one service's figures of this municipality and year."""

    service: str
    before: model.Baseline | None
    after: model.Baseline


def _figures(b: model.Baseline | None) -> dict[str, str] | None:
    if b is None:
        return None
    return {
        "årsverk": str(b.fte),
        "brutto driftsutgift": str(b.gross_cost_nok),
        "lønnskostnad": str(b.pay_cost_nok),
        "direkte belastning": str(b.pass_through_nok),
        "grunnlag": b.basis,
    }


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
    changes: tuple[BaselineChange, ...] = ()  # «var → blir» per service, before anything is saved

    @property
    def ok(self) -> bool:
        """True when the file had no errors."""
        return not self.report.get("errors")

    def service_name(self, code: str) -> str:
        """The service's name («Barnevern»), or its code when it has none."""
        return self.service_names.get(code, code)


def _parse(
    raw: bytes,
    filename: str,
    municipality: str,
    year: int,
    uow: UnitOfWork,
    column_map: Mapping[str, str] | None,
    actor: Actor,
) -> ParsedBudget:
    """Resolve the number as of the budget year (1201 → 4601), check access, read the file."""
    known, where = check_access(municipality, year, actor, uow)
    with uow:
        saved = uow.imports.header_mapping(where.number)
        own_maps = uow.imports.function_maps(where.number)
    return parse_budget(
        raw,
        filename,
        municipality=where.number,
        year=year,
        known_municipalities=known,
        column_map=column_map or saved,
        function_map=function_map_in_force(own_maps, year),
        cost_per_fte_nok=COST_PER_FTE_NOK,
        old_numbers=where.aliases,
        renumbered=where.note,
    )


def check_access(
    municipality: str, year: int, actor: Actor, uow: UnitOfWork
) -> tuple[frozenset[str], BudgetMunicipality]:
    """Known numbers and the budget's municipality (1201 → 4601); Forbidden if not the actor's.

    The web asks this before it queues a job, so another municipality's file is a 403 at once.
    """
    with uow:
        known = uow.municipalities.numbers()
    where = budget_municipality(municipality, year, known)
    require_municipality(actor, where.number)
    return known, where


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
        pass_through_nok=max(totals.pass_through_nok, Decimal(0)).quantize(Decimal("0.01")),
    )


def _no_amount_column(report: dict[str, Any], parsed: ParsedBudget, year: int) -> None:
    labels = ", ".join(c.label for c in parsed.report.amount_columns) or "ingen"
    message = f"{parsed.report.filename}: har ingen beløpskolonne for {year} (har: {labels})"
    report["errors"] = [
        *report.get("errors", []),
        {"kind": str(IssueKind.YEAR_NEEDED), "line": None, "column": None, "value": None}
        | {"message": f"{message}. Velg hvilken kolonne som er beløpet for {year}."},
    ]


def _no_service(report: dict[str, Any], parsed: ParsedBudget, project: str | None) -> None:
    where = "prosjektets tjenester for denne kommunen" if project else "tjenestekatalogen"
    message = (
        f"{parsed.report.filename}: filen gir ingen tjeneste i {where}, så den er ikke lagret; "
        "forrige import gjelder fortsatt. Sjekk funksjonskartet og kolonnene."
    )
    report["errors"] = [
        *report.get("errors", []),
        {"kind": "no service", "line": None, "column": None, "value": None, "message": message},
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
    checkpoint: Callable[[str], None] | None = None,
) -> BudgetImportResult:
    """Read a budget file; unless ``dry_run`` or errors, write everything or nothing.

    Baselines per service come from the amount column of ``year``; a re-import of the same
    municipality, year and kind (budsjett/regnskap) replaces the earlier one, which stays in
    the history. A file that yields no service at all is refused (an error in the report).
    A file whose columns are not recognised (or that has no amount column for ``year``) is an
    error in the report, with a ``question`` the user can answer by passing ``column_map``.
    A background job passes its progress as ``checkpoint``: called after reading and before
    writing, a cancel raised there leaves the database untouched.
    """
    step = checkpoint or (lambda _text: None)
    model.check_text(filename, "Filnavnet", MAX_FILENAME)  # preview and commit alike (15.6)
    parsed = _parse(raw, filename, municipality, year, uow, column_map, actor)
    step("Regner ut grunnlaget per tjeneste …")
    municipality = parsed.municipality  # today's number when the file's year used an old one
    report = parsed.report_json()
    columns = [c for c in parsed.report.amount_columns if c.year == year]
    if not parsed.report.has_errors and not columns:
        _no_amount_column(report, parsed, year)
    if report.get("errors"):
        return BudgetImportResult(
            report, written=False, column=None, question=mapping_question(report, year, column_map)
        )
    column = next((c for c in columns if c.kind == "budsjett"), columns[0])
    kind = column.kind or "budsjett"
    totals = parsed.by_service(column.label)
    with uow:
        names = service_names(uow)
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
        if not baselines:  # refused, so the last good import stays in force
            _no_service(report, parsed, project)
            return BudgetImportResult(report, written=False, column=column.label)
        earlier = {
            b.service: b
            for b in uow.baselines.list([municipality], [b.service for b in baselines], year)
        }
        changes = tuple(BaselineChange(b.service, earlier.get(b.service), b) for b in baselines)
        if not dry_run:
            step("Lagrer grunnlaget …")
            for baseline in baselines:
                uow.baselines.replace(baseline)
                before = earlier.get(baseline.service)
                record(uow, actor, "grunnlag", f"{names.get(baseline.service, baseline.service)}/"
                       f"{municipality}/{year}", _figures(before), _figures(baseline), project,
                       f"import av {filename}"[:500])  # fmt: skip
            uow.imports.add(
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
        changes=changes,
        question=mapping_question(report, year, column_map),
    )


def import_history(actor: Actor, uow: UnitOfWork) -> list[Any]:
    """Committed imports the actor may see (finance users: their own municipalities)."""
    with uow:
        own = actor.municipalities if actor.role.value == "okonomi" else None
        return uow.imports.history(own)

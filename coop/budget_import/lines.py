"""Checked cells → budget lines: one per row and amount series, with function, art and service.

A wide file (``budsjett_2012;budsjett_2013``) gives one series per column; a long file with a
year column gives one series per column and year. Lines carry exact øre (int64).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.budget_import.cells import amounts, arts, fte_values, income_expense, unit
from coop.budget_import.codes import (
    check_codes,
    check_regions,
    function_code,
    map_distinct,
    year_values,
)
from coop.budget_import.columns import AmountSpec, ColumnPlan, Concept, text_beside
from coop.budget_import.numbers import exact
from coop.budget_import.read import Body, Head
from coop.budget_import.report import AmountColumn, IssueKind, IssueLog, Severity
from coop.budget_import.sections import subtotal_rows, take
from coop.budget_import.totals import KINDS, ServiceAssigner, art_kind_codes, line_kinds
from coop.domain.formatting import format_kr
from coop.domain.kostra import FunctionMap, kostra_codes_spanning

SUM_TOLERANCE_NOK = Decimal(1000)
LINE_COLUMNS = (
    "line_no", "function", "art", "ansvar", "project", "column", "label", "year", "amount_ore",
    "fte_e4", "kind", "service",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Conversion:
    """The lines (empty when anything is an error) and what the report needs about them."""

    lines: pd.DataFrame
    amount_columns: tuple[AmountColumn, ...]
    sums: dict[str, Decimal]
    has_art: bool
    has_fte: bool
    unit: str
    notes: tuple[str, ...]


def empty_lines() -> pd.DataFrame:
    """A frame with the line columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in LINE_COLUMNS})


@dataclass(frozen=True, slots=True)
class _Columns:
    """Per-row values shared by every amount series."""

    line_no: npt.NDArray[np.int64]
    function: pd.Categorical
    art: pd.Categorical
    ansvar: pd.Categorical
    project: pd.Categorical
    fte_e4: npt.NDArray[np.int64]
    sign: npt.NDArray[np.int8]
    years: npt.NDArray[np.int64] | None


def convert(
    body: Body,
    head: Head,
    plan: ColumnPlan,
    log: IssueLog,
    *,
    municipality: str,
    year: int | None,
    known_municipalities: Collection[str],
    function_map: FunctionMap | None,
    old_numbers: Mapping[str, str] | None = None,
) -> Conversion:
    """Convert every cell, report every problem, and build the lines."""
    rows = len(body.line_no)
    notes: list[str] = []

    def cells(concept: Concept) -> pd.Series | None:
        position = plan.position(concept)
        return None if position is None else body.cells[position]

    def header(concept: Concept) -> str:
        position = plan.position(concept)
        return "" if position is None else plan.headers[position]

    scale_exp, unit_name = unit(head, plan, cells(Concept.UNIT), cells(Concept.REGION), log)
    if scale_exp:
        notes.append("Beløpene står i 1000 kr og er regnet om til kroner.")
    parsed = [(spec, amounts(spec, body, body.line_no, scale_exp, log)) for spec in plan.amounts]
    function = map_distinct(_or_empty(cells(Concept.FUNCTION), rows), function_code)
    valid = [bool(re.fullmatch(r"\d{3}", str(c), re.ASCII)) for c in function.categories]
    function_valid = np.asarray(valid or [False], dtype=bool)[np.asarray(function.codes)]
    used = {a.position for a in plan.amounts}
    texts = [
        int(p) for p in body.cells.columns if int(p) < len(plan.headers) and int(p) not in used
    ]
    subtotal = subtotal_rows(body, texts, function_valid, [r for _, r in parsed], log)
    if subtotal.any():
        keep = ~subtotal
        body, rows = take(body, keep), int(keep.sum())
        parsed = [(spec, (units[keep], present[keep])) for spec, (units, present) in parsed]
        function = function[keep]

        def cells(concept: Concept) -> pd.Series | None:
            position = plan.position(concept)
            return None if position is None else body.cells[position]

    if (region := cells(Concept.REGION)) is not None:
        where = header(Concept.REGION)
        check_regions(
            log, region, body.line_no, where, municipality, known_municipalities, old_numbers or {}
        )
    years_cells = cells(Concept.YEAR)
    row_years = None
    if years_cells is not None:
        row_years = year_values(log, years_cells, body.line_no, header(Concept.YEAR))
    has_money = np.zeros(rows, dtype=bool)
    for _, (units, present) in parsed:
        has_money |= present & (units != 0)
    # The years the file's amounts are for: a column's own year, the chosen year for columns
    # without one, and the years of a year column.
    file_years = [y for y in (s.year or year for s in plan.amounts) if y]
    if row_years is not None and (row_years > 0).any():
        file_years += [int(row_years[row_years > 0].min()), int(row_years.max())]
    if not file_years and year:
        file_years = [year]
    newest = max(file_years, default=None)
    first = min(file_years, default=None)
    codes = kostra_codes_spanning(first, newest)
    years = None if first is None or newest is None else (first, newest)
    if Concept.FUNCTION in plan.single:
        where = header(Concept.FUNCTION)
        check_codes(
            log,
            function,
            body.line_no,
            has_money,
            where,
            codes.functions,
            "funksjon",
            years,
            codes.verified,
        )
    art_position = plan.position(Concept.ART)
    beside = text_beside(plan.headers, art_position)
    art = arts(
        _or_empty(cells(Concept.ART), rows),
        newest,
        notes,
        texts=None if beside is None else body.cells[beside],
        lines_no=body.line_no,
        log=log,
        column=header(Concept.ART),
    )
    if Concept.ART in plan.single:
        check_codes(
            log,
            art,
            body.line_no,
            has_money,
            header(Concept.ART),
            codes.arts,
            "art",
            years,
            codes.verified,
        )
    shared = _Columns(
        line_no=body.line_no,
        function=function,
        art=art,
        ansvar=map_distinct(_or_empty(cells(Concept.ANSVAR), rows), str.strip),
        project=map_distinct(_or_empty(cells(Concept.PROJECT), rows), str.strip),
        fte_e4=fte_values(cells(Concept.FTE), body.line_no, log, header(Concept.FTE)),
        sign=income_expense(cells(Concept.INCOME_EXPENSE), body.line_no, log, plan),
        years=row_years,
    )
    parts = [
        part
        for spec, (units, present) in parsed
        for part in _series(spec, units, present, shared, year, log)
    ]
    sums = _sums(parts, log)
    has_art, has_fte = Concept.ART in plan.single, Concept.FTE in plan.single
    frame = empty_lines()
    if parts and not log.has_errors:
        assigner = ServiceAssigner(function, shared.ansvar, body.line_no, function_map)
        frame = _frame(parts, shared, assigner)
        with_lines = body.line_no[np.logical_or.reduce([p.keep for p in parts])]
        assigner.report(log, header(Concept.FUNCTION), with_lines)
    columns = tuple(p.column for p in parts)
    return Conversion(frame, columns, sums, has_art, has_fte, unit_name, tuple(notes))


@dataclass(frozen=True, slots=True)
class _Part:
    """One amount series: its column, the rows with a value, and øre per row."""

    column: AmountColumn
    year: int
    keep: npt.NDArray[np.bool_]
    units: npt.NDArray[np.int64]


def _series(
    spec: AmountSpec,
    units: npt.NDArray[np.int64],
    present: npt.NDArray[np.bool_],
    shared: _Columns,
    year: int | None,
    log: IssueLog,
) -> list[_Part]:
    """The series of one amount column: one, or one per year of a long file's year column."""
    if spec.year is not None or shared.years is None:
        constant = spec.year or year
        if constant is None:
            log.add(
                Severity.ERROR,
                IssueKind.YEAR_NEEDED,
                "kolonnen sier ikke hvilket år beløpene gjelder, og filen har ingen årskolonne: "
                "oppgi året",
                column=spec.header,
            )
            return []
        column = AmountColumn(spec.header, constant, spec.kind, spec.header)
        return [_Part(column, constant, present, units)]
    parts = []
    for value in sorted(set(shared.years[present].tolist())):
        label = f"{spec.header} {value}"
        column = AmountColumn(spec.header, value or None, spec.kind, label)
        parts.append(_Part(column, value, present & (shared.years == value), units))
    return parts


def _frame(parts: list[_Part], shared: _Columns, assigner: ServiceAssigner) -> pd.DataFrame:
    """All lines in one frame; codes and names as categoricals, money as int64 øre."""
    by_art = art_kind_codes(shared.art)
    names = list(dict.fromkeys(p.column.name for p in parts))
    pieces = []
    for index, part in enumerate(parts):
        keep, ore = part.keep, part.units[part.keep]
        count = int(keep.sum())
        pieces.append(
            pd.DataFrame(
                {
                    "line_no": shared.line_no[keep],
                    "function": shared.function[keep],
                    "art": shared.art[keep],
                    "ansvar": shared.ansvar[keep],
                    "project": shared.project[keep],
                    "column": np.full(count, names.index(part.column.name), dtype=np.int32),
                    "label": np.full(count, index, dtype=np.int32),
                    "year": np.full(count, part.year, dtype=np.int64),
                    "amount_ore": ore,
                    "fte_e4": shared.fte_e4[keep],
                    "kind": line_kinds(by_art[keep], shared.sign[keep], ore),
                    "service": assigner.rows(part.year)[keep],
                }
            )
        )
    frame = pd.concat(pieces, ignore_index=True)
    labels = [p.column.label for p in parts]
    frame["column"] = pd.Categorical.from_codes(frame["column"], pd.Index(names))
    frame["label"] = pd.Categorical.from_codes(frame["label"], pd.Index(labels))
    frame["kind"] = pd.Categorical.from_codes(frame["kind"], pd.Index([k.value for k in KINDS]))
    frame["service"] = pd.Categorical.from_codes(frame["service"], pd.Index(assigner.names))
    return frame[list(LINE_COLUMNS)]


def _or_empty(values: pd.Series | None, rows: int) -> pd.Series:
    return pd.Series([""] * rows, dtype=object) if values is None else values


def _sums(parts: list[_Part], log: IssueLog) -> dict[str, Decimal]:
    """Exact sum per amount series; an operating budget should come to about 0."""
    sums: dict[str, Decimal] = {}
    for part in parts:
        values = part.units[part.keep]
        ore = int(exact(values).sum())
        total = sums[part.column.label] = Decimal(ore).scaleb(-2)
        if abs(total) > SUM_TOLERANCE_NOK:
            log.add(
                Severity.WARNING,
                IssueKind.SUM_NOT_ZERO,
                f"summen er {format_kr(total)}, ikke om lag 0 kr (±1 000 kr): filen kan være "
                "ufullstendig eller ha feil fortegn (inntekter skal være negative)",
                column=part.column.label,
            )
    return sums

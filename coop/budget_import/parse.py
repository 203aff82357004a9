"""Budget CSV import: detect → normalise → check syntax → convert → check meaning → report.

``parse_budget`` is pure (bytes in, a ParsedBudget out) and never raises on a bad file: every
problem becomes an Issue with file, physical line, column, value and a bokmål message, and a
report with errors yields no lines. ``services.import_budget`` writes only an error-free result.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from coop.budget_import.cells import check_extra_fields, check_shape
from coop.budget_import.columns import ColumnPlan, plan_columns
from coop.budget_import.limits import column_problem, line_problem, size_problem
from coop.budget_import.lines import Conversion, convert, empty_lines
from coop.budget_import.read import (
    SEPARATOR_NAMES,
    Decoded,
    Head,
    Unreadable,
    decode,
    find_head,
    read_body,
)
from coop.budget_import.report import ImportReport, IssueKind, IssueLog, ServiceTotals, Severity
from coop.budget_import.sections import drop_separator_rows
from coop.budget_import.totals import service_totals
from coop.domain.errors import require
from coop.domain.kostra import FunctionMap
from coop.domain.model import check_municipality_number

DEFAULT_COST_PER_FTE_NOK = Decimal(850000)  # all-in cost per FTE, SSB 2021 ≈ 855 000 (anslag)
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 med BOM",
    "utf-16": "UTF-16",
    "windows-1252": "Windows-1252",
    "iso-8859-1": "ISO-8859-1",
}
_MOJIBAKE = re.compile("Ã[¥¦¸˜…†]")  # UTF-8 æøå read as Windows-1252 and saved again


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One amount on one row of the file: a row of a wide file gives one line per column."""

    line_no: int  # physical line in the file
    function: str
    art: str | None
    ansvar: str | None
    column: str  # amount column as named in the file
    year: int
    amount_nok: Decimal
    project: str | None = None
    service: str | None = None
    fte: Decimal | None = None


@dataclass(frozen=True, slots=True, eq=False)
class ParsedBudget:
    """The result of reading one file: the report, the lines and per-service totals.

    ``lines`` is a DataFrame (columns in ``coop.budget_import.lines.LINE_COLUMNS``; amounts as int64
    øre in ``amount_ore``, FTEs in 1/10 000 in ``fte_e4`` with −1 for none), empty when the
    report has errors. ``iter_lines`` yields the same as BudgetLine objects.
    """

    report: ImportReport
    lines: pd.DataFrame
    sha256: str
    municipality: str
    cost_per_fte_nok: Decimal
    has_art: bool = False
    has_fte: bool = False

    def by_service(self, key: int | str) -> Mapping[str, ServiceTotals]:
        """Totals per service for one amount series: its label/column name, or its year."""
        if self.report.has_errors:
            return {}
        return service_totals(
            self.lines,
            [self._label(key)],
            has_art=self.has_art,
            has_fte=self.has_fte,
            cost_per_fte_nok=self.cost_per_fte_nok,
        )

    def _label(self, key: int | str) -> str:
        columns = self.report.amount_columns
        if isinstance(key, int):
            found = [c.label for c in columns if c.year == key]
        else:
            found = [c.label for c in columns if c.label == key] or [
                c.label for c in columns if c.name == key
            ]
        labels = ", ".join(f"«{c.label}»" for c in columns) or "ingen"
        require(bool(found), f"Filen har ingen beløpskolonne for «{key}» (har: {labels}).")
        require(
            len(found) == 1,
            f"«{key}» passer på flere beløpskolonner ({', '.join(found)}); velg én av dem.",
        )
        return found[0]

    def iter_lines(self) -> Iterator[BudgetLine]:
        """The lines as BudgetLine objects, in file order per amount series."""
        names = (
            "line_no", "function", "art", "ansvar", "column", "year", "amount_ore", "project",
            "service", "fte_e4",
        )  # fmt: skip
        columns = [self.lines[n].to_numpy(dtype=object) for n in names]
        for line_no, function, art, ansvar, column, year, ore, project, service, fte in zip(
            *columns, strict=True
        ):
            yield BudgetLine(
                line_no=int(line_no),
                function=str(function),
                art=str(art) or None,
                ansvar=str(ansvar) or None,
                column=str(column),
                year=int(year),
                amount_nok=Decimal(int(ore)).scaleb(-2),
                project=str(project) or None,
                service=str(service) or None,
                fte=None if int(fte) < 0 else Decimal(int(fte)).scaleb(-4),
            )

    def report_json(self) -> dict[str, Any]:
        """The report for the UI and API: amounts as decimal strings."""
        out = self.report.as_dict()
        out["sha256"] = self.sha256
        out["municipality"] = self.municipality
        out["by_service"] = {
            column.label: {s: t.as_dict() for s, t in self.by_service(column.label).items()}
            for column in self.report.amount_columns
            if not self.report.has_errors
        }
        return out


def parse_budget(
    raw: bytes,
    filename: str,
    *,
    municipality: str,
    year: int | None = None,
    known_municipalities: Collection[str] = (),
    column_map: Mapping[str, str] | None = None,
    function_map: FunctionMap | None = None,
    cost_per_fte_nok: Decimal = DEFAULT_COST_PER_FTE_NOK,
    old_numbers: Mapping[str, str] | None = None,
    renumbered: str = "",
) -> ParsedBudget:
    """Read a municipal budget or accounts CSV (or an SSB KOSTRA export) and check it all.

    ``year`` is used only where the file names none; ``column_map`` (file header → concept)
    answers an earlier "mapping needed" error; ``function_map`` replaces the default KOSTRA
    function → service map of each line's year. ``old_numbers`` maps numbers valid in the
    file's year (Bergen 1201) to today's ``municipality``; ``renumbered`` says so (bokmål).
    """
    check_municipality_number(municipality)
    require(year is None or 1990 <= year <= 2100, f"Året {year} er utenfor gyldig område.")
    require(cost_per_fte_nok > 0, "Kostnad per årsverk må være større enn 0 kr.")
    log = IssueLog(filename)
    digest = hashlib.sha256(raw).hexdigest()
    if known_municipalities and municipality not in set(known_municipalities):
        log.add(
            Severity.ERROR,
            IssueKind.UNKNOWN_MUNICIPALITY,
            f"kommunenummer {municipality} finnes ikke i kommuneregisteret",
        )
    if renumbered:
        log.add(Severity.WARNING, IssueKind.RENUMBERED, renumbered)
    too_large = size_problem(len(raw))
    decoded = decode(b"" if too_large else raw)
    _check_text(decoded, log)
    result = ParsedBudget(
        ImportReport(filename, decoded.encoding, None, 0, (), ()), empty_lines(), digest,
        municipality, cost_per_fte_nok,
    )  # fmt: skip
    notes = [f"Tegnkoding: {ENCODING_NAMES[decoded.encoding]}."]
    limit_hit = too_large or line_problem(decoded.text)
    if limit_hit:
        log.add(Severity.ERROR, IssueKind.UNREADABLE, limit_hit)
        return _with_report(result, log, notes=notes)
    try:
        head = find_head(decoded.text)
        if too_wide := column_problem(len(head.headers)):
            raise Unreadable(too_wide)
        if head.headerless:
            log.add(
                Severity.WARNING,
                IssueKind.NO_HEADER,
                f"første linje ({head.body_line}) ser ut som data, ikke som en overskrift; den "
                "er lest som data, og kolonnene heter «kolonne 1», «kolonne 2» …",
                line=head.body_line,
            )
        plan = plan_columns(head.headers, column_map, log, quiet=head.headerless)
        body = read_body(decoded.text, head, sorted({*plan.positions(), *range(len(head.headers))}))
    except Unreadable as problem:
        log.add(Severity.ERROR, IssueKind.UNREADABLE, problem.text)
        return _with_report(result, log, notes=notes)
    body = drop_separator_rows(body, head, {a.position for a in plan.amounts}, log)
    extra = check_shape(body, len(head.headers), plan.positions(), log)
    if not len(body.line_no):
        log.add(Severity.ERROR, IssueKind.UNREADABLE, "filen har ingen linjer under overskriften")
    notes.append(f"Skilletegn: {SEPARATOR_NAMES[head.separator]}; " + _where_header(head))
    if not plan.amounts:
        rows = len(body.line_no)
        return _with_report(
            result, log, plan=plan, rows=rows, notes=notes, separator=head.separator
        )
    conversion = convert(
        body,
        head,
        plan,
        log,
        municipality=municipality,
        year=year,
        known_municipalities=known_municipalities,
        function_map=function_map,
        old_numbers=old_numbers or {},
    )
    notes.extend(conversion.notes)
    check_extra_fields(body.line_no[extra], len(head.headers), log)
    return _with_report(
        result,
        log,
        plan=plan,
        rows=len(body.line_no),
        notes=notes,
        separator=head.separator,
        conversion=conversion,
    )


def _where_header(head: Head) -> str:
    if not head.headerless:
        return f"overskrift på linje {head.header_line}."
    return (
        f"ingen overskrift: linje {head.body_line} er data og er lest som data; kolonnene "
        f"heter «kolonne 1»–«kolonne {len(head.headers)}»."
    )


def _check_text(decoded: Decoded, log: IssueLog) -> None:
    if decoded.replaced:
        log.add(
            Severity.WARNING,
            IssueKind.ENCODING,
            f"{decoded.replaced} tegn kunne ikke leses som {ENCODING_NAMES[decoded.encoding]} "
            "og er byttet ut med «�»",
        )
    if _MOJIBAKE.search(decoded.text[:200_000]):
        log.add(
            Severity.WARNING,
            IssueKind.ENCODING,
            "teksten ser ut til å være kodet to ganger (f.eks. «Ã¸» for «ø»); sjekk æ, ø og å",
        )


def _with_report(
    result: ParsedBudget,
    log: IssueLog,
    *,
    notes: list[str],
    plan: ColumnPlan | None = None,
    rows: int = 0,
    separator: str | None = None,
    conversion: Conversion | None = None,
) -> ParsedBudget:
    """Put the report together; no lines unless the whole file passed."""
    report = ImportReport(
        filename=result.report.filename,
        encoding=result.report.encoding,
        separator=separator,
        rows=rows,
        amount_columns=conversion.amount_columns if conversion else (),
        issues=tuple(log.items),
        sums=conversion.sums if conversion else {},
        headers=plan.headers if plan else (),
        mapping=plan.mapping if plan else {},
        missing_concepts=tuple(c.value for c in plan.missing) if plan else (),
        amount_unit=conversion.unit if conversion else "kr",
        notes=tuple(notes),
    )
    lines = conversion.lines if conversion and not report.has_errors else empty_lines()
    return ParsedBudget(
        report,
        lines,
        result.sha256,
        result.municipality,
        result.cost_per_fte_nok,
        has_art=bool(conversion and conversion.has_art),
        has_fte=bool(conversion and conversion.has_fte),
    )

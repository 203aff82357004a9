"""What a budget import found: issues with file, line, column and value, and the report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.domain.formatting import count_of

Cells = npt.NDArray[Any] | pd.Categorical  # cell values, aligned with the rows
CELL_ISSUE_LIMIT = 50  # per kind and column; the rest is summed up in one issue


class Severity(StrEnum):
    """An error stops the import; a warning is shown and the import may go on."""

    ERROR = "error"
    WARNING = "warning"


class IssueKind(StrEnum):
    """Machine-readable kind of an issue, for the UI and tests."""

    MAPPING_NEEDED = "mapping needed"
    YEAR_NEEDED = "year needed"
    UNREADABLE = "unreadable"
    ENCODING = "encoding"
    RAGGED_ROW = "ragged row"
    UNKNOWN_COLUMN = "unknown column"
    DUPLICATE_COLUMN = "duplicate column"
    NOT_AN_AMOUNT = "not an amount"
    PRELIMINARY = "preliminary"
    NOT_A_YEAR = "not a year"
    MISSING_CODE = "missing code"
    UNKNOWN_FUNCTION = "unknown function"
    UNKNOWN_ART = "unknown art"
    UNKNOWN_MUNICIPALITY = "unknown municipality"
    OTHER_MUNICIPALITY = "other municipality"
    UNASSIGNED_FUNCTION = "unassigned function"
    SUM_NOT_ZERO = "sum not zero"
    UNIT = "unit"
    NO_HEADER = "no header"
    SEPARATOR_ROW = "separator row"  # a title or repeated header between tables
    SUBTOTAL = "subtotal"
    RENUMBERED = "renumbered"  # an old municipality number filed under today's
    LOST_ZERO = "lost zero"  # a konto read with its leading zero restored
    MORE = "more of the same"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding, located as precisely as the file allows; ``text`` is bokmål."""

    severity: Severity
    kind: IssueKind
    filename: str
    text: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    @property
    def message(self) -> str:
        """``budsjett_2024.csv, linje 17, kolonne «beloep»: «12,3,4» er ikke et beløp``."""
        where = [self.filename]
        if self.line is not None:
            where.append(f"linje {self.line}")
        if self.column is not None:
            where.append(f"kolonne «{self.column}»")
        return f"{', '.join(where)}: {self.text}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": str(self.kind),
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


def shown(value: str, width: int = 40) -> str:
    """A cell value as it goes into a message: trimmed, at most ``width`` characters."""
    value = value.strip()
    return value if len(value) <= width else value[: width - 1] + "…"


class IssueLog:
    """Collects issues for one file; cell issues are capped per kind and column."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.items: list[Issue] = []

    def add(
        self,
        severity: Severity,
        kind: IssueKind,
        text: str,
        *,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        """Record one issue."""
        self.items.append(Issue(severity, kind, self.filename, text, line, column, value))

    def cells(
        self,
        severity: Severity,
        kind: IssueKind,
        mask: npt.NDArray[np.bool_],
        lines: npt.NDArray[np.int64],
        values: Cells,
        column: str | None,
        text: Callable[[str], str],
    ) -> None:
        """One issue per flagged cell, the first CELL_ISSUE_LIMIT of them, then a summary."""
        hits = np.flatnonzero(mask)
        for i in hits[:CELL_ISSUE_LIMIT]:
            value = str(values[i])
            self.add(
                severity, kind, text(shown(value)), line=int(lines[i]), column=column, value=value
            )
        if len(hits) > CELL_ISSUE_LIMIT:
            rest = len(hits) - CELL_ISSUE_LIMIT
            first = int(lines[hits[CELL_ISSUE_LIMIT]])
            self.add(
                severity,
                IssueKind.MORE,
                f"{count_of(rest, 'linje', 'linjer')} til (fra linje {first}) har samme problem.",
                line=first,
                column=column,
            )

    def by_value(
        self,
        severity: Severity,
        kind: IssueKind,
        mask: npt.NDArray[np.bool_],
        lines: npt.NDArray[np.int64],
        values: Cells,
        column: str | None,
        text: Callable[[str], str],
    ) -> None:
        """One issue per distinct flagged value, at its first line, naming other lines."""
        hits = np.flatnonzero(mask)
        if not len(hits):
            return
        flagged = pd.Series(np.asarray(values, dtype=object)[hits], dtype=object)
        groups = flagged.groupby(flagged, sort=False).indices
        for value, at in list(groups.items())[:CELL_ISSUE_LIMIT]:
            shown_lines = [int(lines[hits[i]]) for i in at[:4]]
            also = _also(shown_lines[1:], len(at) - len(shown_lines))
            text_ = text(shown(str(value))) + also
            self.add(severity, kind, text_, line=shown_lines[0], column=column, value=str(value))

    def each(
        self,
        severity: Severity,
        kind: IssueKind,
        found: list[tuple[int, str]],
        lines: npt.NDArray[np.int64],
        column: str | None,
    ) -> None:
        """One issue per (row, text) pair, the first CELL_ISSUE_LIMIT of them, then a summary."""
        for row, text in found[:CELL_ISSUE_LIMIT]:
            self.add(severity, kind, text, line=int(lines[row]), column=column)
        if len(found) > CELL_ISSUE_LIMIT:
            first = int(lines[found[CELL_ISSUE_LIMIT][0]])
            rest = len(found) - CELL_ISSUE_LIMIT
            self.add(
                severity,
                IssueKind.MORE,
                f"{count_of(rest, 'linje', 'linjer')} til (fra linje {first}) har samme problem.",
                line=first,
                column=column,
            )

    @property
    def has_errors(self) -> bool:
        """True when at least one issue is an error."""
        return any(i.severity is Severity.ERROR for i in self.items)


def _also(lines: list[int], more: int) -> str:
    if not lines:
        return ""
    listed = ", ".join(str(n) for n in lines)
    return f" (også linje {listed}" + (f" og {more} til)" if more else ")")


@dataclass(frozen=True, slots=True)
class AmountColumn:
    """One series of amounts: a file column, and for long files one year in it."""

    name: str  # as in the file
    year: int | None
    kind: str | None  # "budsjett", "regnskap" or None when the header does not say
    label: str  # unique key: the column name, or "name year" in long files

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"label": self.label, "name": self.name, "year": self.year, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class ServiceTotals:
    """A service's money in one amount series; income and refunds as positive amounts.

    ``pay_nok`` (arts 010–099), ``purchases_nok`` (art 350) and ``refunds_nok`` (art 750)
    are None when the file has no art. ``pass_through_nok`` is the gross on KOSTRA functions
    whose cost stays with the home municipality in a joint service (barnevern measures).
    ``fte`` comes from an FTE column, else pay ÷ cost per FTE, marked as an estimate
    ("anslag").
    """

    service: str
    gross_nok: Decimal
    income_nok: Decimal
    net_nok: Decimal
    pay_nok: Decimal | None
    purchases_nok: Decimal | None
    refunds_nok: Decimal | None
    fte: Decimal | None
    fte_is_estimate: bool
    lines: int
    pass_through_nok: Decimal = Decimal(0)  # gross on measures (251/252) the home pays alone

    @property
    def fte_basis(self) -> str | None:
        """Basis of the FTE figure: «anslag» when estimated, «fil» when read from the file."""
        if self.fte is None:
            return None
        return "anslag" if self.fte_is_estimate else "fil"

    def baseline_nok(self, *, host: bool) -> Decimal | None:
        """Baseline without double counting (domain.md §4).

        A host's is its gross cost minus refunds from partners (art 750); a partner's is its
        pay plus purchases from the host (art 350).
        """
        if self.pay_nok is None or self.purchases_nok is None or self.refunds_nok is None:
            return None
        return self.gross_nok - self.refunds_nok if host else self.pay_nok + self.purchases_nok

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: amounts as decimal strings."""
        return {
            "gross_nok": _money(self.gross_nok),
            "income_nok": _money(self.income_nok),
            "net_nok": _money(self.net_nok),
            "pay_nok": _money(self.pay_nok),
            "purchases_nok": _money(self.purchases_nok),
            "refunds_nok": _money(self.refunds_nok),
            "fte": None if self.fte is None else str(self.fte),
            "fte_basis": self.fte_basis,
            "lines": self.lines,
        }


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount.quantize(Decimal("0.01")))


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Everything the import found out about one file, errors and warnings included."""

    filename: str
    encoding: str | None
    separator: str | None
    rows: int
    amount_columns: tuple[AmountColumn, ...]
    issues: tuple[Issue, ...]
    sums: Mapping[str, Decimal] = field(default_factory=dict)  # by AmountColumn.label
    headers: tuple[str, ...] = ()
    mapping: Mapping[str, str] = field(default_factory=dict)  # file header → concept
    missing_concepts: tuple[str, ...] = ()  # what a "mapping needed" error asks for
    amount_unit: str = "kr"  # or "1000 kr" (SSB), already scaled to kr in the lines
    notes: tuple[str, ...] = ()  # how the file was read, in bokmål

    @property
    def has_errors(self) -> bool:
        """True when the file must not be imported."""
        return any(i.severity is Severity.ERROR for i in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """The errors, in file order of discovery."""
        return tuple(i for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The warnings."""
        return tuple(i for i in self.issues if i.severity is Severity.WARNING)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form without the per-service totals (see ParsedBudget.report_json)."""
        return {
            "filename": self.filename,
            "encoding": self.encoding,
            "separator": self.separator,
            "rows": self.rows,
            "amount_unit": self.amount_unit,
            "amount_columns": [c.as_dict() for c in self.amount_columns],
            "total_nok": {label: _money(total) for label, total in self.sums.items()},
            "headers": list(self.headers),
            "mapping": dict(self.mapping),
            "missing_concepts": list(self.missing_concepts),
            "notes": list(self.notes),
            "warnings": [i.as_dict() for i in self.warnings],
            "errors": [i.as_dict() for i in self.errors],
        }

"""One column of cells at a time → values, with every bad cell reported (amounts, FTE, …)."""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.budget_import.codes import choose_art_layout, map_distinct
from coop.budget_import.columns import AmountSpec, ColumnPlan, Concept
from coop.budget_import.lost_zeros import restore_column
from coop.budget_import.numbers import NumberProblem, parse_numbers
from coop.budget_import.read import Body, Head
from coop.budget_import.report import IssueKind, IssueLog, Severity, shown
from coop.domain.formatting import count_of, format_kr
from coop.domain.kostra import kostra_codes
from coop.domain.limits import KRONER_LIMIT, MAX_FTE

_UNIT_1000 = re.compile(r"1\s?000\s?(kr|nok)|\(1\s?000\)|tusen kr|i 1\s?000\b", re.IGNORECASE)
_OVER_CAP = (
    f"«{{}}» er over grensen på {format_kr(KRONER_LIMIT)} for ett beløp (med eller uten minus)"
)
_PROBLEMS = {
    NumberProblem.NOT_A_NUMBER: "«{}» er ikke et beløp",
    NumberProblem.TOO_PRECISE: "«{}» har flere desimaler enn øre",
    NumberProblem.TOO_LARGE: _OVER_CAP,
}
_CAP_ORE = int(KRONER_LIMIT) * 100
"""Every amount is below ``KRONER_LIMIT`` (the domain's bound, issue 15.8): a value no budget
holds is refused on its line instead of overflowing a sum (totals.py sums exactly)."""
_CAP_FTE_E4 = int(MAX_FTE) * 10_000


def unit(
    head: Head,
    plan: ColumnPlan,
    unit_cells: pd.Series | None,
    region_cells: pd.Series | None,
    log: IssueLog,
) -> tuple[int, str]:
    """Amounts in 1000 kr when the file says so (title, header or SSB's statistikkvariabel)."""
    hints = [*head.preamble, *plan.headers]
    if unit_cells is not None:
        hints += [str(v) for v in pd.unique(unit_cells)[:100]]
    if any(_UNIT_1000.search(h) for h in hints):
        return 3, "1000 kr"
    named = any(a.kind for a in plan.amounts)  # «budsjett 2024»: a municipality's own export
    if not named and region_cells is not None and region_cells.str.match(r"^\s*\d{4}\s+\S").any():
        log.add(
            Severity.WARNING,
            IssueKind.UNIT,
            "filen ser ut som en SSB-tabell, men sier ikke hvilken enhet beløpene har: "
            "de er lest som 1000 kr, slik SSB oppgir regnskapstall.",
        )
        return 3, "1000 kr"
    return 0, "kr"


def amounts(
    spec: AmountSpec, body: Body, lines_no: npt.NDArray[np.int64], scale_exp: int, log: IssueLog
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Øre per row and which rows have an amount; every bad cell is reported."""
    raw = body.cells[spec.position]
    parsed = parse_numbers(raw, scale_exp=scale_exp)
    values = raw.to_numpy(dtype=object)
    over = parsed.present & (np.abs(parsed.units) >= _CAP_ORE)
    for problem, text in _PROBLEMS.items():
        log.cells(
            Severity.ERROR,
            IssueKind.NOT_AN_AMOUNT,
            (parsed.problem == problem) | (over if problem == NumberProblem.TOO_LARGE else False),
            lines_no,
            values,
            spec.header,
            text.format,
        )
    log.cells(
        Severity.WARNING,
        IssueKind.PRELIMINARY,
        parsed.preliminary & parsed.present,
        lines_no,
        values,
        spec.header,
        "«{}» er merket som foreløpig tall (*)".format,
    )
    return parsed.units, parsed.present


def fte_values(
    cells: pd.Series | None, lines_no: npt.NDArray[np.int64], log: IssueLog, column: str
) -> npt.NDArray[np.int64]:
    """FTEs in 1/10 000 per row, −1 where there is none."""
    if cells is None:
        return np.full(len(lines_no), -1, dtype=np.int64)
    parsed = parse_numbers(cells, decimals=4)
    bad = (parsed.problem != 0) | (
        parsed.present & ((parsed.units < 0) | (parsed.units > _CAP_FTE_E4))
    )
    values = cells.to_numpy(dtype=object)
    log.cells(
        Severity.ERROR,
        IssueKind.NOT_AN_AMOUNT,
        bad,
        lines_no,
        values,
        column,
        (
            "«{}» er ikke et gyldig antall årsverk (0 til "
            + f"{MAX_FTE:,}".replace(",", "\u00a0")
            + ")"
        ).format,
    )
    return np.where(parsed.present, parsed.units, -1).astype(np.int64)


def arts(
    cells: pd.Series,
    year: int | None,
    notes: list[str],
    *,
    texts: pd.Series | None = None,
    lines_no: npt.NDArray[np.int64] | None = None,
    log: IssueLog | None = None,
    column: str = "",
) -> pd.Categorical:
    """Arts from an art or konto column, in the konto layout that fits (see ``codes``).

    Short codes in a column of longer konto numbers may have lost leading zeros; they are
    decided per line with the column and the text beside them (``lost_zeros``) and reported.
    """
    layout = choose_art_layout(cells, year)
    if layout.start:
        notes.append("Kontonummer er lest som ett siffer foran arten (10100 → art 010).")
    column_arts = map_distinct(cells, layout.art)
    if log is None or lines_no is None:
        return column_arts
    readings, _ = restore_column(cells, texts, layout.art, kostra_codes(year).arts)
    if not readings:
        return column_arts
    short = np.isin(cells.to_numpy(dtype=object), [code for code, _ in readings])
    text_values = texts.to_numpy(dtype=object) if texts is not None else None
    values = np.asarray(column_arts, dtype=object)
    changed: list[tuple[int, str]] = []
    undecided: list[tuple[int, str]] = []
    for i in np.flatnonzero(short).tolist():
        key = (str(cells.iat[i]), "" if text_values is None else str(text_values[i]))
        reading = readings.get(key)
        if reading is None:
            continue
        if reading.reinterpreted:
            values[i] = layout.art(reading.token)
            changed.append((i, reading.reason))
        elif reading.undecided:
            undecided.append((i, reading.reason))
    log.each(Severity.WARNING, IssueKind.LOST_ZERO, changed, lines_no, column)
    log.each(Severity.ERROR, IssueKind.LOST_ZERO, undecided, lines_no, column)
    if changed:
        notes.append(
            f"{len(changed)} kontonummer som hadde mistet null foran er lest med nullen "
            "(se advarslene)."
        )
    return pd.Categorical(values)


def income_expense(
    cells: pd.Series | None, lines_no: npt.NDArray[np.int64], log: IssueLog, plan: ColumnPlan
) -> npt.NDArray[np.int8]:
    """+1 for "Utgift", −1 for "Inntekt", 0 when unknown (then the sign decides)."""
    if cells is None:
        return np.zeros(len(lines_no), dtype=np.int8)
    words = {"utgift": "1", "utgifter": "1", "inntekt": "-1", "inntekter": "-1"}
    flags = map_distinct(cells, lambda c: words.get(c.strip().lower(), "0"))
    sign = np.asarray(flags, dtype=object).astype(np.int8)
    column = plan.headers[plan.single[Concept.INCOME_EXPENSE]]
    log.by_value(
        Severity.WARNING,
        IssueKind.UNKNOWN_COLUMN,
        sign == 0,
        lines_no,
        cells.to_numpy(dtype=object),
        column,
        "«{}» er verken «Inntekt» eller «Utgift»; fortegnet avgjør".format,
    )
    return sign


def check_shape(body: Body, headers: int, used: list[int], log: IssueLog) -> npt.NDArray[np.bool_]:
    """Rows must have the fields the import reads; returns the rows with extra values.

    A row missing a used field is an error. Values beyond the last header column (an ERP's
    internal key after the amount) are warned about once and not used: the named columns are
    still read by position. ``check_extra_fields`` refuses the file afterwards if those rows
    look shifted. Nothing is ever shifted to make a row fit.
    """
    counts = body.field_count
    lines_no = body.line_no
    needed = max(used) + 1 if used else 0
    short = counts < needed
    log.cells(
        Severity.ERROR,
        IssueKind.RAGGED_ROW,
        short,
        lines_no,
        counts.astype(str).astype(object),
        None,
        lambda n: f"linjen har bare {n} felt, men overskriften har {headers}",
    )
    extra_value = np.full(len(counts), "", dtype=object)
    for position in sorted(int(p) for p in body.cells.columns if int(p) >= headers):
        cell = body.cells[position].str.strip().to_numpy(dtype=object)
        extra_value = np.where((extra_value == "") & (cell != ""), cell, extra_value)
    extra = extra_value != ""
    for mask, text in (
        (
            extra,
            f"ekstra felt etter de {headers} kolonnene i overskriften (f.eks. «{{value}}»); "
            "de brukes ikke",
        ),
        ((counts > headers) & ~extra, "tomme ekstra felt på slutten; de brukes ikke"),
        (
            (counts < headers) & ~short,
            "færre felt enn overskriften; de som mangler brukes ikke",
        ),
    ):
        if mask.any():
            at = np.flatnonzero(mask)
            first = [str(int(n)) for n in lines_no[at[:5]]]
            log.add(
                Severity.WARNING,
                IssueKind.RAGGED_ROW,
                f"{count_of(int(mask.sum()), 'linje', 'linjer')} (linje {', '.join(first)}"
                f"{' …' if len(at) > 5 else ''}) har "
                + text.format(value=shown(str(extra_value[at[0]]))),
                line=int(lines_no[at[0]]),
            )
    return extra


def check_extra_fields(extra_lines: npt.NDArray[np.int64], headers: int, log: IssueLog) -> None:
    """Refuse a file whose rows with extra fields look shifted (issue 16, rule 1).

    Extra values after the last column are harmless while the named columns still parse and
    every amount series still balances (about 0 kr); a cell error on such a row, or a sum
    that does not balance, means the columns may have moved, and then nothing is imported.
    """
    if not len(extra_lines):
        return
    ragged = set(extra_lines.tolist())
    errors = [i.line for i in log.items if i.severity is Severity.ERROR and i.line is not None]
    broken = sorted({line for line in errors if line in ragged})
    unbalanced = [i.column for i in log.items if i.kind is IssueKind.SUM_NOT_ZERO]
    if not broken and not unbalanced:
        return
    because = (
        f"verdiene på linje {', '.join(str(n) for n in broken[:5])} kan ikke leses"
        if broken
        else f"summen av «{unbalanced[0]}» går ikke i null"
    )
    log.add(
        Severity.ERROR,
        IssueKind.RAGGED_ROW,
        f"{count_of(len(ragged), 'linje', 'linjer')} har flere felt enn de {headers} i "
        f"overskriften, og {because}: "
        "kolonnene kan ha forskjøvet seg. Rett filen og prøv igjen.",
        line=int(extra_lines[0]),
    )

"""Rows that are not budget lines: titles and repeated headers between tables, and subtotals.

A file may hold several tables (a title row, the header again, the lines, a total row and a
blank row per table), and subtotal rows may sit anywhere. Titles and repeated headers are
dropped with one warning; a subtotal row is recognised by its label («Sum …», «Totalt») in
any text column or by having no funksjon, and confirmed by arithmetic: its amounts equal the
sum of the detail rows of its group (from the start of the file, of its table, or the row
after the previous subtotal). Confirmed subtotals are reported and left out; a labelled row
with money that is the sum of no group is an error, so a total is never counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.budget_import.numbers import exact
from coop.budget_import.read import Body, Head
from coop.budget_import.report import CELL_ISSUE_LIMIT, IssueKind, IssueLog, Severity

SUBTOTAL_LABEL = re.compile(r"^\s*(sum|summert|total|totalt|i alt|samla|samlet)\b", re.IGNORECASE)
_NUMBER_LIKE = re.compile(r"^\s*[-\u2212(]?\s*\d[\d \u00a0.,]*\)?\s*$")
_BLANK = " \t\u00a0\x1a"


def take(body: Body, keep: npt.NDArray[np.bool_]) -> Body:
    """The rows of ``body`` where ``keep`` is True."""
    return Body(
        cells=body.cells.loc[keep].reset_index(drop=True),
        line_no=body.line_no[keep],
        field_count=body.field_count[keep],
    )


def _flags(values: pd.Series, fn: Callable[[str], bool]) -> npt.NDArray[np.bool_]:
    """``fn`` once per distinct cell, spread back over the column."""
    codes, uniques = pd.factorize(values, sort=False)
    mapped: npt.NDArray[np.bool_] = np.array([fn(str(u)) for u in uniques] or [False], bool)
    return mapped[codes] if len(codes) else mapped[:0]


def _is_header(name: str, cell: str) -> bool:
    return cell.strip(_BLANK).casefold() == name


def _labels(values: pd.Series) -> npt.NDArray[np.object_]:
    """The stripped cell where it reads as a subtotal label («Sum …», «Totalt»), else ""."""
    codes, uniques = pd.factorize(values, sort=False)
    found = [str(u).strip() if SUBTOTAL_LABEL.match(str(u)) else "" for u in uniques]
    mapped: npt.NDArray[np.object_] = np.array(found or [""], dtype=object)
    return mapped[codes] if len(codes) else mapped[:0]


def drop_separator_rows(body: Body, head: Head, amount_positions: set[int], log: IssueLog) -> Body:
    """Drop title rows and repeated headers between tables, with one warning naming them."""
    rows = len(body.line_no)
    if not rows:
        return body
    columns = [p for p in body.cells.columns if int(p) < len(head.headers)]
    filled = np.zeros(rows, dtype=np.int64)
    text = np.zeros(rows, dtype=np.int64)  # filled cells of text outside the amount columns
    repeated = np.full(rows, not head.headerless)
    for position in columns:
        cells = body.cells[position]
        has = _flags(cells, lambda c: bool(c.strip(_BLANK)))
        filled += has
        if int(position) not in amount_positions:
            text += has & ~_flags(cells, lambda c: bool(_NUMBER_LIKE.match(c)))
        name = head.headers[int(position)].strip().casefold()
        repeated &= _flags(cells, partial(_is_header, name))
    repeated &= filled >= 2
    # only text and no code or amount (a comma in a title makes two fields): no money lost
    title = (filled >= 1) & (text == filled) & ~repeated
    drop = title | repeated
    if not drop.any():
        return body
    parts = []
    for mask, what in ((title, "tittellinjer"), (repeated, "gjentatte overskrifter")):
        if mask.any():
            lines = [str(int(n)) for n in body.line_no[mask][:5]]
            more = " …" if int(mask.sum()) > 5 else ""
            parts.append(f"{int(mask.sum())} {what} (linje {', '.join(lines)}{more})")
    log.add(
        Severity.WARNING,
        IssueKind.SEPARATOR_ROW,
        "filen ser ut til å ha flere tabeller: " + " og ".join(parts) + " er hoppet over",
        line=int(body.line_no[drop][0]),
    )
    return take(body, ~drop)


def subtotal_rows(
    body: Body,
    text_positions: list[int],
    function_valid: npt.NDArray[np.bool_],
    series: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]],
    log: IssueLog,
) -> npt.NDArray[np.bool_]:
    """Mask of confirmed subtotal rows (reported as warnings); unconfirmed labels are errors."""
    rows = len(body.line_no)
    label = np.full(rows, "", dtype=object)
    for position in text_positions:
        cell = _labels(body.cells[position])
        label = np.where((label == "") & (cell != ""), cell, label)
    labelled = label != ""
    candidate = labelled | ~function_valid
    subtotal = np.zeros(rows, dtype=bool)
    if not candidate.any() or not series:
        return subtotal
    values = exact(np.column_stack([np.where(p, u, 0) for u, p in series]).astype(np.int64))
    detail = np.where(candidate[:, None], 0, values)
    zeros = np.zeros((1, values.shape[1]), values.dtype)
    prefix = np.vstack([zeros, np.cumsum(detail, axis=0)])
    line_no = body.line_no
    gaps = np.flatnonzero(np.diff(line_no) > 1) + 1  # a blank or dropped row before the row
    has_money = (values != 0).any(axis=1)
    starts: dict[tuple[int, ...], int] = {}
    events = sorted({0, *gaps.tolist(), *(np.flatnonzero(candidate) + 1).tolist()})
    descriptions = np.full(rows, "", dtype=object)
    next_event = 0
    for k in np.flatnonzero(candidate).tolist():
        while next_event < len(events) and events[next_event] <= k:
            b = events[next_event]
            starts.setdefault(tuple(prefix[b].tolist()), b)
            next_event += 1
        target = tuple((prefix[k] - values[k]).tolist())
        found = starts.get(target)
        if found is None or not (labelled[k] or has_money[k]):
            continue
        subtotal[k] = True
        first, last = (int(line_no[found]), int(line_no[k - 1])) if found < k else (0, 0)
        group = f"linje {first}–{last}" if first < last else f"linje {first}"
        group = group if found < k else "ingen linjer"
        name = f"«{label[k]}» " if labelled[k] else ""
        descriptions[k] = f"sumlinje {name}er summen av {group} og er utelatt"
    hits = np.flatnonzero(subtotal)
    for k in hits[:CELL_ISSUE_LIMIT].tolist():
        log.add(Severity.WARNING, IssueKind.SUBTOTAL, descriptions[k], line=int(line_no[k]))
    if len(hits) > CELL_ISSUE_LIMIT:
        first = int(line_no[hits[CELL_ISSUE_LIMIT]])
        log.add(
            Severity.WARNING,
            IssueKind.MORE,
            f"{len(hits) - CELL_ISSUE_LIMIT} sumlinjer til (fra linje {first}) er utelatt.",
            line=first,
        )
    log.cells(
        Severity.ERROR,
        IssueKind.SUBTOTAL,
        labelled & ~subtotal & has_money,
        line_no,
        label,
        None,
        lambda v: (
            f"«{v}» ser ut som en sumlinje, men er ikke summen av linjene over; ta den ut "
            "av filen eller rett den"
        ),
    )
    return subtotal

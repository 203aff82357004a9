"""Code columns → canonical codes (funksjon, art, kommunenummer, år), one distinct value at a time.

Codes stay strings. A 5-digit tjeneste starts with its funksjon; a konto holds its art either
first (``35010``) or after a leading ledger digit (Sogndal's ``10100`` = art 010): the layout
that yields more valid arts wins. Unknown codes are reported and kept, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from coop.budget_import.report import IssueKind, IssueLog, Severity
from coop.domain.kostra import kostra_codes

_SUBTOTAL = re.compile(r"^(sum|total|i alt|totalt)\b", re.IGNORECASE)
_REGION = re.compile(r"^(?:K-)?(\d{4})$", re.ASCII)
_REGION_YEARS = re.compile(r"\s*\((?:\d{4})?-(?:\d{4})?\)\s*$")  # "5522 Salangen (2020-2023)"


def map_distinct(values: pd.Series, fn: Callable[[str], str]) -> pd.Categorical:
    """Apply ``fn`` once per distinct cell; the column comes back as a compact Categorical."""
    codes, uniques = pd.factorize(values, sort=False)
    mapped = np.array([fn(str(u)) for u in uniques] or [""], dtype=object)
    categories, inverse = np.unique(mapped, return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes] if len(codes) else codes, pd.Index(categories))


def codes_in(column: pd.Categorical, wanted: Collection[str]) -> npt.NDArray[np.bool_]:
    """Mask of cells whose code is in ``wanted``, computed on the categories."""
    hit = [i for i, c in enumerate(column.categories) if c in wanted]
    return np.isin(np.asarray(column.codes), hit)


def first_token(cell: str) -> str:
    """``"244 Barnevernstjeneste"`` → ``"244"``; a bare code is returned stripped."""
    parts = cell.split(None, 1)
    return parts[0] if parts else ""


def _digits(token: str) -> bool:
    return token.isascii() and token.isdigit()


def function_code(cell: str) -> str:
    """A canonical 3-digit funksjon, or the stripped token when it is none."""
    token = first_token(cell)
    return token[:3] if _digits(token) and len(token) >= 3 else token


@dataclass(frozen=True, slots=True)
class ArtLayout:
    """Where the art sits in a konto: digits 1–3 (``start=0``) or 2–4 (``start=1``)."""

    start: int

    def art(self, cell: str) -> str:
        """The 3-digit art in a cell; short codes lost their leading zeros to Excel."""
        token = first_token(cell)
        if not _digits(token):
            return token
        if len(token) <= 3:
            return token.zfill(3)
        return token[self.start : self.start + 3]


def choose_art_layout(values: pd.Series, year: int | None) -> ArtLayout:
    """The konto layout with more valid arts among the distinct long codes (ties: first)."""
    arts = kostra_codes(year).arts
    long_codes = [t for t in (first_token(str(v)) for v in pd.unique(values)) if _digits(t)]
    long_codes = [t for t in long_codes if len(t) >= 4]
    lead = sum(t[:3] in arts for t in long_codes)
    skip = sum(t[1:4] in arts for t in long_codes)
    return ArtLayout(1 if skip > lead else 0)


def check_codes(
    log: IssueLog,
    codes: pd.Categorical,
    lines: npt.NDArray[np.int64],
    has_amount: npt.NDArray[np.bool_],
    column: str,
    valid: Collection[str],
    what: str,
    years: tuple[int, int] | None = None,
    verified: bool = True,
) -> None:
    """Missing codes on lines with money are errors; unknown ones warnings.

    Unknown means in none of the lists of ``years`` (first, last). ``verified`` is False
    when a list used is not SSB's own: the warning says so.
    """
    distinct = [str(c) for c in codes.categories]
    log.cells(
        Severity.ERROR,
        IssueKind.MISSING_CODE,
        codes_in(codes, {""}) & has_amount,
        lines,
        codes,
        column,
        lambda _: f"linjen har beløp, men mangler {what}",
    )
    subtotal = {c for c in distinct if _SUBTOTAL.match(c)}  # reported in sections.py
    unknown = {c for c in distinct if c and c not in valid} - subtotal
    kind = IssueKind.UNKNOWN_FUNCTION if what == "funksjon" else IssueKind.UNKNOWN_ART
    span = years is not None and years[0] != years[1]
    label = "" if years is None else f" i {years[0]}–{years[1]}" if span else f" i {years[1]}"
    note = (
        ""
        if verified
        else " (listene for noen av årene er coops egne, ikke kontrollert mot SSB)"
        if span
        else " (listen for det året er coops egen, ikke kontrollert mot SSB)"
    )
    log.by_value(
        Severity.WARNING,
        kind,
        codes_in(codes, unknown),
        lines,
        codes,
        column,
        lambda v: f"«{v}» er ikke en kjent KOSTRA-{what}{label}{note}",
    )


def region_code(cell: str) -> str:
    """``"5522 Salangen (2020-2023)"`` → ``"5522"``; aggregates and text stay as written."""
    cell = _REGION_YEARS.sub("", cell.strip())
    token = first_token(cell)
    match = _REGION.match(token)
    return match[1] if match else token


def check_regions(
    log: IssueLog,
    cells: pd.Series,
    lines: npt.NDArray[np.int64],
    column: str,
    municipality: str,
    known: Collection[str],
    old_numbers: Mapping[str, str] | None = None,
) -> None:
    """Every region cell must be an existing kommunenummer, and the one being imported.

    ``old_numbers`` (Bergen 1201 → 4601) are numbers valid in the file's year: they count as
    today's number they map to.
    """
    aliases = old_numbers or {}
    codes = map_distinct(cells, lambda c: aliases.get(region_code(c), region_code(c)))
    numbers = {str(c) for c in codes.categories if _REGION.match(str(c))}
    log.cells(
        Severity.ERROR,
        IssueKind.UNKNOWN_MUNICIPALITY,
        ~codes_in(codes, numbers),
        lines,
        cells.to_numpy(dtype=object),
        column,
        lambda v: (
            f"«{v}» er ikke et kommunenummer (landet, fylker og KOSTRA-grupper kan ikke "
            "importeres som en kommunes budsjett)"
        ),
    )
    unknown = numbers - set(known) if known else set()
    log.by_value(
        Severity.ERROR,
        IssueKind.UNKNOWN_MUNICIPALITY,
        codes_in(codes, unknown),
        lines,
        codes,
        column,
        lambda v: f"kommunenummer {v} finnes ikke i kommuneregisteret",
    )
    log.by_value(
        Severity.ERROR,
        IssueKind.OTHER_MUNICIPALITY,
        codes_in(codes, numbers - unknown - {municipality}),
        lines,
        codes,
        column,
        lambda v: f"linjen gjelder kommune {v}, men filen importeres for kommune {municipality}",
    )


def year_values(
    log: IssueLog, cells: pd.Series, lines: npt.NDArray[np.int64], column: str
) -> npt.NDArray[np.int64]:
    """Years from a year column (0 where invalid, with an error)."""

    def year(cell: str) -> int:
        token = cell.strip().rstrip("*").strip()
        ok = re.fullmatch(r"\d{4}", token, re.ASCII) and 1990 <= int(token) <= 2100
        return int(token) if ok else 0

    codes, uniques = pd.factorize(cells, sort=False)
    years = np.array([year(str(u)) for u in uniques] or [0], dtype=np.int64)[codes]
    log.cells(
        Severity.ERROR,
        IssueKind.NOT_A_YEAR,
        years == 0,
        lines,
        cells.to_numpy(dtype=object),
        column,
        lambda v: f"«{v}» er ikke et årstall (1990–2100)",
    )
    return years

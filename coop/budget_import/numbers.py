"""Norwegian number cells → exact integers (øre), a whole column at a time.

Budget files write amounts as ``1 635 543``, ``1 635 543`` (no-break space), ``810 000,00``,
``1.234.567,00``, ``-0,06``, `` -1 362 250 ``, Excel's zero `` -   ``, ``−1 200`` (U+2212) or
``(1 200)``; SSB adds ``.``, ``..``, ``...`` and ``:`` for missing values and ``*`` for
preliminary ones. The column is factorised, each distinct cell is parsed once by one compiled
pattern (pandas' string methods loop in Python too, an order of magnitude slower here), and
the results are spread back as numpy masks. Values are exact integers in units of
10^-decimals: no float ever touches money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

SSB_MISSING = frozenset({".", "..", "...", ":"})  # not applicable, missing, not yet, confidential
_MAX_DIGITS = 18  # an int64 holds every 18-digit number
_SPACES_TABLE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-"})
_PLAIN = re.compile(r"(-?)(\d{1,3}(?: \d{3})+|\d+)(?:[.,](\d+))?", re.ASCII)  # 1 234,5
_DOT_GROUPED = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?", re.ASCII)  # 1.234.567,00
_DOT_CERTAIN = re.compile(r"\d\.\d{3}(?:\.\d{3}|,\d)", re.ASCII)  # only dot-grouped reads so
_SIMPLE = re.compile(r"\s*(-?)(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d\d?))?\s*", re.ASCII)
_PAREN = re.compile(r"\(\s*([^()\s][^()]*?)\s*\)")  # (1 200) is negative


class NumberProblem(IntEnum):
    """Why a cell is not a usable number (0 = it is)."""

    NONE = 0
    NOT_A_NUMBER = 1
    TOO_PRECISE = 2
    TOO_LARGE = 3


@dataclass(frozen=True)
class ParsedNumbers:
    """Parsed cells of one column, aligned with the input.

    ``units`` holds the value in units of 10^-decimals (øre for amounts), 0 where there is
    no value; ``present`` marks cells with a value (``-`` is a value: 0); ``missing`` marks
    empty cells and SSB missing symbols; ``problem`` says why a cell failed.
    """

    units: npt.NDArray[np.int64]
    present: npt.NDArray[np.bool_]
    missing: npt.NDArray[np.bool_]
    preliminary: npt.NDArray[np.bool_]
    problem: npt.NDArray[np.int8]


def parse_numbers(values: pd.Series, *, decimals: int = 2, scale_exp: int = 0) -> ParsedNumbers:
    """Parse a column of number cells; ``scale_exp`` = 3 reads SSB's 1000-kr amounts as kr.

    A value must be exact in the target unit: ``0,005`` kr is TOO_PRECISE, never rounded.
    ``1.234`` is 1,234 unless the column also shows a value that can only be dot-grouped
    (``1.234.567`` or ``1.234,50``); then it is 1234.
    """
    codes, uniques = pd.factorize(values.fillna("") if values.hasnans else values, sort=False)
    cells = [str(u) for u in np.asarray(uniques, dtype=object).tolist()]
    frac_digits = decimals + scale_exp
    dot_groups = any(_DOT_CERTAIN.search(c) for c in cells if "." in c)
    fast = [None if dot_groups else _parse_simple(c, frac_digits) for c in cells]
    units = np.array([0 if v is None else v for v in fast] or [0], dtype=np.int64)
    problem = np.zeros(len(units), dtype=np.int8)
    missing = np.zeros(len(units), dtype=bool)
    preliminary = np.zeros(len(units), dtype=bool)
    for i in [i for i, v in enumerate(fast) if v is None]:
        units[i], problem[i], missing[i], preliminary[i] = _parse_cell(
            cells[i], frac_digits, dot_groups
        )
    present = (problem == NumberProblem.NONE) & ~missing
    if len(codes) == 0:
        return ParsedNumbers(units[:0], present[:0], missing[:0], preliminary[:0], problem[:0])
    return ParsedNumbers(
        units=units[codes],
        present=present[codes],
        missing=missing[codes],
        preliminary=preliminary[codes],
        problem=problem[codes],
    )


def exact(values: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
    """``values`` as they are when no sum of them can overflow int64, else as Python ints.

    Sums must be exact to the end (issue 15.8): amounts are capped per cell, but a 20 MB file
    of capped amounts could still pass 2^63 øre in int64.
    """
    if len(values) * int(np.abs(values).max(initial=0)) < 2**62:
        return values
    return values.astype(object)


def parse_number(text: str, *, decimals: int = 2, scale_exp: int = 0) -> Decimal | None:
    """One cell as a Decimal in the base unit (None when missing); ValueError when invalid."""
    parsed = parse_numbers(pd.Series([text], dtype=str), decimals=decimals, scale_exp=scale_exp)
    if parsed.problem[0]:
        raise ValueError(f"«{text}»: {NumberProblem(int(parsed.problem[0])).name}")
    if not parsed.present[0]:
        return None
    return Decimal(int(parsed.units[0])).scaleb(-decimals)


def _parse_simple(cell: str, frac_digits: int) -> int | None:
    """The common cases, fast: "0", " -1 362 250 ", "810 000,00"; None for anything else."""
    simple = _SIMPLE.fullmatch(cell)
    if simple is None:
        return None
    digits = simple[2].replace(" ", "").replace("\u00a0", "")
    if len(digits) + frac_digits > _MAX_DIGITS or len(simple[3] or "") > frac_digits:
        return None
    units = int(digits) * 10**frac_digits
    if simple[3]:
        units += int(simple[3].ljust(frac_digits, "0"))
    return -units if simple[1] else units


def _parse_cell(cell: str, frac_digits: int, dot_groups: bool) -> tuple[int, int, bool, bool]:
    """(units, problem, missing, preliminary) for one distinct cell, in every format."""
    x = cell.strip().translate(_SPACES_TABLE).strip()
    preliminary = x.endswith("*")
    if preliminary:
        x = x[:-1].rstrip()
    x = x.removesuffix(",-").removesuffix(".-")  # "100,-" = 100 kr
    if not x or x in SSB_MISSING:
        return 0, NumberProblem.NONE, True, preliminary
    if x == "-":  # Excel's accounting zero and SSB's nil
        return 0, NumberProblem.NONE, False, preliminary
    if paren := _PAREN.fullmatch(x):
        x = "-" + paren[1]
    if x[0] in "+-" and len(x) > 1 and x[1] == " ":
        x = x[0] + x[1:].lstrip()
    x = x.removeprefix("+")
    if dot_groups and _DOT_GROUPED.fullmatch(x):
        x = x.replace(".", "")
    match = _PLAIN.fullmatch(x)
    if match is None:
        return 0, NumberProblem.NOT_A_NUMBER, False, preliminary
    units, problem, _, _ = _scaled(
        match[2].replace(" ", ""), match[3] or "", frac_digits, negative=bool(match[1])
    )
    return units, problem, False, preliminary


def _scaled(
    whole: str, frac: str, frac_digits: int, *, negative: bool
) -> tuple[int, int, bool, bool]:
    if frac[frac_digits:].strip("0"):
        return 0, NumberProblem.TOO_PRECISE, False, False
    digits = (whole + frac[:frac_digits].ljust(frac_digits, "0")).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return 0, NumberProblem.TOO_LARGE, False, False
    return (-int(digits) if negative else int(digits)), NumberProblem.NONE, False, False

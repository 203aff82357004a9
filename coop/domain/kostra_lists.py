"""KOSTRA funksjon and art lists per year, read from a data file (stdlib only).

The lists are data, not code: ``coop/reference/data/kostra_koder.csv`` has one row per year
and kind (``funksjon``, ``art``) with the codes and their source (``kilde``). 2017–2026 come
from Statistics Norway's KOSTRA control program at the commit named in each row, 2015–2016
from SSB's KOSTRA grouping tables; the years before are coop's own list, marked
«uverifisert». fixtures/README.md gives the provenance and
fixtures/sources/build_kostra_lists.py rebuilds the file from the sources' histories.
The file lives with the other reference data and ships as package data; reading it needs no
code from ``coop.reference``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "reference" / "data" / "kostra_koder.csv"


@dataclass(frozen=True, slots=True)
class YearList:
    """The funksjon and art codes valid in one accounting year, and where they come from."""

    year: int
    functions: frozenset[str]
    arts: frozenset[str]
    source: str


@cache
def yearly_lists(path: Path = DATA) -> tuple[YearList, ...]:
    """Every year's lists, oldest first."""
    codes: dict[tuple[int, str], frozenset[str]] = {}
    sources: dict[int, str] = {}
    with path.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter=";"):
            year = int(row["år"])
            codes[year, row["type"]] = frozenset(row["koder"].split())
            sources[year] = row["kilde"]
    return tuple(
        YearList(year, codes[year, "funksjon"], codes[year, "art"], sources[year])
        for year in sorted(sources)
    )

"""The history of municipality numbers since 2005, from package data (SSB classification 131).

Read once per process; see fixtures/README.md for the source and how the file was derived.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import cache
from importlib.resources import files

from coop.domain.errors import InvalidData
from coop.domain.municipality_numbers import NumberHistory, NumberPeriod

HISTORY = files("coop.reference") / "data" / "municipality_numbers.csv"


@cache
def number_history() -> NumberHistory:
    """Every municipality number with its validity period and successors."""
    periods = []
    with HISTORY.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        for line, r in enumerate(csv.DictReader(f, delimiter=";"), start=2):
            try:
                periods.append(
                    NumberPeriod(
                        number=r["kommunenummer"],
                        name=r["navn"],
                        valid_from=date.fromisoformat(r["gyldig_fra"]),
                        valid_to=date.fromisoformat(r["gyldig_til"]) if r["gyldig_til"] else None,
                        successors=tuple(s for s in r["etterfolger"].split(",") if s),
                        note=r["merknad"],
                    )
                )
            except (KeyError, ValueError) as error:
                raise InvalidData(f"{HISTORY.name}, linje {line}: {error}") from error
    return NumberHistory(periods)

"""Read the municipality register (package data ``coop/reference/data/municipalities.csv``).

coop's own `;`-separated CSV, built by ``fixtures/build_register.py``. Errors name the file and
line, so a broken register is found at once; nothing is written here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TypeVar

from coop.domain import errors, model

REGISTER = files("coop.reference") / "data" / "municipalities.csv"
T = TypeVar("T")


def _rows(path: Traversable) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise errors.InvalidData(f"Finner ikke datafilen {path}.")
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        yield from enumerate(csv.DictReader(f, delimiter=";"), start=2)


def _each(path: Traversable, build: Callable[[dict[str, str]], T]) -> list[T]:
    out = []
    for line, row in _rows(path):
        try:
            out.append(build(row))
        except (KeyError, ValueError, InvalidOperation, errors.CoopError) as error:
            detail = error.message if isinstance(error, errors.CoopError) else repr(error)
            raise errors.InvalidData(f"{path.name}, linje {line}: {detail}") from error
    return out


def read_register(path: Traversable | None = None) -> list[model.Municipality]:
    """Read the municipality register (``coop/reference/data/municipalities.csv`` by default)."""

    def build(r: dict[str, str]) -> model.Municipality:
        return model.Municipality(
            number=r["kommunenummer"],
            name=r["navn"],
            county=r["fylke"],
            population=int(r["folketall"]),
            population_date=date.fromisoformat(r["folketall_dato"]),
            admin_centre=r["administrasjonssenter"],
            lat=float(r["lat"]) if r["lat"] else None,
            lon=float(r["lon"]) if r["lon"] else None,
            coordinate_basis=r["koordinatgrunnlag"],
            employer_tax_zone=r["aga_sone"] or None,
            employer_tax_pct=Decimal(r["aga_prosent"]) if r["aga_prosent"] else None,
        )

    return _each(path or REGISTER, build)

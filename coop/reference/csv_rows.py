"""coop's own `;`-separated data files, read row by row with errors that name file and line."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from decimal import InvalidOperation
from importlib.resources.abc import Traversable
from typing import TypeVar

from coop.domain import errors

T = TypeVar("T")


def rows(path: Traversable) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for every data row; the header is line 1."""
    if not path.is_file():
        raise errors.InvalidData(f"Finner ikke datafilen {path}.")
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        yield from enumerate(csv.DictReader(f, delimiter=";"), start=2)


def each(path: Traversable, build: Callable[[dict[str, str]], T]) -> list[T]:
    """``build`` applied to every row; the first failure names the file and line."""
    out = []
    for line, row in rows(path):
        try:
            out.append(build(row))
        except (KeyError, ValueError, InvalidOperation, errors.CoopError) as error:
            detail = error.message if isinstance(error, errors.CoopError) else repr(error)
            raise errors.InvalidData(f"{path.name}, linje {line}: {detail}") from error
    return out

"""Municipality neighbours and simplified boundaries (Kartverket, CC BY 4.0), from package data.

Read once per process; see fixtures/README.md for the source, simplification and licence.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from importlib.resources import files

NEIGHBOURS = files("coop.reference") / "data" / "neighbours.csv"
BOUNDARIES = files("coop.reference") / "data" / "boundaries.json"
Ring = tuple[tuple[float, float], ...]  # (lon, lat) points


@cache
def land_neighbours() -> frozenset[frozenset[str]]:
    """Pairs of municipalities that share a land border (2024 structure)."""
    with NEIGHBOURS.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        return frozenset(
            frozenset((r["kommune_a"], r["kommune_b"]))
            for r in csv.DictReader(f, delimiter=";")
            if r["type"] == "land"
        )


@cache
def all_neighbours() -> frozenset[frozenset[str]]:
    """Pairs that share a land border or face each other across the sea (2024 structure)."""
    with NEIGHBOURS.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as f:
        return frozenset(
            frozenset((r["kommune_a"], r["kommune_b"])) for r in csv.DictReader(f, delimiter=";")
        )


@cache
def boundaries() -> dict[str, tuple[Ring, ...]]:
    """Each municipality's rings (outer and holes), simplified, as (lon, lat) tuples."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return {
        number: tuple(tuple((float(x), float(y)) for x, y in ring) for ring in rings)
        for number, rings in data["kommuner"].items()
    }

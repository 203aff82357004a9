"""Today's cooperations on a service, from public sources (package data ``cooperations.csv``).

A sample, not a complete list: see fixtures/README.md for each row's source. Rows whose
``verifisert`` is not «ja» carry that on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from coop.domain import errors
from coop.reference.csv_rows import each

COOPERATIONS = files("coop.reference") / "data" / "cooperations.csv"


@dataclass(frozen=True)
class KnownCooperation:
    """One cooperation as the sources describe it."""

    name: str
    service: str
    host: str
    members: tuple[str, ...]
    verified: str  # «ja», «delvis» or «nei»
    source: str
    note: str


def read_cooperations(path: Traversable | None = None) -> list[KnownCooperation]:
    """Every row of ``cooperations.csv``; a host outside its members is an error."""

    def build(r: dict[str, str]) -> KnownCooperation:
        members = tuple(m.strip() for m in r["medlemmer"].split(",") if m.strip())
        errors.require(r["vertskommune"] in members, "vertskommunen må være blant medlemmene")
        errors.require(len(members) >= 2, "et samarbeid har minst to medlemmer")
        errors.require(r["verifisert"] in ("ja", "delvis", "nei"), "verifisert: ja/delvis/nei")
        return KnownCooperation(
            r["samarbeid"], r["tjeneste"], r["vertskommune"], members, r["verifisert"],
            r["kilde"], r["merknad"],
        )  # fmt: skip

    return each(path or COOPERATIONS, build)

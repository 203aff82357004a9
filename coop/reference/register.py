"""Read the municipality register (package data ``coop/reference/data/municipalities.csv``).

coop's own `;`-separated CSV, built by ``fixtures/build_register.py``. Errors name the file and
line, so a broken register is found at once; nothing is written here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib.resources import files
from importlib.resources.abc import Traversable

from coop.domain import model
from coop.reference.csv_rows import each

REGISTER = files("coop.reference") / "data" / "municipalities.csv"


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

    return each(path or REGISTER, build)

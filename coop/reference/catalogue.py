"""The service catalogue shipped with coop (package data), loaded into the database by init-db.

The catalogue is coop's own text (see fixtures/README.md): an admin can edit it in the app,
and the edited version lives in the database from then on.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from coop.domain.catalogue import CatalogueEntry, parse_catalogue
from coop.domain.errors import InvalidData

CATALOGUE = files("coop.reference") / "data" / "service_catalogue.json"


def read_catalogue(path: Traversable | None = None) -> tuple[CatalogueEntry, ...]:
    """Every entry of the shipped catalogue; a broken file names the entry at fault."""
    source = path or CATALOGUE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidData(f"Kan ikke lese tjenestekatalogen {source.name}: {error}") from error
    return parse_catalogue(data)


@cache
def metric_names() -> dict[str, str]:
    """Usage-metric code → its catalogue name («lonnsslipper» → «Antall lønnsslipper»)."""
    names: dict[str, str] = {}
    for entry in read_catalogue():
        for metric in entry.usage_metrics:
            names.setdefault(metric.code, metric.name)
    return names


def metric_label(code: str) -> str:
    """How a page names a usage metric: the catalogue's name, else the code made readable."""
    name = metric_names().get(code)
    return name[:1].lower() + name[1:] if name else code.replace("_", " ").replace("-", " ")

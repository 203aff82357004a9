"""A service a project defines itself (not in the catalogue), and the code it is given."""

from __future__ import annotations

from dataclasses import dataclass

from coop.services.project_editing.naming import slugify

DEFAULT_TRIPS_OWN_SERVICE = 12  # an own service nobody gave a figure: monthly visits (anslag)


@dataclass(frozen=True)
class OwnService:
    """A service the project defines itself (not in the catalogue)."""

    name: str
    kostra_functions: tuple[str, ...] = ()
    trips_per_partner: int = DEFAULT_TRIPS_OWN_SERVICE
    description: str = ""


def own_service_code(name: str, slug: str, taken: set[str]) -> str:
    """A code for an own service from its name, free of every code in ``taken``."""
    base = slugify(name)[:30]
    code = base if base not in taken else f"{slug[:20]}-{base}"[:40].strip("-")
    n = 2
    while code in taken:
        code, n = f"{base[:36]}-{n}", n + 1
    return code

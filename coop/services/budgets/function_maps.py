"""Use cases for a municipality's KOSTRA function → service map: view, edit, apply.

Which KOSTRA functions belong to which shared service differs between municipalities (e.g.
IT on 120 or spread over the services); the budget import reads each file with the map in
force for its year — the municipality's own version, else the default of domain.md §4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coop.domain import errors
from coop.domain.access import Actor, require_municipality
from coop.domain.kostra import (
    SERVICE_NAMES,
    FunctionMap,
    FunctionRule,
    default_function_map,
    kostra_codes,
    pick_function_map,
)
from coop.persistence.unit_of_work import UnitOfWork


def function_map_in_force(own: Sequence[FunctionMap], year: int) -> FunctionMap:
    """The municipality's own map in force in ``year``, else the default one.

    Own maps are stored without the list of shared functions; the default's list is kept
    for every function the own map does not give wholly to one service.
    """
    default = default_function_map(year)
    fitting = [m for m in own if m.valid_from <= year]
    if not fitting:
        return default
    chosen = pick_function_map(fitting, year)
    whole = {r.function for r in chosen.rules if not r.ansvar}
    shared = {f: s for f, s in default.shared.items() if f not in whole}
    return FunctionMap(chosen.valid_from, chosen.rules, shared)


def service_names(uow: UnitOfWork) -> dict[str, str]:
    """Service code → name: the catalogue, then the KOSTRA map's own names (call inside uow)."""
    return {**SERVICE_NAMES, **{s.code: s.name for s in uow.services.list()}}


@dataclass(frozen=True)
class FunctionMapView:
    """A municipality's KOSTRA function → service map in force in a year, for the editor."""

    municipality: str
    name: str
    valid_from: int
    own: bool  # False: the default map (domain.md §4) applies
    versions: tuple[int, ...]  # first years of the municipality's own versions
    rows: tuple[tuple[str, str, str], ...]  # function, service, ansvar (comma-separated)
    shared: tuple[tuple[str, tuple[str, ...]], ...]  # functions several services share
    services: Mapping[str, str]  # code → name, the services a function may go to


def function_map_view(
    municipality: str, year: int, actor: Actor, uow: UnitOfWork
) -> FunctionMapView:
    """The function map a budget for ``year`` would be read with (own version or default)."""
    require_municipality(actor, municipality)
    with uow:
        found = uow.municipalities.get(municipality)
        own = uow.imports.function_maps(municipality)
        names = service_names(uow)
    fmap = function_map_in_force(own, year)
    return FunctionMapView(
        found.number,
        found.name,
        fmap.valid_from,
        any(v.valid_from <= year for v in own),
        tuple(sorted(v.valid_from for v in own)),
        tuple(sorted(fmap.to_rows())),
        tuple(sorted(fmap.shared.items())),
        dict(sorted(names.items(), key=lambda item: item[1])),
    )


def _rule(
    n: int, row: tuple[str, str, str], functions: frozenset[str], names: Mapping[str, str]
) -> FunctionRule | str | None:
    """One editor row as a rule, a problem (bokmål) or None for an empty/removed row."""
    function, service, ansvar = (part.strip() for part in row)
    if not service:
        return None  # no service chosen: the function is left out of the map
    if not function:
        return f"rad {n}: skriv inn KOSTRA-funksjonen for «{names.get(service, service)}»"
    if service not in names:
        return f"rad {n}: tjenesten «{service}» finnes ikke i tjenestekatalogen"
    if len(function) != 3 or not function.isdigit():
        return f"rad {n}: «{function}» er ikke en KOSTRA-funksjon (tre siffer)"
    if function not in functions:
        return f"rad {n}: funksjon {function} finnes ikke i KOSTRA-listen"
    return FunctionRule(function, service, frozenset(a.strip() for a in ansvar.split(",")) - {""})


def save_function_map(
    municipality: str,
    valid_from: int,
    rows: Sequence[tuple[str, str, str]],
    actor: Actor,
    uow: UnitOfWork,
) -> FunctionMap:
    """Save a municipality's own function map from ``valid_from`` on: all rows or nothing.

    Rows are (function, service, ansvar comma-separated); a row without a service is left
    out. Unknown functions (KOSTRA list of ``valid_from``) and services are refused by row.
    """
    require_municipality(actor, municipality)
    errors.require(
        2002 <= valid_from <= 2100,
        f"«Gjelder fra» må være et år fra 2002 (første KOSTRA-liste) til 2100, ikke {valid_from}.",
    )
    functions = kostra_codes(valid_from).functions
    with uow:
        uow.municipalities.get(municipality)
        names = service_names(uow)
        checked = [_rule(n, row, functions, names) for n, row in enumerate(rows, 1)]
        problems = [c for c in checked if isinstance(c, str)]
        errors.require(
            not problems, "Funksjonskartet ble ikke lagret: " + "; ".join(problems) + "."
        )
        rules = tuple(dict.fromkeys(c for c in checked if isinstance(c, FunctionRule)))
        errors.require(bool(rules), "Funksjonskartet må gi minst én funksjon til en tjeneste.")
        fmap = FunctionMap(valid_from, rules)
        uow.imports.save_function_map(municipality, fmap)
        uow.commit()
    return fmap

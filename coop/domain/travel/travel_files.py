"""A project's travel figures from a file: a list of pairs, or a matrix from a route planner.

Pairs: a header with ``fra;til`` and ``km`` and/or ``minutter`` (English names work too), and
optionally ``type`` (vei, ferje, bru/tunnel), ``ferjepris``, ``ventetid``, ``sesong``,
``grunnlag``. Matrix: the first cell names the unit (``minutter`` or ``km``), the rest of the
first row and the first column name the municipalities. Municipalities by number or by name.
Every problem is reported with its line (and column); nothing is returned unless all is well.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from coop.domain.errors import InvalidData
from coop.domain.model import Municipality
from coop.domain.travel.links import (
    MAX_FARE_NOK,
    MAX_KM,
    MAX_MINUTES,
    LinkMode,
    TravelLink,
    parse_decimal,
)

MAX_LINES = 5000
HEADER_NAMES = {
    "fra": "from", "from": "from", "til": "to", "to": "to", "km": "km", "kilometer": "km",
    "minutter": "minutes", "minutes": "minutes", "min": "minutes", "reisetid": "minutes",
    "type": "mode", "mode": "mode", "reisemåte": "mode", "ferjepris": "fare_nok",
    "fare_nok": "fare_nok", "ventetid": "wait_min", "wait_min": "wait_min", "sesong": "season",
    "season": "season", "grunnlag": "basis", "basis": "basis", "kilde": "basis",
}  # fmt: skip
MODES = {
    "vei": LinkMode.ROAD, "road": LinkMode.ROAD, "bil": LinkMode.ROAD,
    "ferje": LinkMode.FERRY, "ferry": LinkMode.FERRY, "bru/tunnel": LinkMode.BRIDGE_TUNNEL,
    "bru": LinkMode.BRIDGE_TUNNEL, "tunnel": LinkMode.BRIDGE_TUNNEL,
    "bridge_tunnel": LinkMode.BRIDGE_TUNNEL,
}  # fmt: skip
MATRIX_UNITS = {"minutter": "minutes", "minutes": "minutes", "min": "minutes", "km": "km"}


@dataclass(frozen=True, slots=True)
class TravelEntry:
    """One pair as a file gives it; km or minutes may be missing (a matrix gives one)."""

    origin: str
    destination: str
    km: Decimal | None
    minutes: Decimal | None
    mode: LinkMode = LinkMode.ROAD
    fare_nok: Decimal = Decimal(0)
    wait_min: Decimal = Decimal(0)
    season: str = ""
    basis: str = ""


class InvalidTravelFile(InvalidData):
    """A travel file with problems; ``problems`` lists each with its line and column."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:20] + (
            [f"… og {len(problems) - 20} feil til."] if len(problems) > 20 else []
        )
        super().__init__("\n".join(shown))
        self.problems = tuple(problems)


def _names(members: Mapping[str, Municipality]) -> dict[str, str]:
    out = {}
    for number, m in members.items():
        out[number] = number
        out[m.name.casefold()] = number
        for part in m.name.replace(" - ", "/").split("/"):
            out.setdefault(part.strip().casefold(), number)
    return out


def parse_travel_file(
    text: str, source: str, members: Mapping[str, Municipality]
) -> tuple[TravelEntry, ...]:
    """Read pairs or a matrix (see the module docstring) for the project's members."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise InvalidTravelFile([f"{source}: filen har {len(lines)} linjer; høyst {MAX_LINES}."])
    sample = "\n".join(lines[:5])
    delimiter = max(";,\t", key=sample.count) if sample else ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    end = 0
    for row in reader:  # physical line numbers, also when a quoted field spans lines
        line, end = end + 1, reader.line_num
        if any(c.strip() for c in row):
            rows.append((line, row))
    if not rows:
        raise InvalidTravelFile([f"{source}: filen er tom."])
    names = _names(members)
    first = [c.strip().casefold() for c in rows[0][1]]
    if first and first[0] in MATRIX_UNITS:
        return _matrix(rows, source, names, MATRIX_UNITS[first[0]])
    return _pairs(rows, source, names)


def _member(raw: str, names: Mapping[str, str]) -> str | None:
    return names.get(raw.strip().casefold())


def _number(raw: str, limit: Decimal) -> Decimal:
    value = parse_decimal(raw.lower().removesuffix("min").removesuffix("km").strip())
    if not 0 <= value < limit:
        raise InvalidOperation
    return value


def _pairs(
    rows: list[tuple[int, list[str]]], source: str, names: Mapping[str, str]
) -> tuple[TravelEntry, ...]:
    line0, raw_header = rows[0]
    header = [HEADER_NAMES.get(h.strip().casefold(), "") for h in raw_header]
    problems = [
        f"{source}, linje {line0}: ukjent kolonne «{raw.strip()}»."
        for raw, h in zip(raw_header, header, strict=True)
        if not h
    ]
    for needed, label in (("from", "fra"), ("to", "til")):
        if needed not in header:
            problems.append(f"{source}, linje {line0}: mangler kolonnen «{label}».")
    if "km" not in header and "minutes" not in header:
        problems.append(f"{source}, linje {line0}: trenger kolonnen «km» eller «minutter».")
    if problems:
        raise InvalidTravelFile(problems)
    entries: list[TravelEntry] = []
    seen: dict[tuple[str, str], int] = {}
    for line, row in rows[1:]:
        if len(row) != len(header):
            problems.append(f"{source}, linje {line}: {len(row)} felt, ventet {len(header)}.")
            continue
        cell = dict(zip(header, (c.strip() for c in row), strict=True))
        ends = [_member(cell[c], names) for c in ("from", "to")]
        for raw, found, label in zip((cell["from"], cell["to"]), ends, ("fra", "til"), strict=True):
            if found is None:
                problems.append(
                    f"{source}, linje {line}, kolonne «{label}»: «{raw}» er ikke med i prosjektet."
                )
        values: dict[str, Decimal | None] = {}
        limits = (("km", MAX_KM), ("minutes", MAX_MINUTES), ("fare_nok", MAX_FARE_NOK),
                  ("wait_min", MAX_MINUTES))  # fmt: skip
        for column, limit in limits:
            raw = cell.get(column, "")
            try:
                values[column] = _number(raw, limit) if raw else None
            except (InvalidOperation, ValueError):
                problems.append(
                    f"{source}, linje {line}, kolonne «{column}»: «{raw[:40]}» er ikke et tall "
                    f"fra 0 til {limit}."
                )
        mode = MODES.get(cell.get("mode", "vei").casefold() or "vei")
        if mode is None:
            problems.append(
                f"{source}, linje {line}, kolonne «type»: «{cell['mode'][:40]}» er ikke vei, "
                "ferje eller bru/tunnel."
            )
        a, b = ends
        if a is None or b is None or mode is None or len(values) < 4:
            continue
        if a == b:
            problems.append(f"{source}, linje {line}: start og mål er samme kommune.")
            continue
        if values["km"] is None and values["minutes"] is None:
            problems.append(f"{source}, linje {line}: oppgi km, minutter eller begge.")
            continue
        if (a, b) in seen:
            problems.append(f"{source}, linje {line}: {a}–{b} står også på linje {seen[a, b]}.")
            continue
        seen[a, b] = line
        entries.append(
            TravelEntry(
                a,
                b,
                values["km"],
                values["minutes"],
                mode,
                values["fare_nok"] or Decimal(0),
                values["wait_min"] or Decimal(0),
                cell.get("season", "")[:40],
                cell.get("basis", "")[:150],
            )  # fmt: skip
        )
    if problems:
        raise InvalidTravelFile(problems)
    return tuple(entries)


def _matrix(
    rows: list[tuple[int, list[str]]], source: str, names: Mapping[str, str], unit: str
) -> tuple[TravelEntry, ...]:
    line0, header = rows[0]
    problems: list[str] = []
    targets: list[str | None] = []
    for column, raw in enumerate(header[1:], start=2):
        found = _member(raw, names)
        if found is None and raw.strip():
            problems.append(
                f"{source}, linje {line0}, kolonne {column}: «{raw.strip()[:40]}» er ikke med i "
                "prosjektet."
            )
        targets.append(found)
    limit = MAX_KM if unit == "km" else MAX_MINUTES
    entries: list[TravelEntry] = []
    for line, row in rows[1:]:
        origin = _member(row[0], names) if row else None
        if origin is None:
            problems.append(
                f"{source}, linje {line}, kolonne 1: «{(row[0] if row else '').strip()[:40]}» er "
                "ikke med i prosjektet."
            )
            continue
        for column, (target, raw) in enumerate(zip(targets, row[1:], strict=False), start=2):
            if target is None or target == origin or not raw.strip():
                continue
            try:
                value = _number(raw, limit)
            except (InvalidOperation, ValueError):
                problems.append(
                    f"{source}, linje {line}, kolonne {column}: «{raw.strip()[:40]}» er ikke et "
                    f"tall fra 0 til {limit}."
                )
                continue
            km, minutes = (value, None) if unit == "km" else (None, value)
            entries.append(TravelEntry(origin, target, km, minutes))
    if problems:
        raise InvalidTravelFile(problems)
    if not entries:
        raise InvalidTravelFile([f"{source}: matrisen har ingen verdier mellom to kommuner."])
    return tuple(entries)


def complete_links(
    entries: Iterable[TravelEntry],
    known: Mapping[tuple[str, str], TravelLink],
    estimate: Mapping[tuple[str, str], tuple[Decimal, Decimal]],
    source: str,
) -> tuple[TravelLink, ...]:
    """Links from file entries, each complete.

    A missing km or minutes comes from what the project already entered for the pair, else
    from the estimate, and the basis says which figure is which.
    """
    out = []
    for e in entries:
        pair = (e.origin, e.destination)
        before = known.get(pair)
        guess = estimate.get(pair, (Decimal(0), Decimal(0)))
        notes = [e.basis or f"oppgitt ({source})"]
        km, minutes = e.km, e.minutes
        if km is None:
            km = before.km if before else guess[0]
            notes.append("km: " + ("tidligere oppgitt" if before else "anslag"))
        if minutes is None:
            minutes = before.minutes if before else guess[1]
            notes.append("minutter: " + ("tidligere oppgitt" if before else "anslag"))
        out.append(
            TravelLink(
                e.origin,
                e.destination,
                km,
                minutes,
                e.mode,
                e.fare_nok,
                e.wait_min,
                "; ".join(notes)[:200],
                e.season,
            )  # fmt: skip
        )
    return tuple(out)

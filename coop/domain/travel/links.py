"""Travel links between places, and the ``;``-separated file they are kept in.

Pure domain: standard library only. A link is one road, ferry or bridge/tunnel leg with its km,
minutes, fare and basis ("anslag" for estimates); ``coop.domain.travel.network`` builds the travel
graph from them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from coop.domain.errors import CoopError, InvalidData, require
from coop.domain.model import ESTIMATE, check_code, check_text

ZERO = Decimal(0)
MAX_KM = Decimal(5000)  # Numeric(8, 2) holds more; no link in Norway is longer
MAX_MINUTES = Decimal(5000)
MAX_FARE_NOK = Decimal(100_000)
COLUMNS = ("from", "to", "km", "minutes", "mode", "fare_nok", "wait_min", "basis")
IBESTAD_TUNNEL = "5514/andorja"  # delay key of Ibestadtunnelen in the demo network


class LinkMode(StrEnum):
    """How a link is travelled."""

    ROAD = "road"
    FERRY = "ferry"
    BRIDGE_TUNNEL = "bridge_tunnel"

    @property
    def label(self) -> str:
        """Bokmål label."""
        return {"road": "vei", "ferry": "ferje", "bridge_tunnel": "bru/tunnel"}[self.value]


_MODES = frozenset(mode.value for mode in LinkMode)


def link_key(a: str, b: str) -> str:
    """Direction-free name of the link between two nodes, e.g. ``5514/andorja``."""
    return "/".join(sorted((a, b)))


@dataclass(frozen=True, slots=True)
class TravelLink:
    """A road, ferry or bridge/tunnel link between two nodes.

    Nodes are kommunenummer for administrative centres (``5516``) and descriptive ids for
    other places (``andorja``). A link holds both ways unless the reverse is listed too.
    ``minutes`` is driving or sailing time; ``wait_min`` the mean wait (ferries).
    """

    origin: str
    destination: str
    km: Decimal
    minutes: Decimal
    mode: LinkMode = LinkMode.ROAD
    fare_nok: Decimal = ZERO
    wait_min: Decimal = ZERO
    basis: str = ESTIMATE
    season: str = ""  # e.g. «hele året», «sommerrute»; empty when it does not matter

    def __post_init__(self) -> None:
        check_code(self.origin, "Stedskoden")
        check_code(self.destination, "Stedskoden")
        where = f"strekningen {self.origin}–{self.destination}"
        require(self.origin != self.destination, f"Start og mål er like for {where}.")
        for value, what, limit in (
            (self.km, "Kilometer", MAX_KM),
            (self.minutes, "Reisetiden", MAX_MINUTES),
            (self.fare_nok, "Ferjeprisen", MAX_FARE_NOK),
            (self.wait_min, "Ventetiden", MAX_MINUTES),
        ):
            require(
                value.is_finite() and 0 <= value < limit,
                f"{what} for {where} må være fra 0 og under {limit}.",
            )
        check_text(self.basis, f"Grunnlaget for {where}", 200)
        check_text(self.season, f"Sesongen for {where}", 40)

    @property
    def key(self) -> str:
        """Direction-free name, used for delays."""
        return link_key(self.origin, self.destination)


class InvalidTravelLinks(InvalidData):
    """A travel-link file with problems; ``problems`` lists every one with line and column."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def parse_decimal(text: str) -> Decimal:
    """A finite decimal typed with comma or point and spaces; InvalidOperation otherwise."""
    value = Decimal(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


def parse_travel_links(text: str, source: str) -> tuple[TravelLink, ...]:
    """Read ``from;to;km;minutes;mode;fare_nok;wait_min;basis`` rows, reporting every problem.

    ``fare_nok``, ``wait_min`` and ``basis`` are optional (empty means 0, 0 and "anslag").
    Decimal comma or point. Line numbers are the file's physical lines.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    problems = [f"{source}: mangler kolonnen «{c}»." for c in COLUMNS[:5] if c not in header]
    problems += [f"{source}: ukjent kolonne «{c}»." for c in header if c not in COLUMNS]
    if problems:
        raise InvalidTravelLinks(problems)
    links: list[TravelLink] = []
    seen: dict[tuple[str, str], int] = {}
    end = reader.line_num
    for row in reader:
        line, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{source}, linje {line}: {len(row)} felt, ventet {len(header)}.")
            continue
        cell = {c: v.strip() for c, v in zip(header, row, strict=True)}
        values: dict[str, Decimal] = {}
        for column in ("km", "minutes", "fare_nok", "wait_min"):
            raw = cell.get(column, "")
            try:
                values[column] = parse_decimal(
                    raw or ("0" if column in ("fare_nok", "wait_min") else "")
                )
            except InvalidOperation:
                problems.append(
                    f"{source}, linje {line}, kolonne «{column}»: «{raw}» er ikke et tall."
                )
        if cell["mode"] not in _MODES:
            problems.append(
                f"{source}, linje {line}, kolonne «mode»: «{cell['mode']}» er ikke en reisemåte "
                "(road, ferry eller bridge_tunnel)."
            )
            continue
        if len(values) < 4:
            continue
        try:
            link = TravelLink(
                cell["from"], cell["to"], values["km"], values["minutes"], LinkMode(cell["mode"]),
                values["fare_nok"], values["wait_min"], cell.get("basis") or ESTIMATE,
            )  # fmt: skip
        except CoopError as error:
            problems.append(f"{source}, linje {line}: {error.message}")
            continue
        pair = (link.origin, link.destination)
        if pair in seen:
            problems.append(
                f"{source}, linje {line}: strekningen {pair[0]}–{pair[1]} står også på linje "
                f"{seen[pair]}. Bruk egne noder (f.eks. ferjekaier) for alternative ruter."
            )
        seen[pair] = line
        links.append(link)
    if problems:
        raise InvalidTravelLinks(problems)
    return tuple(links)


def format_travel_links(links: Iterable[TravelLink]) -> str:
    """Write links in the format ``parse_travel_links`` reads (for export and editing)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    for k in links:
        row = (k.origin, k.destination, k.km, k.minutes, k.mode, k.fare_nok, k.wait_min, k.basis)
        writer.writerow(row)
    return out.getvalue()

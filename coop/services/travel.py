"""Use cases for travel between a project's members: see each pair, enter or import figures.

Until a pair is entered it is taken from coop's network or estimated from the centres'
coordinates (labelled anslag). Entering replaces the pair both ways; an import from a route
planner (pairs or a matrix) is checked whole before anything is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coop.domain import errors
from coop.domain.access import Actor, Role, require_role
from coop.domain.travel.links import MAX_FARE_NOK, MAX_KM, MAX_MINUTES, LinkMode, TravelLink
from coop.domain.travel.member_routes import PairRoute, RouteSource
from coop.domain.travel.travel_files import complete_links, parse_travel_file
from coop.domain.typed_numbers import typed_decimal
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record
from coop.services.project_data import load_project_data

MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class PairView:
    """One unordered pair of members with its route and where the figures come from."""

    a: str
    b: str
    a_name: str
    b_name: str
    pair: PairRoute

    @property
    def source_label(self) -> str:
        """«oppgitt for prosjektet», «fra reisenettet i coop», «anslag fra luftlinje»."""
        return self.pair.source.label


@dataclass(frozen=True)
class TravelPage:
    """All pairs of a project's members, for the network page and the API."""

    slug: str
    project_name: str
    pairs: tuple[PairView, ...]
    editable: bool

    @property
    def estimated(self) -> int:
        """How many pairs are still estimates."""
        return sum(1 for p in self.pairs if p.pair.source is RouteSource.ESTIMATED)


def travel_page(slug: str, actor: Actor, uow: UnitOfWork) -> TravelPage:
    """Every pair of members (each once), by name."""
    with uow:
        data = load_project_data(slug, uow, services=())
    names = data.names
    numbers = sorted(names, key=lambda n: names[n])
    pairs = tuple(
        PairView(a, b, names[a], names[b], data.pairs[a, b])
        for i, a in enumerate(numbers)
        for b in numbers[i + 1 :]
    )
    editable = actor.role.value in ("admin", "styringsgruppe")
    return TravelPage(slug, data.project.name, pairs, editable)


def _fields(link: TravelLink | None) -> dict[str, str] | None:
    if link is None:
        return None
    return {
        "km": str(link.km),
        "minutter": str(link.minutes),
        "type": link.mode.label,
        "ferjepris": str(link.fare_nok),
        "ventetid": str(link.wait_min),
        "sesong": link.season,
        "grunnlag": link.basis,
    }


def set_travel(
    slug: str,
    a: str,
    b: str,
    values: dict[str, str],
    actor: Actor,
    uow: UnitOfWork,
    reason: str = "",
) -> TravelLink:
    """Enter one pair's travel (both ways): km, minutes, type, ferry fare, wait, season, basis."""
    require_role(actor, Role.STEERING)
    errors.require(a != b, "Velg to forskjellige kommuner.")
    mode_text = values.get("mode", "road") or "road"
    errors.require(
        mode_text in {m.value for m in LinkMode}, f"Ukjent reisemåte «{mode_text[:20]}»."
    )
    link = TravelLink(
        a,
        b,
        typed_decimal(values.get("km", ""), "Kilometer", Decimal(0), MAX_KM),
        typed_decimal(values.get("minutes", ""), "Minutter", Decimal(0), MAX_MINUTES),
        LinkMode(mode_text),
        typed_decimal(values.get("fare_nok") or "0", "Ferjepris", Decimal(0), MAX_FARE_NOK),
        typed_decimal(values.get("wait_min") or "0", "Ventetid", Decimal(0), MAX_MINUTES),
        (values.get("basis") or f"oppgitt av {actor.username}").strip()[:200],
        (values.get("season") or "").strip()[:40],
    )
    with uow:
        project = uow.projects.get(slug)
        outside = [n for n in (a, b) if n not in project.municipalities]
        errors.require(not outside, f"{', '.join(outside)} er ikke med i prosjektet.")
        names = {m.number: m.name for m in uow.municipalities.list([a, b])}
        before = uow.project_travel.put(slug, link)
        record(uow, actor, "reise", f"{names[a]}–{names[b]}", _fields(before), _fields(link),
               slug, reason)  # fmt: skip
        uow.commit()
    return link


def remove_travel(slug: str, a: str, b: str, actor: Actor, uow: UnitOfWork) -> None:
    """Forget a pair's entered figures: the network or the estimate applies again."""
    require_role(actor, Role.STEERING)
    with uow:
        uow.projects.get(slug)
        names = {m.number: m.name for m in uow.municipalities.list([a, b])}
        before = uow.project_travel.remove(slug, a, b)
        errors.require(before is not None, "Det er ikke oppgitt noen reise for dette paret.")
        record(uow, actor, "reise", f"{names[a]}–{names[b]}", _fields(before), None, slug)
        uow.commit()


def import_travel(
    slug: str, raw: bytes, filename: str, actor: Actor, uow: UnitOfWork
) -> tuple[TravelLink, ...]:
    """Enter many pairs from a file of pairs or a matrix; a bad line changes nothing."""
    require_role(actor, Role.STEERING)
    errors.require(
        len(raw) <= MAX_FILE_BYTES,
        f"{filename}: filen er {len(raw):,} byte; høyst {MAX_FILE_BYTES:,}.".replace(",", " "),
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    with uow:
        data = load_project_data(slug, uow, services=())
        entries = parse_travel_file(text, filename, data.municipalities)
        known = {(k.origin, k.destination): k for k in uow.project_travel.list(slug)}
        known.update({(k.destination, k.origin): k for k in known.values()})
        estimate = {k: (p.route.km, p.route.minutes) for k, p in data.pairs.items()}
        links = complete_links(entries, known, estimate, filename)
        for link in links:
            before = uow.project_travel.put(slug, link)
            pair = f"{data.names[link.origin]}–{data.names[link.destination]}"
            record(uow, actor, "reise", pair, _fields(before), _fields(link), slug,
                   f"import av {filename}"[:500])  # fmt: skip
        uow.commit()
    return links

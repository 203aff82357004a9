"""Use cases for the service catalogue: browse it (everyone), edit an entry (admin)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from coop.domain import errors
from coop.domain.access import Actor, require_role
from coop.domain.catalogue import CatalogueEntry, entry_to_json
from coop.persistence.unit_of_work import UnitOfWork
from coop.services.change_log import record

EDITABLE = ("name", "tasks_text", "trips_per_partner", "warnings", "valid_from", "valid_to")


@dataclass(frozen=True)
class CatalogueView:
    """The catalogue as of a date: entries that can be set up, and those that cannot."""

    on: date
    available: tuple[CatalogueEntry, ...]
    unavailable: tuple[CatalogueEntry, ...]


def list_catalogue(uow: UnitOfWork, on: date | None = None) -> CatalogueView:
    """Every entry, split by whether it can be set up as a host arrangement on ``on``."""
    when = on or date.today()
    with uow:
        entries = sorted(uow.catalogue.list(), key=lambda e: e.name)
    return CatalogueView(
        when,
        tuple(e for e in entries if e.available_on(when)),
        tuple(e for e in entries if not e.available_on(when)),
    )


def get_entry(code: str, uow: UnitOfWork) -> CatalogueEntry:
    """One catalogue entry."""
    with uow:
        return uow.catalogue.get(code)


def _text_fields(e: CatalogueEntry) -> dict[str, str]:
    data = entry_to_json(e)
    return {k: str(v) for k, v in data.items() if k != "versjon"}


def save_entry(
    code: str,
    changes: dict[str, object],
    actor: Actor,
    uow: UnitOfWork,
    version: int,
    reason: str = "",
) -> CatalogueEntry:
    """Change an entry's name, § 20-4 (c) text, trips, warnings or validity (admin only).

    Legal bases change with the acts and are kept in the shipped catalogue file; an admin
    edits the texts and figures councils see. Every change is logged.
    """
    require_role(actor)
    unknown = sorted(set(changes) - set(EDITABLE))
    errors.require(not unknown, f"Kan ikke endre {', '.join(unknown)} i tjenestekatalogen.")
    with uow:
        before = uow.catalogue.get(code)
        try:
            after = replace(before, **changes)  # type: ignore[arg-type]
        except TypeError as error:
            raise errors.InvalidData(f"Ugyldig verdi i tjenestekatalogen: {error}") from None
        uow.catalogue.save(after, actor.username, datetime.now(UTC), version)
        record(uow, actor, "katalog", code, _text_fields(before), _text_fields(after),
               reason=reason)  # fmt: skip
        uow.commit()
        return uow.catalogue.get(code)

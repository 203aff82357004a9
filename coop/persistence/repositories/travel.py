"""The shared travel network in the database: read all links, replace them in one go."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.domain.travel.links import LinkMode, TravelLink
from coop.persistence.orm import TravelLinkRow


class TravelLinkRepository:
    """Travel links between admin centres and extra nodes (ferry quays, islands)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[TravelLink]:
        """All links, sorted by their ends."""
        query = select(TravelLinkRow).order_by(TravelLinkRow.origin, TravelLinkRow.destination)
        return [
            TravelLink(
                origin=r.origin,
                destination=r.destination,
                km=r.km,
                minutes=r.minutes,
                mode=LinkMode(r.mode),
                fare_nok=r.fare_nok,
                wait_min=r.wait_min,
                basis=r.basis,
            )
            for r in self.session.scalars(query)
        ]

    def replace_all(self, links: Iterable[TravelLink]) -> None:
        """Replace the whole network (inside the caller's unit of work)."""
        self.session.execute(delete(TravelLinkRow))
        self.session.add_all(
            TravelLinkRow(
                origin=k.origin,
                destination=k.destination,
                km=k.km,
                minutes=k.minutes,
                mode=k.mode.value,
                fare_nok=k.fare_nok,
                wait_min=k.wait_min,
                basis=k.basis,
            )
            for k in links
        )
        self.session.flush()

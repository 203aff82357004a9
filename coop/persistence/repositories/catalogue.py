"""The service catalogue in the database (coop's catalogue JSON per entry)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.domain import errors
from coop.domain.catalogue import CatalogueEntry, check_trips, entry_from_json, entry_to_json
from coop.persistence.orm.register import CatalogueEntryRow


class CatalogueRepository:
    """Catalogue entries by code; each save bumps the version."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, codes: Iterable[str] | None = None) -> list[CatalogueEntry]:
        """Every entry by code, or only those with the given codes.

        A page needs only its project's few services; parsing every entry on each load was the
        largest single cost of an ordinary page.
        """
        query = select(CatalogueEntryRow).order_by(CatalogueEntryRow.code)
        if codes is not None:
            query = query.where(CatalogueEntryRow.code.in_(list(codes)))
        return [self._entry(r) for r in self.session.scalars(query)]

    def trips(self, codes: Iterable[str]) -> dict[str, int]:
        """Service trips per partner and year by code, for those of ``codes`` in the catalogue.

        Every calculation reads a project's assumptions, which need only this figure of an
        entry: read it alone instead of parsing ~15 kB of legal text per service.
        """
        trips = CatalogueEntryRow.data["reiser_per_partner_per_aar"].as_integer()
        query = select(CatalogueEntryRow.code, trips).where(CatalogueEntryRow.code.in_(list(codes)))
        return {code: check_trips(code, value or 0) for code, value in self.session.execute(query)}

    def codes(self) -> set[str]:
        """The codes of every entry (no parsing)."""
        return set(self.session.scalars(select(CatalogueEntryRow.code)))

    def find(self, code: str) -> CatalogueEntry | None:
        """One entry, or None."""
        row = self.session.get(CatalogueEntryRow, code)
        return self._entry(row) if row else None

    def get(self, code: str) -> CatalogueEntry:
        """One entry, or ``NotFound``."""
        entry = self.find(code)
        if entry is None:
            raise errors.NotFound(f"Tjenesten «{code}» finnes ikke i tjenestekatalogen.")
        return entry

    def save(
        self, entry: CatalogueEntry, by: str, at: datetime, expected_version: int | None = None
    ) -> int:
        """Add or replace an entry; a stale ``expected_version`` is ``ConcurrentEdit``."""
        row = self.session.get(CatalogueEntryRow, entry.code)
        if row is None:
            row = CatalogueEntryRow(code=entry.code, version=0)
            self.session.add(row)
        elif expected_version is not None and row.version != expected_version:
            raise errors.ConcurrentEdit(f"Katalogoppføringen «{entry.name}»")
        data = entry_to_json(entry)
        row.version = (row.version or 0) + 1
        data["versjon"] = row.version
        row.data = data
        row.updated_by = by
        row.updated_at = at
        self.session.flush()
        return row.version

    def _entry(self, row: CatalogueEntryRow) -> CatalogueEntry:
        return entry_from_json({**row.data, "versjon": row.version})

"""Budget imports in the database: history with the original file, saved header mappings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coop.domain.kostra import FunctionMap
from coop.persistence.orm import BudgetImportRow, FunctionMappingRow, HeaderMappingRow


@dataclass(frozen=True)
class ImportRecord:
    """One committed import as listed in the history (without the file bytes)."""

    id: int
    municipality: str
    year: int
    kind: str
    filename: str
    sha256: str
    encoding: str
    imported_by: str
    imported_at: datetime
    summary: Mapping[str, Any]


class BudgetImportRepository:
    """Import history, header mappings per municipality and the versioned function map."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def header_mapping(self, municipality: str) -> dict[str, str] | None:
        """The saved «which column is what» for a municipality, if any."""
        row = self.session.get(HeaderMappingRow, municipality)
        return dict(row.mapping) if row else None

    def save_header_mapping(self, municipality: str, mapping: Mapping[str, str]) -> None:
        """Save (or replace) a municipality's header mapping."""
        self.session.merge(HeaderMappingRow(municipality=municipality, mapping=dict(mapping)))

    def replace(
        self,
        *,
        municipality: str,
        year: int,
        kind: str,
        filename: str,
        sha256: str,
        encoding: str,
        content: bytes,
        imported_by: str,
        imported_at: datetime,
        summary: Mapping[str, Any],
    ) -> None:
        """Store an import, replacing the one for the same municipality, year and kind."""
        self.session.execute(
            delete(BudgetImportRow).where(
                BudgetImportRow.municipality == municipality,
                BudgetImportRow.year == year,
                BudgetImportRow.kind == kind,
            )
        )
        self.session.add(
            BudgetImportRow(
                municipality=municipality,
                year=year,
                kind=kind,
                filename=filename,
                sha256=sha256,
                encoding=encoding,
                content=content,
                imported_by=imported_by,
                imported_at=imported_at,
                summary=dict(summary),
            )
        )
        self.session.flush()

    def history(self, municipalities: frozenset[str] | None = None) -> list[ImportRecord]:
        """Committed imports, newest first (all, or for some municipalities)."""
        query = select(BudgetImportRow).order_by(BudgetImportRow.imported_at.desc())
        if municipalities is not None:
            query = query.where(BudgetImportRow.municipality.in_(sorted(municipalities)))
        return [
            ImportRecord(
                r.id,
                r.municipality,
                r.year,
                r.kind,
                r.filename,
                r.sha256,
                r.encoding,
                r.imported_by,
                r.imported_at,
                r.summary,
            )
            for r in self.session.scalars(query)
        ]

    def original(self, import_id: int) -> tuple[str, bytes] | None:
        """The original file (name, bytes) of an import."""
        row = self.session.get(BudgetImportRow, import_id)
        return (row.filename, row.content) if row else None

    def function_maps(self, municipality: str) -> list[FunctionMap]:
        """A municipality's own function-map versions (empty: use the defaults)."""
        query = select(FunctionMappingRow).where(FunctionMappingRow.municipality == municipality)
        return [
            FunctionMap.from_rows(r.valid_from, [(f, s, a) for f, s, a in r.rules])
            for r in self.session.scalars(query)
        ]

    def save_function_map(self, municipality: str, version: FunctionMap) -> None:
        """Save one version of a municipality's function map."""
        self.session.merge(
            FunctionMappingRow(
                municipality=municipality,
                valid_from=version.valid_from,
                rules=[list(row) for row in version.to_rows()],
            )
        )

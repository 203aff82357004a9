"""Budget imports in the database: history with the original file, saved header mappings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop.domain.kostra import FunctionMap
from coop.persistence.orm.budget_imports import (
    BudgetImportRow,
    FunctionMappingRow,
    HeaderMappingRow,
)


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
    replaces: ImportRecord | None = None  # the import this one replaced, if any
    in_force: bool = True  # False once a newer import of the same year and kind replaced it


def _plain(r: BudgetImportRow) -> ImportRecord:
    return ImportRecord(
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

    def add(
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
    ) -> int:
        """Keep an import; it replaces (and points at) the newest one of the same year and kind."""
        latest = self.session.scalars(
            select(BudgetImportRow.id)
            .where(
                BudgetImportRow.municipality == municipality,
                BudgetImportRow.year == year,
                BudgetImportRow.kind == kind,
            )
            .order_by(BudgetImportRow.id.desc())
        ).first()
        row = BudgetImportRow(
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
            replaces_id=latest,
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def history(self, municipalities: frozenset[str] | None = None) -> list[ImportRecord]:
        """Every committed import, newest first (all, or for some municipalities)."""
        query = select(BudgetImportRow).order_by(BudgetImportRow.id.desc())
        if municipalities is not None:
            query = query.where(BudgetImportRow.municipality.in_(sorted(municipalities)))
        rows = list(self.session.scalars(query))
        plain = {r.id: _plain(r) for r in rows}
        replaced = {r.replaces_id for r in rows}
        return [
            replace(
                plain[r.id], replaces=plain.get(r.replaces_id or 0), in_force=r.id not in replaced
            )
            for r in rows
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

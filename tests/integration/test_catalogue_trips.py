"""The catalogue's service trips read alone, as every project's assumptions read them.

Expected figures come straight from the shipped catalogue file (plain ``json``), not through
coop's parser; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from coop.domain.assumptions import MAX_TRIPS_PER_YEAR
from coop.domain.errors import InvalidData
from coop.persistence.orm.register import CatalogueEntryRow
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

CATALOGUE = Path(__file__).resolve().parents[2] / "coop" / "reference" / "data"


def _shipped() -> dict[str, int]:
    items = json.loads((CATALOGUE / "service_catalogue.json").read_text(encoding="utf-8"))
    return {item["kode"]: item.get("reiser_per_partner_per_aar", 0) for item in items}


def test_trips_are_the_catalogue_files_figures_and_unknown_codes_are_left_out(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    shipped = _shipped()
    codes = ["barnevern", "ppt", "ingen-slik-tjeneste"]
    with registered as uow:
        found = uow.catalogue.trips(codes)
        every = uow.catalogue.trips(shipped)
    assert found == {c: shipped[c] for c in ("barnevern", "ppt")}
    assert every == shipped
    assert any(v > 0 for v in every.values())  # the file has real estimates to read


def test_an_edited_entry_gives_its_new_figure(registered: SqlAlchemyUnitOfWork) -> None:
    with registered as uow:
        changed = replace(uow.catalogue.get("ppt"), trips_per_partner=7)
        uow.catalogue.save(changed, "admin", datetime.now(UTC))
        uow.commit()
    with registered as uow:
        assert uow.catalogue.trips(["ppt"]) == {"ppt": 7}


def test_a_stored_figure_out_of_bounds_is_refused_with_the_service_named(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    with registered as uow:
        row = uow.session.scalars(
            select(CatalogueEntryRow).where(CatalogueEntryRow.code == "ppt")
        ).one()
        row.data = {**row.data, "reiser_per_partner_per_aar": MAX_TRIPS_PER_YEAR + 1}
        uow.session.flush()
        with pytest.raises(InvalidData, match="«ppt».*0 til 1000"):
            uow.catalogue.trips(["ppt"])

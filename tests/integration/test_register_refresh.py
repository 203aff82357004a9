"""Loading the register twice refreshes it in place: changed rows replaced, none duplicated.

The register is written in one batch (not a merge per row); this checks the batch keeps the
refresh semantics on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace

from coop import services
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.reference.register import read_register


def test_a_second_load_replaces_changed_rows_and_adds_none(uow: SqlAlchemyUnitOfWork) -> None:
    register = read_register()
    assert services.load_register(uow) == len(register) == 357
    salangen = next(m for m in register if m.number == "5522")
    with uow:
        uow.municipalities.upsert(replace(salangen, population=1, name="Endret"))
        uow.commit()
    services.load_register(uow)
    with uow:
        rows = uow.municipalities.list()
        again = {m.number: m for m in rows}
    assert len(rows) == 357
    assert again["5522"].population == salangen.population
    assert again["5522"].name == "Salangen"


def test_names_are_read_for_the_numbers_asked_and_unknown_numbers_left_out(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    # Salangen and Ibestad as the register file spells them; 0000 and 9999 are no kommunenummer.
    with registered:
        names = registered.municipalities.names(["5522", "5514", "0000", "5522", "9999"])
    assert names == {"5522": "Salangen", "5514": "Ibestad"}

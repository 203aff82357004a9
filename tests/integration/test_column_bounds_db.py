"""Issue 15.6: a row that does not fit its column is refused alike on SQLite and PostgreSQL
(bokmål InvalidData before the flush), and nothing is written."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData
from coop.persistence.orm.records import ChangeRow
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"key": "k" * 201}, "Hva som er endret kan være høyst 200 tegn"),
        ({"field": "f\x00"}, "Feltet som er endret inneholder et ugyldig tegn"),
        ({"actor": "a" * 101}, "Brukernavnet kan være høyst 100 tegn"),
    ],
)
def test_a_row_that_does_not_fit_is_refused_before_the_flush_on_both_databases(
    uow: SqlAlchemyUnitOfWork, change: dict[str, str], message: str
) -> None:
    line = {"at": datetime(2026, 12, 3, tzinfo=UTC), "actor": "admin", "kind": "test",
            "key": "k", "field": "f", "old": "", "new": "ny"} | change  # fmt: skip
    with uow:
        uow.session.add(ChangeRow(**line))
        with pytest.raises(InvalidData, match=message):
            uow.commit()
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(ChangeRow)) == 0


def test_a_budget_file_name_too_long_is_refused_by_preview_and_commit_alike(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    from coop import services

    good = b"konto;tjeneste;ansvar;budsjett_2026\n10100;24400;100;1 000 000\n"
    admin = Actor("test", Role.ADMIN)
    messages = []
    for dry_run in (True, False):
        with pytest.raises(InvalidData) as refused:
            services.import_budget(good, "x" * 250 + ".csv", "5522", 2026, admin, demo,
                                   dry_run=dry_run)  # fmt: skip
        messages.append(refused.value.message)
    assert messages[0] == messages[1]
    assert messages[0].startswith("Filnavnet kan være høyst 200 tegn")

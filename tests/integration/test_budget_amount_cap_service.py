"""Issue 15.8 through the use case, on SQLite and PostgreSQL: a file with amounts past the
cap is refused whole (line-numbered), and nothing is written."""

from sqlalchemy import text

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

ADMIN = Actor("test", Role.ADMIN)
HUGE = (
    "konto;tjeneste;budsjett_2026\n"
    + "10100;24400;1 000\n"
    + "10100;24400;9 999 999 999 999 999,99\n" * 20
).encode()


def _counts(uow: SqlAlchemyUnitOfWork) -> tuple[int, int]:
    with uow:
        return (
            int(uow.session.scalar(text("SELECT count(*) FROM baselines")) or 0),
            int(uow.session.scalar(text("SELECT count(*) FROM budget_imports")) or 0),
        )


def test_amounts_past_the_cap_refuse_the_whole_file(demo: SqlAlchemyUnitOfWork) -> None:
    before = _counts(demo)
    result = services.import_budget(HUGE, "h.csv", "5522", 2026, ADMIN, demo)
    assert not result.ok
    assert not result.written
    lines = [e["line"] for e in result.report["errors"]]
    assert lines == list(range(3, 23))
    assert all(
        "100\u00a0000\u00a0000\u00a0000\u00a0kr" in e["message"] for e in result.report["errors"]
    )
    assert _counts(demo) == before

"""Budget imports through the use case, on SQLite and PostgreSQL: all or nothing."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from coop import services
from coop.access import Actor, Forbidden, Role
from coop.unit_of_work import SqlAlchemyUnitOfWork

ADMIN = Actor("test", Role.ADMIN)
# konto = 1 + art (Sogndal layout): 10100 fast lønn (010), 10900 pensjon (090),
# 10990 arbeidsgiveravgift (099), 11500 opplæring (150, not pay); 18700 = art 870 skatt.
GOOD = (
    b"konto;tjeneste;ansvar;budsjett_2026\n"
    b"10100;24400;100;1 000 000\n"
    b"10900;24400;100;150 000\n"
    b"10990;24400;100;100 000\n"
    b"11500;24400;100;250 000\n"
    b"10100;30300;200;400 000\n"
    b"18700;87000;900;-1 900 000\n"
)


def _snapshot(uow: SqlAlchemyUnitOfWork) -> dict[str, int]:
    with uow:
        return {
            t: int(uow.session.scalar(text(f"SELECT count(*) FROM {t}")) or 0)  # noqa: S608
            for t in ("baselines", "budget_imports", "header_mappings")
        }


@pytest.fixture
def demo(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    services.load_demo(uow)
    return uow


def test_a_good_file_becomes_baselines_and_keeps_the_original(demo: SqlAlchemyUnitOfWork) -> None:
    result = services.import_budget(
        GOOD, "salangen_2026.csv", "5522", 2026, ADMIN, demo, now=datetime(2026, 11, 1, tzinfo=UTC)
    )
    assert result.ok
    assert result.written
    barnevern = next(b for b in result.baselines if b.service == "barnevern")
    assert barnevern.gross_cost_nok == Decimal("1500000.00")  # 1 000 000 + 150 000 + …
    assert barnevern.pay_cost_nok == Decimal("1250000.00")  # arts 010 + 090 + 099
    assert barnevern.fte == Decimal("1.47")  # 1 250 000 / 850 000, an estimate
    assert "anslag" in barnevern.basis
    with demo:
        history = demo.imports.history()
        original = demo.imports.original(history[0].id)
    assert [(h.municipality, h.year, h.kind) for h in history] == [("5522", 2026, "budsjett")]
    assert original == ("salangen_2026.csv", GOOD)


def test_reimporting_the_same_year_and_kind_replaces_it(demo: SqlAlchemyUnitOfWork) -> None:
    services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo)
    services.import_budget(
        GOOD.replace(b"1 000 000", b"2 000 000"), "b.csv", "5522", 2026, ADMIN, demo
    )
    with demo:
        history = demo.imports.history()
        rows = demo.baselines.list(["5522"], ["barnevern"], 2026)
    assert [h.filename for h in history] == ["b.csv"]
    assert rows[0].gross_cost_nok == Decimal("2500000.00")


def test_a_broken_line_writes_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    before = _snapshot(demo)
    broken = GOOD.replace(b"150 000", b"15,0,00")
    result = services.import_budget(broken, "feil.csv", "5522", 2026, ADMIN, demo)
    assert not result.ok
    assert not result.written
    assert any("linje 3" in e["message"] for e in result.report["errors"])
    assert _snapshot(demo) == before


def test_a_dry_run_writes_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    before = _snapshot(demo)
    result = services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo, dry_run=True)
    assert result.ok
    assert not result.written
    assert result.baselines
    assert _snapshot(demo) == before


def test_finance_users_import_only_for_their_own_municipality(demo: SqlAlchemyUnitOfWork) -> None:
    salangen = Actor("okonomi", Role.FINANCE, frozenset({"5522"}))
    before = _snapshot(demo)
    with pytest.raises(Forbidden, match="5516"):
        services.import_budget(GOOD, "a.csv", "5516", 2026, salangen, demo)
    assert _snapshot(demo) == before
    assert services.import_budget(GOOD, "a.csv", "5522", 2026, salangen, demo).written


def test_readers_cannot_import(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(Forbidden):
        services.import_budget(GOOD, "a.csv", "5522", 2026, Actor("o", Role.READER), demo)


def test_random_bytes_give_a_report_not_an_exception(demo: SqlAlchemyUnitOfWork) -> None:
    before = _snapshot(demo)
    result = services.import_budget(bytes(range(256)) * 3, "rot.csv", "5522", 2026, ADMIN, demo)
    assert not result.ok
    assert _snapshot(demo) == before

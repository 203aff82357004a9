"""Budget imports through the use case, on SQLite and PostgreSQL: all or nothing."""

import hashlib
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.errors import InvalidData
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.budgets import column_questions, function_maps

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
    assert [(h.filename, h.in_force) for h in history] == [("b.csv", True), ("a.csv", False)]
    assert history[0].replaces is not None
    assert history[0].replaces.filename == "a.csv"
    assert history[1].replaces is None
    assert rows[0].gross_cost_nok == Decimal("2500000.00")


def test_every_import_is_kept_with_who_when_hash_and_what_it_replaced(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    salangen = Actor("kari", Role.FINANCE, frozenset({"5522"}))
    first, second = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 2, tzinfo=UTC)
    services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo, now=first)
    again = GOOD.replace(b"400 000", b"500 000").replace(b"-1 900 000", b"-2 000 000")
    services.import_budget(again, "b.csv", "5522", 2026, salangen, demo, now=second)
    services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo, now=second)
    with demo:
        history = demo.imports.history()
        originals = [demo.imports.original(h.id) for h in history]
    assert [(h.filename, h.imported_by, h.in_force) for h in history] == [
        ("a.csv", "test", True),
        ("b.csv", "kari", False),
        ("a.csv", "test", False),
    ]
    assert history[0].sha256 == hashlib.sha256(GOOD).hexdigest()
    assert history[1].sha256 == hashlib.sha256(again).hexdigest()
    assert [h.replaces.filename if h.replaces else None for h in history] == [
        "b.csv",
        "a.csv",
        None,
    ]
    assert originals == [("a.csv", GOOD), ("b.csv", again), ("a.csv", GOOD)]


def test_a_file_yielding_no_service_is_refused_and_the_last_import_stays(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo)
    before = _snapshot(demo)
    # function 870 (skatt) is no service; 999 is not a function the map knows
    nothing = b"konto;tjeneste;budsjett_2026\n18700;87000;-100\n10100;87000;100\n"
    for dry_run in (True, False):
        result = services.import_budget(
            nothing, "tom.csv", "5522", 2026, ADMIN, demo, dry_run=dry_run
        )
        assert not result.ok
        assert not result.written
        assert any("gir ingen tjeneste" in e["message"] for e in result.report["errors"])
    assert _snapshot(demo) == before
    with demo:
        assert [h.filename for h in demo.imports.history()] == ["a.csv"]
        assert demo.baselines.list(["5522"], ["barnevern"], 2026)[0].basis.endswith(
            "antall ansatte anslått fra årsverk"
        )


def test_a_kommune_column_naming_another_municipality_is_an_error(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    before = _snapshot(demo)
    other = (
        b"kommune;konto;tjeneste;budsjett_2026\n"
        b"5516;10100;24400;1 000 000\n"
        b"5516;18700;87000;-1 000 000\n"
    )
    result = services.import_budget(other, "gratangen.csv", "5522", 2026, ADMIN, demo)
    assert not result.written
    messages = [e["message"] for e in result.report["errors"]]
    assert any("gjelder kommune 5516" in m and "for kommune 5522" in m for m in messages)
    assert _snapshot(demo) == before


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


# ---- «which column is what» and the function map ------------------------------------------

ODD = (
    b"Kontokode;Tenestekode;Vedteke budsjett\n"
    b"10100;24400;1 000 000\n"
    b"10100;30300;400 000\n"
    b"18700;87000;-1 400 000\n"
)


def _function_maps(uow: SqlAlchemyUnitOfWork) -> int:
    with uow:
        return int(uow.session.scalar(text("SELECT count(*) FROM function_mappings")) or 0)


def test_unknown_headers_give_a_question_and_the_answer_is_saved_on_commit(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    before = _snapshot(demo)
    asked = services.import_budget(ODD, "erp.csv", "5522", 2026, ADMIN, demo, dry_run=True)
    assert not asked.ok
    assert asked.question is not None
    assert asked.question.needed
    assert {c.concept: c.selected for c in asked.question.choices} == {
        "function": "Tenestekode",
        "amount": "Vedteke budsjett",
        "art": "Kontokode",
        "ansvar": "",
        "fte": "",
    }
    answer = {c.concept: c.selected for c in asked.question.choices}
    column_map = column_questions.column_map_from_choices(
        asked.question.headers, asked.report["mapping"], answer
    )
    preview = services.import_budget(
        ODD, "erp.csv", "5522", 2026, ADMIN, demo, dry_run=True, column_map=column_map
    )
    assert preview.ok
    assert [preview.service_name(b.service) for b in preview.baselines] == [
        "Barnevern",
        "Kart og oppmåling",
    ]
    assert _snapshot(demo) == before
    services.import_budget(ODD, "erp.csv", "5522", 2026, ADMIN, demo, column_map=column_map)
    with demo:
        assert demo.imports.header_mapping("5522") == column_map


def test_column_choices_name_every_problem() -> None:
    headers = ("a", "b", "c")
    with pytest.raises(InvalidData) as caught:
        column_questions.column_map_from_choices(
            headers, {}, {"function": "b", "art": "b", "fte": "x"}
        )
    message = caught.value.message
    assert "velg hvilken kolonne som er beløp" in message
    assert "kolonnen «b» er valgt både for funksjon (KOSTRA) eller tjeneste og for art" in message
    assert "kolonnen «x» finnes ikke i filen" in message


def test_a_column_the_import_used_but_the_user_moved_is_ignored() -> None:
    used = {"tjeneste": "function", "konto": "art", "belop": "amount"}
    answer = {"function": "funksjon", "amount": "belop"}
    headers = ("tjeneste", "funksjon", "konto", "belop")
    assert column_questions.column_map_from_choices(headers, used, answer) == {
        "funksjon": "function",
        "belop": "amount",
        "tjeneste": "ignore",
        "konto": "ignore",
    }


def test_no_amount_column_for_the_year_is_a_report_error_not_an_exception(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    result = services.import_budget(GOOD, "a.csv", "5522", 2027, ADMIN, demo)
    assert not result.ok
    assert not result.written
    assert (
        "ingen beløpskolonne for 2027 (har: budsjett_2026)" in result.report["errors"][0]["message"]
    )
    assert result.question is not None
    assert result.question.needed


def test_an_own_function_map_is_used_from_its_first_year_on(demo: SqlAlchemyUnitOfWork) -> None:
    rows = [("244", "barnevern", ""), ("303", "ikt-drift", "")]  # odd, but the municipality's own
    function_maps.save_function_map("5522", 2026, rows, ADMIN, demo)
    own = services.import_budget(GOOD, "a.csv", "5522", 2026, ADMIN, demo, dry_run=True)
    assert [b.service for b in own.baselines] == ["barnevern", "ikt-drift"]
    view = function_maps.function_map_view("5522", 2026, ADMIN, demo)
    assert (view.own, view.valid_from, view.versions) == (True, 2026, (2026,))
    assert view.rows == (("244", "barnevern", ""), ("303", "ikt-drift", ""))
    assert ("120", ("ikt-drift", "regnskap-lonn")) in view.shared  # kept from the default

    older = GOOD.replace(b"budsjett_2026", b"budsjett_2025")
    default = services.import_budget(older, "a.csv", "5522", 2025, ADMIN, demo, dry_run=True)
    assert [b.service for b in default.baselines] == ["barnevern", "kart-oppmaling"]
    assert not function_maps.function_map_view("5522", 2025, ADMIN, demo).own


def test_a_bad_function_map_writes_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    rows = [("244", "barnevern", ""), ("999", "ppt", ""), ("329", "fisk", ""), ("", "ppt", "")]
    with pytest.raises(InvalidData) as caught:
        function_maps.save_function_map("5522", 2026, rows, ADMIN, demo)
    assert caught.value.message == (
        "Funksjonskartet ble ikke lagret: rad 2: funksjon 999 finnes ikke i KOSTRA-listen; "
        "rad 3: tjenesten «fisk» finnes ikke i tjenestekatalogen; "
        "rad 4: skriv inn KOSTRA-funksjonen for «PPT»."
    )
    with pytest.raises(InvalidData, match="til både «barnevern» og «ppt»"):
        function_maps.save_function_map(
            "5522", 2026, [("244", "barnevern", ""), ("244", "ppt", "")], ADMIN, demo
        )
    with pytest.raises(InvalidData, match="minst én funksjon"):
        function_maps.save_function_map("5522", 2026, [("244", "", "")], ADMIN, demo)
    with pytest.raises(InvalidData, match="fra 2002"):
        function_maps.save_function_map("5522", 1999, [("244", "barnevern", "")], ADMIN, demo)
    assert _function_maps(demo) == 0


def test_finance_users_edit_only_their_own_function_map(demo: SqlAlchemyUnitOfWork) -> None:
    salangen = Actor("okonomi", Role.FINANCE, frozenset({"5522"}))
    rows = [("244", "barnevern", "")]
    with pytest.raises(Forbidden, match="5516"):
        function_maps.save_function_map("5516", 2026, rows, salangen, demo)
    with pytest.raises(Forbidden, match="5516"):
        function_maps.function_map_view("5516", 2026, salangen, demo)
    with pytest.raises(Forbidden):
        function_maps.function_map_view("5522", 2026, Actor("o", Role.READER), demo)
    assert _function_maps(demo) == 0
    saved = function_maps.save_function_map("5522", 2026, rows, salangen, demo)
    assert saved.service_for("244") == "barnevern"
    assert _function_maps(demo) == 1

"""Issue 15.14: ``coop backup`` / ``coop restore`` give back the same pages and the same rows."""

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence import backup as backups
from coop.persistence import migrate
from coop.persistence.orm.base import Base, make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from web import create_app
from web.cli import main

from ..conftest import CHEAP_HASH, _private_schema, login

ADMIN = Actor("test", Role.ADMIN)
BUDGET = b"konto;tjeneste;budsjett_2026\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"
PAGES = [
    "/",
    "/prosjekter/astafjord-2007",
    "/prosjekter/astafjord-2007/nokler/",
    "/import/",
    "/admin/brukere",
]


def pages(client: Any) -> dict[str, str]:
    out = {}
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        out[url] = re.sub(r'(name="csrf_token" value=)"[^"]*"', r"\1", html)  # signed per second
    return out


def test_restore_gives_back_the_same_pages_in_place_and_in_a_new_database(
    app: Flask, tmp_path: Path
) -> None:
    uow = app.extensions["coop.uow"]
    services.import_budget(BUDGET, "salangen.csv", "5522", 2026, ADMIN, uow())
    client = login(app.test_client(), "admin")
    before = pages(client)
    runner = app.test_cli_runner()
    db = ["--database", app.config["DATABASE_URL"]]
    file = tmp_path / "kopi.zip"
    made = runner.invoke(main, ["backup", str(file), *db])
    assert made.exit_code == 0, made.output
    assert "Sikkerhetskopi skrevet til" in made.output

    changed = BUDGET.replace(b"1 000 000", b"3 000 000")
    services.import_budget(changed, "ny.csv", "5522", 2026, ADMIN, uow())
    services.set_user_active(ADMIN, "ordforer", False, uow())
    assert pages(client) != before

    restored = runner.invoke(main, ["restore", str(file), "--yes", *db])
    assert restored.exit_code == 0, restored.output
    assert pages(client) == before
    with uow() as u:
        assert [h.filename for h in u.imports.history()] == ["salangen.csv"]
        assert u.imports.original(u.imports.history()[0].id) == ("salangen.csv", BUDGET)

    fresh_url = f"sqlite:///{tmp_path}/ny.sqlite"
    into_new = runner.invoke(main, ["restore", str(file), "--yes", "--database", fresh_url])
    assert into_new.exit_code == 0, into_new.output
    other = create_app(
        {**app.config, "DATABASE_URL": fresh_url, "PASSWORD_HASH_METHOD": CHEAP_HASH}
    )
    elsewhere = other.test_client()
    elsewhere.set_cookie("session", client.get_cookie("session").value)  # type: ignore[union-attr]
    assert pages(elsewhere) == before
    login(other.test_client(), "ordforer")  # the restored users log in
    other.extensions["coop.engine"].dispose()


def test_restore_refuses_a_file_that_is_no_backup_and_changes_nothing(
    app: Flask, tmp_path: Path
) -> None:
    client = login(app.test_client(), "admin")
    before = pages(client)
    junk = tmp_path / "ikke.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    result = app.test_cli_runner().invoke(
        main, ["restore", str(junk), "--yes", "--database", app.config["DATABASE_URL"]]
    )
    assert result.exit_code == 2
    assert "ikke.zip er ikke en sikkerhetskopi fra coop" in result.output
    assert pages(client) == before


def fingerprint(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, as text, with moments in UTC (SQLite keeps no zone)."""

    def plain(value: Any) -> str:
        if isinstance(value, datetime):
            value = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
        return repr(value)

    out = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            rows = connection.execute(select(table)).mappings()
            out[table.name] = sorted(repr({k: plain(v) for k, v in r.items()}) for r in rows)
    return out


def _fill(engine: Engine) -> None:
    migrate.upgrade(engine)
    uow = SqlAlchemyUnitOfWork(sessionmaker(engine))
    services.load_demo(uow)
    services.create_demo_users(uow, CHEAP_HASH)
    services.import_budget(
        BUDGET, "salangen.csv", "5522", 2026, ADMIN, uow, now=datetime(2026, 11, 1, tzinfo=UTC)
    )
    services.issue_api_token("styring", uow)


def test_a_backup_restores_row_for_row_on_either_database(engine: Engine, tmp_path: Path) -> None:
    _fill(engine)
    file = tmp_path / "kopi.zip"
    summary = backups.backup(engine, file)
    assert summary.rows["budget_imports"] == 1
    assert summary.rows["users"] == 5  # admin, styring, two finance users, ordforer
    expected = fingerprint(engine)
    target = make_engine(f"sqlite:///{tmp_path}/mål.sqlite")
    backups.restore(target, file)
    assert fingerprint(target) == expected
    target.dispose()
    if engine.dialect.name == "postgresql":
        with _private_schema() as again:
            backups.restore(again, file)
            assert fingerprint(again) == expected
            uow = SqlAlchemyUnitOfWork(sessionmaker(again))  # the id sequences go on
            services.create_first_admin("ny-admin", "et-langt-passord", uow, CHEAP_HASH)
            services.import_budget(BUDGET, "igjen.csv", "5522", 2026, ADMIN, uow)


@pytest.mark.postgres
def test_a_postgresql_backup_is_one_snapshot_of_json_lines(tmp_path: Path) -> None:
    import zipfile

    with _private_schema() as engine:
        _fill(engine)
        file = tmp_path / "pg.zip"
        backups.backup(engine, file)
    with zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
    assert "manifest.json" in names
    assert "tables/budget_imports.jsonl" in names
    assert "database.sqlite" not in names

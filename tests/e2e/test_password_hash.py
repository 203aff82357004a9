"""Production hashes passwords with scrypt; only the tests configure a cheap method."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from coop import services
from coop.domain.access import Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from web import create_app
from web.cli import main
from web.config import Defaults

from ..conftest import CHEAP_HASH, login

STRONG = "scrypt"
# werkzeug writes "method:params$salt$hash"; its scrypt default is n=2^15, r=8, p=1.
SCRYPT_PREFIX = "scrypt:32768:8:1$"


def stored_hash(app: Flask, username: str) -> str:
    with app.extensions["coop.uow"]() as uow:
        user = uow.users.by_username(username)
    assert user is not None
    return user.password_hash


def test_an_app_without_the_setting_hashes_with_scrypt(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, migrated_template: Path
) -> None:
    monkeypatch.delenv("COOP_PASSWORD_HASH_METHOD")
    assert Defaults.PASSWORD_HASH_METHOD == STRONG
    shutil.copy(migrated_template, tmp_path / "prod.sqlite")
    url = f"sqlite:///{tmp_path}/prod.sqlite"
    app = create_app({"SECRET_KEY": "x", "DATABASE_URL": url})
    assert app.config["PASSWORD_HASH_METHOD"] == STRONG
    result = CliRunner().invoke(
        main, ["create-user", "kari", "--database", url, "--password", "langt-passord-1"]
    )
    assert result.exit_code == 0, result.output
    assert stored_hash(app, "kari").startswith(SCRYPT_PREFIX)
    app.extensions["coop.engine"].dispose()


def test_the_use_cases_default_to_scrypt(uow: SqlAlchemyUnitOfWork) -> None:
    services.create_first_admin("kari", "langt-passord-1", uow)
    with uow:
        record = uow.users.by_username("kari")
    assert record is not None
    assert record.password_hash.startswith(SCRYPT_PREFIX)
    assert services.authenticate("kari", "langt-passord-1", uow) is not None


def test_the_configured_method_is_what_the_admin_page_uses(app: Flask) -> None:
    assert CHEAP_HASH != Defaults.PASSWORD_HASH_METHOD
    client = login(app.test_client(), "admin")
    data = {"username": "per", "role": Role.READER.value, "password": "et-langt-passord"}
    assert client.post("/admin/brukere", data=data).status_code == 302
    assert stored_hash(app, "per").startswith("pbkdf2:sha256:1$")
    assert services.authenticate("per", "et-langt-passord", app.extensions["coop.uow"]())

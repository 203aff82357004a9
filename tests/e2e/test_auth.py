from flask import Flask
from flask.testing import FlaskClient

from coop import services
from coop.domain.access import Role
from web import create_app
from web.cli import main

from ..conftest import login


def test_pages_require_login(anonymous: FlaskClient) -> None:
    response = anonymous.get("/")
    assert response.status_code == 302
    assert "/logg-inn" in response.headers["Location"]


def test_wrong_password_is_refused_in_bokmal(anonymous: FlaskClient) -> None:
    response = anonymous.post("/logg-inn", data={"username": "admin", "password": "feil-passord"})
    assert response.status_code == 200
    assert "Feil brukernavn eller passord." in response.get_data(as_text=True)


def test_login_redirects_only_to_local_pages(anonymous: FlaskClient) -> None:
    response = anonymous.post(
        "/logg-inn?next=https://evil.example/",
        data={"username": "styring", "password": services.DEMO_PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_logout_ends_the_session(anonymous: FlaskClient) -> None:
    client = login(anonymous, "ordforer")
    assert client.get("/").status_code == 200
    client.post("/logg-ut")
    assert client.get("/").status_code == 302


def test_api_token_authenticates_without_a_session(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    client = app.test_client()
    assert client.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/", headers={"Authorization": "Bearer feil"}).status_code == 302


def test_login_form_is_csrf_protected(tmp_path: object) -> None:
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/c.sqlite"}
    )
    response = app.test_client().post("/logg-inn", data={"username": "a", "password": "b"})
    assert response.status_code == 400


def test_create_user_cli_makes_an_admin_then_a_finance_user(app: Flask) -> None:
    runner = app.test_cli_runner()
    url = app.config["DATABASE_URL"]
    admin = runner.invoke(
        main, ["create-user", "kari", "--database", url, "--password", "langt-passord-1"]
    )
    assert admin.exit_code == 0, admin.output
    finance = runner.invoke(
        main,
        [
            "create-user",
            "ola",
            "--role",
            "okonomi",
            "--municipality",
            "5518",
            "--password",
            "langt-passord-2",
            "--database",
            url,
        ],
    )
    assert finance.exit_code == 0, finance.output
    record = services.authenticate("ola", "langt-passord-2", app.extensions["coop.uow"]())
    assert record is not None
    assert record.actor.role is Role.FINANCE
    assert record.actor.municipalities == frozenset({"5518"})


def test_create_user_rejects_a_short_password_and_unknown_municipality(app: Flask) -> None:
    runner = app.test_cli_runner()
    url = app.config["DATABASE_URL"]
    short = runner.invoke(main, ["create-user", "kort", "--password", "abc", "--database", url])
    assert short.exit_code == 2
    assert "minst 10 tegn" in short.output
    unknown = runner.invoke(
        main,
        [
            "create-user",
            "per",
            "--role",
            "okonomi",
            "--municipality",
            "9999",
            "--password",
            "langt-passord-3",
            "--database",
            url,
        ],
    )
    assert unknown.exit_code == 2
    assert "9999" in unknown.output

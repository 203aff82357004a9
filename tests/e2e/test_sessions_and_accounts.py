"""Issue 15.10–11: throttled logins across workers, server-side logout, password change,
deactivation, API tokens (web and CLI), a shorter session lifetime."""

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous.timed import TimestampSigner

from coop import services
from web import create_app
from web.cli import main

from ..conftest import CHEAP_HASH, login

NEW = "et-nytt-langt-passord"


def cookie_of(client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    return cookie.value


def with_cookie(app: Flask, value: str) -> FlaskClient:
    other = app.test_client()
    other.set_cookie("session", value)
    return other


def test_an_old_cookie_is_refused_after_logout(app: Flask) -> None:
    client = login(app.test_client(), "admin")
    stolen = cookie_of(client)
    assert with_cookie(app, stolen).get("/admin/brukere").status_code == 200
    client.post("/logg-ut")
    assert with_cookie(app, stolen).get("/admin/brukere").status_code == 302


def test_a_session_lasts_a_working_day_and_the_cookie_says_so(app: Flask) -> None:
    assert app.permanent_session_lifetime.total_seconds() == 8 * 3600
    response = app.test_client().post(
        "/logg-inn", data={"username": "ordforer", "password": services.DEMO_PASSWORD}
    )
    assert "Expires=" in response.headers["Set-Cookie"]


def test_a_session_past_its_lifetime_is_refused(
    tmp_path: Path, app_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(app_template, tmp_path / "short.sqlite")
    short = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "WTF_CSRF_ENABLED": False,
            "DATABASE_URL": f"sqlite:///{tmp_path}/short.sqlite",
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
            "PERMANENT_SESSION_LIFETIME": 1,
        }
    )
    client = login(short.test_client(), "ordforer")
    stolen = cookie_of(client)
    assert with_cookie(short, stolen).get("/").status_code == 200  # within its second
    # Two seconds later by the signer's clock (it stamps and checks whole seconds): no sleep.
    later = int(time.time()) + 2
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: later)
    assert with_cookie(short, stolen).get("/").status_code == 302
    short.extensions["coop.engine"].dispose()


def test_five_wrong_passwords_lock_the_user_in_every_worker(app: Flask) -> None:
    other_worker = create_app({**app.config, "SECRET_KEY": "test"})  # same database
    for _ in range(5):
        response = app.test_client().post(
            "/logg-inn", data={"username": "styring", "password": "feil-passord"}
        )
        assert "Feil brukernavn eller passord." in response.get_data(as_text=True)
    refused = other_worker.test_client().post(
        "/logg-inn", data={"username": "styring", "password": services.DEMO_PASSWORD}
    )
    assert refused.status_code == 429
    assert "For mange mislykkede innlogginger" in refused.get_data(as_text=True)
    login(app.test_client(), "ordforer")  # others still get in
    other_worker.extensions["coop.engine"].dispose()


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(app: Flask) -> None:
    laptop = login(app.test_client(), "styring")
    phone = login(app.test_client(), "styring")
    wrong = laptop.post("/konto/passord", data={"current": "feil", "new": NEW, "repeated": NEW})
    assert wrong.status_code == 422
    assert "Det nåværende passordet er feil." in wrong.get_data(as_text=True)
    response = laptop.post(
        "/konto/passord",
        data={"current": services.DEMO_PASSWORD, "new": NEW, "repeated": NEW},
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200
    assert phone.get("/").status_code == 302
    uow = app.extensions["coop.uow"]
    assert services.authenticate("styring", NEW, uow(), hash_method=CHEAP_HASH) is not None
    assert services.authenticate("styring", services.DEMO_PASSWORD, uow()) is None


def test_a_new_password_must_be_repeated_and_long_enough(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    short = {"current": services.DEMO_PASSWORD, "new": "kort", "repeated": "kort"}
    assert "minst 10 tegn" in client.post("/konto/passord", data=short).get_data(as_text=True)
    differ = {"current": services.DEMO_PASSWORD, "new": NEW, "repeated": NEW + "x"}
    assert "ikke like" in client.post("/konto/passord", data=differ).get_data(as_text=True)


def test_the_admin_deactivates_a_user_who_is_logged_out_at_once(app: Flask) -> None:
    token = services.issue_api_token("ordforer", app.extensions["coop.uow"]())
    mayor = login(app.test_client(), "ordforer")
    admin = login(app.test_client(), "admin")
    assert admin.post("/admin/brukere/ordforer/deaktiver").status_code == 302
    assert "Brukeren «ordforer» er deaktivert" in admin.get("/admin/brukere").get_data(as_text=True)
    assert mayor.get("/").status_code == 302
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/projects", headers=bearer).status_code == 401
    response = app.test_client().post(
        "/logg-inn", data={"username": "ordforer", "password": services.DEMO_PASSWORD}
    )
    assert "Feil brukernavn eller passord." in response.get_data(as_text=True)
    assert admin.post("/admin/brukere/ordforer/aktiver").status_code == 302
    login(app.test_client(), "ordforer")


def test_only_an_admin_deactivates_and_never_themselves(app: Flask) -> None:
    steering = login(app.test_client(), "styring")
    assert steering.post("/admin/brukere/ordforer/deaktiver").status_code == 403
    admin = login(app.test_client(), "admin")
    response = admin.post("/admin/brukere/admin/deaktiver")
    assert response.status_code == 422
    assert "deaktivere deg selv" in response.get_data(as_text=True)


def _shown_token(page: str) -> str:
    found = re.search(r'<code id="nytt-token">([A-Za-z0-9_-]+)</code>', page)
    assert found is not None, page
    return found[1]


def test_a_user_creates_rotates_and_revokes_api_tokens_on_the_account_page(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    created = client.post("/konto/tokens", data={"label": "rapportverktøy"})
    assert created.status_code == 201
    first = _shown_token(created.get_data(as_text=True))
    api = app.test_client()
    assert api.get("/api/projects", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    page = client.get("/konto/").get_data(as_text=True)
    assert "rapportverktøy" in page
    assert first not in page  # shown once only
    token_id = re.search(r"/konto/tokens/(\d+)/forny", page)
    assert token_id is not None
    rotated = client.post(f"/konto/tokens/{token_id[1]}/forny")
    second = _shown_token(rotated.get_data(as_text=True))
    assert api.get("/api/projects", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert (
        api.get("/api/projects", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    )
    page = client.get("/konto/").get_data(as_text=True)
    new_id = re.search(r"/konto/tokens/(\d+)/trekk-tilbake", page)
    assert new_id is not None
    assert client.post(f"/konto/tokens/{new_id[1]}/trekk-tilbake").status_code == 302
    assert (
        api.get("/api/projects", headers={"Authorization": f"Bearer {second}"}).status_code == 401
    )
    assert "Du har ingen API-token." in client.get("/konto/").get_data(as_text=True)


def test_nobody_revokes_another_users_token_from_the_account_page(app: Flask) -> None:
    services.issue_api_token("ordforer", app.extensions["coop.uow"](), "ordførers")
    with app.extensions["coop.uow"]() as uow:
        (theirs,) = uow.users.tokens("ordforer")
    client = login(app.test_client(), "styring")
    assert client.post(f"/konto/tokens/{theirs.id}/trekk-tilbake").status_code == 404


def test_the_cli_changes_passwords_deactivates_and_manages_tokens(app: Flask) -> None:
    runner = app.test_cli_runner()
    db = ["--database", app.config["DATABASE_URL"]]
    uow = app.extensions["coop.uow"]
    result = runner.invoke(main, ["change-password", "styring", "--password", NEW, *db])
    assert result.exit_code == 0, result.output
    assert services.authenticate("styring", NEW, uow(), hash_method=CHEAP_HASH) is not None
    short = runner.invoke(main, ["change-password", "styring", "--password", "kort", *db])
    assert short.exit_code == 2
    assert "minst 10 tegn" in short.output
    created = runner.invoke(main, ["tokens", "create", "styring", "--label", "skript", *db])
    assert created.exit_code == 0, created.output
    token = created.output.rsplit(" ", 1)[-1].strip()
    assert services.user_for_token(token, uow()) is not None
    listed = runner.invoke(main, ["tokens", "list", "styring", *db])
    assert "styring «skript»" in listed.output
    assert "aldri brukt" not in listed.output  # it was just used
    token_id = listed.output.split(":", 1)[0]
    rotated = runner.invoke(main, ["tokens", "rotate", "styring", token_id, *db])
    assert rotated.exit_code == 0, rotated.output
    assert services.user_for_token(token, uow()) is None
    new_token = rotated.output.rsplit(" ", 1)[-1].strip()
    assert services.user_for_token(new_token, uow()) is not None
    listed = runner.invoke(main, ["tokens", "list", "--json", *db])
    (entry,) = [t for t in json.loads(listed.output) if t["username"] == "styring"]
    revoked = runner.invoke(main, ["tokens", "revoke", "styring", str(entry["id"]), *db])
    assert revoked.exit_code == 0, revoked.output
    assert services.user_for_token(new_token, uow()) is None
    gone = runner.invoke(main, ["tokens", "revoke", "styring", str(entry["id"]), *db])
    assert gone.exit_code == 2
    assert "har ikke API-token" in gone.output
    off = runner.invoke(main, ["deactivate-user", "styring", *db])
    assert off.exit_code == 0, off.output
    assert services.authenticate("styring", NEW, uow(), hash_method=CHEAP_HASH) is None
    unknown = runner.invoke(main, ["deactivate-user", "finnes-ikke", *db])
    assert unknown.exit_code == 2
    assert "Fant ikke brukeren «finnes-ikke»" in unknown.output


def test_behind_a_trusted_proxy_each_client_address_is_throttled_apart(app: Flask) -> None:
    proxied = create_app({**app.config, "TRUSTED_PROXIES": 1})  # same database
    client = proxied.test_client()

    def attempt(user: str, password: str, address: str) -> int:
        data = {"username": user, "password": password}
        headers = {"X-Forwarded-For": address}
        return client.post("/logg-inn", data=data, headers=headers).status_code

    for i in range(20):  # one address guesses twenty user names
        assert attempt(f"gjett{i}", "feil-passord", "192.0.2.1") == 200
    assert attempt("styring", services.DEMO_PASSWORD, "192.0.2.1") == 429
    assert attempt("styring", services.DEMO_PASSWORD, "192.0.2.2") == 302
    proxied.extensions["coop.engine"].dispose()

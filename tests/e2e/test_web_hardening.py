"""Issue 15.13: CSRF only skipped for a real token, bokmål CSRF messages, no-store, Secure
cookies, no version banner, 403 for another municipality's import, a small JSON body limit."""

import io
import json
import threading
import urllib.request
from pathlib import Path

from flask import Flask
from werkzeug.serving import make_server

from coop import services
from web import create_app
from web.cli.setup import PlainHandler

from ..conftest import CHEAP_HASH, login

NEW_PROJECT = {"name": "Prøve", "members": ["5516", "5518"], "services": ["barnevern"]}


def test_an_invalid_bearer_token_does_not_skip_csrf_for_a_session(app: Flask) -> None:
    client = login(app.test_client(), "admin")  # a session cookie, but no X-CSRFToken
    response = client.post(
        "/api/projects", json=NEW_PROJECT, headers={"Authorization": "Bearer ikke-et-token"}
    )
    assert response.status_code == 401
    assert client.get("/api/projects").get_json() is not None
    slugs = [p["slug"] for p in client.get("/api/projects").get_json()]
    assert not any(s.startswith("prove") for s in slugs)


def test_a_valid_bearer_token_writes_without_csrf(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    response = app.test_client().post(
        "/api/projects", json=NEW_PROJECT, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 201, response.get_data(as_text=True)


def test_a_session_write_without_the_csrf_header_is_refused_in_bokmal(app: Flask) -> None:
    client = login(app.test_client(), "admin")
    response = client.post("/api/projects", json=NEW_PROJECT)
    assert response.status_code == 400
    assert "X-CSRFToken" in response.get_json()["error"]["message"]


def test_csrf_failures_on_forms_are_explained_in_bokmal(tmp_path: Path) -> None:
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/c.sqlite"}
    )
    response = app.test_client().post("/logg-inn", data={"username": "a", "password": "b"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Skjemaet mangler sikkerhetsnøkkel (CSRF)." in page
    assert "The CSRF token" not in page


def test_logged_in_pages_are_not_stored_by_caches(app: Flask, anonymous: object) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.get("/api/projects").headers["Cache-Control"] == "no-store"
    assert app.test_client().get("/logg-inn").headers["Cache-Control"] == "no-store"


def test_cookies_are_secure_when_served_over_https(tmp_path: Path, app: Flask) -> None:
    https = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "WTF_CSRF_ENABLED": False,
            "HTTPS": True,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "PASSWORD_HASH_METHOD": CHEAP_HASH,
        }
    )
    response = https.test_client().post(
        "/logg-inn", data={"username": "admin", "password": services.DEMO_PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = login(app.test_client(), "admin")
    assert "Secure" not in plain.post("/logg-ut").headers.get("Set-Cookie", "")
    https.extensions["coop.engine"].dispose()


def test_the_server_header_names_no_versions(app: Flask) -> None:
    server = make_server("127.0.0.1", 0, app, request_handler=PlainHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/logg-inn"
        with urllib.request.urlopen(url) as response:  # noqa: S310 - a local test server
            assert response.headers["Server"] == "coop"
    finally:
        server.shutdown()
        thread.join()


def test_importing_another_municipalitys_file_is_forbidden_not_invalid(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    data = b"konto;tjeneste;budsjett_2026\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"
    response = client.post(
        "/import/forhandsvis",
        data={"municipality": "5516", "year": "2026", "file": (io.BytesIO(data), "b.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403


def test_a_json_body_over_two_megabytes_is_refused_before_parsing(app: Flask) -> None:
    token = services.issue_api_token("styring", app.extensions["coop.uow"]())
    body = json.dumps({**NEW_PROJECT, "description": "x" * (2 * 1024 * 1024)})
    response = app.test_client().post(
        "/api/projects",
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["type"]

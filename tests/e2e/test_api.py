import re

from flask import Flask
from flask.testing import FlaskClient

from coop import services

from ..conftest import login


def token(app: Flask, username: str) -> dict[str, str]:
    value = services.issue_api_token(username, app.extensions["coop.uow"]())
    return {"Authorization": f"Bearer {value}"}


def test_projects_are_listed_with_decimal_strings(app: Flask) -> None:
    response = app.test_client().get("/api/projects", headers=token(app, "ordforer"))
    assert response.status_code == 200
    seed = next(p for p in response.get_json() if p["slug"] == "astafjord-2007")
    assert seed["fte_total"] == "19.70"


def test_api_without_credentials_gives_401_json(app: Flask) -> None:
    response = app.test_client().get("/api/projects")
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == "Du må logge inn"


def test_unknown_project_gives_404_json(app: Flask) -> None:
    response = app.test_client().get("/api/projects/nei", headers=token(app, "styring"))
    assert response.status_code == 404
    assert "Fant ikke samarbeidsprosjektet «nei»" in response.get_json()["error"]["message"]


def _body(version: int | None, host: str = "5518") -> dict[str, object]:
    return {
        "version": version,
        "policy": "Retningslinjer 2007",
        "arrangements": [
            {
                "service": "barnevern",
                "host": host,
                "participants": ["5516", "5518", "5522"],
                "joint_fte": "4.5",
            },
        ],
    }


def test_steering_group_updates_a_scenario_with_its_version(app: Flask) -> None:
    client = app.test_client()
    url = "/api/projects/astafjord-2007/scenarios/Ordførergruppas forslag 2007"
    response = client.put(url, json=_body(1), headers=token(app, "styring"))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["version"] == 2
    stale = client.put(url, json=_body(1, "5516"), headers=token(app, "styring"))
    assert stale.status_code == 409
    assert "endret av noen andre" in stale.get_json()["error"]["message"]


def test_finance_and_readers_cannot_write_scenarios(app: Flask) -> None:
    client = app.test_client()
    url = "/api/projects/astafjord-2007/scenarios/Nytt"
    for user in ("okonomi-salangen", "ordforer"):
        response = client.put(url, json=_body(None), headers=token(app, user))
        assert response.status_code == 403, user


def test_session_writes_need_the_csrf_header(csrf_app: Flask) -> None:
    app = csrf_app
    client = app.test_client()
    page = client.get("/logg-inn").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert csrf is not None
    client.post(
        "/logg-inn",
        data={"username": "styring", "password": services.DEMO_PASSWORD, "csrf_token": csrf[1]},
    )
    url = "/api/projects/astafjord-2007/scenarios/Ny"
    assert client.put(url, json=_body(None)).status_code == 400
    ok = client.put(url, json=_body(None), headers={"X-CSRFToken": csrf[1]})
    assert ok.status_code == 201


def test_openapi_document_lists_every_api_rule(app: Flask) -> None:
    document = app.test_client().get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        assert path in document["paths"], path
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            assert method.lower() in document["paths"][path], (path, method)


def test_me_reports_role_and_municipalities(client: FlaskClient, app: Flask) -> None:
    response = app.test_client().get("/api/me", headers=token(app, "okonomi-salangen"))
    assert response.get_json() == {
        "username": "okonomi-salangen",
        "role": "okonomi",
        "municipalities": ["5522"],
    }
    login(client, "admin")

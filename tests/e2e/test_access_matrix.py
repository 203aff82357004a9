"""Every route declares its access rule, and every role gets exactly what the rule allows."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from coop.domain.access import Role

from ..conftest import login

USERS = {
    Role.ADMIN: "admin",
    Role.STEERING: "styring",
    Role.FINANCE: "okonomi-salangen",
    Role.READER: "ordforer",
}
SAMPLE_ARGS = {
    "slug": "astafjord-2007",
    "name": "Vedtak 2007",
    "scenario": "Vedtak 2007",
    "service": "barnevern",
}


def _rules(app: Flask) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        out.append((rule.endpoint, rule.rule, getattr(view, "access_rule", ())))
    return out


def test_every_route_declares_an_access_rule(app: Flask) -> None:
    missing = [endpoint for endpoint, _, access in _rules(app) if not access]
    assert missing == []


def _get_routes(app: Flask) -> list[tuple[str, tuple[str, ...]]]:
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or "GET" not in (rule.methods or set()):
            continue
        url = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: SAMPLE_ARGS[m.group(1)], rule.rule)
        routes.append((url, getattr(app.view_functions[rule.endpoint], "access_rule", ())))
    return routes


@pytest.mark.parametrize("role", list(USERS))
def test_each_role_gets_exactly_the_get_routes_its_rule_allows(app: Flask, role: Role) -> None:
    client: FlaskClient = login(app.test_client(), USERS[role])
    for url, access in _get_routes(app):
        status = client.get(url).status_code
        allowed = access in {("innlogget",), ("offentlig",)} or role is Role.ADMIN or role in access
        if allowed:
            assert status in {200, 302}, (url, role, status)
        else:
            assert status == 403, (url, role, status)


def test_anonymous_users_reach_only_public_routes(app: Flask) -> None:
    client = app.test_client()
    for url, access in _get_routes(app):
        status = client.get(url).status_code
        if access == ("offentlig",):
            assert status == 200, url
        else:
            assert status == (401 if url.startswith("/api") else 302), url

"""Every route declares its access rule, and every role gets exactly what the rule allows."""

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from coop.domain.access import Role
from coop.domain.jobs import Job

from ..conftest import QueueOnly, login

USERS = {
    Role.ADMIN: "admin",
    Role.STEERING: "styring",
    Role.FINANCE: "okonomi-salangen",
    Role.READER: "ordforer",
}
SAMPLE_ARGS = {
    "slug": "astafjord-2007",
    "name": "Ordførergruppas forslag 2007",
    "scenario": "Ordførergruppas forslag 2007",
    "service": "barnevern",
    "number": "5522",  # Salangen, a member of the sample project
    "job_id": "matrisejobb",  # a job of the logged-in user (jobs are seen by their owner)
}


def _job_of(app: Flask, username: str) -> None:
    """A finished job with the sample id and a file, owned by ``username``."""
    from datetime import UTC, datetime

    from coop.domain.jobs import JobStatus

    with app.extensions["coop.uow"]() as uow:
        now = datetime.now(UTC)
        uow.jobs.add(Job("matrisejobb", "placement", username, None, {}, JobStatus.QUEUED, now, 60))
        pdf = {"filename": "a.pdf", "mimetype": "application/pdf", "file_base64": "JVBERi0="}
        uow.jobs.claim("matrisejobb", now)
        uow.jobs.finish("matrisejobb", JobStatus.DONE, now, pdf)
        uow.commit()


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
    # Two GET routes start a PDF job (agreement, case package): the matrix checks who may start
    # one (the 303), not WeasyPrint, which tests/e2e/test_pdf_jobs.py runs; threads rendering
    # PDFs beside the requests, then a teardown waiting for them, cost seconds per role.
    QueueOnly.install(app)
    _job_of(app, USERS[role])
    client: FlaskClient = login(app.test_client(), USERS[role])
    for url, access in _get_routes(app):
        status = client.get(url).status_code
        allowed = access in {("innlogget",), ("offentlig",)} or role is Role.ADMIN or role in access
        if allowed:
            assert status in {200, 302, 303}, (url, role, status)  # 303: a job started
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


BARDU, MALSELV, SORREISA, SALANGEN = "5520", "5524", "5526", "5522"
STEERING = {Role.STEERING}
WRITES: list[tuple[str, str, object, set[Role], int]] = [
    # (method, url, JSON body, roles allowed besides admin, status when allowed), in order
    ("POST", "/api/projects",
     {"slug": "ny", "name": "Ny", "members": [BARDU, MALSELV], "services": ["ppt"]}, STEERING, 201),
    ("PATCH", "/api/projects/matrise", {"name": "Matrise 2", "version": 1}, STEERING, 200),
    ("POST", "/api/projects/matrise/members", {"member": SORREISA}, STEERING, 201),
    ("DELETE", f"/api/projects/matrise/members/{SORREISA}", None, STEERING, 200),
    ("POST", "/api/projects/matrise/services", {"code": "legevakt"}, STEERING, 201),
    ("DELETE", "/api/projects/matrise/services/legevakt", None, STEERING, 200),
    ("PUT", f"/api/projects/matrise/participation/ppt/{BARDU}", {"status": "kan_bli_med"},
     STEERING, 200),
    ("PUT", f"/api/projects/matrise/baselines/barnevern/{SALANGEN}/2026",
     {"basis": "budsjett", "fte": 2}, {Role.STEERING, Role.FINANCE}, 200),
    ("PUT", f"/api/projects/matrise/baselines/barnevern/{BARDU}/2026",
     {"basis": "budsjett", "fte": 2}, STEERING, 200),  # okonomi-salangen: not Bardu's figures
    ("PUT", f"/api/projects/matrise/travel/{BARDU}/{MALSELV}", {"km": 40, "minutes": 35},
     STEERING, 200),
    ("DELETE", f"/api/projects/matrise/travel/{BARDU}/{MALSELV}", None, STEERING, 200),
    ("POST", "/api/projects/matrise/travel/import",
     {"filename": "r.csv", "content": "fra;til;km\nBardu;Salangen;70\n"}, STEERING, 200),
    ("PUT", "/api/projects/matrise/assumptions", {"efficiency_gain_pct": 8}, STEERING, 200),
    ("POST", "/api/projects/import", "EXPORT", STEERING, 201),
    ("PUT", "/api/projects/matrise/scenarios/Ny",
     {"arrangements": [{"service": "ppt", "host": MALSELV, "participants": [MALSELV, SALANGEN]}]},
     STEERING, 201),
    ("DELETE", "/api/projects/matrise/scenarios/Ny", None, STEERING, 200),
    ("DELETE", "/api/projects/matrise/cost-keys/Folketall", None, STEERING, 200),
    ("DELETE", "/api/projects/matrise/policies/Retningslinjer 2007", None, STEERING, 200),
    ("POST", "/api/projects/matrise/placement", {"top": "en"}, STEERING, 422),  # no solve needed
    ("POST", "/api/jobs/matrisejobb/cancel", None, set(Role), 200),  # one's own job
    ("POST", "/api/regions", {"service": "barnevern", "county": "55", "everywhere": True},
     STEERING, 422),  # two areas: refused before anything is queued
    ("POST", "/api/projects/matrise/services/ppt/split", {"methods": ["kaffe"]}, set(Role), 422),
]  # fmt: skip


def _rule_of(url: str) -> str:
    return re.sub(
        r"/(5\d{3}|2026|ny|legevakt|ppt|barnevern|Ny|matrisejobb|Folketall|Retningslinjer 2007)"
        r"(?=/|$)",
        "/*",
        url,
    )


def test_every_api_write_route_is_in_the_write_matrix(app: Flask) -> None:
    covered = {(m, _rule_of(u).replace("/matrise", "/*")) for m, u, *_ in WRITES}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        for method in (rule.methods or set()) - {"GET", "HEAD", "OPTIONS"}:
            path = re.sub(r"<(?:[^:<>]+:)?[^<>]+>", "*", rule.rule)
            assert (method, path) in covered, (method, rule.rule)


@pytest.mark.parametrize("role", list(USERS))
def test_each_role_may_make_exactly_the_api_writes_its_role_allows(app: Flask, role: Role) -> None:
    from coop import services
    from coop.domain.access import SYSTEM

    uow = app.extensions["coop.uow"]
    services.create_project("Matrise", [BARDU, MALSELV, SALANGEN], ["barnevern", "ppt"], SYSTEM,
                            uow(), slug="matrise")  # fmt: skip
    for username in USERS.values():  # members of the project: the role alone decides
        services.grant_access("matrise", username, SYSTEM, uow())
    _job_of(app, USERS[role])
    exported = services.export_project("matrise", SYSTEM, uow())
    exported["prosjekt"]["kode"] = "matrise-kopi"
    headers = {"Authorization": f"Bearer {services.issue_api_token(USERS[role], uow())}"}
    client = app.test_client()
    for method, url, body, allowed, status in WRITES:
        payload = exported if body == "EXPORT" else body
        response = client.open(url, method=method, json=payload, headers=headers)
        expected = status if role is Role.ADMIN or role in allowed else 403
        assert response.status_code == expected, (method, url, role, response.get_json())

"""The JSON API for the engines: transition cost, compare, placement, cost split, cost keys."""

from decimal import Decimal

import pytest
from flask import Flask

from coop import services
from coop.domain.access import SYSTEM

from ..conftest import QueueOnly
from .test_api import token

SLUG = "astafjord-2007"


def test_transition_cost_matches_the_use_case(app: Flask) -> None:
    response = app.test_client().get(
        f"/api/projects/{SLUG}/scenarios/Ordførergruppas forslag 2007/transition-cost",
        headers=token(app, "ordforer"),
    )
    assert response.status_code == 200
    data = response.get_json()
    expected = services.transition_cost(
        SLUG, "Ordførergruppas forslag 2007", app.extensions["coop.uow"]()
    )
    assert Decimal(data["total_nok"]) == expected.total_nok
    assert data["map_svg"] is None


def test_compare_two_options_against_a_savings_target(app: Flask) -> None:
    response = app.test_client().get(
        f"/api/projects/{SLUG}/compare",
        query_string=[
            ("scenario", "Ordførergruppas forslag 2007"),
            ("scenario", "Alt i Salangen"),
            ("savings_target", "1000000"),
        ],
        headers=token(app, "okonomi-salangen"),
    )
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert [o["name"] for o in data["options"]] == [
        "Ordførergruppas forslag 2007",
        "Alt i Salangen",
    ]
    assert data["savings_target_nok"] == "1000000"


def test_placement_with_a_lock_and_a_forbidden_host(app: Flask) -> None:
    body = {
        "scenario": "Ordførergruppas forslag 2007",
        "locks": {"barnevern": "5522"},
        "forbids": {"ikt-drift": ["5522"]},
        "top": 2,
    }
    headers = token(app, "styring")
    client = app.test_client()
    response = client.post(f"/api/projects/{SLUG}/placement", json=body, headers=headers)
    assert response.status_code == 202, response.get_json()
    started = response.get_json()
    assert response.headers["Location"] == f"/api/jobs/{started['id']}"
    assert started["status"] == "queued"
    app.extensions["coop.jobs"].wait(started["id"], 120)
    job = client.get(response.headers["Location"], headers=headers).get_json()
    assert job["status"] == "done", job["error"]
    best = job["result"]["best"]
    assert best["hosts"]["barnevern"] == "5522"
    assert best["hosts"]["ikt-drift"] != "5522"
    expected = services.propose_hosts(
        SLUG,
        app.extensions["coop.uow"](),
        services.PlacementRequest(
            locks={"barnevern": "5522"}, forbids=(("ikt-drift", "5522"),), top=2
        ),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    assert Decimal(best["objective_nok"]) == expected.best.objective_nok


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"top": "fem"}, "top må være et helt tall"),
        ({"locks": ["barnevern"]}, "locks må være et objekt"),
        ({"forbids": {"barnevern": "5522"}}, "forbids.barnevern må være en liste"),
        ({"max_net_loss_fte": True}, "max_net_loss_fte må være et tall"),
    ],
)
def test_bad_placement_rules_are_a_422_naming_the_field(
    app: Flask, body: dict[str, object], message: str
) -> None:
    response = app.test_client().post(
        f"/api/projects/{SLUG}/placement", json=body, headers=token(app, "styring")
    )
    assert response.status_code == 422
    assert message in response.get_json()["error"]["message"]


def test_readers_may_not_run_the_optimiser(app: Flask) -> None:
    response = app.test_client().post(
        f"/api/projects/{SLUG}/placement", json={}, headers=token(app, "ordforer")
    )
    assert response.status_code == 403


def test_split_by_one_method_and_by_all(app: Flask) -> None:
    client = app.test_client()
    url = f"/api/projects/{SLUG}/services/barnevern/split"
    one = client.get(url, query_string={"method": "shapley"}, headers=token(app, "ordforer"))
    assert one.status_code == 200
    [shapley] = one.get_json()
    expected = services.split_service(SLUG, "barnevern", app.extensions["coop.uow"](), ("shapley",))
    assert {k: Decimal(v) for k, v in shapley["allocation"].items()} == dict(expected[0].allocation)
    every = client.get(url, headers=token(app, "ordforer")).get_json()
    assert [r["method"] for r in every] == list(services.METHODS)
    bad = client.get(url, query_string={"method": "lottery"}, headers=token(app, "ordforer"))
    assert bad.status_code == 422
    assert "Ukjent metode «lottery»" in bad.get_json()["error"]["message"]


def test_cost_keys_are_listed_with_their_use(app: Flask) -> None:
    response = app.test_client().get(
        f"/api/projects/{SLUG}/cost-keys", headers=token(app, "ordforer")
    )
    assert response.status_code == 200
    data = response.get_json()
    assert data["editable"] is False
    assert {k["name"] for k in data["keys"]} >= set(data["used_by"])


def test_an_impossible_efficiency_gain_is_refused(app: Flask) -> None:
    response = app.test_client().get(
        f"/api/projects/{SLUG}/services/barnevern/split",
        query_string={"efficiency_gain_pct": "-50"},
        headers=token(app, "ordforer"),
    )
    assert response.status_code == 422
    assert "minst 0 og under 100 %" in response.get_data(as_text=True)


def test_a_placement_job_can_be_cancelled_and_only_its_owner_sees_it(app: Flask) -> None:
    queue = QueueOnly.install(app)  # every worker busy: the job stays queued
    client = app.test_client()
    started = client.post(
        f"/api/projects/{SLUG}/placement", json={"top": 1}, headers=token(app, "styring")
    )
    assert started.status_code == 202
    location = started.headers["Location"]
    assert location.endswith(queue.jobs[0].id)
    assert client.get(location, headers=token(app, "okonomi-salangen")).status_code == 404
    cancelled = client.post(location + "/cancel", headers=token(app, "styring"))
    assert cancelled.status_code == 200
    assert cancelled.get_json()["status"] == "cancelled"
    after = client.get(location, headers=token(app, "styring")).get_json()
    assert after["status"] == "cancelled"
    assert after["status_label"] == "Avbrutt"
    assert after["result"] is None


SEVEN = ["5514", "5516", "5518", "5520", "5522", "5524", "5526"]


def test_a_split_of_seven_partners_is_a_job_not_a_request(app: Flask) -> None:
    """Above the inline rule (six partners) GET refuses; POST starts a job that says why."""
    uow = app.extensions["coop.uow"]
    services.create_project("Sju", SEVEN, ["ppt"], SYSTEM, uow(), slug="sju")
    services.grant_access("sju", "styring", SYSTEM, uow())
    client, headers = app.test_client(), token(app, "styring")
    refused = client.get("/api/projects/sju/services/ppt/split", headers=headers)
    assert refused.status_code == 422
    assert "flere enn 6 deltakere" in refused.get_json()["error"]["message"]
    started = client.post(
        "/api/projects/sju/services/ppt/split", json={"methods": ["nucleolus"]}, headers=headers
    )
    assert started.status_code == 202
    app.extensions["coop.jobs"].wait(started.get_json()["id"], 120)
    job = client.get(started.headers["Location"], headers=headers).get_json()
    assert job["status"] == "failed"  # a new project has no baselines yet: named, not a 500
    assert job["error"].startswith("Mangler grunnlagstall for «Pedagogisk-psykologisk tjeneste")


def test_a_split_job_gives_what_the_request_gives_and_adds_up(app: Flask) -> None:
    client, headers = app.test_client(), token(app, "ordforer")
    url = f"/api/projects/{SLUG}/services/barnevern/split"
    body = {"methods": ["nucleolus", "shapley"], "scenario": "Ordførergruppas forslag 2007"}
    started = client.post(url, json=body, headers=headers)
    assert started.status_code == 202, started.get_json()
    app.extensions["coop.jobs"].wait(started.get_json()["id"], 120)
    job = client.get(started.headers["Location"], headers=headers).get_json()
    assert job["status"] == "done", job["error"]
    inline = client.get(
        url,
        query_string={"method": "nucleolus", "scenario": "Ordførergruppas forslag 2007"},
        headers=headers,
    ).get_json()
    results = job["result"]["results"]
    assert [r["method"] for r in results] == ["nucleolus", "shapley"]
    assert results[0]["allocation"] == inline[0]["allocation"]
    for r in results:
        assert sum(int(v) for v in r["allocation"].values()) == int(r["total_nok"])


def test_a_fourth_unfinished_job_is_a_429(app: Flask) -> None:
    QueueOnly.install(app)  # every worker busy: the jobs stay queued
    client, headers = app.test_client(), token(app, "styring")
    url = f"/api/projects/{SLUG}/placement"
    assert [client.post(url, json={}, headers=headers).status_code for _ in range(3)] == [202] * 3
    refused = client.post(url, json={}, headers=headers)
    assert refused.status_code == 429
    assert "allerede 3 jobber i kø eller i gang" in refused.get_json()["error"]["message"]

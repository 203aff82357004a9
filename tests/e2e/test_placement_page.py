"""The placement page: the optimiser runs as a background job; the page follows it."""

from urllib.parse import parse_qs, urlsplit

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from coop import services
from coop.domain.access import SYSTEM

from ..conftest import QueueOnly, login

URL = "/prosjekter/astafjord-2007/plassering/"


def run(app: Flask, client: FlaskClient, query: dict[str, object]) -> TestResponse:
    """Start the optimiser (303 at once), wait for the job, then read the page it points to."""
    started = client.get(URL, query_string=query)
    assert started.status_code == 303, started.get_data(as_text=True)
    job_id = parse_qs(urlsplit(started.location).query)["jobb"][0]
    app.extensions["coop.jobs"].wait(job_id, 120)
    return client.get(started.location)


LOCKS_2007 = {
    "las-barnevern": "5522",
    "las-ikt-drift": "5522",
    "las-regnskap-lonn": "5518",
    "las-skatt-innfordring": "5516",
    "las-kart-oppmaling": "5516",
}


def test_steering_group_runs_the_optimiser_and_sees_ranked_options(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = run(
        app, client, {"kjor": "1", "alternativ": "Ordførergruppas forslag 2007", "antall": 3}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "bevist optimalt" in page
    assert page.count('<th scope="row">') >= 3
    expected = services.propose_hosts(
        "astafjord-2007",
        app.extensions["coop.uow"](),
        services.PlacementRequest(top=3),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    digits = f"{int(expected.best.objective_nok):,}".replace(",", "\u00a0")
    assert f"{digits}\u00a0kr" in page


def test_locking_the_2007_choice_shows_its_price(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    page = run(
        app, client, {"kjor": "1", "alternativ": "Ordførergruppas forslag 2007", **LOCKS_2007}
    ).get_data(as_text=True)
    assert "Prisen på de låste valgene" in page
    assert "Alle låsene samlet" in page


def test_impossible_rules_show_the_explanation_not_a_500(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = run(app, client, {"kjor": "1", "maks_tjenester": "1", "maks_tap": "0,5"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Ingen plassering funnet" in page
    assert "Regler som må lempes" in page
    # the summary leads to the fields of the rules that must bend (issue 18.4)
    assert '<a href="#maks_tjenester">' in page or '<a href="#maks_tap">' in page


def test_the_request_returns_at_once_and_the_page_follows_the_job(app: Flask) -> None:
    queue = QueueOnly.install(app)  # as when every worker is busy
    client = login(app.test_client(), "styring")
    started = client.get(URL, query_string={"kjor": "1", "utelukk-barnevern": ["5516", "5518"]})
    assert started.status_code == 303
    (job,) = queue.jobs
    assert started.location.count("utelukk-barnevern=") == 2
    assert job.params["request"]["forbids"] == [["barnevern", "5516"], ["barnevern", "5518"]]
    waiting = client.get(started.location)
    page = waiting.get_data(as_text=True)
    assert waiting.status_code == 200
    assert f'data-job-url="/api/jobs/{job.id}"' in page
    assert "jobs.js" in page
    assert "Forslag til vertskommuner: i kø" in page
    assert 'value="5516" checked' in page
    cancelled = client.post(
        f"/jobber/{job.id}/avbryt",
        data={"neste": urlsplit(started.location).path + "?" + urlsplit(started.location).query},
    )
    assert cancelled.status_code == 302
    after = client.get(cancelled.location).get_data(as_text=True)
    assert "Jobben er avbrutt." in after
    assert "Forslag til vertskommuner: avbrutt" in after
    assert "data-job-url" not in after


def test_another_user_cannot_see_or_cancel_my_job(app: Flask) -> None:
    queue = QueueOnly.install(app)  # as when every worker is busy
    login(app.test_client(), "styring").get(URL, query_string={"kjor": "1"})
    (job,) = queue.jobs
    other = login(app.test_client(), "okonomi-salangen")
    assert other.get(f"/jobber/{job.id}").status_code == 404
    assert other.post(f"/jobber/{job.id}/avbryt").status_code == 404
    assert login(app.test_client(), "admin").get(f"/jobber/{job.id}").status_code == 200


def test_a_non_number_rule_is_refused_in_bokmal(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = client.get(URL, query_string={"kjor": "1", "maks_tap": "mye"})
    assert response.status_code == 422
    assert "«mye» er ikke et tall" in response.get_data(as_text=True)


def test_the_best_placement_can_be_saved_as_a_scenario(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = client.post(
        URL + "lagre",
        data={
            "alternativ": "Ordførergruppas forslag 2007",
            "navn": "Optimalt",
            "vert-barnevern": "5518",
        },
    )
    assert response.status_code == 302
    saved = services.get_scenario("astafjord-2007", "Optimalt", app.extensions["coop.uow"]())
    assert saved.arrangement("barnevern").host == "5518"
    assert saved.arrangement("ikt-drift").host == "5522"


def test_readers_cannot_run_the_optimiser(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get(URL, query_string={"kjor": "1"}).status_code == 403


def test_forbidding_the_best_host_moves_the_service_and_costs_more(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    free = services.propose_hosts(
        "astafjord-2007",
        uow(),
        services.PlacementRequest(top=1),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    best_host = free.best.hosts["barnevern"]
    client = login(app.test_client(), "styring")
    page = run(
        app,
        client,
        {
            "kjor": "1",
            "alternativ": "Ordførergruppas forslag 2007",
            "antall": 1,
            "utelukk-barnevern": best_host,
        },
    ).get_data(as_text=True)
    forbidden = services.propose_hosts(
        "astafjord-2007",
        uow(),
        services.PlacementRequest(top=1, forbids=(("barnevern", best_host),)),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    assert forbidden.best.hosts["barnevern"] != best_host
    assert forbidden.best.objective_nok >= free.best.objective_nok
    digits = f"{int(forbidden.best.objective_nok):,}".replace(",", "\u00a0")
    assert f"{digits}\u00a0kr" in page
    assert f'value="{best_host}" checked' in page

"""«Hvem bør samarbeide?»: the form starts a job, the page shows groups on a map and makes a
project of a group in one click."""

from urllib.parse import parse_qs, urlsplit

from flask import Flask

from ..conftest import login

FORM = "/hvem-bor-samarbeide/?kjor=1&omrade=liste&kommuner=5516,5518,5522&tjeneste=barnevern"


def test_the_page_runs_a_job_and_shows_one_group_with_a_map_and_a_project_button(
    app: Flask,
) -> None:
    client = login(app.test_client(), "styring")
    started = client.get(FORM)
    assert started.status_code == 303
    job = parse_qs(urlsplit(started.location).query)["jobb"][0]
    app.extensions["coop.jobs"].wait(job, 60)
    page = client.get(started.location).get_data(as_text=True)
    assert "bevist optimalt" in page
    assert "<svg" in page
    assert page.count('fill-rule="evenodd"') == 3  # the three municipalities on the map
    assert "Lag prosjekt av gruppen" in page
    assert "Astafjord barnevern" in page  # today's cooperation, with its source
    assert "anslag" in page
    made = client.post(
        "/hvem-bor-samarbeide/prosjekt",
        data={"medlemmer": "5522,5516,5518", "tjeneste": "barnevern", "navn": "Astafjord ny"},
    )
    assert made.status_code == 303
    project = client.get(made.location).get_data(as_text=True)
    for name in ("Salangen", "Gratangen", "Lavangen", "Astafjord ny"):
        assert name in project


def test_bad_rules_are_422_naming_the_field(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = client.get("/hvem-bor-samarbeide/?kjor=1&omrade=fylke&fylke=55&maks_reise=abc")
    assert response.status_code == 422
    assert "Lengste reise" in response.get_data(as_text=True)


def test_readers_are_refused(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get("/hvem-bor-samarbeide/").status_code == 403


def test_the_page_offers_projects_and_names_where_travel_comes_from(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    form = client.get("/hvem-bor-samarbeide/").get_data(as_text=True)
    assert '<option value="astafjord-2007"' in form
    started = client.get(FORM + "&prosjekt=astafjord-2007")
    assert started.status_code == 303
    job = parse_qs(urlsplit(started.location).query)["jobb"][0]
    app.extensions["coop.jobs"].wait(job, 60)
    page = client.get(started.location).get_data(as_text=True)
    # The demo's Astafjord links are in coop's network (marked «anslag»), none entered: the
    # three members' six ordered pairs all come from the network.
    assert "reisenettet i coop: 6 par (anslag)" in page

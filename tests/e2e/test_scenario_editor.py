from flask import Flask
from werkzeug.datastructures import MultiDict

from coop import services

from ..conftest import login

URL = "/prosjekter/astafjord-2007/alternativer/Ordførergruppas forslag 2007"
SERVICES = {
    "barnevern": ("5522", ["5516", "5518", "5522"], "4,5"),
    "ikt-drift": ("5522", ["5514", "5516", "5518", "5522"], "2,5"),
    "regnskap-lonn": ("5518", ["5516", "5518", "5522"], "6,2"),
    "skatt-innfordring": ("5516", ["5516", "5518", "5522"], "3,5"),
    "kart-oppmaling": ("5516", ["5514", "5516", "5518", "5522"], "3"),
}


def form(version: int, **hosts: str) -> MultiDict[str, str]:
    data: MultiDict[str, str] = MultiDict(
        {"version": str(version), "policy": "Retningslinjer 2007"}
    )
    for code, (host, members, fte) in SERVICES.items():
        data.add(f"include-{code}", "1")
        data.add(f"host-{code}", hosts.get(code.replace("-", "_"), host))
        for m in members:
            data.add(f"participants-{code}", m)
        data.add(f"joint_fte-{code}", fte)
        data.add(f"legal_form-{code}", "20-2")
    return data


def scenario(app: Flask) -> services.ScenarioEditor:
    return services.scenario_editor(
        "astafjord-2007", "Ordførergruppas forslag 2007", app.extensions["coop.uow"]()
    )


def test_steering_group_moves_barnevern_to_lavangen(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = client.post(URL, data=form(1, barnevern="5518"))
    assert response.status_code == 302
    saved = scenario(app).scenario
    assert saved is not None
    assert saved.arrangement("barnevern").host == "5518"
    assert saved.version == 2
    assert "er lagret" in client.get(URL).get_data(as_text=True)


def test_a_stale_form_is_refused_and_nothing_is_overwritten(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    client.post(URL, data=form(1, barnevern="5518"))
    response = client.post(URL, data=form(1, barnevern="5516"))
    assert response.status_code == 409
    assert "endret av noen andre" in response.get_data(as_text=True)
    saved = scenario(app).scenario
    assert saved is not None
    assert saved.arrangement("barnevern").host == "5518"


def test_a_host_outside_the_service_is_refused_with_a_reason(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    response = client.post(URL, data=form(1, barnevern="5514"))
    assert response.status_code == 422
    assert "Vertskommunen 5514 må selv delta" in response.get_data(as_text=True)


def test_the_mayors_group_can_read_but_not_save(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    page = client.get(URL).get_data(as_text=True)
    assert "Plassering per tjeneste" in page
    assert '<form method="post" class="form scenario-form"' not in page
    assert client.post(URL, data=form(1, barnevern="5518")).status_code == 403
    saved = scenario(app).scenario
    assert saved is not None
    assert saved.arrangement("barnevern").host == "5522"


def test_a_new_scenario_can_be_created(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    data = form(0)
    data["name"] = "Alt i Lavangen"
    for code in SERVICES:
        data.setlist(f"host-{code}", ["5518"])
    response = client.post("/prosjekter/astafjord-2007/alternativer/nytt", data=data)
    assert response.status_code == 302
    names = services.project_overview("astafjord-2007", app.extensions["coop.uow"]()).scenarios
    assert "Alt i Lavangen" in names

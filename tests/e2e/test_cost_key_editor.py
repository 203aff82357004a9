"""The cost-key editor in the browser's shoes: create, edit, conflicts, bad input, roles, CSRF."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.costs.key_model import CostKey

from ..conftest import login

BASE = "/prosjekter/astafjord-2007/nokler"
KEY = "30 % likt, 70 % folketall"
READER = Actor("ordforer", Role.READER)


def stored(app: Flask, name: str) -> CostKey | None:
    keys = services.list_cost_keys("astafjord-2007", READER, app.extensions["coop.uow"]()).keys
    return next((k for k in keys if k.name == name), None)


def form(*rows: tuple[str, str], version: int | None = None, **fields: str) -> dict[str, str]:
    data = {"population_date": "2024-01-01", "host_overhead_pct": "0", **fields}
    for i, (kind, weight) in enumerate(rows, start=1):
        data |= {f"kind-{i}": kind, f"weight-{i}": weight, f"metric-{i}": ""}
    if version is not None:
        data["version"] = str(version)
    return data


def text(page: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", page)  # keeps the no-break spaces of numbers


def test_finance_creates_a_key_and_edits_it(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    new = form(("equal", "40"), ("population", "60"), name="40/60", description="Prøve")
    response = client.post(f"{BASE}/ny", data=new)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Fordelingsnøkkelen «40/60» er lagret." in page
    assert 'name="version" value="1"' in page
    changed = form(("equal", "20"), ("population", "80"), version=1, host_overhead_pct="5")
    assert client.post(f"{BASE}/vis?navn=40/60", data=changed).status_code == 302
    key = stored(app, "40/60")
    assert key is not None
    assert (key.version, [str(c.weight) for c in key.components]) == (2, ["0.2", "0.8"])
    assert str(key.host_overhead_pct) == "5.00"
    listing = client.get(f"{BASE}/").get_data(as_text=True)
    assert "20\u00a0% likt, 80\u00a0% folketall" in listing


def test_a_stale_form_shows_both_versions_and_overwrites_nothing(app: Flask) -> None:
    steering = login(app.test_client(), "styring")
    finance = login(app.test_client(), "okonomi-salangen")
    url = f"{BASE}/vis?navn={KEY}"
    for client in (steering, finance):  # both open the form at version 1
        assert 'name="version" value="1"' in client.get(url).get_data(as_text=True)
    assert (
        steering.post(url, data=form(("equal", "50"), ("population", "50"), version=1)).status_code
        == 302
    )
    late = finance.post(url, data=form(("equal", "45"), ("population", "55"), version=1))
    assert late.status_code == 409
    page = text(late.get_data(as_text=True))
    assert "Nøkkelen «30 % likt, 70 % folketall» er endret av noen andre siden du åpnet den" in page
    assert 'name="weight-1" inputmode="decimal" value="45"' in page  # the user's input
    assert "Lagret nå (versjon 2)" in page  # and the stored values
    assert 'Likt</th><td class="num">50\u00a0%' in page
    assert 'name="version" value="2"' in page  # saving again is a deliberate overwrite
    key = stored(app, KEY)
    assert key is not None
    assert (key.version, [str(c.weight) for c in key.components]) == (2, ["0.5", "0.5"])


def test_weights_not_summing_to_100_are_shown_by_the_field(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = client.post(
        f"{BASE}/ny", data=form(("equal", "30"), ("population", "60"), name="Ny")
    )
    assert response.status_code == 422
    page = text(response.get_data(as_text=True))
    assert '<a href="#components">' in page
    hidden = '<span class="visually-hidden">Feil: </span>'
    message = "Vektene i fordelingsnøkkelen «Ny» må summere til 100 %"
    assert f'id="components-feil">{hidden}{message}' in page
    assert "må summere til 100 % (nå 90 %)" in page
    assert 'name="weight-2" inputmode="decimal" value="60"' in page
    assert stored(app, "Ny") is None


def test_a_bad_number_is_named_and_the_stored_key_is_kept(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    bad = form(("equal", "30"), ("population", "sytti"), version=1)
    response = client.post(f"{BASE}/vis?navn={KEY}", data=bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    hidden = '<span class="visually-hidden">Feil: </span>'
    assert f'id="weight-2-feil">{hidden}Vekten til del 2: «sytti» er ikke et tall.' in page
    assert 'aria-invalid="true" aria-describedby="weight-2-feil"' in page
    key = stored(app, KEY)
    assert key is not None
    assert key.version == 1


def test_preview_shows_kroner_and_saves_nothing(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    data = form(("equal", "100"), name="Likt", handling="forhandsvis", tjeneste="barnevern")
    data["belop"] = "1 000 000"
    response = client.post(f"{BASE}/ny", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Ingenting er lagret ennå" in page
    assert "333\u00a0334\u00a0kr" in page
    assert stored(app, "Likt") is None


def test_the_stored_preview_is_labelled_an_estimate(client: FlaskClient) -> None:
    page = client.get(f"{BASE}/vis?navn=Lønnsslipper").get_data(as_text=True)
    assert "Forhåndsvisning: Regnskap og lønn" in page
    assert '<span class="estimate">anslag</span>' in page


def test_the_mayors_group_reads_but_cannot_write(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get(f"{BASE}/").status_code == 200
    page = client.get(f"{BASE}/vis?navn={KEY}").get_data(as_text=True)
    assert "Lagret nøkkel" in page
    assert 'method="post" id="skjema"' not in page
    assert client.get(f"{BASE}/ny").status_code == 403
    assert client.post(f"{BASE}/ny", data=form(("equal", "100"), name="X")).status_code == 403
    update = form(("equal", "100"), version=1)
    assert client.post(f"{BASE}/vis?navn={KEY}", data=update).status_code == 403
    assert stored(app, "X") is None
    key = stored(app, KEY)
    assert key is not None
    assert key.version == 1


def test_the_project_page_links_to_the_keys(client: FlaskClient) -> None:
    page = client.get("/prosjekter/astafjord-2007").get_data(as_text=True)
    assert f'href="{BASE}/"' in page


def test_saving_a_key_needs_the_csrf_token(csrf_app: Flask) -> None:
    app = csrf_app
    client = app.test_client()
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"',
        client.get("/logg-inn").get_data(as_text=True),
    )
    assert token is not None
    credentials = {
        "username": "styring",
        "password": services.DEMO_PASSWORD,
        "csrf_token": token[1],
    }
    assert client.post("/logg-inn", data=credentials).status_code == 302
    data = form(("equal", "100"), name="Med token")
    assert client.post(f"{BASE}/ny", data=data).status_code == 400
    assert stored(app, "Med token") is None
    page = client.get(f"{BASE}/ny").get_data(as_text=True)
    field = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert field is not None
    assert client.post(f"{BASE}/ny", data=data | {"csrf_token": field[1]}).status_code == 302
    assert stored(app, "Med token") is not None

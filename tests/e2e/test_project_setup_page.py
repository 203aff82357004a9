"""«Nytt samarbeidsprosjekt» and the settings page: create and change a Nord-Troms project."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from coop import services
from coop.domain import model
from coop.domain.access import SYSTEM
from coop.services.scenarios import save_scenario

from ..conftest import login

KAFJORD, SKJERVOY, NORDREISA, KVAENANGEN = "5540", "5542", "5544", "5546"
SLUG = "nord-troms"
SETTINGS = f"/prosjekter/{SLUG}/innstillinger/"
FORM = {
    "navn": "Nord-Troms barnevern og PPT",
    "kode": SLUG,
    "beskrivelse": "Utredning av felles barnevern og PPT.",
    "kommune-1": "Kåfjord",
    "kommune-2": "5542 Skjervøy",
    "kommune-3": NORDREISA,
    "kommune-4": "Kvænangen",
    "tjeneste": ["barnevern", "ppt"],
    "egen-1": "Felles merkantil",
    "mal": "agder-2018",
}


def create(client: FlaskClient) -> None:
    response = client.post("/nytt-prosjekt", data=FORM)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/prosjekter/{SLUG}")


def test_the_home_page_offers_a_new_project_only_to_those_who_may_create(app: Flask) -> None:
    assert "Nytt samarbeidsprosjekt" in login(app.test_client(), "styring").get("/").text
    assert "Nytt samarbeidsprosjekt" in login(app.test_client(), "admin").get("/").text
    for user in ("ordforer", "okonomi-salangen"):
        client = login(app.test_client(), user)
        assert "Nytt samarbeidsprosjekt" not in client.get("/").text
        assert client.get("/nytt-prosjekt").status_code == 403
        assert client.post("/nytt-prosjekt", data=FORM).status_code == 403
    with app.extensions["coop.uow"]() as uow:
        assert not uow.projects.exists(SLUG)


def test_the_form_offers_every_municipality_with_county_and_population(app: Flask) -> None:
    page = login(app.test_client(), "styring").get("/nytt-prosjekt").text
    assert page.count('<option value="') - page.count('<option value="gratangen') >= 357
    # SSB 1.1.2024: Kvænangen 1 157 people, in Troms; written with a no-break space.
    assert '<option value="5546 Kvænangen" label="Troms, 1\u00a0157 innbyggere">' in page
    assert 'list="kommuner"' in page  # a native datalist: works without JavaScript


def test_a_project_is_created_from_the_form_with_members_services_and_defaults(
    web_app: Flask,
) -> None:
    client = login(web_app.test_client(), "styring")
    create(client)
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    assert {m.number for m in overview.municipalities} == {KAFJORD, SKJERVOY, NORDREISA, KVAENANGEN}
    assert [s.code for s in overview.services] == ["barnevern", "ppt", "felles-merkantil"]
    with web_app.extensions["coop.uow"]() as uow:
        assert [p.name for p in uow.policies.list(SLUG)] == ["Agder-trinn"]
    page = client.get(f"/prosjekter/{SLUG}").text
    assert "er opprettet med standard forutsetninger" in page
    assert f'href="{SETTINGS}"' in page


def test_a_bad_member_is_refused_at_its_field_with_the_input_kept(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    response = client.post("/nytt-prosjekt", data=FORM | {"kommune-3": "Narnia"})
    assert response.status_code == 422
    html = response.text
    assert "Fant ingen kommune som heter «Narnia» i kommuneregisteret." in html
    assert 'id="kommune-3" name="kommune-3" list="kommuner"' in html
    assert 'value="Narnia" aria-invalid="true" aria-describedby="kommune-3-feil"' in html
    assert 'value="Nord-Troms barnevern og PPT"' in html  # the rest comes back filled in
    old = client.post("/nytt-prosjekt", data=FORM | {"kommune-3": "1942"})
    assert old.status_code == 422
    assert "1942 er et tidligere kommunenummer; i dag heter kommunen 5544" in old.text
    none = client.post("/nytt-prosjekt", data=FORM | {"tjeneste": [], "egen-1": ""})
    assert none.status_code == 422
    assert '<a href="#tjenester">Velg minst én tjeneste.</a>' in none.text
    with web_app.extensions["coop.uow"]() as uow:
        assert not uow.projects.exists(SLUG)


def test_settings_rename_add_and_remove_members_and_services(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    create(client)
    version = services.project_overview(SLUG, web_app.extensions["coop.uow"]()).version
    renamed = client.post(
        SETTINGS + "detaljer", data={"navn": "Nord-Troms", "beskrivelse": "Ny", "versjon": version}
    )
    assert renamed.status_code == 302
    stale = client.post(
        SETTINGS + "detaljer", data={"navn": "Gammel", "beskrivelse": "", "versjon": version}
    )
    assert stale.status_code == 409
    assert "endret av noen andre" in stale.text
    assert client.post(SETTINGS + "kommuner", data={"kommune": "Lyngen"}).status_code == 302
    assert client.post(SETTINGS + "tjenester", data={"tjeneste": "legevakt"}).status_code == 302
    twice = client.post(SETTINGS + "kommuner", data={"kommune": "Lyngen"})
    assert twice.status_code == 422
    assert "Lyngen er allerede med i prosjektet." in twice.text
    assert 'value="Lyngen" aria-invalid="true"' in twice.text
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    assert overview.name == "Nord-Troms"
    assert "5536" in {m.number for m in overview.municipalities}  # Lyngen
    assert "legevakt" in {s.code for s in overview.services}
    assert client.post(SETTINGS + "kommuner/5536/fjern").status_code == 302
    assert client.post(SETTINGS + "tjenester/legevakt/fjern").status_code == 302
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    assert len(overview.municipalities) == 4
    assert "legevakt" not in {s.code for s in overview.services}


def test_removing_a_member_an_option_uses_is_refused_with_what_uses_it(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    create(client)
    arrangement = model.ServiceArrangement("ppt", NORDREISA, frozenset({NORDREISA, KAFJORD}))
    option = model.Scenario(SLUG, "Nordreisa er vert", (arrangement,))
    save_scenario(option, web_app.extensions["coop.uow"](), None)
    refused = client.post(SETTINGS + f"kommuner/{KAFJORD}/fjern")
    assert refused.status_code == 422
    assert (
        "Kåfjord kan ikke fjernes fordi det er i bruk: alternativet «Nordreisa er vert» (ppt)"
        in (refused.text)
    )
    assert 'id="kommune-5540-feil"' in refused.text
    left = client.post(SETTINGS + f"deltakelse/ppt/{KAFJORD}", data={"status": "deltar_ikke"})
    assert left.status_code == 422
    assert "endre alternativet først" in left.text
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    assert KAFJORD in {m.number for m in overview.municipalities}


def test_participation_records_who_joins_later_and_from_which_date(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    create(client)
    later = client.post(SETTINGS + f"deltakelse/barnevern/{KVAENANGEN}",
                        data={"status": "kan_bli_med", "fra": ""})  # fmt: skip
    assert later.status_code == 302
    joined = client.post(SETTINGS + f"deltakelse/ppt/{SKJERVOY}",
                         data={"status": "deltar", "fra": "2027-08-01"})  # fmt: skip
    assert joined.status_code == 302
    bad = client.post(SETTINGS + f"deltakelse/ppt/{KAFJORD}",
                      data={"status": "deltar", "fra": "31.02.2027"})  # fmt: skip
    assert bad.status_code == 422
    assert "Blir med fra dato: «31.02.2027» er ikke en gyldig dato" in bad.text
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    barnevern, ppt = overview.services[0], overview.services[1]
    assert KVAENANGEN in barnevern.may_join
    assert KVAENANGEN not in barnevern.participants
    assert ppt.joined_on == {SKJERVOY: date(2027, 8, 1)}
    page = client.get(SETTINGS).text
    assert "fra 01.08.2027" in page


def test_readers_and_finance_users_cannot_change_settings(web_app: Flask) -> None:
    create(login(web_app.test_client(), "styring"))
    for user in ("ordforer", "okonomi-salangen"):
        services.grant_access(SLUG, user, SYSTEM, web_app.extensions["coop.uow"]())
        client = login(web_app.test_client(), user)
        assert client.get(SETTINGS).status_code == 403
        assert client.post(SETTINGS + "kommuner", data={"kommune": "Lyngen"}).status_code == 403
        assert client.post(SETTINGS + f"kommuner/{KAFJORD}/fjern").status_code == 403
        assert "Innstillinger" not in client.get(f"/prosjekter/{SLUG}").text
    overview = services.project_overview(SLUG, web_app.extensions["coop.uow"]())
    assert len(overview.municipalities) == 4

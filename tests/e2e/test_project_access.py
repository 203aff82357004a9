"""A user sees only the projects they belong to (admin sees all); the steering group shares."""

from __future__ import annotations

from flask import Flask

from coop import services
from coop.domain.access import Actor, Role

from ..conftest import login

ADMIN = Actor("admin", Role.ADMIN)
SLUG = "astafjord-2007"


def test_a_new_user_sees_no_project_until_someone_gives_access(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    services.create_user("ny-leser", "et-langt-passord-1", "lesetilgang", uow(), actor=ADMIN)
    client = app.test_client()
    client.post("/logg-inn", data={"username": "ny-leser", "password": "et-langt-passord-1"})
    home = client.get("/").get_data(as_text=True)
    assert "Gratangen, Lavangen, Salangen" not in home
    assert client.get(f"/prosjekter/{SLUG}").status_code == 404
    assert client.get(f"/api/projects/{SLUG}").status_code == 404
    steering = login(app.test_client(), "styring")
    shared = steering.post(f"/prosjekter/{SLUG}/tilgang/", data={"brukernavn": "ny-leser"})
    assert shared.status_code == 302
    assert client.get(f"/prosjekter/{SLUG}").status_code == 200
    log = [c.sentence for c in services.project_changes(SLUG, uow())]
    assert any("Endret av styring" in s and "bruker ny-leser" in s for s in log)


def test_an_unknown_user_is_refused_by_name_and_readers_cannot_share(app: Flask) -> None:
    steering = login(app.test_client(), "styring")
    page = steering.post(f"/prosjekter/{SLUG}/tilgang/", data={"brukernavn": "finnes-ikke"})
    assert page.status_code == 422
    assert "Fant ingen bruker som heter «finnes-ikke»" in page.get_data(as_text=True)
    reader = login(app.test_client(), "ordforer")
    assert reader.post(f"/prosjekter/{SLUG}/tilgang/", data={"brukernavn": "x"}).status_code == 403


def test_the_creator_of_a_project_sees_it_and_others_do_not(app: Flask) -> None:
    uow = app.extensions["coop.uow"]
    steering = Actor("styring", Role.STEERING)
    project = services.create_project("Eget", ["5520", "5524"], ["barnevern"], steering, uow())
    mine = {p.slug for p in services.list_projects(uow(), steering)}
    theirs = {p.slug for p in services.list_projects(uow(), Actor("ordforer", Role.READER))}
    assert project.slug in mine
    assert project.slug not in theirs
    assert project.slug in {p.slug for p in services.list_projects(uow(), ADMIN)}

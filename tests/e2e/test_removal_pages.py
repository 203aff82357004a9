"""Issue 15.7 through the doors: a page with an old bad row answers 200 and offers its delete;
the API and the CLI delete or refuse with the bokmål reason."""

from click.testing import CliRunner
from flask import Flask
from sqlalchemy import text

from tests.conftest import login
from web.cli import main

from .test_api import token

SLUG = "astafjord-2007"
P = f"/prosjekter/{SLUG}"


def _bad_option(app: Flask) -> None:
    """An FTE of «Infinity», as the 2026 probe stored it through the API on SQLite."""
    with app.extensions["coop.engine"].begin() as c:
        c.execute(text("UPDATE arrangements SET joint_fte = 1e999 WHERE scenario_id = "
                       "(SELECT id FROM scenarios "
                       "WHERE name = 'Ordførergruppas forslag 2007')"))  # fmt: skip


def test_pages_with_an_infinite_fte_answer_and_offer_the_delete(app: Flask) -> None:
    _bad_option(app)
    client = login(app.test_client(), "styring")
    for url in (
        f"{P}/retningslinjer/",
        f"{P}/sammenlign",
        f"{P}/nokler/",
        f"{P}/fordeling/barnevern",
    ):
        page = client.get(url)
        html = page.get_data(as_text=True)
        assert page.status_code == 200, url
        assert (
            "Alternativet «Ordførergruppas forslag 2007» er lagret med en verdi som ikke lenger "
            "godtas" in html
        ), url
        assert f'action="{P}/alternativer/Ordf%C3%B8rergruppas%20forslag%202007/slett"' in html
    reader = login(app.test_client(), "ordforer").get(f"{P}/retningslinjer/")
    assert reader.status_code == 200
    assert "/slett" not in reader.get_data(as_text=True)  # readers see the note, not the button
    done = client.post(f"{P}/alternativer/Ordf%C3%B8rergruppas%20forslag%202007/slett")
    assert done.status_code == 302
    page = client.get(f"{P}/retningslinjer/").get_data(as_text=True)
    assert "Alternativet «Ordførergruppas forslag 2007» er slettet." in page
    assert "ikke lenger godtas" not in page


def test_the_web_refuses_a_key_in_use_with_the_reason(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    refused = client.post(f"{P}/nokler/slett", data={"navn": "Lønnsslipper"})
    assert refused.status_code == 422
    assert "brukes i «Alt i Salangen» (regnskap og lønn)" in refused.get_data(as_text=True)
    assert (
        login(app.test_client(), "okonomi-salangen")
        .post(f"{P}/nokler/slett", data={"navn": "Lønnsslipper"})
        .status_code
        == 403
    )


def test_the_api_deletes_refuses_and_checks_references(app: Flask) -> None:
    client, headers = app.test_client(), token(app, "styring")
    api = f"/api/projects/{SLUG}"
    refused = client.delete(f"{api}/policies/Retningslinjer 2007", headers=headers)
    assert refused.status_code == 422
    assert "brukes av alternativene" in refused.get_json()["error"]["message"]
    assert client.delete(f"{api}/policies/KFO-kravet", headers=headers).status_code == 200
    assert client.delete(f"{api}/policies/KFO-kravet", headers=headers).status_code == 404
    body = client.get(f"{api}/scenarios/Ordførergruppas forslag 2007", headers=headers).get_json()
    body.pop("version")
    body["policy"] = "KFO-kravet"  # just deleted
    put = client.put(f"{api}/scenarios/Kopi", json=body, headers=headers)
    assert put.status_code == 422
    assert "retningslinjene «KFO-kravet», som ikke finnes" in put.get_json()["error"]["message"]
    assert (
        client.delete(f"{api}/scenarios/Ordførergruppas forslag 2007", headers=headers).status_code
        == 200
    )
    assert client.delete(f"{api}/scenarios/Alt i Salangen", headers=headers).status_code == 200
    assert client.delete(f"{api}/cost-keys/Folketall", headers=headers).status_code == 200


def test_the_cli_deletes_and_refuses(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    refused = CliRunner().invoke(main, ["delete-key", SLUG, "Folketall", "--database", url])
    assert refused.exit_code == 2
    assert "Nøkkelen «Folketall» brukes i «Alt i Salangen»" in refused.output
    done = CliRunner().invoke(main, ["delete-policy", SLUG, "KFO-kravet", "--database", url])
    assert done.exit_code == 0, done.output
    assert "Retningslinjene «KFO-kravet» er slettet." in done.output
    done = CliRunner().invoke(
        main, ["delete-scenario", SLUG, "Ordførergruppas forslag 2007", "--database", url]
    )
    assert done.exit_code == 0, done.output

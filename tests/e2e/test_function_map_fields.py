"""Issue 18.4: a bad ``kommune`` or year on the function-map page is shown at its field with
what was typed (422), not as «Kan ikke behandle dataene»; another municipality stays a 403."""

import re

from flask import Flask

from ..conftest import login

URL = "/import/funksjonskart"


def _saved_maps(app: Flask, number: str) -> int:
    with app.extensions["coop.uow"]() as uow:
        return len(uow.imports.function_maps(number))


def test_an_unknown_municipality_is_shown_at_its_field(web_app: Flask) -> None:
    response = login(web_app.test_client(), "okonomi-salangen").get(f"{URL}?kommune=abc&ar=2026")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kan ikke behandle dataene" not in html
    assert '<a href="#kommune">Kommune: fant ingen kommune med nummer «abc».' in html
    assert '<p class="field-error" id="kommune-feil">' in html
    assert re.search(r'<select id="kommune" name="kommune" aria-invalid="true"', html)
    assert '<option value="abc" selected>abc (ukjent)</option>' in html  # the input kept
    assert "Funksjonskart for Salangen (5522)" in html  # the user's own map beside it


def test_a_year_that_is_not_a_year_is_kept_in_its_field(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    response = client.get(f"{URL}?kommune=5522&ar=to%C3%A5r")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<a href="#ar">År: «toår» er ikke et helt tall.</a>' in html
    assert re.search(r'<input id="ar" name="ar"[^>]* value="toår" aria-invalid="true"', html)
    assert "Funksjonskart for Salangen (5522)" in html
    too_early = client.get(f"{URL}?kommune=5522&ar=1999")
    assert too_early.status_code == 422
    assert "1999 er utenfor det tillatte (fra 2002 til 2100)" in too_early.get_data(as_text=True)


def test_a_bad_save_shows_each_field_and_keeps_the_rows(web_app: Flask) -> None:
    client = login(web_app.test_client(), "styring")
    form = {"kommune": "99x", "gjelder_fra": "i fjor", "function": ["244"],
            "service": ["barnevern"], "ansvar": ["1234"]}  # fmt: skip
    response = client.post(URL, data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kan ikke behandle dataene" not in html
    assert '<a href="#gjelder_fra">Gjelder fra: «i fjor» er ikke et helt tall.</a>' in html
    assert '<a href="#kommune">Kommune: fant ingen kommune med nummer «99x».' in html
    assert re.search(r'id="gjelder_fra" name="gjelder_fra"[^>]* value="i fjor" aria-invalid', html)
    assert 'name="kommune" value="99x"' in html  # a resubmit cannot save for another municipality
    assert 'id="ansvar-1" value="1234"' in html  # the typed rows stay on the page
    assert _saved_maps(web_app, "5522") == 0


def test_another_municipalitys_map_is_still_forbidden(web_app: Flask) -> None:
    client = login(web_app.test_client(), "okonomi-salangen")
    assert client.get(f"{URL}?kommune=5516&ar=2026").status_code == 403
    form = {"kommune": "5516", "gjelder_fra": "2026", "function": ["244"], "service": ["barnevern"],
            "ansvar": [""]}  # fmt: skip
    assert client.post(URL, data=form).status_code == 403
    assert _saved_maps(web_app, "5516") == 0

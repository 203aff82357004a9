"""«Which column is what» on the import page, the pending upload, and the function-map editor."""

import io
import os
import re
import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ..conftest import login

# An ERP export whose headers the synonym table does not know.
ODD = (
    b"Kontokode;Tenestekode;Ansv;Vedteke budsjett\n"
    b"10100;24400;100;1 000 000\n"
    b"11500;24400;100;200 000\n"
    b"18700;87000;900;-1 200 000\n"
)
ANSWER = {"function": "Tenestekode", "amount": "Vedteke budsjett", "art": "Kontokode"}


@pytest.fixture(autouse=True)
def _own_uploads(app: Flask, tmp_path: Path) -> None:
    """Keep this test's pending uploads out of the project's instance folder."""
    app.instance_path = str(tmp_path / "instance")


def _preview(client: FlaskClient, data: bytes, municipality: str = "5522", year: str = "2026"):  # type: ignore[no-untyped-def]
    response = client.post(
        "/import/forhandsvis",
        data={"municipality": municipality, "year": year, "file": (io.BytesIO(data), "erp.csv")},
        content_type="multipart/form-data",
    )
    response.request.environ["wsgi.input"].close()  # a large body is a temporary file
    return response


def _followed(app: Flask, client: FlaskClient, response):  # type: ignore[no-untyped-def]
    """A large file's answer is a 303 to its job: wait for the job, then its page."""
    if response.status_code != 303 or "/import/jobb/" not in response.location:
        return response
    app.extensions["coop.jobs"].wait(response.location.rsplit("/", 1)[-1], 60)
    return client.get(response.location)


def _token(page: str) -> str:
    found = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page)
    assert found is not None, page
    return found[1]


def _selected(page: str, concept: str) -> str | None:
    select = re.search(rf'<select id="kolonne-{concept}".*?</select>', page, re.S)
    assert select is not None
    chosen = re.search(r'<option value="([^"]*)" selected>', select[0])
    return chosen[1] if chosen else None


def _pending_files(app: Flask, token: str) -> list[Path]:
    folder = Path(app.instance_path) / "uploads"
    return [p for p in (folder / f"{token}.csv", folder / f"{token}.json") if p.exists()]


def _saved_mapping(app: Flask, municipality: str = "5522") -> dict[str, str] | None:
    with app.extensions["coop.uow"]() as uow:
        return uow.imports.header_mapping(municipality)


def test_unknown_headers_ask_which_column_is_what_with_labelled_guesses(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = _preview(client, ODD)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Hvilken kolonne er hva?" in page
    assert (
        '<label for="kolonne-function">Kolonne for funksjon (KOSTRA) eller tjeneste</label>' in page
    )
    assert '<label for="kolonne-amount">Kolonne for beløp</label>' in page
    assert _selected(page, "function") == "Tenestekode"
    assert _selected(page, "amount") == "Vedteke budsjett"
    assert _selected(page, "art") == "Kontokode"
    assert _selected(page, "ansvar") == "Ansv"
    assert "Lagre importen" not in page
    # The file stays on the server: the only hidden fields are the CSRF token and our token.
    hidden = re.findall(r'<input type="hidden" name="([^"]+)"', page)
    assert set(hidden) == {"csrf_token", "token"}
    assert "1 000 000" not in page


def test_answering_rereads_the_same_file_and_commit_saves_the_mapping(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(client, ODD).get_data(as_text=True))
    response = client.post("/import/kolonner", data={"token": token, **ANSWER})
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Beløpskolonne brukt: Vedteke budsjett" in page
    assert '<th scope="row">Barnevern</th>' in page  # names, no internal codes (issue 18.7)
    assert "1 200 000 kr" in page.replace("\xa0", " ")  # 1 000 000 + 200 000 on function 244
    assert _token(page) == token
    assert _saved_mapping(app) is None  # a preview saves nothing

    response = client.post("/import/lagre", data={"token": token})
    assert response.status_code == 302
    assert _saved_mapping(app) == {
        "Tenestekode": "function",
        "Vedteke budsjett": "amount",
        "Kontokode": "art",
    }
    assert _pending_files(app, token) == []  # cleaned up after the commit
    assert client.post("/import/lagre", data={"token": token}).status_code == 422


def test_the_saved_mapping_is_used_for_the_next_file(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(client, ODD).get_data(as_text=True))
    client.post("/import/kolonner", data={"token": token, **ANSWER})
    client.post("/import/lagre", data={"token": token})
    response = _preview(client, ODD.replace(b"1 000 000", b"2 000 000"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Hvilken kolonne er hva?" not in page
    assert "2 200 000 kr" in page.replace("\xa0", " ")
    assert "Lagre importen" in page


def test_one_column_for_two_concepts_is_refused_and_the_form_shown_again(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(client, ODD).get_data(as_text=True))
    response = client.post(
        "/import/kolonner",
        data={"token": token, "function": "Tenestekode", "amount": "Tenestekode"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        "kolonnen «Tenestekode» er valgt både for funksjon (KOSTRA) eller tjeneste og for beløp"
        in page
    )
    assert _selected(page, "amount") == "Tenestekode"  # what the user chose is kept
    assert "Lagre importen" not in page
    assert _saved_mapping(app) is None


def test_a_required_concept_left_empty_is_named(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(client, ODD).get_data(as_text=True))
    response = client.post("/import/kolonner", data={"token": token, "function": "Tenestekode"})
    assert response.status_code == 422
    assert "velg hvilken kolonne som er beløp" in response.get_data(as_text=True)


def test_another_user_cannot_use_the_uploaded_file(app: Flask) -> None:
    finance = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(finance, ODD).get_data(as_text=True))
    steering = login(app.test_client(), "styring")
    for path, data in (("/import/kolonner", ANSWER), ("/import/lagre", {})):
        response = steering.post(path, data={"token": token, **data})
        assert response.status_code == 422
        assert "Fant ikke den opplastede filen" in response.get_data(as_text=True)
    with app.extensions["coop.uow"]() as uow:
        assert uow.imports.history() == []


def test_an_old_upload_has_expired_and_is_removed(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    token = _token(_preview(client, ODD).get_data(as_text=True))
    three_hours_ago = time.time() - 3 * 3600
    for path in _pending_files(app, token):
        os.utime(path, (three_hours_ago, three_hours_ago))
    response = client.post("/import/lagre", data={"token": token})
    assert response.status_code == 422
    assert "to timer" in response.get_data(as_text=True)
    _preview(client, ODD)  # any new upload sweeps the old ones away
    assert _pending_files(app, token) == []


def test_finance_cannot_preview_a_mapping_for_another_municipality(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = _preview(client, ODD, municipality="5516")
    assert response.status_code == 403  # forbidden, not a problem with the file (issue 15.13)
    assert "ikke 5516" in response.get_data(as_text=True)
    assert 'name="token"' not in response.get_data(as_text=True)


def test_a_real_budget_with_renamed_headers_is_read_after_the_answer(
    app: Flask, shared: Path
) -> None:
    path = shared / "data" / "budgets" / "sogndal_2013_driftsbudsjett__original.csv"
    if not path.is_file():
        pytest.skip(f"{path} finnes ikke")
    raw = path.read_bytes()
    head = b"konto;konto_tekst;ansvar;ansvar_tekst;tjeneste;tjeneste_tekst;"
    head += b"rekneskap_2011;budsjett_2012;budsjett_2013"
    assert raw.startswith(head)
    renamed = b"Kontonummer;Kontotekst;Ansvarsnummer;Ansvarstekst;Tenestekode;Tenestetekst;"
    renamed += b"Rekneskap 2011;Budsjett 2012;Vedteke budsjett"
    client = login(app.test_client(), "admin")
    started = _preview(client, renamed + raw[len(head) :], "4640", "2013")
    assert started.status_code == 303  # 4 900 lines: read by a background job
    page = _followed(app, client, started).get_data(as_text=True)
    assert _selected(page, "function") == "Tenestekode"
    assert _selected(page, "amount") == "Vedteke budsjett"  # no year: it is the 2013 budget
    token = _token(page)
    answer = {"function": "Tenestekode", "amount": "Vedteke budsjett", "art": "Kontonummer"}
    started = client.post("/import/kolonner", data={"token": token, **answer, "ansvar": ""})
    response = _followed(app, client, started)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "Beløpskolonne brukt: Vedteke budsjett" in page
    assert '<th scope="row">Barnevern</th>' in page
    assert "Lagre importen" in page


def test_a_file_without_this_years_amounts_asks_for_the_amount_column(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    data = b"konto;tjeneste;budsjett_2025;Vedtatt\n"
    data += b"10100;24400;1 000;2 000\n18700;87000;-1 000;-2 000\n"
    page = _preview(client, data).get_data(as_text=True)
    assert "har ingen beløpskolonne for 2026 (har: budsjett_2025)" in page
    assert _selected(page, "amount") == "Vedtatt"
    token = _token(page)
    response = client.post(
        "/import/kolonner", data={"token": token, "function": "tjeneste", "amount": "Vedtatt"}
    )
    assert response.status_code == 200
    assert "2 000 kr" in response.get_data(as_text=True).replace("\xa0", " ")


# ---- function-map editor -------------------------------------------------------------------


def _map_form(rows: list[tuple[str, str, str]], valid_from: str = "2026") -> dict[str, object]:
    return {
        "kommune": "5522",
        "gjelder_fra": valid_from,
        "function": [r[0] for r in rows],
        "service": [r[1] for r in rows],
        "ansvar": [r[2] for r in rows],
    }


def _own_maps(app: Flask, municipality: str = "5522") -> list[object]:
    with app.extensions["coop.uow"]() as uow:
        return list(uow.imports.function_maps(municipality))


def test_the_editor_shows_the_default_map_with_labelled_fields(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = client.get("/import/funksjonskart")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Funksjonskart for Salangen (5522)</h1>" in page
    assert "standardkartet fra 2021" in page
    assert 'value="244"' in page
    assert '<option value="barnevern" selected>Barnevern</option>' in page
    assert 'aria-label="Funksjon, rad 1"' in page
    assert "Funksjoner som deles av flere tjenester" in page
    assert '<th scope="row">120</th><td>IKT-drift, Regnskap og lønn</td>' in page


def test_finance_saves_a_map_and_the_next_import_uses_it(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    rows = [("244", "barnevern", ""), ("120", "ikt-drift", "2, 3"), ("303", "", "")]
    response = client.post("/import/funksjonskart", data=_map_form(rows))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Funksjonskartet er lagret: 2 funksjoner, gjelder fra 2026." in page
    assert "kommunens egen versjon fra 2026" in page
    assert 'value="2,3"' in page  # ansvar stored as a clean list

    data = b"konto;tjeneste;ansvar;budsjett_2026\n10100;12000;2;500 000\n10100;30300;7;100\n"
    data += b"18700;87000;9;-500 100\n"
    page = _preview(client, data).get_data(as_text=True)
    assert '<th scope="row">IKT-drift</th>' in page
    assert "Kart og oppmåling" not in page  # 303 was taken out of the map


def test_an_unknown_function_or_service_is_named_by_row_and_nothing_is_saved(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    rows = [("244", "barnevern", ""), ("999", "ppt", ""), ("12", "ppt", ""), ("329", "fisk", "")]
    response = client.post("/import/funksjonskart", data=_map_form(rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "rad 2: funksjon 999 finnes ikke i KOSTRA-listen" in page
    assert "rad 3: «12» er ikke en KOSTRA-funksjon (tre siffer)" in page
    assert "rad 4: tjenesten «fisk» finnes ikke i tjenestekatalogen" in page
    assert 'value="999"' in page  # the user's rows are shown again
    assert '<option value="fisk" selected>fisk (ukjent)</option>' in page
    assert _own_maps(app) == []


def test_two_services_for_one_function_are_refused(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    rows = [("244", "barnevern", ""), ("244", "ppt", "")]
    response = client.post("/import/funksjonskart", data=_map_form(rows))
    assert response.status_code == 422
    assert "funksjon 244 til både «barnevern» og «ppt»" in response.get_data(as_text=True)
    assert _own_maps(app) == []


def test_a_bad_first_year_is_refused(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    for value, text in (
        ("1995", "fra 2002"),
        ("neste år", "Gjelder fra: «neste år» er ikke et helt tall"),
    ):
        response = client.post(
            "/import/funksjonskart", data=_map_form([("244", "barnevern", "")], value)
        )
        assert response.status_code == 422
        assert text in response.get_data(as_text=True)
    assert _own_maps(app) == []


def test_finance_cannot_see_or_edit_another_municipalitys_map(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    assert client.get("/import/funksjonskart?kommune=5516").status_code == 403
    form = {**_map_form([("244", "barnevern", "")]), "kommune": "5516"}
    assert client.post("/import/funksjonskart", data=form).status_code == 403
    assert _own_maps(app, "5516") == []


def test_the_steering_group_edits_any_municipality_and_readers_none(app: Flask) -> None:
    steering = login(app.test_client(), "styring")
    page = steering.get("/import/funksjonskart?kommune=5516&ar=2013").get_data(as_text=True)
    assert "Funksjonskart for Gratangen (5516)" in page
    assert "standardkartet fra 2006" in page
    form = {**_map_form([("244", "barnevern", "")]), "kommune": "5516"}
    assert steering.post("/import/funksjonskart", data=form).status_code == 302
    assert len(_own_maps(app, "5516")) == 1
    reader = login(app.test_client(), "ordforer")
    assert reader.get("/import/funksjonskart").status_code == 403
    assert reader.post("/import/funksjonskart", data=form).status_code == 403


def test_a_user_keeps_at_most_three_uploads_waiting(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    tokens = [_token(_preview(client, ODD).get_data(as_text=True)) for _ in range(5)]
    waiting = [t for t in tokens if _pending_files(app, t)]
    assert waiting == tokens[-3:]  # the newest three; the oldest went first
    other = login(app.test_client(), "okonomi-gratangen")
    _preview(other, ODD, municipality="5516")
    assert [t for t in tokens if _pending_files(app, t)] == tokens[-3:]  # others' are theirs

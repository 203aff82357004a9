import io
import re

from flask import Flask

from ..conftest import login

GOOD = b"konto;tjeneste;budsjett_2026\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"


def _preview(client, data: bytes, municipality: str = "5522"):  # type: ignore[no-untyped-def]
    return client.post(
        "/import/forhandsvis",
        data={"municipality": municipality, "year": "2026", "file": (io.BytesIO(data), "b.csv")},
        content_type="multipart/form-data",
    )


def test_finance_previews_then_commits_a_budget(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    page = _preview(client, GOOD).get_data(as_text=True)
    assert "Forhåndsvisning av b.csv" in page
    assert "Lagre importen" in page
    sha = re.search(r'name="sha" value="([0-9a-f]{64})"', page)
    assert sha is not None
    response = client.post(
        "/import/lagre",
        data={"sha": sha[1], "filename": "b.csv", "municipality": "5522", "year": "2026"},
    )
    assert response.status_code == 302
    listing = client.get("/import/").get_data(as_text=True)
    assert "Importen er lagret" in listing
    assert "b.csv" in listing


def test_a_broken_file_shows_line_and_column_and_offers_no_save(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = _preview(client, GOOD.replace(b"1 000 000", b"12,3,4", 1))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "linje 2" in page
    assert "Lagre importen" not in page


def test_finance_cannot_import_for_another_municipality(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = _preview(client, GOOD, municipality="5516")
    assert response.status_code == 422
    assert "ikke 5516" in response.get_data(as_text=True)


def test_the_mayors_group_has_no_import_page(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get("/import/").status_code == 403

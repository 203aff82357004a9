import io
import re
from pathlib import Path

import pytest
from flask import Flask

from ..conftest import login

GOOD = b"konto;tjeneste;budsjett_2026\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"


@pytest.fixture(autouse=True)
def _own_uploads(app: Flask, tmp_path: Path) -> None:
    """Keep this test's pending uploads out of the project's instance folder."""
    app.instance_path = str(tmp_path / "instance")


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
    assert "Barnevern" in page  # the service's name, not only its code
    token = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page)
    assert token is not None
    response = client.post("/import/lagre", data={"token": token[1]})
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
    assert response.status_code == 403
    assert "ikke 5516" in response.get_data(as_text=True)


def test_the_mayors_group_has_no_import_page(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get("/import/").status_code == 403


def test_a_commit_without_a_previewed_file_is_refused(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    response = client.post("/import/lagre", data={"token": "../../etc/passwd"})
    assert response.status_code == 422
    assert "Last den opp på nytt" in response.get_data(as_text=True)
    assert "Importhistorikk" not in response.get_data(as_text=True)

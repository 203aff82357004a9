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


def test_a_file_too_large_for_a_request_is_sent_to_the_command_line(app: Flask) -> None:
    """Issue 15.3: reading takes 60–90 µs a line; a web request reads at most 10 000 lines."""
    from werkzeug.test import EnvironBuilder

    client = login(app.test_client(), "okonomi-salangen")
    big = GOOD + b"10100;24400;100;1 000\n" * 10_000  # 10 003 lines, 0,2 MB
    data = {"municipality": "5522", "year": "2026", "file": (io.BytesIO(big), "b.csv")}
    builder = EnvironBuilder(path="/import/forhandsvis", method="POST", data=data)
    environ = builder.get_environ()  # the body is spooled to a temporary file
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert (
        "b.csv: filen har 10\u00a0003 linjer (0,2 MB); i nettleseren leses budsjettfiler på "
        "høyst 10\u00a0000 linjer og 2 MB"
    ) in page
    assert "coop import-budget FIL --municipality NNNN --year ÅÅÅÅ" in page
    assert "Forhåndsvisning" not in page

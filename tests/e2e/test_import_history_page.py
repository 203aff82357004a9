"""Issue 15.12 on the imports page: every import listed with hash, who, when, what it replaced."""

import hashlib
import io
import re

from flask import Flask

from ..conftest import login

GOOD = b"konto;tjeneste;budsjett_2026\n10100;24400;1 000 000\n18700;87000;-1 000 000\n"


def _import(client, data: bytes, name: str) -> None:  # type: ignore[no-untyped-def]
    page = client.post(
        "/import/forhandsvis",
        data={"municipality": "5522", "year": "2026", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    token = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page)
    assert token is not None, page
    assert client.post("/import/lagre", data={"token": token[1]}).status_code == 302


def test_the_imports_page_lists_every_import_and_what_it_replaced(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    _import(client, GOOD, "forste.csv")
    _import(client, GOOD.replace(b"1 000 000", b"2 000 000"), "andre.csv")
    page = client.get("/import/").get_data(as_text=True)
    rows = re.findall(r"<tr><td>5522</td>.*?</tr>", page)
    assert len(rows) == 2
    assert "andre.csv" in rows[0]
    assert "forste.csv (" in rows[0]  # replaced, with when and by whom
    assert "okonomi-salangen" in rows[0]
    assert "gjeldende" in rows[0]
    assert "forste.csv" in rows[1]
    assert "erstattet" in rows[1]
    assert hashlib.sha256(GOOD).hexdigest() in rows[1]


def test_a_file_with_no_service_cannot_be_saved(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    nothing = b"konto;tjeneste;budsjett_2026\n18700;87000;-100\n10100;87000;100\n"
    response = client.post(
        "/import/forhandsvis",
        data={"municipality": "5522", "year": "2026", "file": (io.BytesIO(nothing), "tom.csv")},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "gir ingen tjeneste" in page
    assert "Lagre importen" not in page

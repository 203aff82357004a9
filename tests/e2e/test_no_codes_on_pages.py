"""No internal codes or English in the visible text of bokmål pages (issue 18.7).

Each main page, as the administrator (who sees every link), stripped to what a reader sees.
"""

import re

import pytest
from flask import Flask

from ..conftest import login

PAGES = [
    "/",
    "/prosjekter/astafjord-2007",
    "/prosjekter/astafjord-2007/alternativer/Ordførergruppas forslag 2007",
    "/prosjekter/astafjord-2007/plassering/",
    "/prosjekter/astafjord-2007/sammenlign",
    "/prosjekter/astafjord-2007/fordeling/barnevern",
    "/prosjekter/astafjord-2007/fordeling/regnskap-lonn",
    "/prosjekter/astafjord-2007/kommuner/5522",
    "/prosjekter/astafjord-2007/nokler/",
    "/prosjekter/astafjord-2007/nokler/vis?navn=Lønnsslipper",
    "/prosjekter/astafjord-2007/retningslinjer/",
    "/import/",
    "/import/funksjonskart?kommune=5522&ar=2026",
    "/prosjekter/nord-osterdal-gauldal",
    "/prosjekter/nord-osterdal-gauldal/fordeling/landbruk",
]
# service and metric codes, English words and raw values that leak from code into text
DENY = re.compile(
    r"\b(ikt-drift|regnskap-lonn|kart-oppmaling|skatt-innfordring|lonnsslipper|function|"
    r"scenario|service|None|True|False|NaN|Kommune \d{4})\b"
)


def visible_text(html: str) -> str:
    body = html.split("<body", 1)[-1]
    # <code> marks a code the user must type (the key editor's usage field): shown on purpose
    body = re.sub(r"<(script|style|svg|code)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<(input|option|datalist)\b[^>]*>", " ", body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("path", PAGES)
def test_the_page_shows_names_not_codes(app: Flask, path: str) -> None:
    response = login(app.test_client(), "admin").get(path)
    assert response.status_code == 200
    text = visible_text(response.get_data(as_text=True))
    leaks = [text[max(0, m.start() - 30) : m.end() + 30] for m in DENY.finditer(text)]
    assert leaks == []

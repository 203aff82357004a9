"""The PDF jobs end to end: a reader clicks «PDF» on the page, the in-process job runs, the job
page offers the file, and the file is a real PDF whose title is the printed document's."""

from __future__ import annotations

import html
import io
import re

from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.test import TestResponse

from ..conftest import login

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
AGREEMENT = f"/avtaler/{SLUG}/{SCENARIO}/barnevern"
PACKAGE = f"/saksframlegg/{SLUG}/{SCENARIO}"


def link(page: str, ends: str) -> str:
    """The one href on the page whose path ends with ``ends`` (query allowed)."""
    found = {html.unescape(h) for h in re.findall(r'href="([^"]+)"', page)}
    (href,) = [h for h in found if h.split("?")[0].endswith(ends)]
    return href


def title_of(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page, re.S)
    assert match, page[:300]
    return html.unescape(match.group(1)).strip()


def run_job(app: Flask, client: FlaskClient, href: str) -> TestResponse:
    """Follow the PDF link: 303 to the job page, let the thread runner finish, fetch the file."""
    started = client.get(href)
    assert started.status_code == 303, started.get_data(as_text=True)
    job_page_url = started.location
    job_id = job_page_url.rstrip("/").rsplit("/", 1)[-1]
    app.extensions["coop.jobs"].wait(job_id, 300)
    job_page = client.get(job_page_url).get_data(as_text=True)
    response = client.get(link(job_page, f"/jobber/{job_id}/fil"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    return response


def test_the_agreement_pdf_job_started_from_the_draft_page_gives_a_titled_pdf(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    draft = client.get(AGREEMENT).get_data(as_text=True)
    response = run_job(app, client, link(draft, "/agreement.pdf"))
    assert (
        'filename="avtale-astafjord-2007-barnevern.pdf"' in response.headers["Content-Disposition"]
    )
    printed = title_of(client.get(f"{AGREEMENT}/utskrift").get_data(as_text=True))
    assert printed.endswith(" – utskrift – coop")
    assert PdfReader(io.BytesIO(response.data)).metadata.title == printed


def test_the_case_package_pdf_job_started_from_the_package_page_gives_a_titled_pdf(
    app: Flask,
) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    package = client.get(PACKAGE).get_data(as_text=True)
    response = run_job(app, client, link(package, "/5522/saksframlegg.pdf"))
    assert (
        'filename="saksframlegg-astafjord-2007-5522.pdf"' in response.headers["Content-Disposition"]
    )
    printed = title_of(client.get(f"{PACKAGE}/5522").get_data(as_text=True))
    assert printed.startswith("Saksframlegg for Salangen kommune: ")
    assert PdfReader(io.BytesIO(response.data)).metadata.title == printed

"""Agreement PDFs (WeasyPrint) from the web and from `coop agreement`, read back by PDFium (text)
and pypdf (structure)."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from werkzeug.test import TestResponse

from coop.domain.agreements.draft import POINTS
from coop.services.agreements import use_cases
from web.agreement_print import static_fetcher
from web.cli import main
from web.filters import pct

from ..conftest import login

BASE = "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern"
MANDATORY = {letter for letter, _, mandatory in POINTS if mandatory}
A4_PT = (595, 842)


def download(app: Flask, client: FlaskClient, url: str) -> TestResponse:
    """Ask for the PDF (a background job: 303 to its page at once), wait, fetch the file."""
    started = client.get(url)
    assert started.status_code == 303, started.get_data(as_text=True)
    job_id = started.location.rstrip("/").rsplit("/", 1)[-1]
    app.extensions["coop.jobs"].wait(job_id, 300)
    page = client.get(started.location).get_data(as_text=True)
    assert f"/jobber/{job_id}/fil" in page, page
    return client.get(f"/jobber/{job_id}/fil")


def pdf_text(data: bytes) -> tuple[str, PdfReader]:
    """The text as one line of single spaces (PDFium, ~30× faster than pypdf's extraction, and
    words kept whole), and pypdf's reader for the document's structure."""
    document = pypdfium2.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_bounded() for i in range(len(document))]
    finally:
        document.close()
    raw = "\n".join(pages).replace("\x02", "-")  # PDFium marks a hyphen at a line break with \x02
    return " ".join(raw.replace("\u00a0", " ").split()), PdfReader(io.BytesIO(data))


def expected(app: Flask, decided: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """Mandatory headings, each partner's share as printed, and the signing mayors."""
    from datetime import date

    day = date.fromisoformat(decided) if decided else None
    view = use_cases.draft_agreement(
        "astafjord-2007",
        "Ordførergruppas forslag 2007",
        "barnevern",
        app.extensions["coop.uow"](),
        day,
    )
    headings = [
        s.heading for s in view.draft.sections if any(c.point in MANDATORY for c in s.clauses)
    ]
    shares = [
        pct(r.share, 2).replace("\u00a0", " ")
        for r in view.draft.appendices[0].rows
        if r.share is not None
    ]
    mayors = [f"ordfører, {s.name} kommune" for s in view.signatories]
    return headings, shares, mayors


def test_the_mayors_group_downloads_a_pdf_with_every_heading_share_and_signature(
    app: Flask,
) -> None:
    client = login(app.test_client(), "ordforer")
    response = download(app, client, f"{BASE}/agreement.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text, reader = pdf_text(response.data)
    headings, shares, mayors = expected(app)
    assert len(headings) == 8  # a–i over eight numbered sections (a and b share one)
    for heading in headings:
        assert heading in text, heading
    assert shares == ["25,94 %", "23,90 %", "50,16 %"]  # 1070, 986 and 2069 of 4125
    for share in shares:
        assert share in text, share
    for mayor in mayors:
        assert mayor in text, mayor
    assert "Sted: Sjøvegan" in text
    assert f"Side 1 av {len(reader.pages)}" in text
    assert "kommuneloven 1992" in text.lower()
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_PT


def test_a_pdf_for_a_chosen_date_cites_chapter_20(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    text, _ = pdf_text(download(app, client, f"{BASE}/agreement.pdf?dato=2026-03-01").data)
    assert "kommuneloven kapittel 20".upper() in text.upper()
    assert "kommunedirektøren" in text


def test_a_saved_version_prints_with_its_number_and_hash(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    form = {"decided_on": "2007-05-24", "tasks": "Barnevern.", "version": "0"}
    assert client.post(BASE, data=form).status_code == 302
    view = use_cases.draft_agreement(
        "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern", app.extensions["coop.uow"]()
    )
    response = download(app, client, f"{BASE}/agreement.pdf?versjon=1")
    assert (
        'filename="avtale-astafjord-2007-barnevern-versjon-1.pdf"'
        in response.headers["Content-Disposition"]
    )
    text, _ = pdf_text(response.data)
    assert "Versjon 1, utkast" in text
    assert view.content_hash[:12] not in text  # the hash stays in the version record


def test_the_pdf_fetcher_serves_static_files_and_refuses_the_network(app: Flask) -> None:
    fetch = static_fetcher(app)
    css = fetch("coop-static:/print.css")
    assert b"@page" in css.read()
    css.close()
    for url in (
        "https://fonts.example.com/x.css",
        "file:///etc/passwd",
        "coop-static:/../../pyproject.toml",
    ):
        with pytest.raises(ValueError, match="henter ikke eksterne ressurser"):
            fetch(url)


def test_the_cli_writes_a_pdf_and_a_standalone_html(app: Flask, tmp_path: Path) -> None:
    database = app.config["DATABASE_URL"]
    runner = CliRunner()
    out_pdf, out_html = tmp_path / "avtale.pdf", tmp_path / "avtale.html"
    common = ["agreement", "astafjord-2007", "--service", "barnevern", "--database", database]
    made = runner.invoke(
        main, [*common, "--scenario", "Ordførergruppas forslag 2007", "--pdf", str(out_pdf)]
    )
    assert made.exit_code == 0, made.output
    assert "kommuneloven 1992" in made.output
    text, _ = pdf_text(out_pdf.read_bytes())
    headings, shares, _ = expected(app)
    assert all(h in text for h in headings)
    assert all(s in text for s in shares)
    page = runner.invoke(
        main,
        [
            *common,
            "--scenario",
            "Ordførergruppas forslag 2007",
            "--date",
            "2026-03-01",
            "--html",
            str(out_html),
        ],
    )
    assert page.exit_code == 0, page.output
    html = out_html.read_text(encoding="utf-8")
    assert "<style>" in html
    assert "@page" in html
    assert "/static/" not in html
    assert "kapittel 20" in html


def test_the_cli_asks_for_a_scenario_and_for_exactly_one_output(app: Flask, tmp_path: Path) -> None:
    database = app.config["DATABASE_URL"]
    common = ["agreement", "astafjord-2007", "--service", "barnevern", "--database", database]
    runner = CliRunner()
    unclear = runner.invoke(main, [*common, "--pdf", str(tmp_path / "x.pdf")])
    assert unclear.exit_code == 2
    assert "«Alt i Salangen», «Ordførergruppas forslag 2007»" in unclear.output
    neither = runner.invoke(main, [*common, "--scenario", "Ordførergruppas forslag 2007"])
    assert neither.exit_code == 2
    assert "nøyaktig én av --pdf" in neither.output
    assert not (tmp_path / "x.pdf").exists()


def test_the_pdf_job_and_its_file_are_its_owners_alone(app: Flask) -> None:
    owner = login(app.test_client(), "ordforer")
    response = download(app, owner, f"{BASE}/agreement.pdf")
    job_url = response.request.path.removesuffix("/fil")
    other = login(app.test_client(), "okonomi-salangen")
    assert other.get(job_url).status_code == 404
    assert other.get(job_url + "/fil").status_code == 404
    assert owner.get(job_url).status_code == 200


def test_a_bad_version_is_refused_before_any_job_starts(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    response = client.get(f"{BASE}/agreement.pdf?versjon=x")
    assert response.status_code == 422
    with app.extensions["coop.uow"]() as uow:
        assert uow.jobs.list() == []


def test_the_pdf_is_tagged_with_language_and_title(client: FlaskClient) -> None:
    """PDF/UA-1 (WeasyPrint's variant): a structure tree, /Lang nb and the document title."""
    response = download(client.application, client, f"{BASE}/agreement.pdf")
    _, reader = pdf_text(response.data)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("nb")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None
    assert "Avtale om administrativt vertskommunesamarbeid om barnevern" in str(
        reader.metadata.title
    )
    tree = root["/StructTreeRoot"].get_object()
    kinds: set[str] = set()

    def walk(node: object, depth: int = 0) -> None:
        if depth > 40:
            return
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
                walk(kid, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/P"} <= kinds  # headings and paragraphs are tagged

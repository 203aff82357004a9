"""The steering group's and finance's main flows, clicked through in Chromium."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from coop import services

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_run_the_optimiser_with_a_political_lock(page: Any) -> None:
    page.goto("/prosjekter/astafjord-2007")
    page.get_by_role("link", name="Foreslå vertskommuner (optimering)").click()
    page.get_by_label("Årsverk og retningslinjer fra alternativet").select_option(
        "Ordførergruppas forslag 2007"
    )
    page.locator("#las-barnevern").select_option("5522")
    page.get_by_role("button", name="Kjør optimeringen").click()
    assert "bevist optimalt" in page.get_by_role("heading", level=2, name="Resultat").inner_text()
    assert page.get_by_text("Prisen på de låste valgene").count() == 1
    screenshot(page, "optimering")


def test_compare_two_options(page: Any) -> None:
    page.goto(
        "/prosjekter/astafjord-2007/sammenlign?alternativ=Ordførergruppas forslag 2007"
        "&alternativ=Alt i Salangen"
    )
    body = page.locator("main").inner_text()
    assert "Ordførergruppas forslag 2007" in body
    assert "Alt i Salangen" in body
    assert page.locator("svg[role=img]").count() >= 2


def test_finance_uploads_a_budget_and_commits_it(
    browser: Any, live_server: str, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=live_server, locale="nb-NO")
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill("okonomi-salangen")
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name="Importer budsjett").click()
    csv = tmp_path / "salangen_2026.csv"
    csv.write_bytes(
        "konto;tjeneste;budsjett_2026\n10100;24400;1 200 000\n18700;87000;-1 200 000\n".encode(
            "cp1252"
        )
    )
    page.get_by_label("År").fill("2026")
    page.get_by_label("CSV-fil fra økonomisystemet eller SSB").set_input_files(str(csv))
    page.get_by_role("button", name="Forhåndsvis").click()
    assert "Forhåndsvisning av salangen_2026.csv" in page.locator("main").inner_text()
    screenshot(page, "import-forhandsvisning")
    page.get_by_role("button", name="Lagre importen").click()
    assert "Importen er lagret" in page.locator("main").inner_text()
    assert "salangen_2026.csv" in page.get_by_role("table", name="Importhistorikk").inner_text()
    context.close()


def test_a_running_optimisation_says_so_with_its_time_limit(page: Any) -> None:
    page.goto("/prosjekter/astafjord-2007/plassering/")
    status = page.locator("#framdrift")
    assert status.is_hidden()
    # Keep the page where it is after progress.js has seen the submit (a later listener), so
    # the "running" state can be read as long as the answer would take.
    page.evaluate("document.addEventListener('submit', event => event.preventDefault())")
    page.get_by_role("button", name="Kjør optimeringen").click()
    assert status.is_visible()
    assert status.get_attribute("role") == "status"
    assert status.inner_text().startswith("Optimeringen kjører: 0 s (tidsgrense 20 s)")
    assert page.get_by_role("button", name="Kjør optimeringen").is_disabled()
    expect(status).to_contain_text("Optimeringen kjører: 1 s", timeout=5000)  # it counts

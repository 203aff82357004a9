"""A new region from an empty database, every step clicked in Chromium (issue 13).

Nord-Troms (Kåfjord, Skjervøy, Nordreisa, Kvænangen; none of them in the demo) sets up
barnevern and PPT: PPT figures typed into the grid, barnevern from one budget file per
municipality, estimated travel accepted with one pair entered, the optimiser run, its best
placement saved, barnevern's cost split and the § 20-4 draft printed. No fixture data but the
register and two users; the step log (clicks and seconds) is printed for the closing note.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from coop import services
from coop.domain.access import Role

from ..conftest import CHEAP_HASH
from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser
PASSWORD = "nord-troms-2026"  # noqa: S105 - a throwaway test user
MEMBERS = {"5540": "Kåfjord", "5542": "Skjervøy", "5544": "Nordreisa", "5546": "Kvænangen"}
PPT = {"5540": ("1,5", "1 400 000"), "5542": ("2", "1 900 000"),
       "5544": ("3,2", "3 100 000"), "5546": ("1", "950 000")}  # fmt: skip
BARNEVERN_PAY = {"5540": 1_600_000, "5542": 2_300_000, "5544": 4_100_000, "5546": 1_200_000}


@pytest.fixture(scope="module")
def empty_server(
    tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[str]:
    """A server on a database with the register and two users only: no demo projects."""
    from web import create_app

    folder = tmp_path_factory.mktemp("region")
    shutil.copy(migrated_template, folder / "r.sqlite")
    app = create_app({"SECRET_KEY": "region-test", "DATABASE_URL": f"sqlite:///{folder}/r.sqlite",
                      "PASSWORD_HASH_METHOD": CHEAP_HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    uow = app.extensions["coop.uow"]
    services.load_register(uow())
    admin = services.create_first_admin("admin", PASSWORD, uow(), CHEAP_HASH)
    services.create_user("styring", PASSWORD, Role.STEERING.value, uow(), actor=admin,
                         hash_method=CHEAP_HASH)  # fmt: skip
    assert services.list_projects(uow(), admin) == []  # no demo data
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    app.extensions["coop.engine"].dispose()


class Walk:
    """The page plus a log of steps with the clicks (and fields filled) each took."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.clicks = 0
        self.fields = 0
        self.started = time.monotonic()
        self.log: list[str] = []

    def click(self, locator: Any) -> None:
        """Click, then wait until a page the click leads to has loaded (not only started)."""
        locator.click()
        self.page.wait_for_load_state()
        self.clicks += 1

    def fill(self, locator: Any, value: str) -> None:
        locator.fill(value)
        self.fields += 1

    def step(self, name: str) -> None:
        seconds = time.monotonic() - self.started
        self.log.append(f"{seconds:6.1f} s  {self.clicks:3d} klikk  {self.fields:3d} felt  {name}")

    def main(self) -> str:
        text: str = self.page.locator("main").inner_text()
        return text


def test_a_new_region_is_planned_end_to_end_in_the_browser(
    browser: Any, empty_server: str, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=empty_server, locale="nb-NO")
    walk = Walk(context.new_page())
    page = walk.page
    page.goto("/logg-inn")
    walk.fill(page.get_by_label("Brukernavn"), "styring")
    walk.fill(page.get_by_label("Passord"), PASSWORD)
    walk.click(page.get_by_role("button", name="Logg inn"))
    assert "Det finnes ingen samarbeidsprosjekter ennå" in walk.main()
    walk.step("innlogget, tom database")

    # 1. Create the project: four members typed by name, two services from the catalogue.
    walk.click(page.get_by_role("link", name="Nytt samarbeidsprosjekt"))
    walk.fill(page.get_by_label("Navn på prosjektet"), "Nord-Troms barnevern og PPT")
    for i, name in enumerate(MEMBERS.values(), start=1):
        walk.fill(page.get_by_label(f"Kommune {i}", exact=True), name)
    walk.click(page.locator("#tj-barnevern"))
    walk.click(page.locator("#tj-ppt"))
    assert axe_violations(page) == []
    walk.click(page.get_by_role("button", name="Opprett prosjektet"))
    assert "er opprettet med standard forutsetninger" in walk.main()
    project_url = page.url
    walk.step("prosjektet opprettet")

    # 2. PPT by hand in the baseline grid, with the basis «budsjett».
    walk.click(page.get_by_role("link", name="Grunnlag: årsverk og kostnader per kommune"))
    year = page.get_by_role("heading", level=1).inner_text().split()[1].rstrip(":")
    for number, (fte, gross) in PPT.items():
        form = f"#skjema-ppt-{number}"
        walk.fill(page.locator(f"{form}-fte"), fte)
        walk.fill(page.locator(f"{form}-gross_cost_nok"), gross)
        page.locator(f"{form}-grunnlag").select_option("budsjett")
        walk.fields += 1
        walk.click(page.locator(f"form{form} button"))
        assert f"Grunnlaget for {number} i «ppt» ({year}) er lagret." in walk.main()
    assert axe_violations(page) == []
    screenshot(page, "ny-region-grunnlag")
    walk.step("PPT fylt inn for hånd (4 kommuner)")

    # 3. Barnevern from each municipality's budget file (function 244).
    walk.click(page.get_by_role("link", name="Importer en budsjettfil (CSV)", exact=False))
    for number, pay in BARNEVERN_PAY.items():
        csv = tmp_path / f"budsjett_{number}.csv"
        csv.write_text(f"konto;tjeneste;budsjett_{year}\n10100;24400;{pay}\n"
                       f"18700;87000;-{pay}\n", encoding="utf-8")  # fmt: skip
        page.get_by_label("Kommune", exact=True).select_option(number)
        walk.fields += 1
        walk.fill(page.get_by_label("År"), year)
        page.get_by_label("CSV-fil fra økonomisystemet eller SSB").set_input_files(str(csv))
        walk.fields += 1
        walk.click(page.get_by_role("button", name="Forhåndsvis"))
        walk.click(page.get_by_role("button", name="Lagre importen"))
        assert "Importen er lagret: 1 tjeneste fikk nytt grunnlag." in walk.main()
    page.goto(project_url + "/grunnlag/")
    walk.clicks += 2  # back to the project, then «Grunnlag»
    grid = walk.main()
    assert "import av budsjett_5544.csv" in grid
    assert "mangler tall for" not in grid
    walk.step("barnevern importert fra 4 budsjettfiler")

    # 4. Travel: estimates accepted, one pair entered.
    page.goto(project_url)
    walk.click(page.get_by_role("link", name="Reiser mellom kommunene"))
    assert "6 av 6 par er" in walk.main() or "par er" in walk.main()
    walk.click(page.get_by_role("link", name="Oppgi reise Nordreisa – Skjervøy"))
    walk.fill(page.get_by_label("Reisetid i minutter (én vei)"), "70")
    walk.fill(page.get_by_label("Kilometer (én vei)"), "64")
    walk.fill(page.get_by_label("Kilde for tallene"), "ruteplanlegger (testverdi)")
    walk.click(page.get_by_role("button", name="Lagre reisen"))
    assert "Reisen er lagret for begge retninger" in walk.main()
    row = page.get_by_role("row", name="Nordreisa – Skjervøy")
    assert "oppgitt for prosjektet" in row.inner_text()
    assert axe_violations(page) == []
    walk.step("reiser: anslag godtatt, ett par oppgitt")

    # 5. The optimiser, and its best placement saved as an option.
    page.goto(project_url)
    walk.click(page.get_by_role("link", name="Foreslå vertskommuner (optimering)"))
    walk.click(page.get_by_role("button", name="Kjør optimeringen"))
    result = page.get_by_role("heading", level=2, name="Resultat")
    result.wait_for(timeout=60_000)
    assert "bevist optimalt" in result.inner_text()
    walk.fill(page.get_by_label("Lagre beste plassering som nytt alternativ"), "Optimalt forslag")
    walk.click(page.get_by_role("button", name="Lagre som alternativ"))
    assert "Optimalt forslag" in walk.main()
    walk.step("optimering kjørt, beste plassering lagret")

    # 6. Split barnevern's cost by the option's key.
    page.goto(project_url)
    walk.click(page.get_by_role("link", name="fordeling, a konto og etteroppgjør").first)
    page.get_by_label("Plasseringsalternativ", exact=False).select_option("Optimalt forslag")
    walk.fields += 1
    walk.click(page.get_by_role("button", name="Beregn", exact=True))
    split = walk.main()
    for name in MEMBERS.values():
        assert name in split
    screenshot(page, "ny-region-fordeling")
    walk.step("kostnaden fordelt")

    # 7. The § 20-4 draft, printed.
    page.goto(project_url)
    walk.click(page.get_by_role("link", name="Avtaleutkast, versjoner og vedtak per tjeneste"))
    walk.click(page.get_by_role("link", name="Barnevern (barnevernstjeneste)", exact=True))
    walk.click(page.get_by_role("link", name="Utskriftsvisning"))
    printed = walk.main() if page.locator("main").count() else page.inner_text("body")
    assert "20-4" in printed
    for name in MEMBERS.values():
        assert name in printed
    screenshot(page, "ny-region-avtale")
    walk.step("avtaleutkast etter § 20-4 skrevet ut")
    print("\n".join(["", "Gjennomgang (tid, klikk, felt):", *walk.log]))
    context.close()


def test_the_new_project_pages_pass_axe(browser: Any, empty_server: str) -> None:

    context = browser.new_context(base_url=empty_server, locale="nb-NO")
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill("admin")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto("/nytt-prosjekt")
    page.get_by_label("Navn på prosjektet").fill("Axe-sjekk")
    page.get_by_label("Prosjektkode i adressen (valgfri)").fill("axe-sjekk")
    page.get_by_label("Kommune 1", exact=True).fill("Lyngen")
    page.get_by_label("Kommune 2", exact=True).fill("Storfjord")
    page.locator("#tj-ppt").check()
    page.get_by_role("button", name="Opprett prosjektet").click()
    for path in ("innstillinger/", "forutsetninger", "endringer", "grunnlag/", "reiser/"):
        page.goto(f"/prosjekter/axe-sjekk/{path}")
        assert axe_violations(page) == [], path
    for path in ("/katalog/", "/katalog/ppt", "/importer-prosjekt"):
        page.goto(path)
        assert axe_violations(page) == [], path
    page.goto("/prosjekter/axe-sjekk/innstillinger/")
    page.get_by_label("Legg til kommune (navn eller nummer)").fill("Narnia")
    page.get_by_role("button", name="Legg til kommunen").click()
    assert "Fant ingen kommune som heter «Narnia»" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    context.close()

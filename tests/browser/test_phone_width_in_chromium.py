"""Issue 18.5: at 390 × 844 (a phone) no main page is wider than the screen, for every role.

One test per role walks every main page of the demo project and of a project made here from
the register (no demo data), so the check follows what each role can open; pages a role may
not open (403) are skipped and counted, so a role that suddenly sees nothing fails too.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from coop import services
from coop.domain.access import SYSTEM

from ..conftest import CHEAP_HASH
from .conftest import axe_violations

pytestmark = pytest.mark.browser
DEMO = "astafjord-2007"
OWN = "smal-skjerm"
PLAN = "framoverlent-sammen"
OPTION = quote("Ordførergruppas forslag 2007")


def project_pages(slug: str, service: str, member: str) -> list[str]:
    """The pages of one project, as its own navigation reaches them."""
    p = f"/prosjekter/{slug}"
    return [
        p,
        f"{p}/alternativer/nytt",
        f"{p}/plassering/",
        f"{p}/plassering/?kjor=1&maks_tap=mye",
        f"{p}/sammenlign",
        f"{p}/fordeling/{service}",
        f"{p}/kommuner/{member}",
        f"{p}/nokler/",
        f"{p}/nokler/ny",
        f"{p}/retningslinjer/",
        f"{p}/retningslinjer/ny",
        f"{p}/reiser/",
        f"{p}/grunnlag/",
        f"{p}/forutsetninger",
        f"{p}/endringer",
        f"{p}/innstillinger/",
        f"{p}/tilgang/",
        f"/avtaler/{slug}",
    ]


PAGES = [
    "/",
    *project_pages(DEMO, "barnevern", "5522"),
    f"/prosjekter/{DEMO}/alternativer/{OPTION}",
    f"/prosjekter/{DEMO}/sammenlign?alternativ={OPTION}&alternativ=Alt i Salangen",
    f"/prosjekter/{DEMO}/fordeling/barnevern?uttreder=5516&oppsagt=15.03.2026",
    f"/prosjekter/{DEMO}/nokler/vis?navn=Folketall",
    f"/avtaler/{DEMO}/{OPTION}/barnevern",
    f"/avtaler/{DEMO}/{OPTION}/barnevern/versjoner",
    f"/avtaler/{DEMO}/{OPTION}/barnevern/vedtak",
    *project_pages(OWN, "ppt", "5520"),
    f"/prosess/{PLAN}",
    f"/prosess/{PLAN}/personal",
    f"/prosess/{PLAN}/organisasjon",
    f"/prosess/{PLAN}/innsparing",
    f"/prosess/{PLAN}/prosjektmidler",
    f"/prosess/{PLAN}/evaluering",
    f"/prosess/{PLAN}/statusrapport",
    "/import/",
    "/import/funksjonskart?kommune=5522&ar=2026",
    "/katalog/",
    "/katalog/barnevern",
    "/hvem-bor-samarbeide/",
    "/nytt-prosjekt",
    "/importer-prosjekt",
    "/konto/",
    "/admin/brukere",
]
ROLES = {"admin": 60, "okonomi-salangen": 35}
"""Each role and the fewest pages it must be able to open (so a broken login cannot pass).

Width depends on what a page shows, not on who asks, except for the controls a role gets:
admin sees every page and every control the steering group and readers see (a superset), and
a finance user gets the pages bound to its municipality (proposals, imports); the steering
group and the mayors' reader role add no layout of their own (their pages are checked for
links in tests/e2e/test_links_by_role.py).
"""
SCROLLERS = """() => [...document.querySelectorAll('main *')]
  .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)
               && e.scrollWidth > e.clientWidth + 1)
  .filter(e => !(e.getAttribute('role') === 'region' && e.tabIndex === 0
                 && (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))))
  .map(e => e.tagName + ' ' + (e.querySelector('caption')?.textContent || '').trim())"""
"""Sideways scrollers that are not a labelled region a keyboard user can focus."""


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory: pytest.TempPathFactory, app_template: Path) -> Iterator[str]:
    """The demo plus a project of register municipalities only (Bardu, Målselv, Salangen)."""
    from web import create_app

    folder = tmp_path_factory.mktemp("phone")
    shutil.copy(app_template, folder / "p.sqlite")
    app = create_app({"SECRET_KEY": "phone-test", "DATABASE_URL": f"sqlite:///{folder}/p.sqlite",
                      "PASSWORD_HASH_METHOD": CHEAP_HASH})  # fmt: skip
    app.instance_path = str(folder / "instance")
    uow = app.extensions["coop.uow"]
    services.create_project("Smal skjerm", ["5520", "5524", "5522"], ["barnevern", "ppt"],
                            SYSTEM, uow(), slug=OWN)  # fmt: skip
    for username in (*ROLES, "styring"):  # styring: the axe check below
        services.grant_access(OWN, username, SYSTEM, uow())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    app.extensions["coop.engine"].dispose()


@pytest.mark.parametrize("username", list(ROLES))
def test_no_main_page_is_wider_than_a_phone(browser: Any, phone_server: str, username: str) -> None:
    context = browser.new_context(
        base_url=phone_server, locale="nb-NO", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{phone_server}/")
    wide, opened, refused, unlabelled = [], 0, [], []
    for path in PAGES:
        response = page.goto(path)
        if response.status in (403, 404):
            refused.append((response.status, path))
            continue
        assert response.status in (200, 422), (path, response.status)
        opened += 1
        # a page that runs a job reloads itself when it ends: measure the page left standing
        expect(page.locator("[data-job-url]")).to_have_count(0, timeout=30_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append((path, width))
        unlabelled += [(path, what) for what in page.evaluate(SCROLLERS)]
    context.close()
    assert opened >= ROLES[username], (opened, refused)
    assert wide == [], wide
    assert unlabelled == [], unlabelled


def test_wide_tables_scroll_in_regions_axe_accepts(browser: Any, phone_server: str) -> None:
    context = browser.new_context(
        base_url=phone_server, locale="nb-NO", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto("/logg-inn")
    page.get_by_label("Brukernavn").fill("styring")
    page.get_by_label("Passord").fill(services.DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    for path in (f"/prosjekter/{DEMO}/grunnlag/", f"/prosjekter/{DEMO}/sammenlign",
                 f"/prosjekter/{DEMO}/fordeling/barnevern", f"/prosjekter/{OWN}"):  # fmt: skip
        page.goto(path)
        region = page.locator(".table-scroll[role=region]").first
        assert region.get_attribute("tabindex") == "0", path
        violations = axe_violations(page)
        assert violations == [], (
            path,
            [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations],
        )
    context.close()

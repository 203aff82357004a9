import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_home_page_lists_the_demo_projects(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Samarbeidsprosjekter"
    assert page.get_by_role("link", name="Samarbeidsprosjektet Gratangen").count() == 1
    screenshot(page, "forside")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/prosjekter/astafjord-2007",
        "/prosjekter/astafjord-2007/alternativer/Ordførergruppas forslag 2007",
        "/prosjekter/astafjord-2007/plassering/?kjor=1&alternativ=Ordførergruppas forslag 2007",
        "/prosjekter/astafjord-2007/sammenlign?alternativ=Ordførergruppas forslag 2007"
        "&alternativ=Alt i Salangen",
        "/prosjekter/astafjord-2007/fordeling/barnevern?uttreder=5516&oppsagt=15.03.2026",
        "/prosjekter/astafjord-2007/kommuner/5522",
        "/prosjekter/astafjord-2007/nokler/",
        "/prosjekter/astafjord-2007/nokler/vis?navn=Lønnsslipper",
        "/prosjekter/astafjord-2007/nokler/ny",
        "/prosjekter/astafjord-2007/retningslinjer/",
        "/prosjekter/astafjord-2007/retningslinjer/ny?fra=KFO-kravet",
        "/avtaler/astafjord-2007",
        "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern",
        "/import/",
        "/import/funksjonskart?kommune=5522&ar=2026",
        "/konto/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(page, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response.status == 200, path
    # A page that starts a job (kjor=1) follows it and reloads itself when the job has ended;
    # check the page the user is left with, not one that goes away while axe reads it.
    expect(page.locator("[data-job-url]")).to_have_count(0, timeout=30_000)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_login_page_has_no_serious_accessibility_violations(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.goto("/logg-inn")
    assert axe_violations(page) == []
    context.close()

"""The optimiser as a background job in a real browser: the page follows the job and then shows
the answer; without JavaScript the «oppdater nå» link does the same."""

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

pytestmark = pytest.mark.browser
URL = (
    "/prosjekter/astafjord-2007/plassering/?kjor=1&alternativ=Ordførergruppas forslag 2007&antall=2"
)


def test_the_page_follows_the_job_and_shows_the_ranked_options(page: Any) -> None:
    page.goto(URL)
    assert "jobb=" in page.url
    expect(page.get_by_role("table", name="Rangerte plasseringer")).to_be_visible(timeout=60_000)
    expect(page.locator("#resultat")).to_be_focused()  # the answer takes focus (issue 18.8)
    assert page.locator("[data-job-url]").count() == 0
    assert axe_violations(page) == []


def test_without_javascript_the_link_shows_the_answer(
    browser: Any, live_server: str, logged_in: Any
) -> None:
    context = browser.new_context(
        base_url=live_server, locale="nb-NO", storage_state=logged_in("styring"),
        java_script_enabled=False,
    )  # fmt: skip
    page = context.new_page()
    page.goto(URL)
    for _ in range(60):
        if page.get_by_role("table", name="Rangerte plasseringer").count():
            break
        page.wait_for_timeout(500)
        page.get_by_role("link", name="oppdater nå").click()
    expect(page.get_by_role("table", name="Rangerte plasseringer")).to_be_visible()
    context.close()

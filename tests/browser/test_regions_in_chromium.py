"""«Hvem bør samarbeide?» in a real browser: the page follows the job, then shows the map and
the groups with no serious accessibility findings."""

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser
URL = ("/hvem-bor-samarbeide/?kjor=1&omrade=fylke&fylke=55&tjeneste=barnevern"
       "&min_folketall=5000&maks_reise=120&sammenhengende=1&behold_dagens=1")  # fmt: skip


def test_the_form_has_no_serious_accessibility_violations(page: Any) -> None:
    page.goto("/hvem-bor-samarbeide/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hvem bør samarbeide?"
    assert axe_violations(page) == []


def test_troms_groups_appear_on_a_map_with_a_project_button_each(page: Any) -> None:
    page.goto(URL)
    assert "jobb=" in page.url
    expect(page.get_by_role("table", name="Foreslåtte grupper")).to_be_visible(timeout=90_000)
    assert page.locator("svg[role=img] path").count() == 21  # Troms: 21 municipalities
    assert page.get_by_role("button", name="Lag prosjekt av gruppe 1", exact=False).count() == 1
    screenshot(page, "hvem-bor-samarbeide")
    assert axe_violations(page) == []

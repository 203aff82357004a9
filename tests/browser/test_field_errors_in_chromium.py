"""Issue 18.4 in a real browser: the error summary takes focus, its link lands in the field,
the typed text is still there, and the page stays clean for axe."""

from typing import Any

import pytest

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

SPLIT = "/prosjekter/astafjord-2007/fordeling/barnevern?alternativ=Ordførergruppas forslag 2007"


def test_a_bad_gain_keeps_the_input_and_leads_to_the_field(page: Any) -> None:
    page.goto(SPLIT)
    gain = page.get_by_label("Effektiviseringsgevinst ved samarbeid (prosent, anslag)")
    gain.fill("en del")
    page.get_by_role("button", name="Beregn", exact=True).click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "feiloppsummering"
    assert gain.input_value() == "en del"
    assert gain.get_attribute("aria-invalid") == "true"
    # the message sits with the field and is what a screen reader reads for it
    described = page.locator("#gevinst-feil").inner_text()
    assert "«en del» er ikke et tall" in described
    page.locator("#feiloppsummering").get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "gevinst"
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_the_optimiser_keeps_every_rule_when_one_is_refused(page: Any) -> None:
    page.goto("/prosjekter/astafjord-2007/plassering/")
    page.get_by_label("Lengste daglige pendling for ansatte (minutter én vei)").fill("45")
    loss = page.get_by_label("Største netto tap av årsverk per kommune")
    loss.fill("en time")
    page.get_by_role("button", name="Kjør optimeringen").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "feiloppsummering"
    assert loss.input_value() == "en time"
    assert page.locator("#maks_pendling").input_value() == "45"
    assert (
        "Største netto tap av årsverk: «en time» er ikke et tall"
        in page.locator("#maks_tap-feil").inner_text()
    )
    screenshot(page, "optimering-feil-1366")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]


def test_the_compare_page_names_a_bad_savings_target_at_its_field(page: Any) -> None:
    page.goto(
        "/prosjekter/astafjord-2007/sammenlign?alternativ=Ordførergruppas forslag 2007"
        "&sparemaal=mye"
    )
    assert page.evaluate("document.activeElement.id") == "feiloppsummering"
    assert page.locator("#sparemaal").input_value() == "mye"
    page.locator("#feiloppsummering").get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "sparemaal"
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]

"""The project plan in Chromium: create, move and complete a milestone, record a drøftingsmøte,
print the status report (A4, PDF), with axe-core on each page."""

from typing import Any

import pytest

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

A4_WIDTH_PX = 794
PLAN = "/prosess/framoverlent-sammen"


def test_create_move_and_complete_a_milestone(page: Any) -> None:
    page.goto(PLAN)
    assert axe_violations(page) == []
    assert page.get_by_role("img", name="Tidslinje: Åmot").count() == 1
    page.get_by_label("Type", exact=True).select_option("IP")
    page.get_by_label("Aktivitet").fill("Allmøte for alle ansatte")
    page.get_by_label("Frist (dd.mm.åååå)").fill("10.01.2022")
    page.get_by_label("Ansvarlig (rolle eller person)").fill("Kommunedirektør")
    page.get_by_role("button", name="Legg til milepæl").click()
    row = page.locator("tr", has_text="Allmøte for alle ansatte")
    key = row.locator("th").first.inner_text()
    assert "10.01.2022" in row.inner_text()
    page.get_by_label(f"Ny frist for {key}").fill("14.01.2022")
    page.get_by_role("button", name=f"Lagre {key}", exact=True).click()
    row = page.locator("tr", has_text="Allmøte for alle ansatte")
    assert "14.01.2022" in row.inner_text()
    assert "Planlagt" in row.inner_text()
    page.get_by_role("button", name=f"Marker {key} som fullført").click()
    row = page.locator("tr", has_text="Allmøte for alle ansatte")
    assert "Fullført" in row.inner_text()
    screenshot(page, "prosjektplan")


def test_record_a_drøftingsmøte_clears_the_warning_before_the_decision(page: Any) -> None:
    page.goto(f"{PLAN}/personal")
    assert axe_violations(page) == []
    warnings = page.locator(".warnings li").all_inner_texts()
    assert any("M1 «Vedta prosjektplanen»" in w for w in warnings)
    page.get_by_label("Møtetype").select_option("drofting")
    page.get_by_label("Dato (dd.mm.åååå)").fill("01.12.2021")
    page.get_by_label("Parter").fill("Kommunedirektør, hovedtillitsvalgte og hovedverneombud")
    page.get_by_label("Protokoll / utfall").fill("Prosjektplanen drøftet; ingen merknader.")
    page.get_by_role("button", name="Registrer møtet").click()
    table = page.get_by_role("table", name="Møter med tillitsvalgte og ansatte")
    assert "01.12.2021" in table.inner_text()
    assert "Prosjektplanen drøftet" in table.inner_text()
    warnings = page.locator(".warnings li").all_inner_texts()
    assert not any("M1 «Vedta prosjektplanen»" in w for w in warnings)


def test_print_the_status_report(page: Any) -> None:
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.goto(f"{PLAN}/statusrapport?dato=20.05.2022")
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert page.get_by_role("heading", level=1).count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= A4_WIDTH_PX, f"status report is {overflow}px wide, wider than A4"
    text = page.locator("main").inner_text()
    assert "Status per 20.05.2022" in text
    assert "Endelig vedtak i kommunestyret" in text  # among the next steps
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    screenshot(page, "statusrapport")

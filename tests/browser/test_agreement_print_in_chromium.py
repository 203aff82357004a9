"""The agreement's print view, laid out by Chromium for print on A4."""

from typing import Any

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

A4_WIDTH_PX = 794  # 210 mm at 96 px per inch
PRINT_URL = "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern/utskrift"


def test_print_view_fits_a4_and_makes_pages(page: Any) -> None:
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    page.goto(PRINT_URL)
    assert page.get_by_role("heading", level=1).count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= A4_WIDTH_PX, f"print view is {overflow}px wide, wider than A4"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") > 0
    screenshot(page, "avtale-utskrift")
    text = page.locator("body").inner_text()
    for party in ("Gratangen", "Lavangen", "Salangen"):  # the three partners in barnevern
        assert party in text
    assert "§ 20-4" in text or "§ 28" in text  # the agreement cites the act it is made under

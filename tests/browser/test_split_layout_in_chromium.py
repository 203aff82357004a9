"""Issue 18.2/18.5: the split table fits a 1366 px screen; pages stay within a 390 px phone."""

from typing import Any

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

SPLIT = "/prosjekter/astafjord-2007/fordeling/barnevern?alternativ=Ordførergruppas forslag 2007"
BILL = "/prosjekter/astafjord-2007/kommuner/5516?alternativ=Ordførergruppas forslag 2007"


def test_the_split_table_needs_no_sideways_scrolling_at_1366(page: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(SPLIT)
    region = page.get_by_role("region", name="Årlig betaling per metode og kommune")
    width, visible = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width <= visible, f"the table is {width}px in a {visible}px region"
    chart = page.get_by_role("img", name="Hva hver kommune betaler per år for barnevern")
    assert chart.count() == 1
    screenshot(page, "fordeling-1366")


@pytest.mark.parametrize("path", [SPLIT, BILL])
def test_no_page_is_wider_than_a_phone(page: Any, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide at 390px"


def test_after_beregn_the_focus_is_on_the_result(page: Any) -> None:
    page.goto(SPLIT)
    page.get_by_role("button", name="Beregn", exact=True).click()
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.id")
    assert focused == "fordeling"  # «Hva hver kommune betaler per år», not the top of the form

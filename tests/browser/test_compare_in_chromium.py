import pytest

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

URL = (
    "/prosjekter/astafjord-2007/sammenlign?referanse=Ordf%C3%B8rergruppas%20forslag%202007"
    "&sparemaal=25%20000%20000"
)


def test_comparison_page_shows_options_charts_and_target_without_accessibility_violations(  # type: ignore[no-untyped-def]
    page,
) -> None:
    page.goto(URL)
    assert page.get_by_role("heading", level=1).inner_text() == "Sammenlign plasseringsalternativer"
    assert page.get_by_role("img", name="Netto årsverk per kommune og alternativ").count() == 1
    assert page.get_by_role("table", name="Alternativene mot sparemålet (per år)").count() == 1
    assert "▼" in page.get_by_role("table", name="Alternativene side om side").inner_text()
    target = page.get_by_role("table", name="Alternativene mot sparemålet (per år)").inner_text()
    assert "25\u00a0000\u00a0000\u00a0kr" in target.replace(" ", "\u00a0")  # the target typed
    screenshot(page, "sammenligning")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], v["nodes"][:2]) for v in violations]


def test_the_form_picks_the_options_and_the_print_view_hides_it(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/prosjekter/astafjord-2007/sammenlign")
    page.get_by_role("checkbox", name="Alt i Salangen").uncheck()
    page.get_by_label("Sparemål fra kommunestyret").fill("25 000 000")
    page.get_by_role("button", name="Sammenlign").click()
    page.wait_for_load_state()
    assert page.get_by_role("table", name="«Ordførergruppas forslag 2007» mot i dag").count() == 1
    assert page.get_by_role("table", name="«Alt i Salangen» mot i dag").count() == 0
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Sammenlign").is_visible()
    assert page.get_by_role("img", name="Engangskostnader per alternativ").is_visible()

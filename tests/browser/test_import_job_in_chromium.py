"""A large budget file in a real browser (issue 18.8): the upload answers at once with the
preview job's live status (static/jobs.js), and the page then shows the preview itself."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

pytestmark = pytest.mark.browser


def test_the_preview_page_follows_the_job_and_then_shows_the_preview(
    browser: Any, live_server: str, logged_in: Any, tmp_path: Path
) -> None:
    # 4,5 MB: 300 000 lines take a second or two to read, so the page shows the job first
    csv = tmp_path / "stor.csv"
    csv.write_bytes(b"konto;tjeneste;budsjett_2026\n" + b"10100;24400;10\n" * 300_000
                    + b"18700;87000;-3 000 000\n")  # fmt: skip
    context = browser.new_context(
        base_url=live_server, locale="nb-NO", storage_state=logged_in("okonomi-salangen")
    )
    page = context.new_page()
    page.goto("/import/")
    page.get_by_label("År").fill("2026")
    page.get_by_label("CSV-fil fra økonomisystemet eller SSB").set_input_files(str(csv))
    page.get_by_role("button", name="Forhåndsvis").click()
    page.wait_for_url("**/import/jobb/*")
    expect(page.locator("[data-job-url]")).to_be_visible()
    expect(page.get_by_role("heading", name="Forhåndsvisning av budsjettfil")).to_be_visible()
    expect(page.get_by_role("button", name="Avbryt jobben")).to_be_visible()
    preview = page.get_by_role("heading", name="Forhåndsvisning av stor.csv")
    expect(preview).to_be_visible(timeout=60_000)
    expect(preview).to_be_focused()  # the answer takes focus, as the optimiser's does
    assert page.locator("[data-job-url]").count() == 0
    expect(page.get_by_role("button", name="Lagre importen")).to_be_visible()
    assert axe_violations(page) == []
    context.close()

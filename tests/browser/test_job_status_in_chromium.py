"""Issue 18.8: the agreement PDF shows the same live status as the optimiser, and when the job
ends the answer takes focus (the page follows the job through static/jobs.js; the optimiser's
side is in test_jobs_in_chromium.py)."""

from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

pytestmark = pytest.mark.browser
DRAFT = "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern"


def test_the_pdf_job_page_follows_the_job_and_focuses_the_download(page: Any) -> None:
    page.goto(DRAFT)
    page.get_by_role("link", name="Last ned PDF").click()
    assert "/jobber/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Avtale som PDF"
    download = page.get_by_role("link", name="Last ned")
    expect(download).to_be_visible(timeout=60_000)
    expect(page.locator("#jobb-resultat")).to_be_focused()
    assert download.get_attribute("href").endswith("/fil")
    page.get_by_role("link", name="Tilbake til avtaleutkastet").click()
    assert page.url.endswith("/barnevern")
    page.go_back()
    assert axe_violations(page) == []

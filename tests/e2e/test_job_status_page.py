"""Issue 18.8: a background job's own page (the agreement PDF) says what it makes, leads back to
where it was started, and offers the file with its size when it is done."""

import re
from urllib.parse import quote

from flask import Flask

from ..conftest import login

DRAFT = "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern"


def test_the_pdf_job_page_names_the_job_links_back_and_offers_the_file(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    started = client.get(f"{DRAFT}/agreement.pdf")
    assert started.status_code == 303
    job_id = started.location.rstrip("/").rsplit("/", 1)[-1]
    running = client.get(started.location).get_data(as_text=True)
    assert "<h1>Avtale som PDF</h1>" in running
    assert f'href="{quote(DRAFT)}"' in running or f'href="{DRAFT}"' in running
    app.extensions["coop.jobs"].wait(job_id, 300)
    page = client.get(started.location).get_data(as_text=True)
    size = len(client.get(f"/jobber/{job_id}/fil").data)
    link = re.search(r'<a href="/jobber/[^"]+/fil">Last ned ([^<]+\.pdf)</a> \((\d+) kB\)', page)
    assert link is not None, page
    assert int(link.group(2)) == round(size / 1024)
    assert 'id="jobb-resultat"' in page
    assert "data-focus-on-load" in page  # progress.js moves focus to the download

"""Issue 15.3: a large project's saksframlegg computes the comparison and the optimiser's price
in a background job; the job's page links back to the print view, which is then the same page.

The demo (four municipalities) stands in for a large project with the inline rule patched, so
the test stays fast; bench/case_package_times.py times the parts.
"""

from urllib.parse import quote

import pytest
from flask import Flask

from coop.domain.jobs import JobStatus
from tests.conftest import login

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
CASE = f"/saksframlegg/{SLUG}/{SCENARIO}/5522"


def test_a_large_projects_case_is_a_job_and_prints_the_same_as_inline(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    inline = client.get(CASE)
    assert inline.status_code == 200
    monkeypatch.setattr("web.views.casework.runs_inline", lambda *_: False)
    assert client.get(f"/saksframlegg/{SLUG}/{SCENARIO}/0301").status_code == 404  # at once
    started = client.get(CASE)
    assert started.status_code == 303
    job_id = started.location.rsplit("/", 1)[-1]
    assert app.extensions["coop.jobs"].wait(job_id, 120) is JobStatus.DONE
    status = client.get(f"/jobber/{job_id}").get_data(as_text=True)
    back = f"/saksframlegg/{SLUG}/{quote(SCENARIO)}/5522?jobb={job_id}"
    assert f'href="{back}"' in status  # the link works without JavaScript
    assert f'href="/saksframlegg/{SLUG}/{quote(SCENARIO)}">← Tilbake til saksframlegg' in status
    page = client.get(back)
    assert page.status_code == 200
    assert page.get_data(as_text=True) == inline.get_data(as_text=True)
    other = client.get(f"/saksframlegg/{SLUG}/{SCENARIO}/5514?jobb={job_id}")
    assert other.status_code == 404  # another council's case is not this job's
    assert login(app.test_client(), "ordforer").get(back).status_code == 404  # owner only

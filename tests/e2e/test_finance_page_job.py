"""Issue 15.3: the finance page of a service with more partners than run inline starts a split
job and answers at once; the job's page links back to the finance page with every method.

The demo's barnevern (3 partners) stands in for a large service, with the inline rule
patched, so the test stays fast; bench/request_times.py times 20 partners (about a minute).
"""

import re

import pytest
from flask import Flask

from coop.domain.jobs import JobStatus
from tests.conftest import login

P = "/prosjekter/astafjord-2007/fordeling/barnevern"


def test_a_large_split_runs_as_a_job_and_comes_back_to_the_page(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    inline = login(app.test_client(), "styring").get(P).get_data(as_text=True)
    monkeypatch.setattr("web.views.finance.runs_inline", lambda *_: False)
    client = login(app.test_client(), "styring")
    started = client.get(P)
    assert started.status_code == 303
    job_id = started.location.rsplit("/", 1)[-1]
    assert app.extensions["coop.jobs"].wait(job_id, 60) is JobStatus.DONE
    status = client.get(f"/jobber/{job_id}").get_data(as_text=True)
    link = f"{P}?jobb={job_id}"
    assert f'href="{link}"' in status
    page = client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    amounts = re.compile(r"\d[\d\u00a0]*\u00a0kr")  # the same figures as computed inline
    assert amounts.findall(html) == amounts.findall(inline)
    assert len(amounts.findall(html)) > 20
    for method in ("Shapley", "Nukleolus"):
        assert method.lower() in html.lower()
    assert login(app.test_client(), "ordforer").get(link).status_code == 404  # owner only


def test_a_job_of_another_service_is_not_shown_here(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("web.views.finance.runs_inline", lambda *_: False)
    client = login(app.test_client(), "styring")
    job_id = client.get(P).location.rsplit("/", 1)[-1]
    app.extensions["coop.jobs"].wait(job_id, 60)
    other = client.get(f"/prosjekter/astafjord-2007/fordeling/ikt-drift?jobb={job_id}")
    assert other.status_code == 404


def test_the_bill_page_leaves_a_large_services_fair_range_to_the_finance_page(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 20 partners took 32 s here (bench/request_times.py); 2 stands in for "more than 6"
    monkeypatch.setattr("coop.services.splits.municipality_bill.INLINE_MAX_PARTNERS", 2)
    page = login(app.test_client(), "okonomi-salangen").get(
        "/prosjekter/astafjord-2007/kommuner/5522"
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "mange deltakere: se fordelingen" in html
    assert "Lavest rettferdig" not in html  # no chart series without every range

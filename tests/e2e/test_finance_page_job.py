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


def test_the_job_result_form_keeps_the_job_until_an_input_to_the_split_changes(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("web.views.finance.runs_inline", lambda *_: False)
    client = login(app.test_client(), "styring")
    job_id = client.get(P).location.rsplit("/", 1)[-1]
    assert app.extensions["coop.jobs"].wait(job_id, 60) is JobStatus.DONE
    page = client.get(f"{P}?jobb={job_id}").get_data(as_text=True)
    hidden = f'<input type="hidden" name="jobb" value="{job_id}">'
    assert page.count(hidden) == 2  # «Beregn» and «Beregn uttreden»
    scenario = re.search(r"<option selected>([^<]+)</option>", page)
    gain = re.search(r'id="gevinst" name="gevinst"[^>]* value="([^"]+)"', page)
    assert scenario
    assert gain
    form = {"alternativ": scenario.group(1), "gevinst": gain.group(1), "jobb": job_id}
    monthly = client.get(P, query_string={**form, "hyppighet": "månedlig"})
    assert monthly.status_code == 200  # a display choice: the job's splits, no new job
    html = monthly.get_data(as_text=True)
    assert '<option value="månedlig" selected>' in html
    assert hidden in html
    exit_form = client.get(P, query_string={**form, "uttreder": "5522"})
    assert exit_form.status_code == 200
    # the job was started without a gain, so a blank gain (the project's) is the same split
    assert client.get(P, query_string={**form, "gevinst": ""}).status_code == 200
    other = [o for o in re.findall(r"<option ?>([^<]+)</option>", page) if o != scenario.group(1)]
    for changed in ({"gevinst": "3,5"}, {"alternativ": other[0]}):
        again = client.get(P, query_string={**form, **changed})
        assert again.status_code == 303, changed  # an input to the split: a new job
        assert again.location.rsplit("/", 1)[-1] != job_id

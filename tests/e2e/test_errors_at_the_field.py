"""Issue 18.4: a refused value is shown beside its field, listed in a summary that links to it,
and everything the user typed is still in the form (422, not an error page)."""

import re

from flask import Flask

from ..conftest import login

SPLIT = "/prosjekter/astafjord-2007/fordeling/barnevern"
PLACE = "/prosjekter/astafjord-2007/plassering/"


def _summary_links(page: str) -> list[str]:
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    return re.findall(r'<a href="#([\w-]+)">', summary)


def _field(page: str, field: str) -> str:
    """The field's wrapper: label, message and input."""
    return page.split(f'<label for="{field}">')[1].split("</div>")[0]


def _value(page: str, field: str) -> str:
    return re.findall(rf'<input id="{field}"[^>]* value="([^"]*)"', page)[0]


def test_split_page_keeps_input_and_names_each_bad_field(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    query = {
        "alternativ": "Ordførergruppas forslag 2007",
        "gevinst": "ti",
        "faktisk": "4 100 000 kr?",
    }
    response = client.get(SPLIT, query_string=query)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Kan ikke behandle dataene" not in page
    assert _summary_links(page) == ["gevinst", "faktisk"]
    assert "«ti» er ikke et tall" in _field(page, "gevinst")
    assert 'aria-describedby="gevinst-feil"' in _field(page, "gevinst")
    assert "er ikke et tall" in _field(page, "faktisk")
    assert _value(page, "gevinst") == "ti"
    assert _value(page, "faktisk") == "4 100 000 kr?"
    assert "<option selected>Ordførergruppas forslag 2007</option>" in page
    assert 'class="finance-split"' not in page  # no figures computed from other values


def test_a_domain_rule_on_the_gain_is_shown_at_the_gain_field(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    response = client.get(SPLIT, query_string={"gevinst": "150"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _summary_links(page) == ["gevinst"]
    assert "under 100 %" in _field(page, "gevinst")
    assert _value(page, "gevinst") == "150"


def test_exit_form_errors_keep_the_split_and_the_other_exit_fields(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-gratangen")
    query = {
        "uttreder": "5516",
        "oppsagt": "31.02.2026",
        "maneder": "tolv",
        "investering": "Fagsystem",
        "investering_belop": "1 200 000",
        "investering_levetid": "5",
    }
    response = client.get(SPLIT, query_string=query)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert _summary_links(page) == ["oppsagt", "maneder", "investering_dato"]
    assert "31.02.2026" in _field(page, "oppsagt")  # the message quotes what was typed
    assert _value(page, "oppsagt") == "31.02.2026"
    assert _value(page, "maneder") == "tolv"
    assert _value(page, "investering_belop") == "1 200 000"
    assert _value(page, "investering") == "Fagsystem"
    assert 'class="finance-split"' in page  # the split itself did not depend on them
    assert 'class="finance-exit"' not in page


def test_optimiser_keeps_every_rule_and_names_the_bad_ones(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    query = {
        "kjor": "1",
        "las-barnevern": "5522",
        "maks_tap": "en time",
        "maks_tjenester": "2,5",
        "maks_pendling": "45",
    }
    response = client.get(PLACE, query_string=query)
    page = response.get_data(as_text=True)
    assert response.status_code == 422  # not started: no job, no redirect
    assert _summary_links(page) == ["maks_tap", "maks_tjenester"]
    assert "Største netto tap av årsverk: «en time» er ikke et tall" in _field(page, "maks_tap")
    assert "«2,5» er ikke et helt tall" in _field(page, "maks_tjenester")
    assert _value(page, "maks_tap") == "en time"
    assert _value(page, "maks_pendling") == "45"
    assert re.search(r'<option value="5522" selected>', page)

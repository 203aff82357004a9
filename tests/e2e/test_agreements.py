"""Agreement pages through the Flask test client: list, draft, save, diff, adoption, roles."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from coop import services
from coop.services.agreements import use_cases

from ..conftest import login

BASE = "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern"
FILLED = {
    "decided_on": "2007-05-24",
    "effective_from": "2007-09-01",
    "tasks": "Kommunens oppgaver etter barnevernloven.",
    "informed_decisions": "Vedtak om omsorgsovertakelse.",
    "budget_year": "2025",
    "akonto_frequency": "kvartalsvis",
    "notice_months": "12",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
    "other_legal_terms": "Ingen andre lovkrav.",
    "reservation_days": "14",
}


def text(response: object) -> str:
    return unescape(response.get_data(as_text=True)).replace("\u00a0", " ")  # type: ignore[attr-defined]


def words(response: object) -> str:
    """The visible text, tags removed and whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def arrangements(app: Flask) -> list[tuple[str, str, str]]:
    out = []
    for project in services.list_projects(app.extensions["coop.uow"]()):
        for row in use_cases.list_agreements(project.slug, app.extensions["coop.uow"]()).rows:
            out.append((project.slug, row.scenario, row.service))
    return out


def test_every_demo_arrangement_renders_its_draft_and_print_view(client: FlaskClient) -> None:
    found = arrangements(client.application)
    assert len(found) == 12  # 2 × 5 in Astafjord, 2 in Nord-Østerdal
    for slug, scenario, service in found:
        url = f"/avtaler/{slug}/{quote(scenario)}/{service}"
        page = client.get(url)
        assert page.status_code == 200, (url, page.status_code)
        assert "Sjekkliste (kommuneloven § 20-4)" in text(page)
        printed = client.get(f"{url}/utskrift")
        assert printed.status_code == 200
        assert "ordfører," in text(printed)
        assert printed.get_data(as_text=True).count("<h1") == 1


def test_the_project_page_links_to_its_agreements(client: FlaskClient) -> None:
    page = text(client.get("/prosjekter/astafjord-2007"))
    assert 'href="/avtaler/astafjord-2007"' in page
    listing = text(client.get("/avtaler/astafjord-2007"))
    assert "Alternativ: Ordførergruppas forslag 2007" in listing
    assert "Ingen versjon lagret" in listing


def test_the_2007_draft_cites_the_1992_act_and_a_chosen_2026_date_cites_chapter_20(
    client: FlaskClient,
) -> None:
    page = text(client.get(BASE))
    assert "kommuneloven 1992 kapittel 5" in page
    assert "kommuneloven 1992 § 28 b" in page  # before the 2012 amendment: § 28 a–k
    assert "§ 28-1" not in page
    assert "kapittel 5 A" not in page
    assert "Salangen kommune (kommunenummer 1923)" in page
    assert "rådmannen i vertskommunen" in page
    renumbered = text(client.get(f"{BASE}?dato=2015-06-01"))
    assert "kommuneloven 1992 § 28-1 b" in renumbered
    assert "Salangen kommune (kommunenummer 1923)" in renumbered
    later = text(client.get(f"{BASE}?dato=2026-03-01"))
    assert "kommuneloven kapittel 20" in later
    assert "kommunedirektøren i vertskommunen" in later
    assert "statsforvalteren" in later


def test_a_bad_date_in_the_address_is_explained(client: FlaskClient) -> None:
    response = client.get(f"{BASE}?dato=31.02.2026")
    assert response.status_code == 422
    assert "Avtaledato: «31.02.2026» er ikke en gyldig dato" in text(response)


def test_a_bad_date_is_shown_at_its_field_with_what_was_typed_and_the_draft_stays(
    client: FlaskClient,
) -> None:
    response = client.get(f"{BASE}?dato=31.02.2026")
    assert response.status_code == 422
    page = text(response)
    assert "Kan ikke behandle dataene" not in page
    assert '<a href="#dato">Avtaledato: «31.02.2026» er ikke en gyldig dato' in page
    field = re.search(
        r'<p class="field-error" id="dato-feil">(.*?)</p>\s*<input id="dato"[^>]*>', page
    )
    assert field is not None
    assert "Avtaledato: «31.02.2026» er ikke en gyldig dato" in field.group(1)
    assert 'value="31.02.2026"' in field.group(0)
    assert 'aria-invalid="true"' in field.group(0)
    assert "Sjekkliste (kommuneloven § 20-4)" in page  # the current draft is still shown
    assert "agreement.pdf?dato" not in page  # the links leave the bad date out


def test_a_bad_version_is_shown_at_its_own_field_with_what_was_typed(client: FlaskClient) -> None:
    response = client.get(f"{BASE}?versjon=tre&dato=01.03.2026")
    assert response.status_code == 422
    page = text(response)
    assert '<a href="#versjon">Versjon: «tre» er ikke et helt tall.</a>' in page
    field = re.search(r'id="versjon-feil">(.*?)</p>\s*<input id="versjon"[^>]*>', page)
    assert field is not None
    assert 'value="tre"' in field.group(0)
    assert "kommuneloven kapittel 20" in page  # the good date still applies
    assert 'value="01.03.2026"' in page


def test_the_ready_button_is_off_while_mandatory_points_are_missing(client: FlaskClient) -> None:
    page = client.get(BASE).get_data(as_text=True)
    assert re.search(r'value="ready"\s+disabled', page)
    assert "obligatoriske punkter mangler" in page
    client.post(BASE, data={**FILLED, "version": "0", "action": "save"})
    page = client.get(BASE).get_data(as_text=True)
    assert not re.search(r'value="ready"\s+disabled', page)


def test_one_missing_point_is_counted_in_the_singular(client: FlaskClient) -> None:
    """«1 obligatorisk punkt mangler», not «1 obligatoriske punkter», on the page and in print."""
    without_exit_terms = {k: v for k, v in FILLED.items() if k != "exit_cost_terms"}  # § 20-4 g
    client.post(BASE, data={**without_exit_terms, "version": "0", "action": "save"})
    page = words(client.get(BASE))
    assert "1 obligatorisk punkt mangler" in page
    assert "obligatoriske punkter mangler" not in page
    assert "1 obligatorisk punkt mangler" in words(client.get(f"{BASE}/utskrift"))


def test_marking_ready_with_a_missing_point_is_refused_and_saves_nothing(
    client: FlaskClient,
) -> None:
    data = {**FILLED, "effective_from": "", "version": "0", "action": "ready"}
    response = client.post(BASE, data=data)
    assert response.status_code == 422
    assert "kan ikke merkes «klar til vedtak»" in text(response)
    assert "d) når oppgavene overføres" in text(response)
    assert "Ingen versjon er lagret" in text(client.get(f"{BASE}/versjoner"))


def test_steering_saves_versions_and_reads_what_changed(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    first = client.post(BASE, data={**FILLED, "version": "0", "action": "ready"})
    assert first.status_code == 302
    assert "lagret som versjon 1 (klar til vedtak)" in text(client.get(BASE))
    stale = client.post(BASE, data={**FILLED, "notice_months": "6", "version": "0"})
    assert stale.status_code == 409
    second = client.post(BASE, data={**FILLED, "notice_months": "6", "version": "1"})
    assert second.status_code == 302
    versions = text(client.get(f"{BASE}/versjoner"))
    assert "Endringer fra versjon 1 til 2" in versions
    diff = words(client.get(f"{BASE}/endringer?fra=1&til=2"))
    assert "g) Uttreden" in diff
    assert (
        "Fjernet: 6.1 En deltaker kan tre ut av samarbeidet ved skriftlig oppsigelse med 12" in diff
    )
    assert (
        "Ny tekst: 6.1 En deltaker kan tre ut av samarbeidet ved skriftlig oppsigelse med 6" in diff
    )
    old = text(client.get(f"{BASE}?versjon=1"))
    assert "Du ser versjon 1" in old
    assert "12 måneders frist" in old


def test_adoption_by_every_council_shows_the_notice_to_the_state_office(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    client.post(BASE, data={**FILLED, "version": "0", "action": "ready"})
    for number, case in (("5516", "07/11"), ("5518", "07/21"), ("5522", "07/31")):
        decision = {
            "participant": number,
            "body": "kommunestyre",
            "meeting_date": "2007-06-14",
            "case_number": case,
            "outcome": "vedtatt",
            "version": "1",
        }
        assert client.post(f"{BASE}/vedtak", data=decision).status_code == 302
    page = text(client.get(f"{BASE}/vedtak"))
    assert "Likelydende vedtak er fullført" in page
    assert "Til Fylkesmannen" in page
    assert "Salangen kommunestyre 14.06.2007, sak 07/31" in page
    assert "Husk å publisere" in page


def test_a_decision_on_an_unready_version_is_refused_with_a_reason(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    client.post(BASE, data={**FILLED, "version": "0", "action": "save"})
    decision = {"participant": "5516", "body": "kommunestyre", "meeting_date": "2007-06-14"}
    response = client.post(f"{BASE}/vedtak", data={**decision, "case_number": "1"})
    assert response.status_code == 422
    assert "ikke merket «klar til vedtak»" in text(response)


def test_comparing_without_two_versions_goes_back_to_the_list(client: FlaskClient) -> None:
    response = client.get(f"{BASE}/endringer")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"{quote(BASE)}/versjoner")


@pytest.mark.parametrize("path", ["", "/vedtak"])
def test_the_mayors_group_reads_but_cannot_save_or_record(app: Flask, path: str) -> None:
    client = login(app.test_client(), "ordforer")
    page = client.get(f"{BASE}{path}")
    assert page.status_code == 200
    assert 'method="post" class="form' not in page.get_data(as_text=True)
    response = client.post(f"{BASE}{path}", data={**FILLED, "version": "0", "participant": "5516"})
    assert response.status_code == 403
    assert client.get(f"{BASE}/utskrift").status_code == 200
    assert "Ingen versjon er lagret" in text(client.get(f"{BASE}/versjoner"))


def test_missing_points_are_marked_and_typed_text_is_escaped(client: FlaskClient) -> None:
    page = client.get(BASE).get_data(as_text=True)
    assert '<mark class="gap">[MANGLER: overføringsdato]</mark>' in page
    client.post(BASE, data={**FILLED, "tasks": "<script>alert(1)</script>", "version": "0"})
    page = client.get(BASE).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_print_view_says_when_the_amounts_are_estimates(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(
        "/avtaler/astafjord-2007/Ordførergruppas forslag 2007/barnevern/utskrift?dato=2025-11-01"
    )
    assert page.status_code == 200
    assert "bygger på anslag" in page.get_data(as_text=True)

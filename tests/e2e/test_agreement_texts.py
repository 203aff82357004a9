"""Issue 17: the printed agreement for every demo service, under both law periods.

The expectations come from the law and the seed, not from coop's output: a 2007 text cites
the 1992 act's § 28 b and § 28 e (chapter 5, before lov 25. mai 2012 nr. 28 renumbered it),
the 2007 kommunenummer (SSB classification 131: Ibestad 1917, Gratangen 1919, Lavangen 1920,
Salangen 1923), rådmann and fylkesmannen; a 2026 text cites kommuneloven §§ 20-2 and 20-4,
today's numbers, kommunedirektør and statsforvalteren.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"
SERVICES = ("barnevern", "ikt-drift", "regnskap-lonn", "skatt-innfordring", "kart-oppmaling")
NUMBERS_2007 = {"Ibestad": "1917", "Gratangen": "1919", "Lavangen": "1920", "Salangen": "1923"}
NUMBERS_2026 = {"Ibestad": "5514", "Gratangen": "5516", "Lavangen": "5518", "Salangen": "5522"}
PERIODS = {
    "2007-05-24": ("§ 28 b", "§ 28 e", NUMBERS_2007, "rådmann", "fylkesmannen"),
    "2026-03-01": ("§ 20-2", "§ 20-4", NUMBERS_2026, "kommunedirektør", "statsforvalteren"),
}


def printed(client: FlaskClient, service: str, day: str) -> str:
    url = f"/avtaler/{SLUG}/{quote(SCENARIO)}/{service}/utskrift?dato={day}"
    response = client.get(url)
    assert response.status_code == 200, url
    html = unescape(response.get_data(as_text=True)).replace("\u00a0", " ")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("day", sorted(PERIODS))
@pytest.mark.parametrize("service", SERVICES)
def test_every_demo_draft_cites_the_law_numbers_and_tasks_of_its_date(
    client: FlaskClient, service: str, day: str
) -> None:
    model, agreement, numbers, chief, office = PERIODS[day]
    text = printed(client, service, day)
    assert f"{model}," in text or f"{model} " in text
    assert f"etter {agreement}." in text
    other = NUMBERS_2026 if numbers is NUMBERS_2007 else NUMBERS_2007
    for name, number in numbers.items():
        if f"{name} kommune (kommunenummer" in text:
            assert f"{name} kommune (kommunenummer {number})" in text
            assert f"(kommunenummer {other[name]})" not in text
    assert f"{chief}en i vertskommunen" in text
    assert office in text
    assert "MANGLER: oppgaver som overføres" not in text  # (c) from the service catalogue
    if day.startswith("2007"):
        assert "28-1" not in text
        assert "kommunedirektør" not in text
        assert "statsforvalter" not in text


def test_the_barnevern_draft_has_its_special_clauses_for_2007(client: FlaskClient) -> None:
    text = printed(client, "barnevern", "2007-05-24")
    assert "barnevernloven 1992" in text  # the special law behind (c)
    assert "forvaltningsloven §§ 13–13 e" in text  # taushetsplikt
    assert "personopplysningsloven 2000" in text  # before 20.7.2018
    assert "GDPR" not in text
    assert "databehandleravtale" in text
    assert "arkivlova 1992 § 6" in text
    assert "leverer vertskommunen alle aktive og avsluttede saksmapper" in text  # return of files
    assert "går til fylkesmannen" in text  # the appeal body under the special law
    assert "Lederen av barnevernstjenesten i vertskommunen er barnevernsleder" in text
    assert "KOSTRA-funksjon 251 og 252" in text
    assert "belastes barnets hjemkommune direkte" in text
    assert "barneverns- og helsenemnda" not in text  # a later name
    for later in ("arkivlova 2025", "barnevernsloven 2021", "For avtaler inngått før", "§ 20-4"):
        assert later not in text


def test_the_barnevern_draft_of_2026_uses_gdpr_roles_and_statsforvalteren(
    client: FlaskClient,
) -> None:
    text = printed(client, "barnevern", "2026-03-01")
    assert "GDPR art. 28" in text
    assert "GDPR art. 26" in text  # joint controllers where they decide together
    assert "personopplysningsloven 2000" not in text.replace("før 20.7.2018", "")
    assert "går til statsforvalteren" in text
    assert "belastes barnets hjemkommune direkte" in text


def test_a_service_without_child_measures_charges_nothing_to_a_home_municipality(
    client: FlaskClient,
) -> None:
    text = printed(client, "ikt-drift", "2026-03-01")
    assert "hjemkommune direkte" not in text
    assert "Taushetsplikt:" not in text


def test_ibestad_may_join_barnevern_later_and_is_no_signing_party(client: FlaskClient) -> None:
    text = printed(client, "barnevern", "2007-05-24")
    assert "Ibestad kommune kan slutte seg til samarbeidet senere" in text
    assert "også den nye, har vedtatt den endrede avtalen med likelydende tekst" in text
    assert "ordfører, Ibestad kommune" not in text
    assert "(kommunenummer 1917)" not in text  # not listed as a party under point a
    joined = printed(client, "ikt-drift", "2007-05-24")
    assert "ordfører, Ibestad kommune" in joined
    assert "Ibestad kommune (kommunenummer 1917)" in joined


def test_the_printed_agreement_has_no_hash_and_no_adoption_claim(client: FlaskClient) -> None:
    text = printed(client, "barnevern", "2026-03-01")
    assert "SHA-256" not in text
    assert "Avtalen er vedtatt" not in text
    assert "illustrasjon, ikke en del av avtalen" in text
    assert "[VALGFRITT: tvisteløsning, ikke fylt ut]" in text
    assert "[VALGFRITT: kontrollutvalg og tilsyn, ikke fylt ut]" in text


def test_the_demo_does_not_call_the_2007_placement_adopted(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "Vedtatt:" not in html
    assert "Astafjord" not in html


FILLED = {  # what the steering group writes in the terms form (the demo leaves these open)
    "effective_from": "01.09.2007",
    "informed_decisions": "Vedtak av betydning for innbyggerne.",
    "akonto_frequency": "kvartalsvis",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
    "version": "0",
    "action": "save",
}


@pytest.mark.parametrize("day", sorted(PERIODS))
def test_with_the_terms_filled_no_statutory_point_is_missing_and_no_note_is_printed(
    client: FlaskClient, day: str
) -> None:
    for service in SERVICES:
        url = f"/avtaler/{SLUG}/{quote(SCENARIO)}/{service}"
        saved = client.post(url, data={**FILLED, "decided_on": day})
        assert saved.status_code == 302, saved.get_data(as_text=True)
        text = printed(client, service, day)
        body, illustration = text.split("Vedlegg 1: Illustrasjon", 1)
        personnel = illustration.split("Vedlegg 2:", 1)[1]
        assert "MANGLER" not in body + personnel, service  # appendix 1 is no statutory point
        assert "Lysbildene" not in text  # the policy's planning note stays out
        assert "SHA-256" not in text
        assert "15 000 kr" in text  # the policy's bands, exactly as set

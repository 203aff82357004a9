"""The council case package in Chromium: print two councils' saksframlegg, record decisions.

Uses the option «Alt i Salangen» so the agreements of the other option stay unsaved for the
other browser tests. Ibestad is party to IKT-drift and kart og oppmåling only. Two agreements
are made ready and five decisions recorded through the forms; the other decisions of the
package go in through the same use cases the forms call (each form is the same for every
service and council; tests/service/test_case_package.py records all of them there).
"""

from datetime import UTC, datetime
from typing import Any

import pytest
from flask import Flask

from coop.domain.access import Actor, Role
from coop.services.agreements import use_cases

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

A4_WIDTH_PX = 794
SCENARIO = "Alt i Salangen"
PACKAGE = f"/saksframlegg/astafjord-2007/{SCENARIO}"
AGREEMENTS = f"/avtaler/astafjord-2007/{SCENARIO}"
SERVICES = {  # service code -> its parties
    "barnevern": ("Gratangen", "Lavangen", "Salangen"),
    "ikt-drift": ("Gratangen", "Ibestad", "Lavangen", "Salangen"),
    "regnskap-lonn": ("Gratangen", "Lavangen", "Salangen"),
    "skatt-innfordring": ("Gratangen", "Lavangen", "Salangen"),
    "kart-oppmaling": ("Gratangen", "Ibestad", "Lavangen", "Salangen"),
}
STEERING = Actor("styring", Role.STEERING)
NOW = datetime(2007, 5, 4, 12, 0, tzinfo=UTC)
FILLED = {  # the same terms as TERMS, by field name
    "effective_from": "01.09.2007",
    "informed_decisions": "Vedtak av betydning for innbyggerne.",
    "akonto_frequency": "kvartalsvis",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling hjemme.",
}
IN_THE_BROWSER = {"barnevern", "regnskap-lonn"}  # made ready and decided through the forms
TERMS = {
    "Overføres fra og med (dd.mm.åååå) (punkt d)": "01.09.2007",
    "Vedtak deltakerne skal ha melding om (punkt e)": "Vedtak av betydning for innbyggerne.",
    "A konto betales (punkt f)": "kvartalsvis",
    "Økonomisk oppgjør ved uttreden (punkt g)": "Andel av driftsutgiftene i oppsigelsestiden.",
    "Eiendeler, ansatte og arkiv ved oppløsning (punkt h)": "Ansatte tilbys stilling hjemme.",
}


def _print_case(page: Any, council: str) -> str:
    page.goto(PACKAGE)
    page.get_by_role("link", name=f"Utskrift for {council}").click()
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": 1123})
    page.emulate_media(media="print")
    assert page.get_by_role("heading", level=1).count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH_PX
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    screenshot(page, f"saksframlegg-{council.lower()}")
    text = page.locator("body").inner_text()
    assert f"Økonomiske konsekvenser for {council} kommune" in text
    resolution: str = page.locator(".resolution-points").inner_text()
    page.emulate_media(media="screen")
    return resolution


def _ready(page: Any, service: str) -> None:
    page.goto(f"{AGREEMENTS}/{service}")
    for label, value in TERMS.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Lagre versjon").click()
    page.get_by_role("button", name="Klar til vedtak").click()
    assert "klar til vedtak" in page.locator("body").inner_text()


def _decide(page: Any, service: str, council: str, outcome: str) -> None:
    page.goto(f"{AGREEMENTS}/{service}/vedtak")
    page.get_by_label("Kommune", exact=True).select_option(label=council)
    page.get_by_label("Organ").select_option("kommunestyre")
    page.get_by_label("Møtedato (dd.mm.åååå)").fill("04.05.2007")
    page.get_by_label("Saksnummer").fill("07/21")
    page.get_by_label("Utfall").select_option(outcome)
    page.get_by_role("button", name="Registrer vedtaket").click()
    assert "Vedtaket er registrert." in page.locator("body").inner_text()


def _decided_by_use_case(app: Flask, service: str, council: str) -> None:
    numbers = {"Gratangen": "5516", "Ibestad": "5514", "Lavangen": "5518", "Salangen": "5522"}
    values = {
        "participant": numbers[council],
        "body": "kommunestyre",
        "meeting_date": "04.05.2007",
        "case_number": "07/21",
        "outcome": "vedtatt",
    }
    uow = app.extensions["coop.uow"]()
    use_cases.record_adoption("astafjord-2007", SCENARIO, service, values, STEERING, uow, NOW)


def test_print_two_councils_then_one_postponement_reopens_the_package(
    page: Any, live_app: Flask
) -> None:
    salangen = _print_case(page, "Salangen")
    ibestad = _print_case(page, "Ibestad")
    assert salangen == ibestad  # one resolution for every council
    assert "kommuneloven 1992 § 28 b" in salangen
    for service in SERVICES:
        if service in IN_THE_BROWSER:
            _ready(page, service)
        else:
            uow = live_app.extensions["coop.uow"]()
            args = ("astafjord-2007", SCENARIO, service, FILLED, STEERING, uow, None, True, NOW)
            use_cases.save_agreement_version(*args)
    for service, parties in SERVICES.items():
        for council in parties:
            if service == "regnskap-lonn" and council == "Lavangen":
                _decide(page, service, council, "utsatt")
            elif service == "barnevern":
                _decide(page, service, council, "vedtatt")
            else:
                _decided_by_use_case(live_app, service, council)
    page.goto(PACKAGE)
    status = page.locator("#pakkestatus").inner_text()
    assert "Pakken er gjenåpnet for alle." in status
    assert "Lavangen kommunestyre: «utsatt» om regnskap og lønn" in status
    lavangen = page.get_by_role("row").filter(has_text="Lavangen").first.inner_text()
    assert "utsatt" in lavangen
    assert "ikke behandlet" not in lavangen
    ibestad_row = page.get_by_role("row").filter(has_text="Ibestad").first.inner_text()
    assert ibestad_row.count("ikke part") == 3
    assert axe_violations(page) == []
    screenshot(page, "saksframlegg-pakke")
    _decide(page, "regnskap-lonn", "Lavangen", "vedtatt")
    page.goto(PACKAGE)
    assert "Pakken er vedtatt" in page.locator("#pakkestatus").inner_text()

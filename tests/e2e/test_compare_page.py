import dataclasses
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask import Flask

from coop import services
from coop.domain.access import SYSTEM
from web.filters import fte, minutes, nok
from web.views.compare import targets

from ..conftest import login

SLUG = "astafjord-2007"
URL = f"/prosjekter/{SLUG}/sammenlign"
SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)


def expected(app: Flask, *names: str, gain: Decimal | None = None) -> services.Comparison:
    return services.compare_scenarios(
        SLUG, names, app.extensions["coop.uow"](), efficiency_gain_pct=gain
    )


def page(app: Flask, query: str = "", user: str = "ordforer") -> tuple[int, str]:
    response = login(app.test_client(), user).get(URL + query)
    return response.status_code, response.get_data(as_text=True)


def add_copies(app: Flask, count: int) -> None:
    uow = app.extensions["coop.uow"]
    base = services.get_scenario(SLUG, "Ordførergruppas forslag 2007", uow())
    for i in range(1, count + 1):
        services.save_scenario(dataclasses.replace(base, name=f"Kopi {i}"), uow(), None)


def test_both_demo_options_appear_with_the_figures_of_compare_scenarios(app: Flask) -> None:
    status, html = page(app)
    assert status == 200
    want = expected(app, "Alt i Salangen", "Ordførergruppas forslag 2007")
    for option in want.options:
        assert f"{option.name}</th>" in html or f"{option.name} <span" in html
        assert nok(option.one_off_nok) in html
        assert nok(option.yearly_nok) in html
        for p in option.partners:
            assert nok(p.today_nok) in html
            assert nok(p.after_nok) in html
            assert fte(p.net_fte) in html
            if p.longest_commute_min is not None:
                assert minutes(p.longest_commute_min) in html


def test_one_off_cost_is_the_sum_of_travel_grants_relocation_and_transition_grants(
    app: Flask,
) -> None:
    (vedtak,) = expected(app, "Ordførergruppas forslag 2007").options
    kinds = vedtak.report.by_kind
    parts = kinds["reisetilskudd"] + kinds["flytting"] + kinds["omstillingstilskudd"]
    assert vedtak.one_off_nok == parts
    _, html = page(app, "?alternativ=Ordførergruppas forslag 2007")
    for kind in ("reisetilskudd", "flytting", "omstillingstilskudd"):
        assert nok(kinds[kind]) in html
    assert f'<td class="num">{nok(parts)}</td>' in html


def test_differences_against_the_chosen_reference_carry_arrow_amount_and_word(
    app: Flask,
) -> None:
    status, html = page(app, "?referanse=Ordførergruppas forslag 2007")
    assert status == 200
    vedtak, salangen = expected(app, "Ordførergruppas forslag 2007", "Alt i Salangen").options
    assert 'Ordførergruppas forslag 2007 <span class="ref-tag">(referanse)</span>' in html
    cheaper = vedtak.one_off_nok - salangen.one_off_nok
    assert cheaper > 0
    assert f"▼ −{nok(cheaper)}, billigere" in html
    assert "≠ annen vert" in html  # regnskap og lønn moves from Lavangen to Salangen
    gained = salangen.partners[-1].net_fte - vedtak.partners[-1].net_fte  # Salangen, 5522
    assert f"▲ +{fte(gained)}, flere" in html


def test_each_option_is_set_against_todays_cost_per_partner(app: Flask) -> None:
    # Without a gain (the page's field set to 0) the joint option costs more than today.
    _, html = page(app, "?alternativ=Ordførergruppas forslag 2007&gevinst=0")
    (vedtak,) = expected(app, "Ordførergruppas forslag 2007", gain=Decimal(0)).options
    gratangen = next(p for p in vedtak.partners if p.number == "5516")
    assert gratangen.change_nok == gratangen.after_nok - gratangen.today_nok < 0
    assert f"▼ −{nok(-gratangen.change_nok)} innsparing" in html
    assert f"▲ +{nok(vedtak.change_nok)} merkostnad" in html  # the sum row
    assert "Kostnadsnøkler i «Ordførergruppas forslag 2007»: Barnevern – «Folketall»" in html


def test_estimates_are_labelled_and_cost_keys_named(app: Flask) -> None:
    _, html = page(app)
    assert html.count('class="estimate"') >= 3
    assert "nøkkel: Lønnsslipper" in html
    assert "Retningslinjer 2007" in html


def test_a_savings_target_in_norwegian_notation_is_shown_with_the_gap(app: Flask) -> None:
    status, html = page(
        app, "?alternativ=Ordførergruppas forslag 2007&sparemaal=25 000 000&gevinst=0"
    )
    assert status == 200
    (vedtak,) = expected(app, "Ordførergruppas forslag 2007", gain=Decimal(0)).options
    target = Decimal(25_000_000)
    assert f"innsparing på {nok(target)} per år" in html
    assert (
        f"«Ordførergruppas forslag 2007» gir {nok(vedtak.change_nok)} i økte kostnader per år."
        in html
    )
    assert f"Det mangler {nok(target + vedtak.change_nok)} for å nå sparemålet" in html


def test_without_a_savings_target_no_target_section_is_shown(app: Flask) -> None:
    _, html = page(app)
    assert "sparemaal-tittel" not in html


@pytest.mark.parametrize("raw", ["mye", "-5", "0", "NaN"])
def test_a_savings_target_that_is_not_a_positive_amount_is_refused(app: Flask, raw: str) -> None:
    status, html = page(app, f"?sparemaal={raw}")
    assert status == 422
    assert "Sparemålet" in html
    assert 'aria-invalid="true" aria-describedby="sparemaal-feil sparemaal-hjelp"' in html
    assert '<li><a href="#sparemaal">Sparemålet' in html  # the summary leads to the field


def test_a_target_reached_says_so_and_by_how_much() -> None:
    option = SimpleNamespace(name="Sammenslått", change_nok=Decimal(-30_000_000))
    comparison = SimpleNamespace(savings_target_nok=Decimal(25_000_000), options=(option,))
    (line,) = targets(comparison)  # type: ignore[arg-type]
    assert line.gap_nok == Decimal(-5_000_000)
    assert line.sentence == (
        f"«Sammenslått» sparer {nok(30_000_000)} per år. "
        f"Alternativet når sparemålet på {nok(25_000_000)} med {nok(5_000_000)} å gå på."
    )


def test_an_unknown_option_is_refused_with_a_message_in_bokmal(app: Flask) -> None:
    status, html = page(app, "?alternativ=Ordførergruppas forslag 2007&alternativ=Finnes ikke")
    assert status == 404
    assert "Fant ikke alternativet «Finnes ikke»." in html


def test_five_options_are_refused_but_the_default_takes_the_first_four(app: Flask) -> None:
    add_copies(app, 3)
    query = "?" + "&".join(
        f"alternativ={n}"
        for n in ("Alt i Salangen", "Ordførergruppas forslag 2007", "Kopi 1", "Kopi 2", "Kopi 3")
    )
    status, html = page(app, query)
    assert status == 422
    assert "Velg mellom ett og fire alternativer" in html
    status, html = page(app)
    assert status == 200
    shown = re.findall(r"<caption>«([^»]+)» mot i dag</caption>", html)
    assert shown == ["Alt i Salangen", "Kopi 1", "Kopi 2", "Kopi 3"]  # in the project's order


def test_every_logged_in_role_may_read_the_comparison(app: Flask) -> None:
    for user in ("admin", "styring", "okonomi-salangen", "ordforer"):
        assert page(app, user=user)[0] == 200
    assert app.test_client().get(URL).status_code == 302


def test_charts_are_svg_images_with_a_title_a_description_and_one_bar_per_value(
    app: Flask,
) -> None:
    _, html = page(app)
    svgs = [ET.fromstring(s) for s in SVG.findall(html)]  # noqa: S314 - our own output
    assert len(svgs) == 3
    ns = "{http://www.w3.org/2000/svg}"
    for svg in svgs:
        assert svg.get("role") == "img"
        assert svg.find(f"{ns}title") is not None
        assert svg.find(f"{ns}desc") is not None
    bars = [len([r for r in svg.iter(f"{ns}rect") if r.get("class") == "bar"]) for svg in svgs]
    assert bars == [2, 4 * 2, 4 * 2]  # options; municipalities × options, twice


def test_the_form_is_hidden_in_print_and_the_project_page_links_here(app: Flask) -> None:
    _, html = page(app)
    assert 'class="form compare-form no-print"' in html
    client = login(app.test_client(), "ordforer")
    project = client.get(f"/prosjekter/{SLUG}").get_data(as_text=True)
    assert f'href="{URL}">Sammenlign alternativer</a>' in project


def test_a_project_without_options_says_so(app: Flask) -> None:
    services.create_project(
        "Tomt prosjekt",
        ["5514", "5516"],
        ["barnevern"],
        SYSTEM,
        app.extensions["coop.uow"](),
        slug="tomt",
    )
    services.grant_access("tomt", "ordforer", SYSTEM, app.extensions["coop.uow"]())
    response = login(app.test_client(), "ordforer").get("/prosjekter/tomt/sammenlign")
    assert response.status_code == 200
    assert "ingen plasseringsalternativer ennå" in response.get_data(as_text=True)


def test_an_efficiency_gain_lowers_each_partners_bill_by_its_key_share_of_it(
    app: Flask,
) -> None:
    uow = app.extensions["coop.uow"]
    plain = services.compare_scenarios(
        SLUG, ["Ordførergruppas forslag 2007"], uow(), efficiency_gain_pct=Decimal(0)
    )
    gained = services.compare_scenarios(
        SLUG, ["Ordførergruppas forslag 2007"], uow(), efficiency_gain_pct=Decimal(10)
    )
    before = {p.number: p for p in plain.options[0].partners}
    after = {p.number: p for p in gained.options[0].partners}
    today = sum(p.today_nok for p in before.values())
    saved = sum(before[m].after_nok - after[m].after_nok for m in before)
    # 10 % of everything pooled (no measures in the demo) comes off, to the krone per service.
    assert abs(saved - today / 10) <= len(before) * 5
    assert all(after[m].after_nok <= before[m].after_nok for m in before)
    assert all(after[m].today_nok == before[m].today_nok for m in before)
    client = login(app.test_client(), "ordforer")
    page = client.get(
        f"/prosjekter/{SLUG}/sammenlign",
        query_string={"alternativ": "Ordførergruppas forslag 2007", "gevinst": "10"},
    ).get_data(as_text=True)
    assert "redusert med 10,0 %" in page
    assert nok(after["5522"].after_nok) in page
    bad = client.get(f"/prosjekter/{SLUG}/sammenlign", query_string={"gevinst": "mye"})
    assert bad.status_code == 422
    assert "Effektiviseringsgevinsten: «mye» er ikke et tall" in bad.get_data(as_text=True)

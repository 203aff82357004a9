"""The finance page: every split of a service side by side, a konto plan and settlement."""

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask

import web.views.finance
from coop import services
from coop.domain.access import Actor, Role
from coop.services.splits.finance_view import FinanceView, finance_view

from ..conftest import login

SLUG = "astafjord-2007"
URL = f"/prosjekter/{SLUG}/fordeling/barnevern"
NAMES = {"5516": "Gratangen", "5518": "Lavangen", "5522": "Salangen"}


def _kr(amount: Decimal | int) -> str:
    digits = f"{int(amount):,}".replace(",", "\u00a0")
    return f"{digits}\u00a0kr"


def _cells(page: str, table_class: str) -> list[list[str]]:
    """Text of each body row of one table (header cell first)."""
    table = page.split(f'class="{table_class}"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1].split("</tbody>")[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([re.sub(r"<[^>]+>", " ", c).split("  ")[0].strip() for c in cells])
    return rows


def test_every_method_shows_the_same_figures_as_split_service(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    response = client.get(
        URL, query_string={"alternativ": "Ordførergruppas forslag 2007", "gevinst": "12,5"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    expected = services.split_service(
        SLUG,
        "barnevern",
        app.extensions["coop.uow"](),
        scenario_name="Ordførergruppas forslag 2007",
        efficiency_gain_pct=Decimal("12.5"),
    )
    # methods as rows (the first: alone today), municipalities as columns, then the sum
    table = page.split('class="finance-split"')[1].split("</table>")[0]
    header = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert header == ["Metode", *NAMES.values(), "Sum"]
    rows = [r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1], re.S)]
    amounts = [
        [re.sub(r"<[^>]+>", " ", c).split("  ")[0].strip()
         for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in rows
    ]  # fmt: skip
    assert len(amounts) == 1 + len(expected)
    for column, number in enumerate(NAMES):
        assert amounts[0][column] == _kr(expected[0].standalone[number])
        for row, result in enumerate(expected, start=1):
            assert amounts[row][column] == _kr(result.allocation[number]), result.method
    for row, result in enumerate(expected, start=1):
        assert amounts[row][-1] == _kr(result.total_nok)  # the row adds up to the total
    for result in expected:
        assert result.label in page


def test_core_checks_are_written_in_plain_words_with_names(app: Flask) -> None:
    client = login(app.test_client(), "styring")
    page = client.get(URL, query_string={"alternativ": "Ordførergruppas forslag 2007"}).get_data(
        as_text=True
    )
    key = services.split_service(
        SLUG, "barnevern", app.extensions["coop.uow"](), ("key",), "Ordførergruppas forslag 2007"
    )[0]
    assert key.blocking_coalition == ("5518", "5522")
    # Salangen (the larger own cost) is named first.
    assert f"Salangen og Lavangen betaler {_kr(key.max_excess_nok)} mer sammen enn" in page
    assert page.count("Kjernen er tom:") == 1  # explained once, not under every method
    assert "uansett hvordan kostnaden fordeles" in page
    assert "Individuelt rasjonell: ingen kommune betaler mer enn alene." in page
    assert "anslag" in page


def test_equal_shares_for_ikt_name_who_pays_more_than_alone(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-gratangen")
    page = client.get(f"/prosjekter/{SLUG}/fordeling/ikt-drift").get_data(as_text=True)
    key = services.split_service(
        SLUG, "ikt-drift", app.extensions["coop.uow"](), ("key",), "Alt i Salangen"
    )[0]
    worse = [m for m in key.allocation if key.allocation[m] > key.standalone[m]]
    assert worse
    assert "Ikke individuelt rasjonell:" in page
    assert "betaler mer enn alene" in page


def test_a_split_in_the_core_says_no_group_gains_by_leaving(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo games all have an empty core, so mark the splits stable to test the wording.
    real = web.views.finance.finance_view

    def stable(*args: Any, **kwargs: Any) -> FinanceView:
        view = real(*args, **kwargs)
        splits = tuple(
            replace(r, in_core=True, blocking_coalition=None, core_empty=False) for r in view.splits
        )
        return replace(view, splits=splits)

    monkeypatch.setattr(web.views.finance, "finance_view", stable)
    page = login(app.test_client(), "ordforer").get(URL).get_data(as_text=True)
    assert page.count("Ingen gruppe kommuner tjener på å bryte ut.") == 6
    assert "Kjernen er tom" not in page


def test_akonto_instalments_sum_to_each_partners_yearly_total(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    page = client.get(
        URL, query_string={"alternativ": "Ordførergruppas forslag 2007", "hyppighet": "månedlig"}
    ).get_data(as_text=True)
    key = services.split_service(
        SLUG, "barnevern", app.extensions["coop.uow"](), ("key",), "Ordførergruppas forslag 2007"
    )[0]
    rows = _cells(page, "finance-akonto")
    assert len(rows) == 12
    assert [r[1] for r in rows[:2]] == ["20.01.2026", "20.02.2026"]
    billed = ["5516", "5518"]  # Salangen hosts and pays its own share directly
    for column, member in enumerate(billed, start=2):
        paid = sum(int(r[column].replace("\u00a0", "").removesuffix("kr")) for r in rows)
        assert paid == key.allocation[member]
    assert "Salangen er vertskommune" in page


def test_quarterly_is_the_default_and_english_codes_work_too(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert len(_cells(client.get(URL).get_data(as_text=True), "finance-akonto")) == 4
    page = client.get(URL, query_string={"hyppighet": "half-yearly"}).get_data(as_text=True)
    assert len(_cells(page, "finance-akonto")) == 2
    assert "(halvårlig)" in page


def test_settlement_shows_what_each_partner_owes_or_gets_back(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-gratangen")
    assert "Etteroppgjør" not in client.get(URL).get_data(as_text=True)
    view = finance_view(
        SLUG, "barnevern", app.extensions["coop.uow"](), "Ordførergruppas forslag 2007"
    )
    budget = sum(line.total_nok for line in view.akonto.split.lines)
    page = client.get(
        URL,
        query_string={
            "alternativ": "Ordførergruppas forslag 2007",
            "faktisk": f"{budget + 30000:,}".replace(",", " "),
        },
    ).get_data(as_text=True)
    rows = {r[0]: r[1:] for r in _cells(page, "finance-settlement")}
    assert set(rows) == {"Gratangen", "Lavangen", "Salangen (vert)"}
    # the partners pay the host; the host carries its own share of the overrun
    assert rows["Gratangen"][2].startswith("skal betale")
    assert rows["Gratangen"][2].endswith("til Salangen")
    assert rows["Lavangen"][2].endswith("til Salangen")
    assert rows["Salangen (vert)"][2].startswith("dekker")
    assert "mer selv" in rows["Salangen (vert)"][2]
    lower = client.get(
        URL,
        query_string={"alternativ": "Ordførergruppas forslag 2007", "faktisk": str(budget - 30000)},
    ).get_data(as_text=True)
    assert lower.count("får tilbake") == 2
    assert lower.count("fra Salangen") == 2
    assert "mindre selv" in lower


def test_settlement_of_exactly_the_budget_says_paid_in_full(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    view = finance_view(
        SLUG, "barnevern", app.extensions["coop.uow"](), "Ordførergruppas forslag 2007"
    )
    page = client.get(
        URL,
        query_string={
            "alternativ": "Ordførergruppas forslag 2007",
            "faktisk": str(view.splits[0].total_nok),
        },
    ).get_data(as_text=True)
    assert page.count("har betalt riktig beløp") == 3


def test_a_non_number_is_refused_with_422_in_bokmal(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    for args, text in [
        ({"faktisk": "mye"}, "«mye» er ikke et tall"),
        ({"gevinst": "NaN"}, "«NaN» er ikke et tall"),
        ({"gevinst": "150"}, "under 100 %"),
        ({"faktisk": "-5"}, "Faktisk netto driftsutgift"),
        ({"hyppighet": "daglig"}, "Ukjent fakturahyppighet «daglig»"),
    ]:
        response = client.get(URL, query_string=args)
        assert response.status_code == 422, args
        assert text in response.get_data(as_text=True)


def test_unknown_service_project_or_scenario_is_404(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get(f"/prosjekter/{SLUG}/fordeling/brannvesen").status_code == 404
    assert client.get("/prosjekter/ukjent/fordeling/barnevern").status_code == 404
    assert client.get(URL, query_string={"alternativ": "Ukjent"}).status_code == 404


def test_the_project_page_links_to_the_split_per_service(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    page = client.get(f"/prosjekter/{SLUG}").get_data(as_text=True)
    assert f'href="{URL}"' in page
    assert 'href="/prosjekter/astafjord-2007/fordeling/ikt-drift"' in page


def test_anonymous_visitors_are_sent_to_login(app: Flask) -> None:
    assert app.test_client().get(URL).status_code == 302


def test_the_simplest_key_no_partner_can_reject_is_shown_with_its_amounts(app: Flask) -> None:
    client = login(app.test_client(), "okonomi-salangen")
    page = client.get(URL).get_data(as_text=True)
    uow = app.extensions["coop.uow"]()
    scenario = finance_view(SLUG, "barnevern", uow).scenario  # the page's default option
    nucleolus = next(
        r
        for r in services.split_service(SLUG, "barnevern", uow, scenario_name=scenario)
        if r.method == "nucleolus"
    )
    fitted = services.fit_simple_key(
        SLUG, "barnevern", uow, nucleolus.allocation, nucleolus.label, scenario
    )
    assert fitted.problem is None
    rows = {row[0]: row[1:] for row in _cells(page, "finance-fitted")}
    for number, name in NAMES.items():
        assert rows[name][2] == _kr(fitted.allocation[number])
        assert (
            int(rows[name][2].replace("\u00a0", "").removesuffix("kr"))
            <= nucleolus.standalone[number]
        )
    parts = " + ".join(f"{pct} % {part.lower()}" for part, pct in fitted.weights.items())
    assert parts in page


def test_no_fitted_key_for_ikt_explains_who_would_pay_more_than_alone(app: Flask) -> None:
    page = login(app.test_client(), "ordforer").get(f"/prosjekter/{SLUG}/fordeling/ikt-drift")
    text = page.get_data(as_text=True)
    assert "Ingen nøkkel laget av likt, folketall og bruksdata «pc» holder alle" in text
    assert "Ibestad må betale minst" in text


def test_exit_calculator_charges_the_notice_period_and_the_investments_book_value(
    app: Flask,
) -> None:
    client = login(app.test_client(), "okonomi-gratangen")
    query = {
        "alternativ": "Ordførergruppas forslag 2007",
        "uttreder": "5516",
        "oppsagt": "15.03.2026",
        "maneder": "12",
        "investering": "Fagsystem",
        "investering_belop": "1 200 000",
        "investering_dato": "01.01.2024",
        "investering_levetid": "5",
    }
    page = client.get(URL, query_string=query).get_data(as_text=True)
    view = finance_view(
        SLUG, "barnevern", app.extensions["coop.uow"](), "Ordførergruppas forslag 2007"
    )
    line = view.akonto.split.line("5516")
    # Notice given mid-month runs from the next month: exit on 1 April 2027.
    assert "Gratangen trer ut 01.04.2027" in page
    rows = _cells(page, "finance-exit")
    assert rows[0][1] == _kr(line.total_nok)  # 12 months = one year's share
    # 39 of 60 months depreciated by 1 April 2027: book value 420 000 kr.
    assert "bokført verdi 420\u00a0000\u00a0kr" in rows[1][0]
    share = (Decimal(420000) * Decimal(line.share)).quantize(Decimal(1))
    assert abs(int(rows[1][1].replace("\u00a0", "").removesuffix("kr")) - share) <= 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("oppsagt", "31.02.2026", "er ikke en gyldig dato"),
        ("maneder", "tolv", "er ikke et helt tall"),
        ("uttreder", "9999", "deltar ikke"),
    ],
)
def test_exit_calculator_names_the_bad_field(
    app: Flask, field: str, value: str, message: str
) -> None:
    client = login(app.test_client(), "ordforer")
    query = {"uttreder": "5516", "oppsagt": "01.01.2026", field: value}
    response = client.get(URL, query_string=query)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def _import_barnevern(app: Flask, number: str, staff: int, measures_251: int) -> None:
    """A 2026 budget with staff on 244 and measures on 251/252 (cp1252, as ERPs export)."""
    csv = (
        "konto;tjeneste;budsjett_2026\n"
        f"10100;24400;{staff}\n"
        f"13700;25100;{measures_251}\n"
        "13700;25200;100000\n"
        f"18700;87000;-{staff + measures_251 + 100000}\n"
    ).encode("cp1252")
    admin = Actor("admin", Role.ADMIN)
    result = services.import_budget(
        csv, f"{number}.csv", number, 2026, admin, app.extensions["coop.uow"]()
    )
    assert result.written, result.report


def test_measures_on_251_252_stay_with_the_home_municipality(app: Flask) -> None:
    for number, staff, measures in (("5516", 900_000, 300_000), ("5518", 800_000, 50_000),
                                    ("5522", 1_700_000, 1_000_000)):  # fmt: skip
        _import_barnevern(app, number, staff, measures)
    uow = app.extensions["coop.uow"]
    # The 2026 budgets count once the project makes 2026 its baseline year (demo: 2025).
    services.save_assumptions(
        SLUG, {"baseline_year": 2026, "budget_year": 2027}, Actor("admin", Role.ADMIN), uow(), None
    )
    view = finance_view(SLUG, "barnevern", uow(), "Ordførergruppas forslag 2007")
    direct = {line.member: line.direct_nok for line in view.akonto.split.lines}
    assert direct == {"5516": 400_000, "5518": 150_000, "5522": 1_100_000}
    key = next(r for r in view.splits if r.method == "key")
    # The key shares only what is pooled; each partner adds its own measures.
    shared = key.total_nok - sum(direct.values())
    for line in view.akonto.split.lines:
        assert line.key_nok + line.direct_nok + line.overhead_nok == line.total_nok
    assert sum(line.key_nok for line in view.akonto.split.lines) == shared
    # The key editor's preview charges the same measures directly.
    steering = Actor("styring", Role.STEERING)
    key_name = view.akonto.split.key.name
    assert (
        key_name == "Folketall"
    )  # the demo's stored key for barnevern in Ordførergruppas forslag 2007
    preview = services.preview_cost_key(SLUG, key_name, steering, uow(), "barnevern")
    assert {line.member: line.direct_nok for line in preview.lines} == direct
    alone = {m: key.standalone[m] for m in direct}
    assert alone == {"5516": 1_300_000, "5518": 950_000, "5522": 2_800_000}
    # Measures add the same to every coalition holding the partner: more measures in Salangen
    # move only Salangen's Shapley value and nucleolus, krone for krone.
    before = {r.method: r.allocation for r in view.splits}
    _import_barnevern(app, "5522", 1_700_000, 1_500_000)
    later = finance_view(SLUG, "barnevern", uow(), "Ordførergruppas forslag 2007")
    after = {r.method: r.allocation for r in later.splits}
    for method in ("shapley", "nucleolus"):
        change = {m: after[method][m] - before[method][m] for m in direct}
        assert abs(change["5522"] - 500_000) <= 1, (method, change)
        assert abs(change["5516"]) <= 1, (method, change)
        assert abs(change["5518"]) <= 1, (method, change)
    page = login(app.test_client(), "ordforer").get(
        URL, query_string={"alternativ": "Ordførergruppas forslag 2007"}
    )
    text = page.get_data(as_text=True)
    assert "Tiltak (KOSTRA-funksjon 251 og 252) belastes hjemkommunen direkte" in text
    assert "Salangen 1\u00a0600\u00a0000\u00a0kr" in text

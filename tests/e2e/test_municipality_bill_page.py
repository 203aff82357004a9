"""«Hva betaler vi?» (issue 18.1): one page per member, figures equal to the finance page's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from flask import Flask

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.splits.municipality_bill import municipality_bill

from ..conftest import login

SLUG = "astafjord-2007"
GRATANGEN, IBESTAD = "5516", "5514"


def _kr(amount: Decimal | int) -> str:
    return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0kr"


def _rows(page: str) -> dict[str, list[str]]:
    table = page.split('class="municipality-bill"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        texts = [re.sub(r"<span.*?</span>", "", c, flags=re.S) for c in cells]
        texts = [re.sub(r"<[^>]+>", "", t).strip() for t in texts]
        rows[texts[0]] = texts[1:]
    return rows


def test_each_service_shows_the_finance_pages_figures_and_the_sum_adds_up(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    response = client.get(
        f"/prosjekter/{SLUG}/kommuner/{GRATANGEN}?alternativ=Ordførergruppas forslag 2007"
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Hva betaler Gratangen?</h1>" in page
    rows = _rows(page)
    uow = app.extensions["coop.uow"]
    overview = services.project_overview(SLUG, uow())
    taking_part = [s for s in overview.services if GRATANGEN in s.participants]
    assert set(rows) == {s.name for s in taking_part}
    key_total = Decimal(0)
    for s in taking_part:
        splits = {
            r.method: r
            for r in services.split_service(
                SLUG, s.code, uow(), scenario_name="Ordførergruppas forslag 2007"
            )
        }
        alone, key = splits["key"].standalone[GRATANGEN], splits["key"].allocation[GRATANGEN]
        fair = [splits[m].allocation[GRATANGEN] for m in ("shapley", "nucleolus", "scrb")]
        assert rows[s.name][0] == _kr(alone), s.code
        assert rows[s.name][1] == _kr(key), s.code
        assert rows[s.name][2] == f"{_kr(min(fair))} – {_kr(max(fair))}", s.code
        key_total += key
    assert f'<td class="num">{_kr(key_total)}</td>' in page.split("<tfoot>")[1]
    assert "Beløpene gjelder alternativet «Ordførergruppas forslag 2007»." in page
    assert "Beregningen forutsetter effektiviseringsgevinst 10\u00a0% ved samarbeid" in page
    assert 'role="img"' in page  # the bar chart
    assert "Hva Gratangen betaler per år, per tjeneste" in page


def test_a_member_outside_a_service_is_told_so(app: Flask) -> None:
    page = login(app.test_client(), "ordforer").get(f"/prosjekter/{SLUG}/kommuner/{IBESTAD}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Ibestad deltar ikke i Barnevern" in text


def test_an_unknown_member_is_a_404(app: Flask) -> None:
    client = login(app.test_client(), "ordforer")
    assert client.get(f"/prosjekter/{SLUG}/kommuner/0301").status_code == 404
    unknown_option = f"/prosjekter/{SLUG}/kommuner/{GRATANGEN}?alternativ=Finnes%20ikke"
    assert client.get(unknown_option).status_code == 404


def test_a_new_region_lists_what_cannot_be_split_then_the_hand_derived_own_cost(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    uow = registered
    steering = Actor("styring-no", Role.STEERING)
    slug = services.create_project(
        "Nord-Østerdal", ["3427", "3428"], ["barnevern"], steering, uow, today=date(2026, 12, 2)
    ).slug
    empty = municipality_bill(slug, "3427", uow)
    assert empty.bills == ()
    assert [name for name, _ in empty.unsplit] == ["Barnevern (barnevernstjeneste)"]
    assert "Mangler grunnlagstall" in empty.unsplit[0][1]
    for number, gross in (("3427", "4 000 000"), ("3428", "1 500 000")):
        figures = {"fte": "2", "gross_cost_nok": gross}
        services.set_baseline(slug, "barnevern", number, 2026, figures, "budsjett", steering, uow)
    bill = municipality_bill(slug, "3428", uow, today=date(2026, 12, 2))
    (barnevern,) = bill.bills
    assert barnevern.alone_nok == Decimal(1_500_000)  # Alvdal's own gross cost, typed above
    assert barnevern.fair_low_nok <= barnevern.fair_high_nok
    # 12 months' notice given 02.12.2026 ends 01.01.2028 at the earliest (§ 20-8)
    assert barnevern.exit_date >= date(2027, 12, 2)

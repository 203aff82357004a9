"""The baseline grid page: enter figures by hand with their basis, see imported cells by file."""

from __future__ import annotations

from decimal import Decimal

from flask import Flask

from coop import services
from coop.domain.access import SYSTEM, Actor, Role

from ..conftest import login

KAFJORD, NORDREISA, SALANGEN = "5540", "5544", "5522"
SLUG = "grunnlag-test"
URL = f"/prosjekter/{SLUG}/grunnlag/"
# A budget for Salangen: function 244 (barnevern) spends 1 000 000 + 150 000 + 100 000 +
# 250 000 = 1 500 000 kr; the 870 line balances the file.
BUDGET = (
    "konto;tjeneste;budsjett_{year}\n10100;24400;1 000 000\n10900;24400;150 000\n"
    "10990;24400;100 000\n11500;24400;250 000\n18700;87000;-1 500 000\n"
)


def setup(app: Flask) -> int:
    uow = app.extensions["coop.uow"]
    services.create_project("Grunnlagstest", [KAFJORD, NORDREISA, SALANGEN],
                            ["barnevern", "ppt"], SYSTEM, uow(), slug=SLUG)  # fmt: skip
    for user in ("styring", "okonomi-salangen", "ordforer"):
        services.grant_access(SLUG, user, SYSTEM, uow())
    return services.baseline_grid(SLUG, SYSTEM, uow()).year


def cell(app: Flask, service: str, number: str, year: int):  # noqa: ANN201
    grid = services.baseline_grid(SLUG, SYSTEM, app.extensions["coop.uow"](), year)
    row = next(r for r in grid.rows if r.code == service)
    return next(c for c in row.cells if c.number == number).baseline


def test_a_cell_is_entered_by_hand_and_shown_with_its_basis(web_app: Flask) -> None:
    year = setup(web_app)
    client = login(web_app.test_client(), "styring")
    empty = client.get(URL).text
    assert f"mangler tall for {year}" in empty
    saved = client.post(URL + f"barnevern/{NORDREISA}", data={
        "aar": year, "fte": "3,5", "gross_cost_nok": "3 500 000", "grunnlag": "budsjett",
        "var-fte": "", "var-gross_cost_nok": ""})  # fmt: skip
    assert saved.status_code == 302
    b = cell(web_app, "barnevern", NORDREISA, year)
    assert (b.fte, b.gross_cost_nok, b.headcount) == (Decimal("3.5"), Decimal(3_500_000), 4)
    page = client.get(URL).text
    assert 'value="3,5"' in page
    assert 'value="3\u00a0500\u00a0000"' in page
    assert f"budsjett {year}" in page
    assert "registrert i coop av styring" in page


def test_only_the_changed_figure_takes_the_new_basis(web_app: Flask) -> None:
    year = setup(web_app)
    client = login(web_app.test_client(), "styring")
    first = {"aar": year, "fte": "3", "gross_cost_nok": "3 000 000", "grunnlag": "budsjett"}
    client.post(URL + f"barnevern/{NORDREISA}", data=first)
    # The page sends every figure back with what it showed; only the gross cost differs.
    again = client.post(URL + f"barnevern/{NORDREISA}", data={
        "aar": year, "fte": "3", "var-fte": "3", "gross_cost_nok": "3 200 000",
        "var-gross_cost_nok": "3\u00a0000\u00a0000", "grunnlag": "regnskap"})  # fmt: skip
    assert again.status_code == 302
    b = cell(web_app, "barnevern", NORDREISA, year)
    assert b.gross_cost_nok == Decimal(3_200_000)
    assert b.field_basis["fte"] == f"budsjett {year}"
    assert b.field_basis["gross_cost_nok"] == f"regnskap {year}"


def test_a_bad_figure_is_refused_at_its_row_with_the_input_kept(web_app: Flask) -> None:
    year = setup(web_app)
    client = login(web_app.test_client(), "styring")
    bad = client.post(URL + f"ppt/{KAFJORD}", data={
        "aar": year, "fte": "to", "gross_cost_nok": "900 000", "grunnlag": "anslag"})  # fmt: skip
    assert bad.status_code == 422
    assert "Årsverk: «to» er ikke et tall." in bad.text
    assert f'id="celle-ppt-{KAFJORD}-feil"' in bad.text
    assert 'value="to" aria-describedby="celle-ppt-5540-feil"' in bad.text
    assert cell(web_app, "ppt", KAFJORD, year) is None


def test_imported_cells_name_their_file_and_other_years_are_flagged(web_app: Flask) -> None:
    year = setup(web_app)
    uow = web_app.extensions["coop.uow"]
    admin = Actor("admin", Role.ADMIN)
    raw = BUDGET.format(year=year).encode()
    assert services.import_budget(raw, "salangen.csv", SALANGEN, year, admin, uow()).written
    old = BUDGET.format(year=year - 1).encode()
    services.import_budget(old, "kafjord-gammel.csv", KAFJORD, year - 1, admin, uow())
    page = login(web_app.test_client(), "ordforer").get(URL).text
    assert f"budsjett {year}, import av salangen.csv" in page
    assert cell(web_app, "barnevern", SALANGEN, year).gross_cost_nok == Decimal(1_500_000)
    assert f"mangler tall for {year} (har {year - 1})" in page
    assert 'name="fte"' not in page  # readers see figures, no inputs
    older = login(web_app.test_client(), "ordforer").get(URL, query_string={"aar": year - 1})
    assert f"Prosjektets grunnlagsår er {year}" in older.text
    assert "kafjord-gammel.csv" in older.text


def test_finance_users_enter_only_their_own_municipality_and_readers_nothing(
    web_app: Flask,
) -> None:
    year = setup(web_app)
    finance = login(web_app.test_client(), "okonomi-salangen")
    page = finance.get(URL).text
    assert f'id="skjema-barnevern-{SALANGEN}-fte"' in page
    assert f'id="skjema-barnevern-{NORDREISA}-fte"' not in page
    own = finance.post(URL + f"barnevern/{SALANGEN}",
                       data={"aar": year, "fte": "2", "grunnlag": "regnskap"})  # fmt: skip
    assert own.status_code == 302
    other = finance.post(URL + f"barnevern/{NORDREISA}",
                         data={"aar": year, "fte": "2", "grunnlag": "regnskap"})  # fmt: skip
    assert other.status_code == 403
    reader = login(web_app.test_client(), "ordforer")
    refused = reader.post(URL + f"barnevern/{SALANGEN}",
                          data={"aar": year, "fte": "9", "grunnlag": "anslag"})  # fmt: skip
    assert refused.status_code == 403
    assert cell(web_app, "barnevern", NORDREISA, year) is None
    assert cell(web_app, "barnevern", SALANGEN, year).fte == Decimal(2)


def test_a_missing_cell_links_to_the_import_with_municipality_and_year_chosen(app: Flask) -> None:
    year = setup(app)
    client = login(app.test_client(), "styring")
    page = client.get(URL).text
    link = f"/import/?kommune={NORDREISA}&amp;aar={year}"
    assert link in page
    form = client.get(f"/import/?kommune={NORDREISA}&aar={year}").text
    assert f'<option value="{NORDREISA}" selected>' in form
    assert f'value="{year}"' in form

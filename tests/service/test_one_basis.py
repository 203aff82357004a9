"""Issue 14's scenario: Salangen imports next year's budget alone. Every view keeps using the
project's baseline year until the project moves it, and then all views move together, with
Gratangen's and Lavangen's figures untouched and their older year stated."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.agreements.terms import AgreementTerms
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.agreements.inputs import budget_year_for, current_inputs
from coop.services.project_data import assumptions_of
from coop.services.splits.finance import akonto_and_settlement

SLUG, SCENARIO, SERVICE = "astafjord-2007", "Ordførergruppas forslag 2007", "barnevern"
ADMIN = Actor("okonomi-salangen", Role.ADMIN)
# coop/demo/data/baselines.csv, barnevern 2025: Gratangen 1.2 FTE 1 160 000 kr, Lavangen
# 1.1 FTE 1 063 000 kr, Salangen 2.2 FTE 2 126 000 kr → 4.5 FTE, 4 349 000 kr.
DEMO_2025 = {"5516": Decimal(1_160_000), "5518": Decimal(1_063_000), "5522": Decimal(2_126_000)}
# Salangen's 2027 budget on function 244: pay 1 000 000 + pension 150 000 + employer tax
# 100 000 + other 250 000 = 1 500 000 kr gross, 1 250 000 kr pay.
SALANGEN_2027 = (
    b"konto;tjeneste;budsjett_2027\n10100;24400;1 000 000\n10900;24400;150 000\n"
    b"10990;24400;100 000\n11500;24400;250 000\n18700;87000;-1 500 000\n"
)


def views(uow: SqlAlchemyUnitOfWork) -> dict[str, object]:
    """Each view's partners and total for barnevern."""
    overview = next(s for s in services.project_overview(SLUG, uow).services if s.code == SERVICE)
    akonto = akonto_and_settlement(SLUG, SCENARIO, SERVICE, "quarterly", None, uow)
    with uow:
        # an agreement dated today (the demo's own is dated 2007 and shows 2007 figures)
        baseline_year = assumptions_of(uow.projects.get(SLUG), uow).baseline_year
        dated = date(2026, 12, 2)
        terms = AgreementTerms(dated, budget_year=budget_year_for(dated, baseline_year))
        inputs, notes = current_inputs(uow, SLUG, SCENARIO, SERVICE, terms)
    compare = services.compare_scenarios(SLUG, [SCENARIO], uow, efficiency_gain_pct=Decimal(0))
    today = {p.number: p.today_nok for p in compare.options[0].partners}
    return {
        "overview": (overview.participants, overview.gross_cost_nok),
        "akonto": (akonto.split.members, akonto.split.total_nok),
        "agreement": (tuple(sorted(inputs.amounts)), inputs.budget_total_nok),
        "notes": notes,
        "overview_notes": overview.notes,
        "today": today,
    }


def test_one_partners_import_of_next_year_moves_nothing_until_the_project_does(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    before = views(demo)
    total = sum(DEMO_2025.values())
    assert before["overview"] == (("5516", "5518", "5522"), total)
    assert before["akonto"] == (("5516", "5518", "5522"), total)
    assert before["agreement"] == (("5516", "5518", "5522"), total)
    result = services.import_budget(SALANGEN_2027, "salangen_2027.csv", "5522", 2027, ADMIN, demo)
    assert result.written
    assert views(demo) == before  # 2027 is not the project's baseline year: nothing moves

    services.save_assumptions(SLUG, {"baseline_year": 2027, "budget_year": 2028}, ADMIN, demo,
                              None, "Salangens budsjett for 2027 er vedtatt")  # fmt: skip
    after = views(demo)
    moved = DEMO_2025["5516"] + DEMO_2025["5518"] + Decimal(1_500_000)  # 3 723 000 kr
    assert after["overview"] == (("5516", "5518", "5522"), moved)
    assert after["akonto"] == (("5516", "5518", "5522"), moved)
    assert after["agreement"] == (("5516", "5518", "5522"), moved)
    for notes in (after["overview_notes"], after["notes"]):
        assert "Gratangen: tall fra 2025 (mangler 2027)" in notes
        assert "Lavangen: tall fra 2025 (mangler 2027)" in notes
    # Gratangen's and Lavangen's own cost today is exactly what it was; Salangen's is its 2027
    for number in ("5516", "5518"):
        assert after["today"][number] == before["today"][number]
    salangen_change = after["today"]["5522"] - before["today"]["5522"]
    assert salangen_change == Decimal(1_500_000) - DEMO_2025["5522"]
    log = services.project_changes(SLUG, demo)
    assert any("Salangens budsjett for 2027" in c.sentence for c in log)

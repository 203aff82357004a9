"""compare_scenarios against amounts derived by hand, on a region that is not the demo.

Nord-Østerdal barnevern, host Tynset, no staff moving (joint FTE 0), equal shares (no key on
the option), service travel over entered distances. Every expected krone is worked out below.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

STEERING = Actor("styring-no", Role.STEERING)
TYNSET, ALVDAL, FOLLDAL, RENDALEN = "3427", "3428", "3429", "3424"
MEMBERS = [TYNSET, ALVDAL, FOLLDAL, RENDALEN]
# (gross cost, measures 251/252) per member, written for the test
FIGURES = {
    TYNSET: ("4000000", "600000"),
    ALVDAL: ("1500000", "100000"),
    FOLLDAL: ("1000000", "0"),
    RENDALEN: ("1100000", "50000"),
}
# pooled = (4 000 000 − 600 000) + (1 500 000 − 100 000) + 1 000 000 + (1 100 000 − 50 000)
POOLED = Decimal(6_850_000)


@pytest.fixture
def region(registered: SqlAlchemyUnitOfWork) -> tuple[SqlAlchemyUnitOfWork, str]:
    uow = registered
    slug = services.create_project(
        "Nord-Østerdal barnevern", MEMBERS, ["barnevern"], STEERING, uow, today=date(2026, 12, 2)
    ).slug
    for number, (gross, measures) in FIGURES.items():
        services.set_baseline(
            slug, "barnevern", number, 2026,
            {"fte": "1", "gross_cost_nok": gross, "pay_cost_nok": "0",
             "pass_through_nok": measures},
            "budsjett", STEERING, uow,
        )  # fmt: skip
    for partner, km in ((ALVDAL, "30"), (FOLLDAL, "60"), (RENDALEN, "90")):
        services.set_travel(slug, TYNSET, partner, {"km": km, "minutes": "40"}, STEERING, uow)
    services.edit_scenario(
        slug, "Tynset er vert",
        [{"service": "barnevern", "host": TYNSET, "participants": MEMBERS, "joint_fte": "0"}],
        STEERING, uow, None, "Retningslinjer 2007",
    )  # fmt: skip
    return uow, slug


def _travel(trips: int) -> Decimal:
    """Service travel in year 1: trips × 2 legs × (30 + 60 + 90) km × 5,30 kr/km (2026 rate)."""
    return trips * 2 * Decimal(180) * Decimal("5.30")


@pytest.mark.parametrize(("trips", "gain_pct"), [(0, 0), (0, 10), (100, 0), (100, 10)])
def test_each_partners_bill_before_and_after_is_the_hand_derived_amount(
    region: tuple[SqlAlchemyUnitOfWork, str], trips: int, gain_pct: int
) -> None:
    uow, slug = region
    values = services.parse_assumption_values({"trips-barnevern": str(trips)})
    services.save_assumptions(slug, values, STEERING, uow, None)
    comparison = services.compare_scenarios(
        slug, ["Tynset er vert"], uow, efficiency_gain_pct=Decimal(gain_pct)
    )
    (option,) = comparison.options
    travel = _travel(trips)
    assert option.yearly_nok == travel  # 100 trips: 100 · 2 · 180 · 5,30 = 190 800 kr
    # each of four pays a quarter of the pooled cost after the gain, plus the new travel,
    # plus its own measures; today it pays its own gross cost
    quarter = (POOLED * (100 - gain_pct) / 100 + travel) / 4
    expected_after = {m: quarter + Decimal(FIGURES[m][1]) for m in MEMBERS}
    expected_today = {m: Decimal(FIGURES[m][0]) for m in MEMBERS}
    lines = {p.number: p for p in option.partners}
    assert {m: lines[m].today_nok for m in MEMBERS} == expected_today
    assert {m: lines[m].after_nok for m in MEMBERS} == expected_after
    # e.g. no gain, no travel: Tynset 1 712 500 + 600 000 − 4 000 000 = −1 687 500 kr
    saving = POOLED * gain_pct / 100
    assert option.change_nok == travel - saving
    if (trips, gain_pct) == (0, 0):
        assert lines[TYNSET].change_nok == Decimal(-1_687_500)
        assert lines[FOLLDAL].change_nok == Decimal(712_500)

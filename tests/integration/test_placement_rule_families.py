"""Rule families the optimiser page, API and CLI now set: merged offices, fixed host cost,
discounting and the partners' travel limit — each checked by independent solves."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.placement.model_input import COMBINED
from coop.services.placement.request import PlacementImpossible, PlacementRequest

SLUG = "astafjord-2007"
STEERING = Actor("styring", Role.STEERING)
ECONOMY = ("regnskap-lonn", "skatt-innfordring")
PARTICIPANTS = ("5516", "5518", "5522")  # both economy services: Gratangen, Lavangen, Salangen


def best(demo: SqlAlchemyUnitOfWork, **rules: object) -> services.PlacementProposal:
    request = PlacementRequest(top=1, **rules)  # type: ignore[arg-type]
    return services.propose_hosts(
        SLUG, demo, request, scenario_name="Ordførergruppas forslag 2007", actor=STEERING
    )


def test_one_office_or_two_is_chosen_as_the_cheaper_of_both(demo: SqlAlchemyUnitOfWork) -> None:
    split = best(demo).best.objective_nok
    merged = min(
        best(demo, together=ECONOMY, locks={COMBINED: h}).best.objective_nok for h in PARTICIPANTS
    )
    either = best(demo, together=ECONOMY)
    assert either.best.objective_nok == min(split, merged)
    chosen = either.best.hosts
    assert (COMBINED in chosen) == (merged < split)
    assert (COMBINED in chosen) != all(code in chosen for code in ECONOMY)
    assert "(ett kontor)" in either.service_names[COMBINED]


def test_a_fixed_host_cost_is_paid_once_per_host_for_the_whole_period(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    fixed = 100_000.0
    with_cost = best(demo, fixed_host_cost_nok=fixed)
    hosts = with_cost.best.hosts
    same_without = best(demo, locks=dict(hosts)).best.objective_nok
    horizon = 4  # coop/demo/data/assumptions.csv
    # every distinct host pays F a year for the 4-year period, undiscounted
    expected = same_without + Decimal(int(fixed) * horizon * len(set(hosts.values())))
    assert with_cost.best.objective_nok == expected
    assert "faste vertskostnader" in with_cost.basis


def test_discounting_lowers_recurring_costs_only(demo: SqlAlchemyUnitOfWork) -> None:
    plain = best(demo, locks=dict(best(demo).best.hosts))
    discounted = best(demo, locks=dict(plain.best.hosts), discount_rate_pct=4.0)
    # Year-1 costs are not discounted (relocation, the transition grant, the one-year 2007
    # travel grant); service trips run all four years, so years 2–4 are worth less today.
    for kind in ("flytting", "omstillingstilskudd", "reisetilskudd"):
        assert discounted.best.by_kind.get(kind) == plain.best.by_kind.get(kind)
    trips = plain.best.by_kind["tjenestereiser"]  # equal each year: trips × km × rate
    factor = sum(Decimal("1.04") ** -t for t in range(4)) / 4  # mileage rate: 2026 all years
    assert abs(discounted.best.by_kind["tjenestereiser"] - trips * factor) <= 4
    assert "diskontert med 4,0 %" in discounted.basis


def test_a_partner_travel_limit_below_every_choice_is_named(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(PlacementImpossible, match="lengste reise for samarbeidskommunene"):
        best(demo, max_partner_travel_min=5.0)
    near = best(demo, max_partner_travel_min=60.0)
    travel = services.travel_matrix(SLUG, demo).routes
    for service, host in near.best.hosts.items():
        members = next(
            s.participants
            for s in services.project_overview(SLUG, demo).services
            if s.code == service
        )
        assert all(travel[m, host].minutes <= 60 for m in members), service

"""The service cost game on the demo data (SQLite and PostgreSQL): its formula and its splits."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from allocation.games.lp import least_core, nucleolus
from coop import services
from coop.domain.transition.personnel import service_transition_cost
from coop.domain.transition.staff_transfers import baselines_by_service
from coop.domain.transition.travel_grants import STATE_MILEAGE_NOK_PER_KM, TravelParams
from coop.domain.travel.network import TravelNetwork
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.splits.cost_split import service_game

SLUG, SERVICE = "astafjord-2007", "ikt-drift"
# coop/demo/data/assumptions.csv: 6 IKT trips per partner a year, baselines of 2025, year 1 2026.
TRIPS = {SERVICE: 6}


def direct_cost(uow: SqlAlchemyUnitOfWork, coalition: frozenset[str], gain: float) -> float:
    """c(S) straight from the definition: pooled running cost + cheapest host's transition/4."""
    with uow:
        project = uow.projects.get(SLUG)
        policy = uow.policies.get(SLUG, uow.policies.list(SLUG)[0].name)
        baselines = uow.baselines.list(sorted(coalition), [SERVICE], 2025)
        network = TravelNetwork.from_links(uow.travel_links.list())  # the demo's road links
        municipalities = {m.number: m for m in uow.municipalities.list(project.municipalities)}
    own = baselines_by_service(baselines, 2025)[SERVICE]
    if len(coalition) == 1:
        return float(own[next(iter(coalition))].gross_cost_nok)
    routes = network.matrix(sorted(coalition), by="minutes")
    params = TravelParams(STATE_MILEAGE_NOK_PER_KM, TRIPS, 2026)
    moving = min(
        service_transition_cost(
            SERVICE, h, coalition, own, municipalities, routes, policy, params
        ).total_nok
        for h in coalition
    )
    pooled = (1 - gain) * sum(float(own[m].gross_cost_nok) for m in coalition)
    return pooled + float(moving) / params.horizon_years


def test_every_coalitions_cost_is_the_definitions(demo: SqlAlchemyUnitOfWork) -> None:
    game = service_game(SLUG, SERVICE, demo, None, Decimal(10))
    hosted, members = game.hosted, game.members
    assert len(members) >= 3
    for size in range(1, len(members) + 1):
        for coalition in map(frozenset, itertools.combinations(members, size)):
            expected = direct_cost(demo, coalition, 0.10)
            assert hosted.cost(coalition) == pytest.approx(expected, abs=0.01), coalition


def test_the_oracle_nucleolus_equals_the_enumerated_one_on_the_demo_game(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    hosted = service_game(SLUG, SERVICE, demo, None, Decimal(10)).hosted
    enumerated = nucleolus(hosted.game())
    by_oracle = nucleolus(hosted.game(), hosted.oracle())
    for member, amount in enumerated.items():
        assert by_oracle[member] == pytest.approx(amount, abs=0.01)
    assert least_core(hosted.game(), hosted.oracle())[1] == pytest.approx(
        least_core(hosted.game())[1], abs=0.01
    )


def test_every_method_splits_exactly_the_total_in_whole_kroner(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    results = services.split_service(
        SLUG, SERVICE, demo, scenario_name="Ordførergruppas forslag 2007"
    )
    assert {r.method for r in results} == set(services.METHODS)
    for result in results:
        assert sum(result.allocation.values()) == result.total_nok
        assert all(v == v.to_integral_value() and v >= 0 for v in result.allocation.values())


def test_the_fitted_key_is_the_best_five_percent_key_no_partner_rejects(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    service = "regnskap-lonn"
    target = next(r for r in services.split_service(SLUG, service, demo) if r.method == "nucleolus")
    fitted = services.fit_simple_key(SLUG, service, demo, target.allocation, target.label)
    assert fitted.problem is None
    assert sum(fitted.weights.values()) == 100
    assert all(w % 5 == 0 for w in fitted.weights.values())
    assert sum(fitted.allocation.values()) == target.total_nok
    assert all(fitted.allocation[m] <= target.standalone[m] for m in fitted.allocation)
    # Brute force over every key in 5 % steps of the same three parts.
    game = service_game(SLUG, service, demo, None, Decimal(10))
    hosted = game.hosted
    members = game.members
    total = hosted.cost(frozenset(members))
    people = sum(game.population[m] for m in members)
    slips = sum(float(game.own[m].usage["lonnsslipper"]) for m in members)
    best = None
    for equal in range(0, 101, 5):
        for pop in range(0, 101 - equal, 5):
            usage = 100 - equal - pop
            charge = {
                m: total
                * (
                    equal / 100 / len(members)
                    + pop / 100 * game.population[m] / people
                    + usage / 100 * float(game.own[m].usage["lonnsslipper"]) / slips
                )
                for m in members
            }
            if any(charge[m] > hosted.cost(frozenset({m})) + 1e-6 for m in members):
                continue
            deviation = max(abs(charge[m] - float(target.allocation[m])) for m in members)
            best = deviation if best is None else min(best, deviation)
    assert best is not None
    assert float(fitted.max_deviation_nok) == pytest.approx(best, abs=1.0)


def test_no_key_keeps_ibestad_below_its_own_it_cost_and_the_reason_says_so(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    target = next(r for r in services.split_service(SLUG, SERVICE, demo) if r.method == "nucleolus")
    names = {"5514": "Ibestad"}
    fitted = services.fit_simple_key(
        SLUG, SERVICE, demo, target.allocation, target.label, names=names
    )
    assert fitted.weights == {}
    assert fitted.problem is not None
    assert fitted.problem.startswith("Ingen nøkkel laget av likt, folketall og bruksdata «pc»")
    assert "Ibestad må betale minst" in fitted.problem
    assert "610\u00a0000\u00a0kr" in fitted.problem  # Ibestad's own IT cost today (anslag)

"""The service cost game on the demo data (SQLite and PostgreSQL): its formula and its splits."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from allocation.games import least_core, nucleolus
from coop import services
from coop.personnel import (
    STATE_MILEAGE_NOK_PER_KM,
    TravelParams,
    baselines_by_service,
    service_transition_cost,
)
from coop.services.cost_split import service_game
from coop.services.network import DEFAULT_TRIPS_PER_PARTNER, project_network
from coop.unit_of_work import SqlAlchemyUnitOfWork

SLUG, SERVICE = "astafjord-2007", "ikt-drift"


@pytest.fixture
def demo(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    services.load_demo(uow)
    return uow


def direct_cost(uow: SqlAlchemyUnitOfWork, coalition: frozenset[str], gain: float) -> float:
    """c(S) straight from the definition: pooled running cost + cheapest host's transition/4."""
    with uow:
        project = uow.projects.get(SLUG)
        policy = uow.policies.get(SLUG, uow.policies.list(SLUG)[0].name)
        baselines = uow.baselines.list(sorted(coalition), [SERVICE])
        network, municipalities, _ = project_network(project, uow)
    own = baselines_by_service(baselines, 2026)[SERVICE]
    if len(coalition) == 1:
        return float(own[next(iter(coalition))].gross_cost_nok)
    routes = network.matrix(sorted(coalition), by="minutes")
    params = TravelParams(STATE_MILEAGE_NOK_PER_KM, DEFAULT_TRIPS_PER_PARTNER, 2026)
    moving = min(
        service_transition_cost(
            SERVICE, h, coalition, own, municipalities, routes, policy, params
        ).total_nok
        for h in coalition
    )
    pooled = (1 - gain) * sum(float(own[m].gross_cost_nok) for m in coalition)
    return pooled + float(moving) / params.horizon_years


def test_every_coalitions_cost_is_the_definitions(demo: SqlAlchemyUnitOfWork) -> None:
    hosted, ctx = service_game(SLUG, SERVICE, demo, None, Decimal(10), 2026)
    members = ctx["members"]
    assert len(members) >= 3
    for size in range(1, len(members) + 1):
        for coalition in map(frozenset, itertools.combinations(members, size)):
            expected = direct_cost(demo, coalition, 0.10)
            assert hosted.cost(coalition) == pytest.approx(expected, abs=0.01), coalition


def test_the_oracle_nucleolus_equals_the_enumerated_one_on_the_demo_game(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    hosted, _ = service_game(SLUG, SERVICE, demo, None, Decimal(10), 2026)
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
    results = services.split_service(SLUG, SERVICE, demo, scenario_name="Vedtak 2007")
    assert {r.method for r in results} == set(services.METHODS)
    for result in results:
        assert sum(result.allocation.values()) == result.total_nok
        assert all(v == v.to_integral_value() and v >= 0 for v in result.allocation.values())

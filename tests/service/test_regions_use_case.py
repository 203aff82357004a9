"""«Hvem bør samarbeide?» from the register alone, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.errors import InvalidData
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.regions import RegionQuery, travel_estimate

STEERING = Actor("styring-no", Role.STEERING)
READER = Actor("leser", Role.READER)
GRATANGEN, LAVANGEN, SALANGEN = "5516", "5518", "5522"


@pytest.fixture
def register(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    services.load_register(uow)
    return uow


def test_three_small_neighbours_with_a_high_fixed_cost_form_one_group(
    register: SqlAlchemyUnitOfWork,
) -> None:
    # Gratangen 1 070, Lavangen 986, Salangen 2 069 inhabitants, 20–40 km apart: with a
    # fixed cost of 2,5 mill. kr per service unit, one group saves 5 mill. kr a year, far
    # more than the extra travel (well under 1 mill. kr: ~100–200 trips of < 1 hour each).
    q = RegionQuery("barnevern", municipalities=(GRATANGEN, LAVANGEN, SALANGEN))
    result = services.propose_regions(q, STEERING, register)
    assert result.best.status == "optimal"
    assert len(result.best.groups) == 1
    group = result.best.groups[0]
    assert group.population == 1070 + 986 + 2069
    assert result.alone_nok == 3 * 2_500_000
    assert result.best.objective_nok < result.alone_nok - 4_000_000
    assert result.fixed_cost_basis.startswith("anslag")
    # today's Astafjord barnevern (cooperations.csv) is exactly these three with Salangen host
    assert result.today is not None
    assert [g.host.number for g in result.today.groups] == [SALANGEN]


def test_a_minimum_population_no_group_can_reach_names_the_rule_and_the_municipalities(
    register: SqlAlchemyUnitOfWork,
) -> None:
    q = RegionQuery("barnevern", municipalities=(GRATANGEN, LAVANGEN), min_population=5000)
    with pytest.raises(services.RegionsImpossible, match="minste folketall") as caught:
        services.propose_regions(q, STEERING, register)
    assert "Gratangen" in str(caught.value)
    assert "Lavangen" in str(caught.value)
    assert "5\u00a0000" in str(caught.value)


def test_a_county_by_name_or_number_and_bounds_checked(register: SqlAlchemyUnitOfWork) -> None:
    q = RegionQuery("barnevern", county="Troms", max_travel_min=90, min_population=3000,
                    time_limit_s=20)  # fmt: skip
    result = services.propose_regions(q, STEERING, register)
    members = [m.number for g in result.best.groups for m in g.members]
    assert len(members) == len(set(members)) == 21  # Troms has 21 municipalities (2024)
    for g in result.best.groups:
        assert g.population >= 3000
        assert g.max_travel_min <= 90
    with pytest.raises(InvalidData, match="max_travel_min"):
        services.propose_regions(RegionQuery("barnevern", county="55", max_travel_min=5000),
                                 STEERING, register)  # fmt: skip
    with pytest.raises(InvalidData, match="Velg ett område"):
        services.propose_regions(RegionQuery("barnevern"), STEERING, register)
    with pytest.raises(Forbidden):
        services.propose_regions(RegionQuery("barnevern", county="55"), READER, register)


def test_estimated_travel_matches_the_domain_estimate_for_one_pair(
    register: SqlAlchemyUnitOfWork,
) -> None:
    from coop.domain.travel.member_routes import estimated_route

    with register:
        ms = register.municipalities.list([GRATANGEN, SALANGEN])
    km, minutes = travel_estimate(ms)
    route = estimated_route(ms[0], ms[1])
    assert km[0, 1] == pytest.approx(float(route.km), abs=0.051)
    assert minutes[0, 1] == pytest.approx(float(route.minutes), abs=1)


def test_the_job_form_of_a_query_knows_every_field_and_round_trips() -> None:
    from dataclasses import fields

    from coop.services.jobs.regions_job import KINDS_OF, query_from_json, query_to_json

    assert {f.name for f in fields(RegionQuery)} == set(KINDS_OF)
    q = RegionQuery("barnevern", county="55", min_population=5000, alone=("5501",), top=3)
    assert query_from_json(query_to_json(q)) == q

"""The placement use case on the seed case, checked against brute force and the 2007 choice."""

import itertools

import pytest

from coop import services
from coop.domain.access import SYSTEM, Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.placement.request import PlacementImpossible, PlacementRequest

ADMIN = Actor("test", Role.ADMIN)
DECIDED_2007 = {
    "barnevern": "5522",
    "ikt-drift": "5522",
    "regnskap-lonn": "5518",
    "skatt-innfordring": "5516",
    "kart-oppmaling": "5516",
}


def _report(demo: SqlAlchemyUnitOfWork, hosts: dict[str, str]) -> services.TransitionReport:
    """Transition report of a placement, saved as the scenario «Prøve»."""
    scenario = services.get_scenario("astafjord-2007", "Ordførergruppas forslag 2007", demo)
    arrangements = [
        {
            "service": a.service,
            "host": hosts[a.service],
            "participants": sorted(a.participants),
            "joint_fte": str(a.joint_fte),
            "local_fte": str(a.local_fte),
        }
        for a in scenario.arrangements
    ]
    existing = services.project_overview("astafjord-2007", demo).scenarios
    version = (
        services.get_scenario("astafjord-2007", "Prøve", demo).version
        if "Prøve" in existing
        else None
    )
    services.edit_scenario(
        "astafjord-2007", "Prøve", arrangements, ADMIN, demo, version, policy="Retningslinjer 2007"
    )
    return services.transition_cost("astafjord-2007", "Prøve", demo)


def test_the_2007_placement_costs_what_the_transition_report_says(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    locked = services.propose_hosts(
        "astafjord-2007",
        demo,
        PlacementRequest(locks=DECIDED_2007, top=1),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    report = services.transition_cost("astafjord-2007", "Ordførergruppas forslag 2007", demo)
    assert locked.best.hosts == DECIDED_2007
    assert locked.best.objective_nok == report.total_nok


def test_the_optimum_equals_brute_force_over_every_host_choice(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    project = services.project_overview("astafjord-2007", demo)
    choices = {s.code: s.participants for s in project.services}
    cost = {  # (service, host) -> that service's cost; it depends only on its own host
        (code, host): _report(demo, {**DECIDED_2007, code: host}).by_service[code]
        for code, hosts in choices.items()
        for host in hosts
    }
    combos = list(itertools.product(*choices.values()))
    assert len(combos) == 3 * 4 * 3 * 3 * 4
    totals = sorted(
        sum(cost[code, host] for code, host in zip(choices, combo, strict=True)) for combo in combos
    )
    proposal = services.propose_hosts(
        "astafjord-2007",
        demo,
        PlacementRequest(top=3),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    assert proposal.best.objective_nok == totals[0]
    assert [a.objective_nok for a in proposal.alternatives] == totals[:3]
    assert _report(demo, dict(proposal.best.hosts)).total_nok == totals[0]


def test_price_of_the_2007_locks_is_the_gap_to_the_optimum(demo: SqlAlchemyUnitOfWork) -> None:
    free = services.propose_hosts(
        "astafjord-2007",
        demo,
        PlacementRequest(top=1),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    locked = services.propose_hosts(
        "astafjord-2007",
        demo,
        PlacementRequest(locks=DECIDED_2007, top=1),
        scenario_name="Ordførergruppas forslag 2007",
        actor=SYSTEM,
    )
    assert locked.price_of_locks["alle"] == locked.best.objective_nok - free.best.objective_nok
    assert locked.price_of_locks["alle"] > 0


def test_impossible_rules_are_explained_by_name(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(PlacementImpossible, match="største antall tjenester per vertskommune"):
        services.propose_hosts(
            "astafjord-2007",
            demo,
            PlacementRequest(max_services_hosted=1, max_net_loss_fte=0.5),
            actor=SYSTEM,
        )

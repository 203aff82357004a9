"""Remembered transition reports are never stale: any change in what they read recomputes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.network import REPORTS

SLUG, SCENARIO = "astafjord-2007", "Ordførergruppas forslag 2007"


@pytest.fixture
def demo(demo: SqlAlchemyUnitOfWork) -> SqlAlchemyUnitOfWork:
    """The shared ``demo`` fixture with an empty report memo."""
    REPORTS.clear()
    return demo


def test_a_second_view_is_remembered(demo: SqlAlchemyUnitOfWork) -> None:
    first = services.transition_cost(SLUG, SCENARIO, demo, include_map=True)
    hits = REPORTS.hits
    again = services.transition_cost(SLUG, SCENARIO, demo, include_map=True)
    assert REPORTS.hits == hits + 1
    assert again == first


def test_moving_a_host_gives_the_new_figures_not_the_remembered_ones(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    before = services.transition_cost(SLUG, SCENARIO, demo)
    scenario = services.get_scenario(SLUG, SCENARIO, demo)
    moved = [
        {
            "service": a.service,
            "host": "5518" if a.service == "barnevern" else a.host,
            "participants": sorted(a.participants),
            "legal_form": a.legal_form.value,
            "joint_fte": str(a.joint_fte),
            "local_fte": str(a.local_fte),
            "cost_key": a.cost_key or "",
        }
        for a in scenario.arrangements
    ]
    services.edit_scenario(
        SLUG,
        SCENARIO,
        moved,
        Actor("styring", Role.STEERING),
        demo,
        scenario.version,
        scenario.policy,
        scenario.description,
    )
    after = services.transition_cost(SLUG, SCENARIO, demo)
    REPORTS.clear()
    fresh = services.transition_cost(SLUG, SCENARIO, demo)
    assert after == fresh
    assert after.total_nok != before.total_nok


def test_another_policy_is_another_report(demo: SqlAlchemyUnitOfWork) -> None:
    with demo:
        policies = [p.name for p in demo.policies.list(SLUG)]
    assert len(policies) >= 2
    reports = {p: services.transition_cost(SLUG, SCENARIO, demo, p) for p in policies}
    assert len({r.policy for r in reports.values()}) == len(policies)
    REPORTS.clear()
    for name, report in reports.items():
        assert services.transition_cost(SLUG, SCENARIO, demo, name) == replace(report)

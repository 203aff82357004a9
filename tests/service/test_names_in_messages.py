"""Messages name municipalities by name, not by number (issue 14, «names, not codes»)."""

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

SLUG = "astafjord-2007"
STEERING = Actor("styring", Role.STEERING)
IBESTAD = "5514"  # in the project, but not in barnevern


def test_an_option_with_a_non_participant_names_it(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(InvalidData, match="^Ibestad deltar ikke i «barnevern»") as caught:
        services.edit_scenario(
            SLUG, "Med Ibestad",
            [{"service": "barnevern", "host": "5522", "joint_fte": "0",
              "participants": ["5516", "5518", "5522", IBESTAD]}],
            STEERING, demo, None, None,
        )  # fmt: skip
    assert IBESTAD not in caught.value.message


def test_a_baseline_for_a_non_participant_names_it(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(InvalidData, match="^Ibestad deltar ikke i «Barnevern"):
        services.set_baseline(
            SLUG, "barnevern", IBESTAD, 2025, {"fte": "1"}, "budsjett", STEERING, demo
        )

"""Issue 17: «over 40 km» and «fra 40 km» differ at exactly 40 km; the grant follows the policy."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from coop.domain.errors import InvalidPolicy
from coop.domain.transition.travel_grants import SEED_2007, travel_grant_nok


@pytest.mark.parametrize(
    ("inclusive", "km", "grant"),
    [(True, 40, 25000), (False, 40, 15000), (False, Decimal("40.1"), 25000), (True, 39, 15000)],
)
def test_the_threshold_is_inclusive_or_exclusive_as_set(inclusive: bool, km: object, grant: int):
    policy = replace(SEED_2007, threshold_inclusive=inclusive)
    assert travel_grant_nok(policy, Decimal(str(km))) == grant


def test_the_transition_grant_goes_to_everyone_or_movers_only():
    with pytest.raises(InvalidPolicy, match="«alle» eller «flyttere»"):
        replace(SEED_2007, transition_grant_to="noen")

"""Issue 17: «over 40 km» and «fra 40 km» differ at exactly 40 km; the grant follows the policy."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from coop.demo.reader import read_demo
from coop.domain.errors import InvalidPolicy
from coop.domain.transition.travel_grants import SEED_2007, travel_grant_nok


@pytest.mark.parametrize(
    ("inclusive", "km", "grant"),
    [(True, 40, 25000), (False, 40, 15000), (False, Decimal("40.1"), 25000), (True, 39, 15000)],
)
def test_the_threshold_is_inclusive_or_exclusive_as_set(inclusive: bool, km: object, grant: int):
    policy = replace(SEED_2007, one_way_km=True, threshold_inclusive=inclusive)
    assert travel_grant_nok(policy, Decimal(str(km))) == grant


def test_the_transition_grant_goes_to_everyone_or_movers_only():
    with pytest.raises(InvalidPolicy, match="«alle» eller «flyttere»"):
        replace(SEED_2007, transition_grant_to="noen")


def test_the_preset_for_new_projects_reads_the_2007_slides_as_the_demo_does():
    # Slide 12 (seed 003): «under 40 km reiseveg pr dag kr 15.000, over 40 km … kr 25.000».
    (policy,) = [p for _, p in read_demo().policies if p.name == "Retningslinjer 2007"]
    same = ("bands", "one_way_km", "threshold_inclusive", "yearly", "grant_years",
            "relocation_nok", "relocation_share", "transition_grant_nok",
            "transition_grant_to")  # fmt: skip
    assert {f: getattr(SEED_2007, f) for f in same} == {f: getattr(policy, f) for f in same}
    assert not SEED_2007.one_way_km
    assert not SEED_2007.threshold_inclusive
    assert "«reiseveg pr dag» (her tolket som samlet reisevei tur–retur" in SEED_2007.description
    assert travel_grant_nok(SEED_2007, Decimal(20)) == 15000  # 40 km a day: not over 40
    assert travel_grant_nok(SEED_2007, Decimal(21)) == 25000

"""A rule the optimiser had to bend reads in its own unit: counts as counts, minutes, FTE."""

import pytest

from allocation.solver import Conflict
from coop.services.placement.wording import conflict_amounts


@pytest.mark.parametrize(
    ("conflict", "text"),
    [
        (Conflict("max_services", ("5516",), 2.0, 1.0),
         ": må være vert for 2 tjenester, høyst 1 tjeneste tillatt"),
        (Conflict("min_services", ("5516",), 2.0, 0.0),
         ": minst 2 tjenester kreves, kan være vert for 0 tjenester"),
        (Conflict("max_net_loss", ("5518",), 2.26, 0.5),
         ": trenger 2,3 årsverk, tillatt 0,5 årsverk"),
        (Conflict("max_staff_commute", ("barnevern", "5522", "5516"), 74.6, 60.0),
         ": trenger 75 minutter, tillatt 60 minutter"),
        (Conflict("population_share", ("5522",), 0.125, 0.1),
         ": avvik 12,5 prosentpoeng, tillatt 10,0 prosentpoeng"),
        (Conflict("lock", ("barnevern", "5522"), 1.0, 0.0), " kan ikke oppfylles"),
    ],
)  # fmt: skip
def test_each_rule_reads_in_its_unit(conflict: Conflict, text: str) -> None:
    assert conflict_amounts(conflict) == text


def test_a_failed_run_links_each_rule_that_must_bend_to_its_field() -> None:
    from coop.services.placement.request import PlacementImpossible
    from web.views.placement import bent_rules

    conflicts = (
        Conflict("max_services", ("5516",), 2.0, 1.0),
        Conflict("max_net_loss", ("5518",), 1.2, 0.5),
        Conflict("lock", ("barnevern", "5522"), 1.0, 0.0),  # a lock has no number field
    )
    error = PlacementImpossible(conflicts, {"5516": "Gratangen", "5518": "Lavangen"})
    assert bent_rules(error.message) == [
        ("maks_tap", "Største netto tap av årsverk"),
        ("maks_tjenester", "Flest tjenester per vertskommune"),
    ]
    assert bent_rules("Tidsgrensen ble nådd.") == []

"""Issue 15.9: a key whose fixed shares name a non-participant is refused wherever it is saved,
so a split never fails because of a saved key."""

from decimal import Decimal

import pytest

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

SLUG = "astafjord-2007"
STEERING = Actor("styring", Role.STEERING)
FINANCE = Actor("okonomi-salangen", Role.FINANCE, frozenset({"5522"}))
IBESTAD, GRATANGEN, LAVANGEN, SALANGEN = "5514", "5516", "5518", "5522"


def fixed(name: str, shares: dict[str, str]) -> services.KeyInput:
    return services.KeyInput(name, (services.ComponentInput("fixed", "100"),), fixed_pct=shares)


def version(uow: SqlAlchemyUnitOfWork, name: str) -> int:
    with uow:
        return uow.cost_keys.get(SLUG, name).version


def every_key_split_works(uow: SqlAlchemyUnitOfWork) -> None:
    for option in services.list_scenarios(SLUG, uow):
        for a in option.arrangements:
            (result,) = services.split_service(SLUG, a.service, uow, ("key",), option.name)
            assert sum(result.allocation.values()) == result.total_nok


def test_the_steering_group_cannot_put_barnevern_on_ibestad(demo: SqlAlchemyUnitOfWork) -> None:
    before = version(demo, "Folketall")  # barnevern's key; Ibestad is not in barnevern
    with pytest.raises(services.KeyFormInvalid) as refused:
        services.update_cost_key(
            SLUG, "Folketall", fixed("Folketall", {IBESTAD: "100"}), before, STEERING, demo
        )
    assert "Ibestad deltar ikke" in refused.value.errors["fixed"]
    assert "«Barnevern»" in refused.value.errors["fixed"]
    assert version(demo, "Folketall") == before
    every_key_split_works(demo)


def test_a_finance_users_key_naming_a_non_participant_is_refused_not_proposed(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    shares = {IBESTAD: "10", GRATANGEN: "30", LAVANGEN: "30", SALANGEN: "30"}
    with pytest.raises(services.KeyFormInvalid):
        services.update_cost_key(
            SLUG, "Folketall", fixed("Folketall", shares), version(demo, "Folketall"), FINANCE, demo
        )
    assert services.list_proposals(SLUG, demo) == []


def test_an_option_cannot_give_a_service_a_key_for_other_partners(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    three = {GRATANGEN: "50", LAVANGEN: "30", SALANGEN: "20"}
    services.create_cost_key(SLUG, fixed("Tre faste", three), STEERING, demo)
    ikt = {
        "service": "ikt-drift",
        "host": SALANGEN,
        "participants": [IBESTAD, GRATANGEN, LAVANGEN, SALANGEN],
        "joint_fte": "2.5",
        "cost_key": "Tre faste",
    }
    with pytest.raises(InvalidData, match="Ibestad mangler andel"):
        services.edit_scenario(SLUG, "Faste andeler", [ikt], STEERING, demo, None)
    barnevern = {
        "service": "barnevern",
        "host": SALANGEN,
        "participants": [GRATANGEN, LAVANGEN, SALANGEN],
        "joint_fte": "4.5",
        "cost_key": "Tre faste",
    }
    services.edit_scenario(SLUG, "Faste andeler", [barnevern], STEERING, demo, None)
    (split,) = services.split_service(SLUG, "barnevern", demo, ("key",), "Faste andeler")
    total = split.total_nok
    # 50 / 30 / 20 % of the whole (no overhead, no pass-through in the demo barnevern)
    assert split.allocation[GRATANGEN] == pytest.approx(total * Decimal("0.5"), abs=1)
    assert split.allocation[LAVANGEN] == pytest.approx(total * Decimal("0.3"), abs=1)
    assert split.allocation[SALANGEN] == pytest.approx(total * Decimal("0.2"), abs=1)
    every_key_split_works(demo)


def test_a_proposal_that_no_longer_fits_cannot_be_accepted(demo: SqlAlchemyUnitOfWork) -> None:
    shares = {GRATANGEN: "40", LAVANGEN: "40", SALANGEN: "20"}  # fits barnevern and skatt
    with pytest.raises(services.ProposalMade) as made:
        services.update_cost_key(
            SLUG, "Folketall", fixed("Folketall", shares), version(demo, "Folketall"), FINANCE, demo
        )
    ikt = {
        "service": "ikt-drift",
        "host": SALANGEN,
        "participants": [IBESTAD, GRATANGEN, LAVANGEN, SALANGEN],
        "joint_fte": "2.5",
        "cost_key": "Folketall",  # fine today: population fits any partners
    }
    services.edit_scenario(SLUG, "Folketall for IKT", [ikt], STEERING, demo, None)
    with pytest.raises(InvalidData, match="Ibestad mangler andel"):
        services.decide_proposal(SLUG, made.value.number, True, STEERING, demo)
    every_key_split_works(demo)

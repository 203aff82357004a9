from datetime import date
from decimal import Decimal

import pytest

from coop.domain import model
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.errors import InvalidData, InvalidPolicy
from coop.domain.model import (
    Baseline,
    CooperationProject,
    Municipality,
    Scenario,
    Service,
    ServiceArrangement,
)
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

BARNEVERN = Service("barnevern", "Barnevern", ("244", "251", "252"))
IKT = Service("ikt-drift", "IKT-drift", ("120",))


def project(**changes: object) -> CooperationProject:
    fields = dict(
        slug="astafjord",
        name="Astafjord",
        municipalities=("5514", "5516", "5518", "5522"),
        services=(BARNEVERN, IKT),
        participants={
            "barnevern": frozenset({"5516", "5518", "5522"}),
            "ikt-drift": frozenset({"5514", "5516", "5518", "5522"}),
        },
    )
    fields.update(changes)
    return CooperationProject(**fields)  # type: ignore[arg-type]


def test_municipality_number_keeps_leading_zero() -> None:
    m = Municipality("0301", "Oslo", "Oslo", 717710, date(2024, 1, 1), "Oslo", 59.9, 10.7)
    assert m.number == "0301"


@pytest.mark.parametrize("number", ["301", "03011", "abcd", ""])
def test_municipality_number_must_have_four_digits(number: str) -> None:
    with pytest.raises(InvalidData, match="gyldig kommunenummer"):
        Municipality(number, "X", "Y", 1, date(2024, 1, 1), "Z")


def test_coordinates_outside_norway_are_rejected() -> None:
    with pytest.raises(InvalidData, match="ligger ikke i Norge"):
        Municipality("5516", "Gratangen", "Troms", 1070, date(2024, 1, 1), "Årstein", 40.0, 17.5)


def test_participation_is_per_service() -> None:
    p = project()
    assert "5514" not in p.participants_of("barnevern")
    assert "5514" in p.participants_of("ikt-drift")


def test_participant_outside_the_project_is_rejected() -> None:
    with pytest.raises(InvalidData, match="5025"):
        project(participants={"barnevern": frozenset({"5516", "5025"})})


def test_unknown_service_is_named_in_the_error() -> None:
    with pytest.raises(InvalidData, match="«kart»"):
        project().participants_of("kart")


def test_scenario_host_must_take_part_in_the_service() -> None:
    with pytest.raises(InvalidData, match="Vertskommunen 5514"):
        ServiceArrangement("barnevern", "5514", frozenset({"5516", "5518"}))


def test_scenario_rejects_a_municipality_outside_the_service() -> None:
    arrangement = ServiceArrangement("barnevern", "5522", frozenset({"5514", "5522"}))
    scenario = Scenario("astafjord", "Test", (arrangement,))
    with pytest.raises(InvalidData, match="5514 deltar ikke i «barnevern»"):
        scenario.check_against(project())


def test_scenario_cannot_place_a_service_twice() -> None:
    a = ServiceArrangement("barnevern", "5522", frozenset({"5516", "5522"}))
    with pytest.raises(InvalidData, match="to plasseringer"):
        Scenario("astafjord", "Dobbel", (a, a))


def test_cost_key_weights_must_sum_to_one() -> None:
    with pytest.raises(InvalidData, match="100 %"):
        CostKey(
            "skjev",
            (
                KeyComponent(KeyKind.EQUAL, Decimal("0.3")),
                KeyComponent(KeyKind.POPULATION, Decimal("0.6")),
            ),
            population_date=date(2024, 1, 1),
        )


def test_population_key_must_state_its_reference_date() -> None:
    with pytest.raises(InvalidData, match="dato for folketallet"):
        CostKey("folketall", (KeyComponent(KeyKind.POPULATION, Decimal(1)),))


def test_usage_component_must_name_its_metric() -> None:
    with pytest.raises(InvalidData, match="hva som telles"):
        KeyComponent(KeyKind.USAGE, Decimal(1))


def test_policy_bands_must_start_at_zero_km() -> None:
    with pytest.raises(InvalidPolicy, match="starte på 0 km"):
        PersonnelPolicy("feil", (TravelBand(Decimal(40), Decimal(25000)),))


def test_policy_bands_must_increase() -> None:
    bands = (
        TravelBand(Decimal(0), Decimal(15000)),
        TravelBand(Decimal(40), Decimal(25000)),
        TravelBand(Decimal(20), Decimal(20000)),
    )
    with pytest.raises(InvalidPolicy, match="stigende"):
        PersonnelPolicy("feil", bands)


def test_baseline_with_pay_above_gross_cost_is_rejected() -> None:
    with pytest.raises(InvalidData, match="5516/barnevern/2025"):
        Baseline("5516", "barnevern", 2025, Decimal("1.2"), 2, Decimal(100), Decimal(200))


def test_baseline_marked_anslag_is_an_estimate() -> None:
    b = Baseline("5516", "barnevern", 2025, Decimal(1), 1, Decimal(10), Decimal(5), basis="anslag")
    assert b.is_estimate
    assert not Baseline(
        "5516", "barnevern", 2025, Decimal(1), 1, Decimal(10), Decimal(5), basis="regnskap 2025"
    ).is_estimate


def test_legal_form_labels_cite_the_2018_sections() -> None:
    assert "§ 20-2" in model.LegalForm.ADMINISTRATIVE.label
    assert "§ 20-3" in model.LegalForm.JOINT_BOARD.label


def test_pass_through_measures_are_part_of_gross_and_not_pooled() -> None:
    from coop.domain.errors import InvalidData
    from coop.domain.model import Baseline

    b = Baseline("5522", "barnevern", 2026, Decimal(4), 4, Decimal(3_000_000), Decimal(2_000_000),
                 pass_through_nok=Decimal(1_000_000))  # fmt: skip
    assert b.shared_cost_nok == Decimal(2_000_000)
    with pytest.raises(InvalidData, match="Direkte belastning"):
        Baseline("5522", "barnevern", 2026, Decimal(4), 4, Decimal(3_000_000), Decimal(0),
                 pass_through_nok=Decimal(3_000_001))  # fmt: skip

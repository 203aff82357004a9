"""Placement inputs are sorted and rejected, naming the keys, when they cannot be solved."""

from __future__ import annotations

import pytest

from allocation.placement.data import (
    CostTerm,
    PlacementInput,
    PlacementInputError,
    annuity_factor,
    horizon_nok,
)
from allocation.placement.explain import explain_infeasible
from allocation.placement.optimise import best_with, optimise_placement
from allocation.placement.rules import PlacementRules

A, B, C = "5516", "5518", "5522"
SERVICES = ("barnevern", "ikt-drift")


def make(**overrides: object) -> PlacementInput:
    fields: dict[str, object] = {
        "services": ("ikt-drift", "barnevern"),
        "municipalities": (B, A),
        "participants": {"barnevern": frozenset({A, B}), "ikt-drift": frozenset({A, B})},
        "terms": {(s, m): (CostTerm("flytting", m, 1.0),) for s in SERVICES for m in (A, B)},
        "fte": {("barnevern", A): 1.0},
        "population": {A: 10, B: 20},
        "travel_min": {(A, B): 30.0, (B, A): 30.0},
    }
    fields.update(overrides)
    return PlacementInput(**fields)  # type: ignore[arg-type]


def test_keys_are_sorted_so_models_are_identical_run_to_run() -> None:
    inp = make()
    assert inp.services == ("barnevern", "ikt-drift")
    assert inp.municipalities == (A, B)


def test_missing_terms_for_a_participant_are_named() -> None:
    terms = {(s, m): () for s in ("barnevern", "ikt-drift") for m in (A, B)}
    del terms["barnevern", B]
    with pytest.raises(PlacementInputError, match=rf"\(barnevern, {B}\)"):
        make(terms=terms)


def test_terms_for_a_non_participant_are_rejected() -> None:
    terms = {(s, m): () for s in ("barnevern", "ikt-drift") for m in (A, B)}
    with pytest.raises(PlacementInputError, match=rf"ikke deltar.*\(barnevern, {B}\)"):
        make(participants={"barnevern": frozenset({A}), "ikt-drift": frozenset({A, B})},
             terms=terms)  # fmt: skip


def test_participant_outside_the_project_is_named() -> None:
    with pytest.raises(PlacementInputError, match=f"{C} i barnevern"):
        make(participants={"barnevern": frozenset({A, C}), "ikt-drift": frozenset({A, B})})


def test_service_without_participants_is_rejected() -> None:
    with pytest.raises(PlacementInputError, match="ingen deltakerkommuner: ikt-drift"):
        make(participants={"barnevern": frozenset({A, B})})


def test_fte_of_a_non_participant_is_rejected() -> None:
    with pytest.raises(PlacementInputError, match=rf"Årsverk.*\(barnevern, {C}\)"):
        make(fte={("barnevern", C): 1.0})


def test_negative_fte_and_bad_travel_are_rejected() -> None:
    with pytest.raises(PlacementInputError, match="Årsverk må være"):
        make(fte={("barnevern", A): -1.0})
    with pytest.raises(PlacementInputError, match="Reisetid"):
        make(travel_min={(A, C): 10.0})


def test_a_service_in_two_split_alternatives_is_rejected() -> None:
    split = {"g": (("barnevern",), ("barnevern", "ikt-drift"))}
    with pytest.raises(PlacementInputError, match="mer enn ett alternativ"):
        make(split_options=split)


def test_an_empty_split_alternative_is_rejected() -> None:
    with pytest.raises(PlacementInputError, match="ingen tomme"):
        make(split_options={"g": (("barnevern",), ())})


def test_lock_and_forbid_of_the_same_pair_is_a_plain_contradiction() -> None:
    with pytest.raises(PlacementInputError, match=rf"både låst og utelukket: \(barnevern, {A}\)"):
        PlacementRules(locks={"barnevern": A}, forbids=frozenset({("barnevern", A)}))


def test_lock_to_a_non_participant_is_named_when_solving() -> None:
    inp = make(
        participants={"barnevern": frozenset({A}), "ikt-drift": frozenset({A, B})},
        terms={("barnevern", A): (), ("ikt-drift", A): (), ("ikt-drift", B): ()},
    )
    with pytest.raises(PlacementInputError, match=f"barnevern → {B}"):
        optimise_placement(inp, PlacementRules(locks={"barnevern": B}))
    with pytest.raises(PlacementInputError, match=f"barnevern → {B}"):
        explain_infeasible(inp, PlacementRules(locks={"barnevern": B}))
    with pytest.raises(PlacementInputError, match="deltar ikke"):
        best_with(inp, None, "barnevern", B)


def test_best_with_a_forbidden_pair_is_rejected() -> None:
    rules = PlacementRules(forbids=frozenset({("barnevern", A)}))
    with pytest.raises(PlacementInputError, match="utelukket"):
        best_with(make(), rules, "barnevern", A)


def test_travel_rules_need_travel_times_between_participants() -> None:
    with pytest.raises(PlacementInputError, match=f"Reisetid mangler.*{A} → {B}"):
        optimise_placement(make(travel_min={}), PlacementRules(max_staff_commute_min=60))


def test_population_share_rule_needs_population_of_every_municipality() -> None:
    with pytest.raises(PlacementInputError, match=f"Folketall mangler.*{B}"):
        optimise_placement(make(population={A: 10}), PlacementRules(population_share_band=0.1))


def test_negative_limits_and_min_above_max_are_rejected() -> None:
    with pytest.raises(PlacementInputError, match="max_net_loss_fte"):
        PlacementRules(max_net_loss_fte=-1.0)
    with pytest.raises(PlacementInputError, match="Minst 3"):
        PlacementRules(min_services_hosted=3, max_services_hosted=2)


def test_top_must_be_at_least_one() -> None:
    with pytest.raises(PlacementInputError, match="minst 1"):
        optimise_placement(make(), top=0)


def test_cost_term_years_apply_only_to_recurring_terms() -> None:
    with pytest.raises(PlacementInputError, match="antall år"):
        CostTerm("reisetilskudd", A, 1.0, years=2)
    with pytest.raises(PlacementInputError, match="endelig beløp"):
        CostTerm("reisetilskudd", A, float("nan"))


def test_horizon_and_discount_are_validated() -> None:
    with pytest.raises(PlacementInputError, match="Planperioden"):
        make(horizon_years=0)
    with pytest.raises(PlacementInputError, match="Diskonteringsrenten"):
        make(discount_rate=-0.1)


def test_annuity_factor_is_one_per_year_without_discounting() -> None:
    assert annuity_factor(4, 0.0) == 4.0
    assert annuity_factor(2, 0.25) == 1.8  # 1 + 1/1.25
    assert horizon_nok(CostTerm("lokaler", A, 10.0, recurring=True, years=9), 4, 0.0) == 40.0


def test_codes_that_would_share_a_model_name_are_rejected() -> None:
    terms = {(s, m): () for s in ("ikt-drift", "ikt_drift") for m in (A, B)}
    who = dict.fromkeys(("ikt-drift", "ikt_drift"), frozenset({A, B}))
    with pytest.raises(PlacementInputError, match="kan ikke skilles"):
        make(services=("ikt-drift", "ikt_drift"), participants=who, terms=terms, fte={})
    with pytest.raises(PlacementInputError, match="bokstaver, sifre"):
        make(services=("ikt drift",), participants={"ikt drift": frozenset({A})}, fte={})

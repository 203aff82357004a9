"""Agreement terms from text fields, and the JSON snapshot a saved version is rebuilt from."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.domain.agreements.adoption import content_hash
from coop.domain.agreements.codec import inputs_from_json, inputs_to_json
from coop.domain.agreements.drafting import AgreementInputs, build_draft, missing_checklist_points
from coop.domain.agreements.terms import TERM_FIELDS, AgreementTerms, parse_date, parse_terms
from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.errors import InvalidData, InvalidPolicy
from coop.domain.model import (
    CooperationProject,
    LegalForm,
    Municipality,
    Service,
    ServiceArrangement,
)
from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

SEED = {"5514": ("Ibestad", 1311), "5516": ("Gratangen", 1070), "5518": ("Lavangen", 986)}
TOWNS = {
    n: Municipality(n, name, "Troms", pop, date(2024, 1, 1), f"senter {name}")
    for n, (name, pop) in SEED.items()
}
START = AgreementTerms(decided_on=date(2007, 5, 24))
FILLED = {
    "decided_on": "24.05.2007",
    "effective_from": "2007-09-01",
    "tasks": "Oppgaver etter barnevernloven.",
    "informed_decisions": "Vedtak om omsorgsovertakelse.",
    "budget_year": "2025",
    "akonto_frequency": "kvartalsvis",
    "notice_months": "12",
    "exit_cost_terms": "Andel av driftsutgiftene i oppsigelsestiden.",
    "dissolution_terms": "Ansatte tilbys stilling i hjemkommunen.",
    "other_legal_terms": "Ingen.",
}


def inputs(terms: AgreementTerms, **changes: Any) -> AgreementInputs:
    members = frozenset(SEED)
    values: dict[str, Any] = {
        "project": CooperationProject(
            "astafjord-2007",
            "Astafjord",
            tuple(SEED),
            (Service("barnevern", "Barnevern"),),
            {"barnevern": members},
        ),
        "arrangement": ServiceArrangement("barnevern", "5516", members, LegalForm.JOINT_BOARD),
        "service_name": "Barnevern",
        "municipalities": TOWNS,
        "cost_key": CostKey(
            "30/70",
            (
                KeyComponent(KeyKind.EQUAL, Decimal("0.3")),
                KeyComponent(KeyKind.POPULATION, Decimal("0.7")),
            ),
            population_date=date(2024, 1, 1),
            host_overhead_pct=Decimal("5"),
        ),
        "shares": {"5514": Decimal("0.4"), "5516": Decimal("0.35"), "5518": Decimal("0.25")},
        "amounts": {"5514": Decimal(400), "5516": Decimal(350), "5518": Decimal(250)},
        "budget_total_nok": Decimal(1000),
        "policy": PersonnelPolicy(
            "Retningslinjer 2007",
            (TravelBand(Decimal(0), Decimal(15000)), TravelBand(Decimal(40), Decimal(25000))),
            transition_grant_nok=Decimal(25000),
        ),
        "new_act_from": {"5514": date(2019, 10, 15)},
        **terms.input_values(),
    }
    values.update(changes)
    return AgreementInputs(**values)


def test_norwegian_and_iso_dates_give_the_same_day() -> None:
    assert parse_date("24.05.2007", "Avtaledato") == date(2007, 5, 24)
    assert parse_date("2007-05-24", "Avtaledato") == date(2007, 5, 24)
    assert parse_date("1.9.2007", "Avtaledato") == date(2007, 9, 1)


def test_an_impossible_date_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidData, match=r"Overføres fra og med: «31\.02\.2007»"):
        parse_terms({"effective_from": "31.02.2007"}, START)


def test_a_month_count_in_words_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidData, match="Oppsigelsestid .*«ett år» må være et helt tall"):
        parse_terms({"notice_months": "ett år"}, START)


def test_absent_fields_keep_their_defaults_and_empty_ones_are_cleared() -> None:
    before = AgreementTerms(decided_on=date(2007, 5, 24), tasks="Barnevern", notice_months=6)
    after = parse_terms({"tasks": "  ", "akonto_frequency": " månedlig "}, before)
    assert after.tasks is None
    assert after.notice_months == 6
    assert after.akonto_frequency == "månedlig"
    assert after.decided_on == date(2007, 5, 24)


def test_an_empty_reservation_period_falls_back_to_the_legal_fourteen_days() -> None:
    assert parse_terms({"reservation_days": ""}, START).reservation_days == 14


def test_an_empty_agreement_date_is_refused() -> None:
    with pytest.raises(InvalidData, match="Avtaledato mangler"):
        parse_terms({"decided_on": ""}, START)


def test_fields_written_out_read_back_to_the_same_terms() -> None:
    terms = parse_terms(FILLED, START)
    assert parse_terms(terms.as_fields(), START) == terms
    assert terms.as_fields()["decided_on"] == "2007-05-24"


def test_every_form_field_is_a_term_and_every_term_a_form_field() -> None:
    assert [f.name for f in TERM_FIELDS] == list(START.as_fields())


def test_filled_terms_leave_only_the_board_size_missing_for_a_joint_board() -> None:
    draft = build_draft(inputs(parse_terms(FILLED, START)))
    assert [i.letter for i in missing_checklist_points(draft)] == ["nemnd"]


def test_the_terms_of_built_inputs_are_the_terms_they_were_built_with() -> None:
    terms = parse_terms({**FILLED, "board_members_per_participant": "3"}, START)
    assert AgreementTerms.of(inputs(terms)) == terms


def test_a_snapshot_rebuilds_the_same_text_after_a_trip_through_json() -> None:
    original = inputs(parse_terms({**FILLED, "review_on": "01.06.2011"}, START))
    stored = json.loads(json.dumps(inputs_to_json(original)))
    rebuilt = inputs_from_json(stored)
    assert content_hash(build_draft(rebuilt)) == content_hash(build_draft(original))
    assert rebuilt.cost_key == original.cost_key
    assert rebuilt.policy == original.policy
    assert rebuilt.new_act_from == original.new_act_from


def test_a_snapshot_without_key_policy_or_amounts_rebuilds_too() -> None:
    bare = inputs(START, cost_key=None, policy=None, shares={}, amounts={}, budget_total_nok=None)
    rebuilt = inputs_from_json(json.loads(json.dumps(inputs_to_json(bare))))
    assert content_hash(build_draft(rebuilt)) == content_hash(build_draft(bare))
    assert rebuilt.cost_key is None
    assert rebuilt.policy is None


def test_a_snapshot_in_an_unknown_format_is_refused() -> None:
    data = inputs_to_json(inputs(START))
    with pytest.raises(InvalidData, match="Ukjent lagringsformat"):
        inputs_from_json({**data, "format": 99})


def test_a_reservation_period_under_fourteen_days_is_refused_by_the_inputs() -> None:
    with pytest.raises(InvalidPolicy, match="minst 14 dager"):
        inputs(parse_terms({"reservation_days": "7"}, START))


@settings(max_examples=40, deadline=None)
@given(
    notice=st.one_of(st.none(), st.integers(0, 60)),
    days=st.integers(14, 90),
    effective=st.one_of(st.none(), st.dates(date(2007, 1, 1), date(2030, 12, 31))),
    decided=st.dates(date(2007, 1, 1), date(2030, 12, 31)),
    tasks=st.one_of(st.none(), st.text("abc æøå.,-", min_size=1, max_size=30)),
)
def test_any_valid_terms_survive_the_snapshot_unchanged(
    notice: int | None, days: int, effective: date | None, decided: date, tasks: str | None
) -> None:
    clean = tasks.strip() or None if tasks else None
    terms = AgreementTerms(
        decided_on=decided,
        effective_from=effective,
        notice_months=notice,
        reservation_days=days,
        tasks=clean,
    )
    original = inputs(terms)
    rebuilt = inputs_from_json(json.loads(json.dumps(inputs_to_json(original))))
    assert AgreementTerms.of(rebuilt) == terms
    assert content_hash(build_draft(rebuilt)) == content_hash(build_draft(original))

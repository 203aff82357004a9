"""Appendix 1 numbers: shares by key and whole-krone amounts, or a note saying what is missing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
from coop.domain.model import Baseline, Municipality
from coop.services.agreements.inputs import compute_shares

GRA, LAV, SAL = "5516", "5518", "5522"
TOWNS = {
    GRA: Municipality(GRA, "Gratangen", "Troms", 1070, date(2024, 1, 1), "Årstein"),
    LAV: Municipality(LAV, "Lavangen", "Troms", 986, date(2024, 1, 1), "Tennevoll"),
    SAL: Municipality(SAL, "Salangen", "Troms", 2069, date(2024, 1, 1), "Sjøvegan"),
}
MEMBERS = [GRA, LAV, SAL]
POPULATION = KeyComponent(KeyKind.POPULATION, Decimal(1))


def key(*parts: KeyComponent, overhead: str = "0", when: date | None = date(2024, 1, 1)) -> CostKey:
    return CostKey("Nøkkel", parts or (POPULATION,), when, Decimal(overhead))


def baseline(number: str, gross: int, basis: str = "regnskap 2025", **usage: int) -> Baseline:
    counts = {k: Decimal(v) for k, v in usage.items()}
    return Baseline(
        number, "barnevern", 2025, Decimal(1), 1, Decimal(gross), Decimal(0), counts, basis
    )


def test_without_a_key_nothing_is_computed_and_the_note_says_so() -> None:
    result = compute_shares(None, SAL, MEMBERS, TOWNS, [], 2025)
    assert (result.shares, result.amounts, result.total_nok) == ({}, {}, None)
    assert result.notes == ("Alternativet har ingen fordelingsnøkkel for tjenesten.",)


def test_equal_and_population_parts_give_hand_derived_shares_and_whole_kroner() -> None:
    mixed = key(
        KeyComponent(KeyKind.EQUAL, Decimal("0.3")),
        KeyComponent(KeyKind.POPULATION, Decimal("0.7")),
    )
    rows = [baseline(GRA, 1_000_000), baseline(LAV, 1_000_000), baseline(SAL, 1_000_000)]
    result = compute_shares(mixed, SAL, MEMBERS, TOWNS, rows, 2025)
    # Gratangen: 0.3/3 + 0.7 · 1070/4125 = 0.1 + 0.181575757… = 0.281575757576
    assert result.shares[GRA] == Decimal("0.281575757576")
    # · 3 000 000 kr: 844 727,27; Lavangen 801 963,64; Salangen 1 353 309,09 (sum 3 000 000)
    assert result.amounts == {GRA: Decimal(844727), LAV: Decimal(801964), SAL: Decimal(1353309)}
    assert result.total_nok == Decimal(3_000_000)
    assert result.notes == ()


def test_host_overhead_is_added_to_the_amounts() -> None:
    rows = [baseline(GRA, 1_000_000), baseline(LAV, 1_000_000), baseline(SAL, 2_125_000)]
    result = compute_shares(key(overhead="5"), SAL, MEMBERS, TOWNS, rows, 2025)
    assert result.total_nok == Decimal(4_125_000 * 105 // 100)
    assert sum(result.amounts.values()) == result.total_nok
    assert result.amounts[GRA] == Decimal(1_070_000 + 53_500)  # 4 125 000 · 1070/4125, + 5 %


def test_a_usage_key_counts_the_baselines_usage() -> None:
    slips = key(KeyComponent(KeyKind.USAGE, Decimal(1), "lonnsslipper"), when=None)
    rows = [
        baseline(GRA, 100, lonnsslipper=1),
        baseline(LAV, 100, lonnsslipper=1),
        baseline(SAL, 100, lonnsslipper=2),
    ]
    result = compute_shares(slips, SAL, MEMBERS, TOWNS, rows, 2025)
    assert result.shares == {GRA: Decimal("0.25"), LAV: Decimal("0.25"), SAL: Decimal("0.5")}
    assert result.amounts == {GRA: Decimal(75), LAV: Decimal(75), SAL: Decimal(150)}


def test_missing_usage_data_leaves_the_shares_open_with_the_reason() -> None:
    slips = key(KeyComponent(KeyKind.USAGE, Decimal(1), "lonnsslipper"), when=None)
    rows = [baseline(n, 100) for n in MEMBERS]
    result = compute_shares(slips, SAL, MEMBERS, TOWNS, rows, 2025)
    assert result.shares == {}
    assert result.notes[-1].startswith("Andelene kan ikke beregnes: Bruksdata «lonnsslipper»")


def test_a_participant_without_a_baseline_gets_a_share_but_no_amount() -> None:
    rows = [baseline(GRA, 1_000_000), baseline(SAL, 1_000_000)]
    result = compute_shares(key(), SAL, MEMBERS, TOWNS, rows, 2025)
    assert set(result.shares) == set(MEMBERS)
    assert result.amounts == {}
    assert (
        result.notes[-1] == "Grunnlagstall for 2025 mangler for Lavangen: beløp er ikke beregnet."
    )


def test_an_old_population_date_and_estimated_costs_are_noted() -> None:
    old = key(when=date(2022, 1, 1))
    rows = [baseline(n, 1_000_000, basis="anslag: illustrativ") for n in MEMBERS]
    notes = compute_shares(old, SAL, MEMBERS, TOWNS, rows, 2025).notes
    assert notes[0].startswith("Nøkkelen bruker folketall per 01.01.2022, men registeret har")
    assert any("1.1.2025 eller 1.1.2024" in n for n in notes)
    assert notes[-1] == "Beløpene for 2025 bygger på anslag («anslag: illustrativ»)."


def test_usage_missing_for_one_participant_names_it_not_its_number() -> None:
    slips = key(KeyComponent(KeyKind.USAGE, Decimal(1), "lonnsslipper"), when=None)
    rows = [baseline(GRA, 100, lonnsslipper=1), baseline(LAV, 100), baseline(SAL, 100)]
    result = compute_shares(slips, SAL, MEMBERS, TOWNS, rows, 2025)
    assert result.notes[-1] == (
        "Andelene kan ikke beregnes: Bruksdata «lonnsslipper» mangler for Lavangen, Salangen "
        "(«Nøkkel»)."
    )

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.budget_import.numbers import NumberProblem, parse_number, parse_numbers


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1 635 543", "1635543"),
        ("1\u00a0635\u00a0543", "1635543"),
        ("1\u202f635\u202f543", "1635543"),
        ("810 000,00", "810000"),
        ("1.234.567,00", "1234567"),
        ("1.234,50", "1234.5"),
        ("-0,06", "-0.06"),
        (" -1 362 250 ", "-1362250"),
        ("55 000 000 ", "55000000"),
        (" -   ", "0"),
        ("-", "0"),
        ("\u22121 200", "-1200"),
        ("(1 200)", "-1200"),
        ("- 7", "-7"),
        ("+5", "5"),
        ("100,-", "100"),
        ("1.5", "1.5"),
        ("007", "7"),
        ("0", "0"),
    ],
)
def test_norwegian_number_formats_are_read_exactly(cell: str, expected: str) -> None:
    assert parse_number(cell) == Decimal(expected)


@pytest.mark.parametrize("cell", [".", "..", "...", ":", "", "   "])
def test_ssb_missing_symbols_and_empty_cells_are_no_value(cell: str) -> None:
    assert parse_number(cell) is None


def test_an_asterisk_marks_a_preliminary_figure_and_keeps_the_value() -> None:
    parsed = parse_numbers(pd.Series(["123*", "5"], dtype=str))
    assert parsed.units.tolist() == [12300, 500]
    assert parsed.preliminary.tolist() == [True, False]


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("12,3,4", NumberProblem.NOT_A_NUMBER),
        ("1 23", NumberProblem.NOT_A_NUMBER),
        ("abc", NumberProblem.NOT_A_NUMBER),
        ("()", NumberProblem.NOT_A_NUMBER),
        ("²", NumberProblem.NOT_A_NUMBER),
        ("0,005", NumberProblem.TOO_PRECISE),
        ("1.234", NumberProblem.TOO_PRECISE),
        ("99999999999999999999", NumberProblem.TOO_LARGE),
    ],
)
def test_cells_that_are_not_exact_amounts_are_flagged(cell: str, problem: NumberProblem) -> None:
    parsed = parse_numbers(pd.Series([cell], dtype=str))
    assert parsed.problem.tolist() == [problem]
    assert not parsed.present[0]


def test_a_single_dot_is_a_thousands_separator_once_the_column_shows_dot_groups() -> None:
    parsed = parse_numbers(pd.Series(["1.234", "2.345.678,00"], dtype=str))
    assert parsed.units.tolist() == [123400, 234567800]


def test_ssb_thousands_are_scaled_to_kroner_without_rounding() -> None:
    assert parse_number("1,2345", scale_exp=3) == Decimal("1234.50")
    assert parse_number("0,001", scale_exp=3) == Decimal("1.00")
    with pytest.raises(ValueError, match="TOO_PRECISE"):
        parse_number("0,000001", scale_exp=3)


def test_fte_cells_keep_four_decimals() -> None:
    assert parse_number("0,3333", decimals=4) == Decimal("0.3333")


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(groups)


@st.composite
def formatted_amounts(draw: st.DrawFn) -> tuple[Decimal, str]:
    ore = draw(st.integers(min_value=-(10**15), max_value=10**15))
    value = Decimal(ore).scaleb(-2)
    whole, frac = divmod(abs(ore), 100)
    style = draw(st.sampled_from(["space", "nbsp", "dots", "plain", "dot-decimal"]))
    decimals = draw(st.booleans()) or frac != 0
    if style == "dot-decimal":
        body = str(whole) + (f".{frac:02d}" if decimals else "")
    else:
        separator = {"space": " ", "nbsp": "\u00a0", "dots": ".", "plain": ""}[style]
        body = _grouped(str(whole), separator)
        if decimals or (style == "dots" and whole >= 1000 and body.count(".") < 2):
            body += f",{frac:02d}"
    negative = draw(st.sampled_from(["-", "\u2212", "()"])) if ore < 0 else ""
    text = f"({body})" if negative == "()" else negative + body
    padding = draw(st.sampled_from(["", " ", "  "]))
    return value, f"{padding}{text}{padding}"


@settings(max_examples=60, deadline=None)
@given(formatted_amounts())
def test_formatted_amounts_round_trip(case: tuple[Decimal, str]) -> None:
    value, text = case
    assert parse_number(text) == value


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=30))
def test_any_cells_give_one_verdict_each_and_never_raise(cells: list[str]) -> None:
    parsed = parse_numbers(pd.Series(cells, dtype=object))
    assert len(parsed.units) == len(cells)
    assert not (parsed.present & parsed.missing).any()
    assert not (parsed.present & (parsed.problem != 0)).any()

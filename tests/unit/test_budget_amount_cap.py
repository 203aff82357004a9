"""Issue 15.8: amounts are capped per cell and every sum is exact, never wrapped.

The cap is the domain's ``KRONER_LIMIT`` (below 100 000 000 000 kr). Expected sums are worked
out by hand below.
"""

from decimal import Decimal

import numpy as np

from coop.budget_import.numbers import exact
from coop.budget_import.parse import parse_budget
from coop.budget_import.report import IssueKind
from coop.domain.limits import KRONER_LIMIT

HEADER = "art;funksjon;beløp\n"
CAP_TEXT = "100\u00a0000\u00a0000\u00a0000\u00a0kr"


def test_twenty_huge_amounts_are_refused_line_by_line_with_the_cap_in_kroner() -> None:
    text = HEADER + "010;244;9 999 999 999 999 999,99\n" * 20
    result = parse_budget(text.encode(), "b.csv", municipality="5516", year=2026)
    errors = result.report.errors
    assert [e.line for e in errors] == list(range(2, 22))
    assert {e.kind for e in errors} == {IssueKind.NOT_AN_AMOUNT}
    assert all(CAP_TEXT in e.message and "over grensen" in e.message for e in errors)
    assert Decimal("100000000000") == KRONER_LIMIT


def test_a_negative_amount_past_the_cap_and_one_of_too_many_digits_are_refused_too() -> None:
    text = HEADER + "010;244;-100 000 000 000\n010;244;123456789012345678901\n010;244;5\n"
    result = parse_budget(text.encode(), "b.csv", municipality="5516", year=2026)
    assert [(e.line, CAP_TEXT in e.message) for e in result.report.errors] == [(2, True), (3, True)]


def test_amounts_just_under_the_cap_add_up_exactly() -> None:
    text = HEADER + "010;244;99 999 999 999,99\n" * 20 + "870;800;-99 999 999 999,99\n" * 20
    result = parse_budget(text.encode(), "b.csv", municipality="5516", year=2026)
    assert not result.report.errors
    assert result.report.sums == {"beløp": Decimal(0)}
    # 20 × 99 999 999 999,99 kr = 1 999 999 999 999,80 kr, all of it pay on barnevern (244)
    assert result.by_service("beløp")["barnevern"].gross_nok == Decimal("1999999999999.80")


def test_sums_that_would_pass_int64_are_made_in_python_integers() -> None:
    largest = int(KRONER_LIMIT) * 100 - 1  # øre
    rows = 2**63 // largest + 1  # enough rows of the largest amount to pass 2^63 - 1
    values = np.full(rows, largest, dtype=np.int64)
    assert int(values.sum()) != rows * largest  # what int64 did: it wraps
    assert int(exact(values).sum()) == rows * largest


def test_an_fte_count_above_the_domain_limit_is_refused() -> None:
    text = "art;funksjon;årsverk;beløp\n010;244;10 000;5\n010;244;2,5;5\n"
    result = parse_budget(text.encode(), "b.csv", municipality="5516", year=2026)
    assert [(e.line, "årsverk" in e.message) for e in result.report.errors] == [(2, True)]

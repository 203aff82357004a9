from datetime import date
from decimal import Decimal

from coop.domain.formatting import count_of, format_kr, format_nok, format_whole
from web import filters

NBSP = "\u00a0"


def test_nok_uses_no_break_space_thousands_and_kr() -> None:
    assert filters.nok(1234567) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert filters.nok(Decimal("999.6")) == f"1{NBSP}000{NBSP}kr"


def test_negative_figures_use_the_minus_sign_everywhere() -> None:
    minus = "\u2212"  # «−», nb_NO's minus sign; never the hyphen-minus «-»
    assert filters.nok(-1500) == f"{minus}1{NBSP}500{NBSP}kr"
    assert filters.fte(Decimal("-1.5")) == f"{minus}1,5{NBSP}årsverk"
    assert filters.number(-1234) == f"{minus}1{NBSP}234"
    assert filters.pct(-0.125) == f"{minus}12,5{NBSP}%"
    assert format_kr(Decimal(-1500)) == f"{minus}1{NBSP}500{NBSP}kr"
    assert format_nok(Decimal(-1500)) == f"{minus}1{NBSP}500{NBSP}kr"


def test_whole_numbers_round_half_up_with_spaces_and_the_minus_sign() -> None:
    minus = "\u2212"
    assert format_whole(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_whole(12345.5) == f"12{NBSP}346"
    assert format_whole(2.5) == "3"  # round(2.5) is 2: half to even would show 2
    assert format_whole(Decimal("-2.5")) == f"{minus}3"
    assert format_whole(-0.4) == "0"  # no «−0»
    assert format_nok(Decimal("-1234.5")) == f"{minus}1{NBSP}235{NBSP}kr"
    assert format_kr(Decimal("0.125")) == f"0,13{NBSP}kr"  # f"{x:.2f}" alone gives 0,12
    assert format_kr(Decimal("-0.004")) == f"0{NBSP}kr"  # no «−0 kr»
    assert format_kr(Decimal("-1234567.5")) == f"{minus}1{NBSP}234{NBSP}567,50{NBSP}kr"


def test_pages_round_half_up_like_the_agreement_text() -> None:
    """500 000,50 kr is «500 001 kr» on the page and in the draft; Babel alone rounds half even."""
    half = Decimal("500000.5")  # 1 000 001 kr split equally between two members
    assert filters.nok(half) == f"500{NBSP}001{NBSP}kr" == format_nok(half)
    assert filters.nok(2.5) == f"3{NBSP}kr"
    assert filters.number(Decimal("0.5")) == "1"
    assert filters.number(Decimal("1.25"), 1) == "1,3"
    assert filters.pct(Decimal("0.1225")) == f"12,3{NBSP}%"
    assert filters.fte(Decimal("4.125")) == f"4,13{NBSP}årsverk"
    assert filters.km(Decimal("2.25")) == f"2,3{NBSP}km"
    assert filters.minutes(Decimal("44.5")) == f"45{NBSP}min"


def test_a_negative_that_rounds_to_nothing_is_shown_without_a_sign() -> None:
    assert filters.number(-0.4) == "0"
    assert filters.number(Decimal("-0.04"), 1) == "0,0"
    assert filters.pct(-0.0004) == f"0,0{NBSP}%"
    assert filters.nok(Decimal("-0.4")) == f"0{NBSP}kr"
    assert filters.number(Decimal("-0.06"), 1) == "\u22120,1"


def test_counts_take_the_singular_for_one() -> None:
    assert count_of(1, "kommune", "kommuner") == "1 kommune"
    assert count_of(0, "kommune", "kommuner") == "0 kommuner"
    assert count_of(4, "obligatorisk punkt", "obligatoriske punkter") == "4 obligatoriske punkter"
    assert count_of(12345, "tjeneste", "tjenester") == f"12{NBSP}345 tjenester"
    assert filters.FILTERS["count_of"] is count_of


def test_fte_uses_decimal_comma() -> None:
    assert filters.fte(Decimal("4.5")) == f"4,5{NBSP}årsverk"
    assert filters.fte(Decimal("6.55")) == f"6,55{NBSP}årsverk"


def test_date_is_day_month_year_with_dots() -> None:
    assert filters.nb_date(date(2026, 12, 31)) == "31.12.2026"


def test_pct_formats_a_fraction() -> None:
    assert filters.pct(0.305) == f"30,5{NBSP}%"


def test_basis_marks_estimates_visibly() -> None:
    assert "anslag" in filters.basis("anslag: illustrativ fordeling")
    assert "estimate" not in filters.basis("regnskap 2025")


def test_a_date_field_shows_iso_as_norwegian_and_keeps_what_was_typed() -> None:
    from web.filters import date_field

    assert date_field("2007-05-24") == "24.05.2007"
    assert date_field("24.5.2007") == "24.5.2007"  # typed text comes back as typed
    assert date_field("2007-5-24x") == "2007-5-24x"
    assert date_field(None) == ""

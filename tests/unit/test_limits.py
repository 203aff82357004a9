"""The one bounded reader (issue 15.1, 15.4): every number bounded where it enters."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop.domain.errors import InvalidData
from coop.domain.limits import (
    KRONER_LIMIT,
    optional,
    read_count,
    read_date,
    read_decimal,
    read_fte,
    read_kroner,
    read_percent,
    read_text,
    read_version,
    read_year,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234 567", Decimal(1234567)),
        ("1\u00a0234,50 kr", Decimal("1234.50")),
        ("−25 000", Decimal(-25000)),
        (4500, Decimal(4500)),
        (4.5, Decimal("4.5")),
        ("99 999 999 999,99", Decimal("99999999999.99")),
    ],
)
def test_kroner_typed_the_norwegian_way_are_read(raw: object, expected: Decimal) -> None:
    assert read_kroner(raw, "Beløp") == expected


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("1e999999", "utenfor det tillatte"),  # the 153-second preview of issue 15.1
        ("1e100", "utenfor det tillatte"),
        ("100 000 000 000", "utenfor det tillatte"),  # 10^11 kr
        ("NaN", "er ikke et tall"),
        ("Infinity", "er ikke et tall"),
        (float("inf"), "er ikke et tall"),
        (float("nan"), "er ikke et tall"),
        ("²", "er ikke et tall"),
        ("١٢٣", "er ikke et tall"),  # Arabic-Indic digits: Decimal() would take them
        ("9" * 4301, "mer enn 30 tegn"),
        ("1e-50", "for mange desimaler"),
        (True, "må være et tall"),
        ([1], "må være et tall"),
        ("", "er ikke et tall"),
    ],
)
def test_a_broken_amount_names_the_field_and_says_why(raw: object, says: str) -> None:
    with pytest.raises(InvalidData, match="^Beløp") as caught:
        read_kroner(raw, "Beløp")
    assert says in caught.value.message


@pytest.mark.parametrize("raw", ["²", "2²", "١٩٩٠", "2026.5", "20 26x", "9" * 5000, "-1"])
def test_years_counts_and_versions_take_only_ascii_whole_numbers(raw: str) -> None:
    for read in (read_year, read_count, read_version):
        with pytest.raises(InvalidData, match="^Felt"):
            read(raw, "Felt")


def test_ranges_are_the_ones_the_columns_hold() -> None:
    assert read_year("1900", "År") == 1900
    assert read_year("2100", "År") == 2100
    for bad in ("1899", "2101", "99999"):
        with pytest.raises(InvalidData, match="utenfor det tillatte"):
            read_year(bad, "År")
    assert read_fte("9 999", "Årsverk") == Decimal(9999)
    with pytest.raises(InvalidData, match="fra 0 til 9999 årsverk"):
        read_fte("10 000", "Årsverk")  # the column is Numeric(6, 2)
    with pytest.raises(InvalidData):
        read_fte("-1", "Årsverk")
    assert read_version(2**31 - 1) == 2**31 - 1
    with pytest.raises(InvalidData):
        read_version(2**31)
    assert read_percent("12,5 %", "Gevinst") == Decimal("12.5")
    with pytest.raises(InvalidData):
        read_percent("101", "Gevinst")


def test_dates_in_both_spellings_within_the_years_allowed() -> None:
    assert read_date("24.05.2007", "Dato") == date(2007, 5, 24)
    assert read_date("2007-05-24", "Dato") == date(2007, 5, 24)
    for bad in ("31.02.2026", "24.05.0007", "9999-12-31", "²4.05.2007", "i morgen", 20070524):
        with pytest.raises(InvalidData, match="^Dato: .* er ikke en gyldig dato"):
            read_date(bad, "Dato")


def test_texts_are_bounded_and_refuse_nul() -> None:
    assert read_text("Midt-Troms", "Navn", 100) == "Midt-Troms"
    with pytest.raises(InvalidData, match="høyst 100 tegn"):
        read_text("x" * 101, "Navn", 100)
    with pytest.raises(InvalidData, match="kontrolltegn"):
        read_text("a\x00b", "Navn", 100)


def test_optional_is_none_only_for_blank() -> None:
    assert optional(read_kroner, "  ", "Beløp") is None
    assert optional(read_kroner, None, "Beløp") is None
    assert optional(read_count, "7", "Antall", 0, 10) == 7
    with pytest.raises(InvalidData):
        optional(read_count, "11", "Antall", 0, 10)


@given(st.one_of(st.text(max_size=60), st.floats(), st.integers(), st.decimals()))
def test_any_input_is_a_bounded_decimal_or_a_bokmal_refusal(raw: object) -> None:
    message, value = "", None
    try:
        value = read_decimal(raw, "Felt", -KRONER_LIMIT, KRONER_LIMIT)
    except InvalidData as error:
        message = error.message
    if value is None:
        assert message.startswith("Felt")
    else:
        assert value.is_finite()
        assert abs(value) <= KRONER_LIMIT


def test_an_option_name_longer_than_its_column_is_refused_in_the_domain() -> None:
    """PostgreSQL refused 101 characters with a 500 while SQLite stored them (issue 15.6)."""
    from coop.domain.model import Scenario

    assert Scenario("p", "x" * 100, ()).name == "x" * 100
    with pytest.raises(InvalidData, match="høyst 100 tegn"):
        Scenario("p", "x" * 101, ())
    with pytest.raises(InvalidData, match="retningslinjene kan ha høyst 100 tegn"):
        Scenario("p", "x", (), "p" * 101)

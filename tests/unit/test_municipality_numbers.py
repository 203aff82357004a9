"""Old municipality numbers: accepted where their date says so, mapped to today's municipality."""

from __future__ import annotations

from datetime import date

import pytest

from coop.domain.errors import InvalidData, UnknownMunicipality
from coop.domain.municipality_numbers import NumberHistory, NumberPeriod
from coop.reference.numbers import number_history
from coop.reference.register import read_register


def small_history() -> NumberHistory:
    # A made-up chain written for the test: 1111 renumbered to 2222 in 2020, 2222 to 3333 in
    # 2024; 4444 and 5555 merged into 6666 in 2020; 7777 split into 8888 and 9999 in 2020.
    d = date
    return NumberHistory(
        [
            NumberPeriod("1111", "Alfa", d(2005, 1, 1), d(2019, 12, 31), ("2222",)),
            NumberPeriod("2222", "Alfa", d(2020, 1, 1), d(2023, 12, 31), ("3333",)),
            NumberPeriod("3333", "Alfa", d(2024, 1, 1), None),
            NumberPeriod("4444", "Beta", d(2005, 1, 1), d(2019, 12, 31), ("6666",)),
            NumberPeriod("5555", "Gamma", d(2005, 1, 1), d(2019, 12, 31), ("6666",)),
            NumberPeriod("6666", "Betagamma", d(2020, 1, 1), None),
            NumberPeriod("7777", "Delta", d(2005, 1, 1), d(2019, 12, 31), ("8888", "9999")),
            NumberPeriod("8888", "Delta nord", d(2020, 1, 1), None),
            NumberPeriod("9999", "Delta sør", d(2020, 1, 1), None),
        ]
    )


def test_an_old_number_valid_on_the_date_maps_to_todays_number_with_a_note() -> None:
    r = small_history().resolve("1111", date(2007, 5, 24))
    assert r.current == ("3333",)
    assert r.single == "3333"
    assert "1111 Alfa" in r.note
    assert "3333 Alfa" in r.note


def test_a_number_used_outside_its_period_is_refused_with_the_periods() -> None:
    with pytest.raises(InvalidData, match=r"1111 \(Alfa\) var ikke i bruk 01\.01\.2021"):
        small_history().resolve("1111", date(2021, 1, 1))
    with pytest.raises(InvalidData, match="01.01.2024 og fremdeles"):
        small_history().resolve("3333", date(2010, 6, 1))


def test_a_split_municipality_lists_every_successor_and_asks() -> None:
    r = small_history().resolve("7777", date(2015, 1, 1))
    assert r.current == ("8888", "9999")
    assert r.single is None
    assert "Velg hvilken kommune" in r.note


def test_a_number_never_issued_is_unknown() -> None:
    with pytest.raises(UnknownMunicipality):
        small_history().resolve("1234", date(2015, 1, 1))


def test_the_number_on_a_date_walks_back_renumberings_but_not_mergers() -> None:
    h = small_history()
    assert h.number_on("3333", date(2007, 1, 1)) == "1111"
    assert h.number_on("3333", date(2021, 1, 1)) == "2222"
    assert h.number_on("3333", date(2025, 1, 1)) == "3333"
    assert h.number_on("6666", date(2010, 1, 1)) is None  # two municipalities became one


def test_the_shipped_history_knows_the_seed_numbers_by_date() -> None:
    # Numbers from domain.md 5.1 (Gratangen 1919 → 5414 → 5516 …) and the issue (Bergen 1201,
    # Førde 1432 → Sunnfjord 4647).
    h = number_history()
    for old, new in (("1919", "5516"), ("1920", "5518"), ("1923", "5522"), ("1917", "5514"),
                     ("5414", "5516"), ("1640", "5025"), ("0441", "3430"), ("1201", "4601"),
                     ("1432", "4647")):  # fmt: skip
        assert h.today(old) == (new,), old
    agreement_day = date(2007, 5, 24)
    assert [h.number_on(n, agreement_day) for n in ("5514", "5516", "5518", "5522")] == [
        "1917", "1919", "1920", "1923"
    ]  # fmt: skip
    assert h.number_on("4647", agreement_day) is None


def test_the_numbers_valid_today_are_the_register() -> None:
    h = number_history()
    register = {m.number for m in read_register()}
    assert {n for n in register if h.valid_on(n, date(2026, 12, 2))} == register


def test_every_shipped_period_leads_to_municipalities_of_today() -> None:
    h = number_history()
    register = {m.number for m in read_register()}
    for number in {p.number for m in register for p in h.periods(m)} | {"1201", "1919", "0441"}:
        for period in h.periods(number):
            assert set(h.today(number, period.valid_from)) <= register, number

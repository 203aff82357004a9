"""Issue 16.6: the KOSTRA code lists are data, one per year, each with its source.

Expected codes are read by hand from SSB's control program (github.com/statisticsnorway/
kostra-kontrollprogram): ControlFunksjoner.java/ControlArter.java at d32a3989 (2017) and
KommuneKostraMain.kt at 17178682 (2026).
"""

import pytest

from coop.domain.kostra import kostra_codes
from coop.domain.kostra_lists import yearly_lists


def test_every_year_from_2002_to_2026_has_both_lists_and_a_source() -> None:
    lists = yearly_lists()
    assert [y.year for y in lists] == list(range(2002, 2027))
    for y in lists:
        assert len(y.functions) > 70, y.year
        assert len(y.arts) > 100, y.year
        expected = (
            "SSB github.com/statisticsnorway/kostra-kontrollprogram"
            if y.year >= 2017
            else ("uverifisert")
        )
        assert y.source.startswith(expected), (y.year, y.source)


@pytest.mark.parametrize(
    ("year", "code", "kind", "valid"),
    [
        (2017, "958", "art", True),  # bruk av bundne investeringsfond
        (2019, "958", "art", True),
        (2020, "958", "art", False),  # gone with the 2020 accounts reform
        (2017, "270", "art", True),
        (2026, "270", "art", False),  # split into 271 and 272
        (2026, "271", "art", True),
        (2026, "272", "art", True),
        (2017, "841", "funksjon", True),
        (2026, "841", "funksjon", True),
        (2017, "254", "funksjon", True),
        (2026, "254", "funksjon", False),
        (2026, "257", "funksjon", True),
        (2017, "304", "funksjon", False),  # only in SSB's commented-out trial list
        (2024, "558", "art", False),  # in no list of any year
    ],
)
def test_hand_picked_codes_follow_ssbs_list_of_their_year(
    year: int, code: str, kind: str, valid: bool
) -> None:
    codes = kostra_codes(year)
    assert (code in (codes.arts if kind == "art" else codes.functions)) is valid


def test_internal_trade_arts_are_accepted_in_every_year() -> None:
    assert all({"290", "690", "790"} <= kostra_codes(y).arts for y in range(2002, 2027))

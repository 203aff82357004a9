"""Issue 16.6: the KOSTRA code lists are data, one per year, each with its source.

Expected codes are read by hand from SSB's control program (github.com/statisticsnorway/
kostra-kontrollprogram): ControlFunksjoner.java/ControlArter.java at d32a3989 (2017) and
KommuneKostraMain.kt at 17178682 (2026); for 2015 and 2016 from the KOSTRA hierarchies in
github.com/statisticsnorway/kostraregnskap data/kostraRegnskapDataPen.RData at 3a115bab
(tables funksjonshierarki and artshierarki, column «from», by periode).
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
        if y.year >= 2017:
            expected = "SSB github.com/statisticsnorway/kostra-kontrollprogram"
        elif y.year >= 2015:
            expected = "SSB github.com/statisticsnorway/kostraregnskap"
        else:
            expected = "uverifisert"
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
        # 2015–2016: SSB's KOSTRA hierarchies
        (2015, "255", "funksjon", True),  # medfinansiering: in the 2015 hierarchy …
        (2016, "255", "funksjon", False),  # … not in the 2016 one
        (2015, "841", "funksjon", True),
        (2016, "841", "funksjon", True),
        (2016, "301", "funksjon", True),
        (2016, "300", "funksjon", False),
        (2016, "304", "funksjon", False),  # group FGK3b: the trial list, a special case
        (2016, "305", "funksjon", False),
        (2016, "214", "funksjon", False),  # in coop's old list, not in SSB's hierarchy
        (2016, "410", "funksjon", False),  # a fylkeskommune function (group FGF1a)
        (2016, "958", "art", True),
        (2016, "184", "art", True),
        (2016, "501", "art", True),
        (2016, "298", "art", False),  # Oslo's bydeler only (INTERN_KJOP_BYDELER_BARNEVERN)
        (2016, "558", "art", False),
        (2016, "589", "art", False),  # in coop's old list, not in SSB's hierarchy
    ],
)
def test_hand_picked_codes_follow_ssbs_list_of_their_year(
    year: int, code: str, kind: str, valid: bool
) -> None:
    codes = kostra_codes(year)
    assert (code in (codes.arts if kind == "art" else codes.functions)) is valid


def test_internal_trade_arts_are_accepted_in_every_year() -> None:
    assert all({"290", "690", "790"} <= kostra_codes(y).arts for y in range(2002, 2027))


# funksjonshierarki 2016, codes 100–399 and 800–899 less the trial codes 304 and 305
SSB_2016_FUNCTIONS = (
    "100 110 120 121 130 170 171 172 173 180 190 201 202 211 213 215 221 222 223 231 232 233 234"
    " 241 242 243 244 251 252 253 254 256 261 265 273 275 276 281 283 285 290 301 302 303 315"
    " 320 321 325 329 330 332 335 338 339 340 345 350 353 354 355 360 365 370 373 375 377 380"
    " 381 383 385 386 390 392 393 800 840 841 850 860 870 880 899"
)


def test_2016_functions_are_ssbs_hierarchy_and_agree_with_the_2017_control_program() -> None:
    lists = {y.year: y for y in yearly_lists()}
    assert lists[2016].functions == frozenset(SSB_2016_FUNCTIONS.split())
    # two SSB sources, read apart, give the same lists for consecutive years
    assert lists[2016].functions == lists[2017].functions
    assert lists[2016].arts == lists[2017].arts
    assert lists[2015].functions == lists[2016].functions | {"255"}


def test_a_code_ssb_dropped_is_known_the_year_before_and_unknown_after() -> None:
    # 255 is in the 2015 hierarchy and not in 2016's; 958 left with the 2020 reform
    assert [("255" in kostra_codes(y).functions) for y in (2015, 2016, 2017)] == [
        True,
        False,
        False,
    ]
    assert [("958" in kostra_codes(y).arts) for y in (2015, 2019, 2020)] == [True, True, False]

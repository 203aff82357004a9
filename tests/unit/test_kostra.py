import pytest

from coop.domain.errors import InvalidData
from coop.domain.kostra import (
    DEFAULT_FUNCTION_MAPS,
    SERVICE_NAMES,
    ArtKind,
    FunctionMap,
    FunctionRule,
    art_kind,
    default_function_map,
    kostra_codes,
    pick_function_map,
)


@pytest.mark.parametrize(
    ("art", "kind"),
    [
        ("010", ArtKind.PAY),
        ("090", ArtKind.PAY),
        ("099", ArtKind.PAY),
        ("100", ArtKind.EXPENSE),
        ("350", ArtKind.EXPENSE),
        ("590", ArtKind.EXPENSE),
        ("290", ArtKind.INTERNAL),
        ("790", ArtKind.INTERNAL),
        ("690", ArtKind.INTERNAL),
        ("500", ArtKind.FINANCE),
        ("540", ArtKind.FINANCE),
        ("990", ArtKind.FINANCE),
        ("600", ArtKind.INCOME),
        ("750", ArtKind.INCOME),
        ("870", ArtKind.INCOME),
    ],
)
def test_arts_are_classified_as_kostra_counts_them(art: str, kind: ArtKind) -> None:
    assert art_kind(art) is kind


@pytest.mark.parametrize("art", ["10", "0100", "abc", ""])
def test_only_three_digit_arts_are_classified(art: str) -> None:
    assert art_kind(art) is None


def test_kart_og_oppmaling_got_its_own_function_in_2006() -> None:
    assert "300" in kostra_codes(2005).functions
    assert "303" not in kostra_codes(2005).functions
    assert "303" in kostra_codes(2013).functions
    assert default_function_map(2005).service_for("303") is None
    assert default_function_map(2013).service_for("303") == "kart-oppmaling"


def test_the_default_map_follows_domain_section_4() -> None:
    fmap = default_function_map(2024)
    assert {f: fmap.service_for(f) for f in ("244", "251", "252", "303", "329", "370")} == {
        "244": "barnevern",
        "251": "barnevern",
        "252": "barnevern",
        "303": "kart-oppmaling",
        "329": "landbruk",
        "370": "bibliotek",
    }
    assert fmap.service_for("120", "1200") is None  # shared: needs an ansvar rule


def test_tax_collection_is_no_candidate_for_function_120_after_it_moved_to_the_state() -> None:
    assert "skatt-innfordring" in default_function_map(2019).shared["120"]
    assert "skatt-innfordring" not in default_function_map(2021).shared["120"]


def test_every_default_service_code_is_named() -> None:
    services = {r.service for m in DEFAULT_FUNCTION_MAPS for r in m.rules}
    services |= {s for m in DEFAULT_FUNCTION_MAPS for c in m.shared.values() for s in c}
    assert services <= set(SERVICE_NAMES)


def test_an_ansvar_rule_claims_a_shared_function_for_one_service() -> None:
    fmap = default_function_map(2024).with_rule(
        FunctionRule("120", "ikt-drift", frozenset({"1400", "1410"}))
    )
    assert fmap.service_for("120", "1410") == "ikt-drift"
    assert fmap.service_for("120", "1000") is None


def test_an_ansvar_rule_beats_the_catch_all_rule_of_its_function() -> None:
    fmap = FunctionMap(
        2024,
        (FunctionRule("241", "legevakt", frozenset({"4100"})), FunctionRule("241", "fastlege")),
    )
    assert fmap.service_for("241", "4100") == "legevakt"
    assert fmap.service_for("241", "4200") == "fastlege"


def test_two_services_cannot_claim_the_same_function_and_ansvar() -> None:
    with pytest.raises(InvalidData, match="både «barnevern» og «ppt»"):
        FunctionMap(2024, (FunctionRule("244", "barnevern"), FunctionRule("244", "ppt")))


def test_a_shared_function_needs_an_ansvar_filter() -> None:
    with pytest.raises(InvalidData, match="må avgrenses med ansvar"):
        default_function_map(2024).with_rule(FunctionRule("120", "ikt-drift"))


@pytest.mark.parametrize("function", ["24", "2440", "abc"])
def test_rules_need_three_digit_functions(function: str) -> None:
    with pytest.raises(InvalidData, match="tre siffer"):
        FunctionRule(function, "barnevern")


def test_a_map_survives_storage_as_rows() -> None:
    fmap = default_function_map(2024).with_rule(
        FunctionRule("120", "regnskap-lonn", frozenset({"1200", "1210"}))
    )
    again = FunctionMap.from_rows(fmap.valid_from, fmap.to_rows(), fmap.shared)
    assert again.rules == fmap.rules
    assert again.service_for("120", "1210") == "regnskap-lonn"


def test_removing_a_function_frees_it() -> None:
    fmap = default_function_map(2024).without_function("120")
    assert "120" not in fmap.functions()
    assert fmap.with_rule(FunctionRule("120", "ikt-drift")).service_for("120") == "ikt-drift"


def test_a_municipality_picks_the_newest_of_its_versions_in_force() -> None:
    old, new = FunctionMap(2010, ()), FunctionMap(2020, ())
    assert pick_function_map([new, old], 2019) is old
    assert pick_function_map([new, old], 2020) is new
    assert pick_function_map([new, old], None) is new
    with pytest.raises(InvalidData, match="Ingen KOSTRA-versjon gjelder for år 2009"):
        pick_function_map([new, old], 2009)

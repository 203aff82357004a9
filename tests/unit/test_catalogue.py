"""The service catalogue as data: entries, periods, legal bases by date, round trip."""

from __future__ import annotations

from datetime import date

import pytest

from coop.domain.catalogue import default_trips, entry_from_json, entry_to_json, parse_catalogue
from coop.domain.errors import InvalidData
from coop.reference.catalogue import read_catalogue


def test_the_shipped_catalogue_has_the_common_host_services() -> None:
    codes = {e.code for e in read_catalogue()}
    expected = {"barnevern", "ppt", "nav-sosial", "legevakt", "landbruk", "kart-oppmaling",
                "byggesak", "regnskap", "lonn", "skatteoppkreving", "kommunal-innfordring",
                "ikt-drift", "arkiv", "innkjop", "brann-redning"}  # fmt: skip
    assert expected <= codes


def test_tax_collection_is_gone_from_november_2020() -> None:
    entry = {e.code: e for e in read_catalogue()}["skatteoppkreving"]
    assert entry.available_on(date(2020, 10, 31))
    assert not entry.available_on(date(2020, 11, 1))
    assert entry.replaced_by == "kommunal-innfordring"


def test_barnevern_charges_measures_home_and_cites_the_act_in_force() -> None:
    entry = {e.code: e for e in read_catalogue()}["barnevern"]
    assert entry.pass_through_functions == ("251", "252")
    assert entry.public_authority
    old = " ".join(b.reference for b in entry.legal_bases_on(date(2007, 5, 24)))
    new = " ".join(b.reference for b in entry.legal_bases_on(date(2026, 1, 1)))
    assert "barnevernloven 1992" in old
    assert "barnevernloven 1992" not in new
    assert "§ 28" in old
    assert "§ 20-1" in new


def test_an_entry_survives_a_round_trip_through_json() -> None:
    for entry in read_catalogue():
        assert entry_from_json(entry_to_json(entry)) == entry


def test_bad_entries_are_refused_with_the_entry_named() -> None:
    with pytest.raises(InvalidData, match="«x»: .*«12» er ikke en KOSTRA-funksjon"):
        entry_from_json({"kode": "x", "navn": "X", "kostra_funksjoner": "12"})
    with pytest.raises(InvalidData, match="må også stå blant"):
        entry_from_json({"kode": "x", "navn": "X", "kostra_funksjoner": "244",
                         "direkte_belastning_funksjoner": "251"})  # fmt: skip
    with pytest.raises(InvalidData, match="to ganger"):
        parse_catalogue([{"kode": "x", "navn": "X"}, {"kode": "x", "navn": "Y"}])


def test_default_trips_come_from_the_entries() -> None:
    entries = parse_catalogue([{"kode": "a", "navn": "A", "reiser_per_partner_per_aar": 12},
                               {"kode": "b", "navn": "B"}])  # fmt: skip
    assert default_trips(entries) == {"a": 12, "b": 0}


def test_a_usage_metric_is_named_by_the_catalogue_or_made_readable() -> None:
    from coop.reference.catalogue import metric_label

    assert metric_label("lonnsslipper") == "antall lønnsslipper"  # the catalogue's name
    assert metric_label("egne_saker") == "egne saker"  # not in the catalogue: the code, readable

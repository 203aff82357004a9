from decimal import Decimal
from pathlib import Path

import pytest

from coop.demo.reader import read_demo
from coop.domain.errors import InvalidData
from coop.reference.register import read_register


def test_register_holds_all_357_municipalities_with_the_national_total() -> None:
    register = read_register()
    assert len(register) == 357
    assert sum(m.population for m in register) == 5_550_203
    assert {m.number for m in register} >= {"0301", "5516", "5518", "5522", "5514"}


def test_seed_case_fte_matches_the_2007_slides() -> None:
    demo = read_demo()
    fte: dict[str, Decimal] = {}
    for b in demo.baselines:
        if b.municipality in {"5514", "5516", "5518", "5522"}:
            fte[b.service] = fte.get(b.service, Decimal(0)) + b.fte
    assert fte["barnevern"] == Decimal("4.5")
    assert fte["kart-oppmaling"] == Decimal("3.0")
    assert fte["regnskap-lonn"] + fte["skatt-innfordring"] == Decimal("9.7")
    assert Decimal(2) <= fte["ikt-drift"] <= Decimal(3)


def test_every_demo_baseline_is_labelled_as_an_estimate() -> None:
    assert all(b.is_estimate for b in read_demo().baselines)


def test_ibestad_takes_part_only_in_some_services() -> None:
    project = next(p for p in read_demo().projects if p.slug == "astafjord-2007")
    taking_part = {code for code, members in project.participants.items() if "5514" in members}
    assert taking_part
    assert taking_part != {s.code for s in project.services}


def test_a_broken_fixture_line_is_named_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "municipalities.csv").write_text(
        "kommunenummer;navn;fylke;administrasjonssenter;folketall;folketall_dato;lat;lon;"
        "koordinatgrunnlag;aga_sone;aga_prosent;aga_grunnlag\n"
        "5516;Gratangen;Troms;Årstein;mange;2024-01-01;;;x;;;\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidData, match="municipalities.csv, linje 2"):
        read_register(tmp_path / "municipalities.csv")

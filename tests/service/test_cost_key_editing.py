"""Cost-key use cases on the demo data (SQLite and PostgreSQL): rules, roles, locking, preview."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.costs.key_model import KeyKind
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services import ComponentInput, KeyFormInvalid, KeyInput, StaleCostKey

SLUG = "astafjord-2007"
FINANCE = Actor("okonomi-salangen", Role.FINANCE, frozenset({"5522"}))
STEERING = Actor("styring", Role.STEERING)
READER = Actor("ordforer", Role.READER)
OUTSIDER = Actor("okonomi-oslo", Role.FINANCE, frozenset({"0301"}))


def typed(name: str = "Likt og saker", *rows: tuple[str, str, str], **fields: str) -> KeyInput:
    parts = rows or (("equal", "40", ""), ("usage", "60", "saker"))
    return KeyInput(
        name=name,
        components=tuple(ComponentInput(*r) for r in parts) + (ComponentInput(),),
        population_date=fields.get("population_date", ""),
        host_overhead_pct=fields.get("host_overhead_pct", ""),
        fixed_pct={k.removeprefix("f"): v for k, v in fields.items() if k.startswith("f5")},
        description=fields.get("description", ""),
    )


def names(uow: SqlAlchemyUnitOfWork) -> list[str]:
    return [k.name for k in services.list_cost_keys(SLUG, READER, uow).keys]


def test_finance_creates_a_key_and_edits_it(demo: SqlAlchemyUnitOfWork) -> None:
    created = services.create_cost_key(SLUG, typed(), FINANCE, demo)
    assert [(c.kind, c.weight, c.metric) for c in created.components] == [
        (KeyKind.EQUAL, Decimal("0.4"), None),
        (KeyKind.USAGE, Decimal("0.6"), "saker"),
    ]
    page = services.get_cost_key(SLUG, "Likt og saker", FINANCE, demo)
    assert page.key == created
    assert page.key.version == 1
    assert page.editable
    edited = typed("ignored", ("equal", "25", ""), ("usage", "75", "saker"), host_overhead_pct="5")
    saved = services.update_cost_key(SLUG, "Likt og saker", edited, 1, STEERING, demo)
    stored = services.get_cost_key(SLUG, "Likt og saker", READER, demo).key
    assert stored == saved
    assert stored.version == 2
    assert stored.host_overhead_pct == Decimal(5)
    assert [c.weight for c in stored.components] == [Decimal("0.25"), Decimal("0.75")]
    assert "ignored" not in names(demo)  # the name is fixed once created


def test_a_stale_version_is_refused_and_the_stored_key_kept(demo: SqlAlchemyUnitOfWork) -> None:
    key = "30 % likt, 70 % folketall"
    first = typed(key, ("equal", "50", ""), ("population", "50", ""), population_date="2024-01-01")
    services.update_cost_key(SLUG, key, first, 1, STEERING, demo)
    second = typed(key, ("equal", "10", ""), ("population", "90", ""), population_date="2024-01-01")
    with pytest.raises(StaleCostKey) as raised:
        services.update_cost_key(SLUG, key, second, 1, FINANCE, demo)
    assert "endret av noen andre siden du åpnet den" in raised.value.message
    assert raised.value.current.version == 2
    stored = services.get_cost_key(SLUG, key, READER, demo).key
    assert stored is not None
    assert stored.version == 2
    assert [c.weight for c in stored.components] == [Decimal("0.5"), Decimal("0.5")]


def test_weights_that_do_not_sum_to_100_are_refused_by_field(demo: SqlAlchemyUnitOfWork) -> None:
    wrong = typed("Feil", ("equal", "30", ""), ("usage", "60", "saker"))
    with pytest.raises(KeyFormInvalid) as raised:
        services.create_cost_key(SLUG, wrong, FINANCE, demo)
    assert list(raised.value.errors) == ["components"]
    assert "må summere til 100 %" in raised.value.errors["components"]
    assert "må summere til 100 % (nå 90 %)" in raised.value.errors["components"]
    assert "Feil" not in names(demo)


def test_each_broken_rule_is_reported_by_its_field(demo: SqlAlchemyUnitOfWork) -> None:
    cases = {
        "weight-2": typed("A", ("equal", "40", ""), ("usage", "sekstí", "saker")),
        "metric-2": typed("B", ("equal", "40", ""), ("usage", "60", "")),
        "kind-2": typed("C", ("equal", "40", ""), ("", "60", "")),
        "population_date": typed("D", ("population", "100", "")),
        "host_overhead_pct": typed("E", ("equal", "100", ""), host_overhead_pct="60"),
        "fixed": typed("F", ("fixed", "100", ""), f5516="30", f5518="30", f5522="30"),
        "name": typed("Folketall"),
    }
    messages = {}
    for field, entered in cases.items():
        with pytest.raises(KeyFormInvalid) as raised:
            services.create_cost_key(SLUG, entered, FINANCE, demo)
        assert list(raised.value.errors) == [field], (field, raised.value.errors)
        messages[field] = raised.value.errors[field]
    assert messages["weight-2"] == "Vekten til del 2: «sekstí» er ikke et tall."
    assert messages["host_overhead_pct"] == "Administrasjonstillegget må være mellom 0 og 50 %."
    assert "må oppgi dato for folketallet" in messages["population_date"]
    assert "Faste andeler må summere til 100 % (nå 90 %)" in messages["fixed"]
    assert names(demo) == ["30 % likt, 70 % folketall", "Folketall", "Lønnsslipper"]


def test_fixed_shares_and_a_target_group_round_trip(demo: SqlAlchemyUnitOfWork) -> None:
    fixed = typed("Faste", ("fixed", "100", ""), f5516="25", f5518="25", f5522="50")
    key = services.create_cost_key(SLUG, fixed, FINANCE, demo)
    assert key.components[0].fixed_shares == {
        "5516": Decimal("0.25"),
        "5518": Decimal("0.25"),
        "5522": Decimal("0.5"),
    }
    group = typed("Barn", ("target_group", "100", "0–22 år"), population_date="01.01.2024")
    stored = services.create_cost_key(SLUG, group, FINANCE, demo)
    assert stored.components[0].kind is KeyKind.POPULATION
    assert stored.components[0].metric == "0–22 år"
    assert services.get_cost_key(SLUG, "Barn", READER, demo).key == stored


def test_readers_and_other_municipalities_cannot_write(demo: SqlAlchemyUnitOfWork) -> None:
    for actor in (READER, OUTSIDER):
        with pytest.raises(Forbidden):
            services.create_cost_key(SLUG, typed(), actor, demo)
        with pytest.raises(Forbidden):
            services.update_cost_key(SLUG, "Folketall", typed("Folketall"), 1, actor, demo)
        with pytest.raises(Forbidden):
            services.get_cost_key(SLUG, None, actor, demo)
        assert not services.get_cost_key(SLUG, "Folketall", actor, demo).editable
    assert "Likt og saker" not in names(demo)
    stored = services.get_cost_key(SLUG, "Folketall", READER, demo).key
    assert stored is not None
    assert stored.version == 1


def test_the_preview_charges_each_partner_in_whole_kroner(demo: SqlAlchemyUnitOfWork) -> None:
    equal = typed("Likt", ("equal", "100", ""), host_overhead_pct="5")
    preview = services.preview_cost_key(SLUG, equal, READER, demo, "barnevern", "1 000 000")
    assert preview.error is None
    assert preview.host == "5522"  # Salangen hosts barnevern in the demo options
    assert [line.key_nok for line in preview.lines] == [
        Decimal(333334),
        Decimal(333333),
        Decimal(333333),
    ]
    assert sum(line.overhead_nok for line in preview.lines) == Decimal(50000)
    assert preview.partner_overhead_nok == Decimal(33334)  # Gratangen 16 667 + Lavangen 16 667
    assert preview.total_nok == Decimal(1_050_000)
    assert "Likt" not in names(demo)  # a preview never saves


def test_the_stored_key_preview_uses_the_baselines_as_an_estimate(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    preview = services.preview_cost_key(SLUG, "Lønnsslipper", READER, demo)
    assert preview.service == "regnskap-lonn"
    assert preview.amount_is_estimate
    assert sum(line.key_nok for line in preview.lines) == preview.amount_nok > 0
    broken = services.preview_cost_key(SLUG, "Lønnsslipper", READER, demo, "barnevern")
    assert broken.error is not None
    assert "lonnsslipper" in broken.error

"""Issue 15.7: bad options cannot be stored, references are checked, and options, keys and
policies can be deleted unless something depends on them; an old bad row never breaks a page.

Bad rows are written with SQL, as an older version of coop (or a hand edit) left them.
"""

from decimal import Decimal

import pytest
from sqlalchemy import text

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData, NotFound
from coop.persistence import unreadable
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

SLUG = "astafjord-2007"
STEERING = Actor("styring", Role.STEERING)
GRATANGEN, LAVANGEN, SALANGEN = "5516", "5518", "5522"
BARNEVERN = {
    "service": "barnevern",
    "host": SALANGEN,
    "participants": [GRATANGEN, LAVANGEN, SALANGEN],
    "joint_fte": "4.5",
    "cost_key": "Folketall",
}


def sql(uow: SqlAlchemyUnitOfWork, statement: str) -> None:
    with uow:
        uow.session.execute(text(statement))
        uow.commit()


def removals(uow: SqlAlchemyUnitOfWork) -> list[tuple[str, str]]:
    return [
        (c.change.kind, c.change.key)
        for c in services.project_changes(SLUG, uow)
        if c.change.new == "fjernet"
    ]


def test_a_key_in_use_is_refused_naming_options_and_services(demo: SqlAlchemyUnitOfWork) -> None:
    # Both demo options give barnevern and skatt/innfordring the population key (demo CSV).
    with pytest.raises(InvalidData) as refused:
        services.delete_cost_key(SLUG, "Folketall", STEERING, demo)
    assert refused.value.message == (
        "Nøkkelen «Folketall» brukes i «Alt i Salangen» (barnevern; skatt og innfordring) og "
        "«Ordførergruppas forslag 2007» (barnevern; skatt og innfordring). Gi tjenestene en "
        "annen nøkkel først; "
        "ingenting er slettet."
    )
    assert "Folketall" in {k.name for k in services.list_cost_keys(SLUG, STEERING, demo).keys}


def test_a_policy_in_use_is_refused_and_an_unused_one_is_deleted_and_logged(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    with pytest.raises(
        InvalidData, match="brukes av alternativene «Alt i Salangen» og «Ordførergruppas"
    ):
        services.delete_policy(SLUG, "Retningslinjer 2007", STEERING, demo)
    services.delete_policy(SLUG, "KFO-kravet", STEERING, demo)  # no option names it
    with demo:
        assert demo.policies.names(SLUG) == ("Retningslinjer 2007",)
    assert ("retningslinjer", "KFO-kravet") in removals(demo)
    with pytest.raises(NotFound):
        services.delete_policy(SLUG, "KFO-kravet", STEERING, demo)


def test_an_option_then_its_key_are_deleted_and_logged(demo: SqlAlchemyUnitOfWork) -> None:
    for name in ("Alt i Salangen", "Ordførergruppas forslag 2007"):
        services.delete_scenario(SLUG, name, STEERING, demo)
    services.delete_cost_key(SLUG, "Folketall", STEERING, demo)
    assert services.list_scenarios(SLUG, demo) == []
    assert sorted(removals(demo)) == [
        ("alternativ", "Alt i Salangen"),
        ("alternativ", "Ordførergruppas forslag 2007"),
        ("nokkel", "Folketall"),
    ]


def test_readers_cannot_delete(demo: SqlAlchemyUnitOfWork) -> None:
    from coop.domain.access import Forbidden

    with pytest.raises(Forbidden):
        services.delete_policy(SLUG, "KFO-kravet", Actor("ordforer", Role.READER), demo)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cost_key": "Finnes ikke"}, "gir «barnevern» fordelingsnøkkelen «Finnes ikke», som ikke"),
        ({"joint_fte": "Infinity"}, "Felles årsverk for «barnevern»"),
        ({"joint_fte": "NaN"}, "Felles årsverk for «barnevern»"),
        ({"local_fte": "10000"}, "Lokale årsverk for «barnevern»"),
    ],
)
def test_an_option_with_a_bad_value_or_reference_is_never_stored(
    demo: SqlAlchemyUnitOfWork, change: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidData, match=message):
        services.edit_scenario(SLUG, "Ny", [BARNEVERN | change], STEERING, demo, None)
    with pytest.raises(InvalidData, match="retningslinjene «Ukjent», som ikke finnes"):
        services.edit_scenario(SLUG, "Ny", [BARNEVERN], STEERING, demo, None, "Ukjent")
    assert [s.name for s in services.list_scenarios(SLUG, demo)] == [
        "Alt i Salangen",
        "Ordførergruppas forslag 2007",
    ]


def test_a_project_file_with_an_infinite_fte_imports_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    data = services.export_project(SLUG, STEERING, demo)
    data["prosjekt"]["kode"] = "kopi"
    data["alternativer"][0]["plasseringer"][0]["felles_aarsverk"] = "Infinity"
    with pytest.raises(InvalidData, match="ikke et endelig tall"):
        services.import_project(data, STEERING, demo)
    data["alternativer"][0]["plasseringer"][0]["felles_aarsverk"] = "4.5"
    data["alternativer"][0]["retningslinjer"] = "Borte"
    with pytest.raises(InvalidData, match="«Borte», som ikke finnes"):
        services.import_project(data, STEERING, demo)
    with demo:
        assert not demo.projects.exists("kopi")


def test_an_old_bad_row_is_left_out_and_named_and_can_be_deleted(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    # A negative FTE fits Numeric(6, 2) on both databases; no current rule admits it.
    sql(demo, "UPDATE arrangements SET joint_fte = -5 WHERE service = 'barnevern' AND "
              "scenario_id = (SELECT id FROM scenarios WHERE name = 'Alt i Salangen')")  # fmt: skip
    sql(demo, """UPDATE personnel_policies SET bands = '[["0", "Infinity"]]'
                 WHERE name = 'KFO-kravet'""")  # fmt: skip
    unreadable.start()
    assert [s.name for s in services.list_scenarios(SLUG, demo)] == ["Ordførergruppas forslag 2007"]
    table = services.policy_table(SLUG, STEERING, demo)
    assert [p.name for p in table.policies] == ["Retningslinjer 2007"]
    assert table.scenarios == ("Ordførergruppas forslag 2007",)
    found = {(u.kind, u.name) for u in unreadable.notes()}
    assert found == {("alternativ", "Alt i Salangen"), ("retningslinjer", "KFO-kravet")}
    comparison = services.compare_scenarios(
        SLUG, ["Alt i Salangen", "Ordførergruppas forslag 2007"], demo
    )
    assert [o.name for o in comparison.options] == ["Ordførergruppas forslag 2007"]
    with pytest.raises(InvalidData, match="Alternativet «Alt i Salangen» er lagret med en verdi"):
        services.get_scenario(SLUG, "Alt i Salangen", demo)
    services.delete_scenario(SLUG, "Alt i Salangen", STEERING, demo)
    services.delete_policy(SLUG, "KFO-kravet", STEERING, demo)
    unreadable.start()
    services.policy_table(SLUG, STEERING, demo)
    assert unreadable.notes() == ()


def test_domain_bounds_on_policies_and_keys() -> None:
    from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
    from coop.domain.transition.policy_model import PersonnelPolicy, TravelBand

    with pytest.raises(InvalidData, match="Reisetilskuddet i et trinn"):
        PersonnelPolicy("P", (TravelBand(Decimal(0), Decimal("Infinity")),))
    with pytest.raises(InvalidData, match="Antall år med reisetilskudd"):
        PersonnelPolicy("P", (TravelBand(Decimal(0), Decimal(0)),), grant_years=2**40)
    with pytest.raises(InvalidData, match="Administrasjonstillegget"):
        CostKey("K", (KeyComponent(KeyKind.EQUAL, Decimal(1)),), None, Decimal("NaN"))
    with pytest.raises(InvalidData, match="Navnet på fordelingsnøkkelen kan ha høyst 100 tegn"):
        CostKey("K" * 101, (KeyComponent(KeyKind.EQUAL, Decimal(1)),))

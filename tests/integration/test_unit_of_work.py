from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from coop import services
from coop.domain.access import SYSTEM
from coop.domain.errors import ConcurrentEdit, NotFound, UnknownMunicipality
from coop.domain.model import Municipality, Scenario, ServiceArrangement
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

GRATANGEN = Municipality(
    "5516",
    "Gratangen",
    "Troms",
    1070,
    date(2024, 1, 1),
    "Årstein",
    68.694,
    17.531,
    employer_tax_zone="4",
    employer_tax_pct=Decimal("5.1"),
)


def test_commit_persists(uow: SqlAlchemyUnitOfWork) -> None:
    with uow:
        uow.municipalities.upsert(GRATANGEN)
        uow.commit()
    with uow:
        assert uow.municipalities.get("5516") == GRATANGEN


def test_leaving_without_commit_rolls_back(uow: SqlAlchemyUnitOfWork) -> None:
    with uow:
        uow.municipalities.upsert(GRATANGEN)
    with uow:
        assert uow.municipalities.count() == 0


def test_an_exception_inside_the_block_rolls_back(uow: SqlAlchemyUnitOfWork) -> None:
    def fail_midway() -> None:
        with uow:
            uow.municipalities.upsert(GRATANGEN)
            raise RuntimeError("avbrutt")

    with pytest.raises(RuntimeError):
        fail_midway()
    with uow, pytest.raises(UnknownMunicipality, match="5516"):
        uow.municipalities.get("5516")


def test_loading_demo_twice_does_not_duplicate_anything(uow: SqlAlchemyUnitOfWork) -> None:
    first = services.load_demo(uow)
    second = services.load_demo(uow)
    assert first.projects_added == (
        "astafjord-2007", "nord-osterdal-gauldal", "framoverlent-sammen", "baerekraft-2023",
    )  # fmt: skip
    assert second.projects_added == ()
    with uow:
        counts = {
            table: uow.session.scalar(text(f"SELECT count(*) FROM {table}"))  # noqa: S608
            for table in (
                "projects", "scenarios", "arrangements", "baselines", "cost_keys",
                "process_records",
            )
        }  # fmt: skip
    assert counts == {
        "projects": 4,
        "process_records": 3,
        "scenarios": 3,
        "arrangements": 12,
        "baselines": 22,
        "cost_keys": 4,
    }


def test_demo_project_round_trips_through_the_database(demo: SqlAlchemyUnitOfWork) -> None:
    uow = demo
    overview = services.project_overview("astafjord-2007", uow)
    # members by name, as people look for them: Gratangen, Ibestad, Lavangen, Salangen
    assert [m.number for m in overview.municipalities] == ["5516", "5514", "5518", "5522"]
    fte = {s.code: s.fte for s in overview.services}
    assert fte["barnevern"] == Decimal("4.5")
    assert fte["regnskap-lonn"] + fte["skatt-innfordring"] == Decimal("9.7")
    assert overview.has_estimates
    scenario = services.get_scenario("astafjord-2007", "Ordførergruppas forslag 2007", uow)
    assert {a.service: a.host for a in scenario.arrangements} == {
        "barnevern": "5522",
        "ikt-drift": "5522",
        "regnskap-lonn": "5518",
        "skatt-innfordring": "5516",
        "kart-oppmaling": "5516",
    }


def test_a_stale_scenario_save_is_refused_and_changes_nothing(demo: SqlAlchemyUnitOfWork) -> None:
    uow = demo
    original = services.get_scenario("astafjord-2007", "Ordførergruppas forslag 2007", uow)
    moved = Scenario(
        original.project,
        original.name,
        tuple(
            ServiceArrangement(a.service, "5518", a.participants, a.legal_form, a.joint_fte)
            if a.service == "barnevern"
            else a
            for a in original.arrangements
        ),
        original.policy,
        original.description,
    )
    services.save_scenario(moved, uow, expected_version=original.version)
    saved = services.get_scenario("astafjord-2007", "Ordførergruppas forslag 2007", uow)
    assert saved.arrangement("barnevern").host == "5518"
    assert saved.version == original.version + 1
    with pytest.raises(ConcurrentEdit, match="endret av noen andre"):
        services.save_scenario(original, uow, expected_version=original.version)
    assert services.get_scenario("astafjord-2007", "Ordførergruppas forslag 2007", uow) == saved


def test_unknown_project_is_not_found(uow: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(NotFound, match="finnes-ikke"):
        services.project_overview("finnes-ikke", uow)


def test_create_project_rejects_an_unknown_municipality_and_writes_nothing(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    uow = demo
    with pytest.raises(UnknownMunicipality, match="9999"):
        services.create_project("Nytt", ["5516", "9999"], ["barnevern"], SYSTEM, uow)
    assert [p.slug for p in services.list_projects(uow)] == [
        "nord-osterdal-gauldal", "astafjord-2007", "baerekraft-2023", "framoverlent-sammen",
    ]  # fmt: skip


@pytest.mark.commits
def test_two_saves_racing_for_the_same_name_give_a_message_and_keep_the_first(
    uow: SqlAlchemyUnitOfWork,
) -> None:
    from coop.domain.costs.key_model import CostKey, KeyComponent, KeyKind
    from coop.domain.errors import SavedMeanwhile

    services.load_demo(uow)
    slug = "astafjord-2007"
    first = CostKey("Likt for alle", (KeyComponent(KeyKind.EQUAL, Decimal(1)),), description="a")
    second = CostKey("Likt for alle", (KeyComponent(KeyKind.EQUAL, Decimal(1)),), description="b")
    other = SqlAlchemyUnitOfWork(uow.session_factory)
    with uow:
        assert "Likt for alle" not in {k.name for k in uow.cost_keys.list(slug)}
        uow.cost_keys.add(slug, second)  # checked, added, not yet committed ...
        with other:
            other.cost_keys.add(slug, first)  # ... while someone else saves the same name
            other.commit()
        with pytest.raises(SavedMeanwhile, match="samtidig"):
            uow.commit()
    with uow:
        assert uow.cost_keys.get(slug, "Likt for alle").description == "a"

"""A region that is not the demo, from an empty database: create, fill, plan, split, change.

Nord-Østerdal (Tynset, Alvdal, Folldal, Rendalen, Innlandet) with barnevern and PPT, on
SQLite and PostgreSQL. Figures are written here by hand; expectations are derived below.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from coop import services
from coop.domain.access import Actor, Forbidden, Role
from coop.domain.errors import ConcurrentEdit, InvalidData
from coop.domain.travel.member_routes import RouteSource
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

STEERING = Actor("styring-no", Role.STEERING)
READER = Actor("leser", Role.READER)
TYNSET, ALVDAL, FOLLDAL, RENDALEN = "3427", "3428", "3429", "3424"
TODAY = date(2026, 12, 2)


@pytest.fixture
def region(registered: SqlAlchemyUnitOfWork) -> tuple[SqlAlchemyUnitOfWork, str]:
    uow = registered
    project = services.create_project(
        "Nord-Østerdal barnevern og PPT",
        ["Tynset", ALVDAL, "folldal", "3424 Rendalen"],
        ["barnevern", "ppt"],
        STEERING,
        uow,
        today=TODAY,
    )
    return uow, project.slug


def test_a_new_project_has_what_the_engines_need_each_labelled_a_default(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    assert slug == "nord-osterdal-barnevern-og-ppt"
    overview = services.project_overview(slug, uow)
    assert {m.number for m in overview.municipalities} == {TYNSET, ALVDAL, FOLLDAL, RENDALEN}
    assert [s.code for s in overview.services] == ["barnevern", "ppt"]
    view = services.get_assumptions(slug, STEERING, uow)
    a = view.assumptions
    assert (a.baseline_year, a.budget_year, a.horizon_years) == (2026, 2027, 4)
    # trips from the catalogue, not from the demo: barnevern 100, PPT 40
    assert (a.trips("barnevern"), a.trips("ppt")) == (100, 40)
    assert a.is_default("efficiency_gain_pct")
    assert [p.name for p in services.policy_table(slug, STEERING, uow).policies] == [
        "Retningslinjer 2007"
    ]
    keys = services.list_cost_keys(slug, STEERING, uow)
    assert [k.name for k in keys.keys] == ["Folketall"]
    changes = services.project_changes(slug, uow)
    assert changes[0].change.actor == "styring-no"
    assert "opprettet" in changes[0].sentence


def test_only_the_steering_group_creates_projects_and_a_bad_member_writes_nothing(
    registered: SqlAlchemyUnitOfWork,
) -> None:
    uow = registered
    with pytest.raises(Forbidden):
        services.create_project("X", [TYNSET, ALVDAL], ["barnevern"], READER, uow)
    with pytest.raises(InvalidData, match="1923 er et tidligere kommunenummer; i dag heter"):
        services.create_project("X", [TYNSET, "1923"], ["barnevern"], STEERING, uow)
    with pytest.raises(InvalidData, match="passer flere kommuner"):
        services.create_project("X", [TYNSET, "Våler"], ["barnevern"], STEERING, uow)
    with pytest.raises(InvalidData, match="kan ikke lenger settes opp"):
        services.create_project(
            "X", [TYNSET, ALVDAL], ["skatteoppkreving"], STEERING, uow, today=TODAY
        )
    assert services.list_projects(uow) == []


def test_travel_is_estimated_at_once_and_an_entered_pair_replaces_the_estimate(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    page = services.travel_page(slug, STEERING, uow)
    assert len(page.pairs) == 6  # 4 members: 4·3/2 pairs
    assert page.estimated == 6
    services.set_travel(slug, TYNSET, ALVDAL, {"km": "30", "minutes": "25"}, STEERING, uow)
    page = services.travel_page(slug, STEERING, uow)
    pair = next(p for p in page.pairs if {p.a, p.b} == {TYNSET, ALVDAL})
    assert pair.pair.source is RouteSource.ENTERED
    assert (pair.pair.route.km, pair.pair.route.minutes) == (Decimal(30), Decimal(25))
    assert page.estimated == 5
    with pytest.raises(Forbidden):
        services.set_travel(slug, TYNSET, FOLLDAL, {"km": "1", "minutes": "1"}, READER, uow)


def test_a_route_planner_matrix_is_read_and_a_bad_cell_names_line_and_column(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    matrix = "minutter;Tynset;Alvdal;Folldal\nTynset;;22;45\nAlvdal;22;;30\nFolldal;45;30;\n"
    links = services.import_travel(slug, matrix.encode(), "ruter.csv", STEERING, uow)
    assert len(links) == 6  # each ordered pair given once
    page = services.travel_page(slug, STEERING, uow)
    tf = next(p for p in page.pairs if {p.a, p.b} == {TYNSET, FOLLDAL})
    assert tf.pair.route.minutes == Decimal(45)
    assert "km: anslag" in tf.pair.route.basis  # a minutes matrix leaves km estimated
    broken = "minutter;Tynset;Alvdal\nTynset;;2²\nAlvdal;22;\n"
    with pytest.raises(InvalidData, match=r"ruter2.csv, linje 2, kolonne 3: «2²»"):
        services.import_travel(slug, broken.encode(), "ruter2.csv", STEERING, uow)
    after = services.travel_page(slug, STEERING, uow)
    assert after == page  # nothing changed


def _fill(uow: SqlAlchemyUnitOfWork, slug: str) -> None:
    figures = {  # (FTE, gross, pay, measures 251/252) — written for the test
        TYNSET: ("4", "4 000 000", "3 200 000", "600 000"),
        ALVDAL: ("1,5", "1 500 000", "1 200 000", "100 000"),
        FOLLDAL: ("1", "1 000 000", "800 000", "0"),
        RENDALEN: ("1", "1 100 000", "820 000", "50 000"),
    }
    for number, (fte, gross, pay, measures) in figures.items():
        services.set_baseline(
            slug, "barnevern", number, 2026,
            {"fte": fte, "gross_cost_nok": gross, "pay_cost_nok": pay,
             "pass_through_nok": measures},
            "budsjett", STEERING, uow,
        )  # fmt: skip


def test_the_grid_takes_norwegian_numbers_and_keeps_each_figures_basis(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    _fill(uow, slug)
    grid = services.baseline_grid(slug, STEERING, uow)
    row = next(r for r in grid.rows if r.code == "barnevern")
    assert row.total_fte == Decimal("7.5")
    assert row.total_gross_nok == Decimal(7_600_000)
    alvdal = next(c for c in row.cells if c.number == ALVDAL)
    assert alvdal.baseline is not None
    assert alvdal.baseline.basis_of("fte") == "budsjett 2026"
    assert alvdal.baseline.headcount == 2  # 1,5 FTE: at least two people
    assert "registrert i coop av styring-no" in alvdal.baseline.source
    services.set_baseline(slug, "barnevern", ALVDAL, 2026, {"fte": "1,6"}, "anslag", STEERING, uow)
    changed = services.read_baselines(slug, uow, 2026)
    alvdal_b = next(b for b in changed if b.municipality == ALVDAL and b.service == "barnevern")
    assert alvdal_b.basis_of("fte") == "anslag 2026"
    assert alvdal_b.basis_of("gross_cost_nok") == "budsjett 2026"
    assert alvdal_b.is_estimate
    finance_tynset = Actor("okonomi-tynset", Role.FINANCE, frozenset({TYNSET}))
    with pytest.raises(Forbidden):
        services.set_baseline(slug, "barnevern", ALVDAL, 2026, {"fte": "9"}, "budsjett",
                              finance_tynset, uow)  # fmt: skip
    with pytest.raises(InvalidData, match="Årsverk: 9e9999 er utenfor det tillatte"):
        services.set_baseline(slug, "barnevern", TYNSET, 2026, {"fte": "9e9999"}, "budsjett",
                              finance_tynset, uow)  # fmt: skip


def test_the_engines_work_on_the_new_region_with_its_own_trips(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    _fill(uow, slug)
    services.set_travel(slug, TYNSET, ALVDAL, {"km": "30", "minutes": "25"}, STEERING, uow)
    proposal = services.propose_hosts(slug, uow, services.PlacementRequest(top=2), actor=STEERING)
    assert proposal.status == "optimal"
    assert proposal.best.hosts["barnevern"] in {TYNSET, ALVDAL, FOLLDAL, RENDALEN}
    services.edit_scenario(
        slug, "Tynset er vert",
        [{"service": "barnevern", "host": TYNSET, "joint_fte": "7.5", "cost_key": "Folketall",
          "participants": [TYNSET, ALVDAL, FOLLDAL, RENDALEN]}],
        STEERING, uow, None, "Retningslinjer 2007",
    )  # fmt: skip
    report = services.transition_cost(slug, "Tynset er vert", uow)
    trips = [
        line for line in report.lines
        if line.kind.value == "tjenestereiser" and line.municipality == ALVDAL and line.year == 1
    ]  # fmt: skip
    # 100 trips × 2 legs × 30 km × 5,30 kr/km (2026 rate, the newest known for 2027) = 31 800 kr
    assert [line.amount_nok for line in trips] == [Decimal(31_800)]
    splits = services.split_service(slug, "barnevern", uow, ("key",), "Tynset er vert")
    (key,) = splits
    assert sum(key.allocation.values()) == key.total_nok
    assert key.names[TYNSET] == "Tynset"


def test_what_an_option_uses_cannot_be_removed_and_participation_can_wait(
    region: tuple[SqlAlchemyUnitOfWork, str],
) -> None:
    uow, slug = region
    services.edit_scenario(
        slug, "A",
        [{"service": "barnevern", "host": TYNSET, "participants": [TYNSET, RENDALEN],
          "joint_fte": "0"}],
        STEERING, uow, None, None,
    )  # fmt: skip
    with pytest.raises(InvalidData, match="alternativet «A» \\(barnevern\\)"):
        services.remove_member(slug, RENDALEN, STEERING, uow)
    with pytest.raises(InvalidData, match="alternativet «A»"):
        services.remove_service(slug, "barnevern", STEERING, uow)
    services.set_participation(slug, "ppt", RENDALEN, "kan_bli_med", STEERING, uow)
    services.set_participation(slug, "ppt", FOLLDAL, "deltar", STEERING, uow, date(2028, 8, 1))
    overview = services.project_overview(slug, uow)
    ppt = next(s for s in overview.services if s.code == "ppt")
    assert RENDALEN not in ppt.participants
    assert ppt.may_join == (RENDALEN,)
    assert ppt.joined_on == {FOLLDAL: date(2028, 8, 1)}
    services.remove_member(slug, ALVDAL, STEERING, uow)  # used by nothing
    assert ALVDAL not in {m.number for m in services.project_overview(slug, uow).municipalities}
    kinds = {c.change.kind for c in services.project_changes(slug, uow)}
    assert {"prosjekt", "deltakelse", "deltaker"} <= kinds


def test_a_stale_project_edit_is_refused(region: tuple[SqlAlchemyUnitOfWork, str]) -> None:
    uow, slug = region
    version = services.project_overview(slug, uow).version
    services.update_details(slug, "Nytt navn", "", version, STEERING, uow)
    with pytest.raises(ConcurrentEdit):
        services.update_details(slug, "Annet navn", "", version, STEERING, uow)
    assert services.project_overview(slug, uow).name == "Nytt navn"


def test_changed_assumptions_say_who_set_them(region: tuple[SqlAlchemyUnitOfWork, str]) -> None:
    uow, slug = region
    values = services.parse_assumption_values({"efficiency_gain_pct": "7,5", "trips-ppt": "12"})
    services.save_assumptions(slug, values, STEERING, uow, None)
    a = services.get_assumptions(slug, STEERING, uow).assumptions
    assert a.efficiency_gain_pct == Decimal("7.5")
    assert a.trips("ppt") == 12
    assert a.basis("efficiency_gain_pct") == "oppgitt av styring-no"
    assert a.is_default("horizon_years")
    with pytest.raises(InvalidData, match="Effektiviseringsgevinsten"):
        services.save_assumptions(slug, {"efficiency_gain_pct": Decimal(100)}, STEERING, uow, None)
    with pytest.raises(Forbidden):
        services.save_assumptions(slug, values, READER, uow, None)

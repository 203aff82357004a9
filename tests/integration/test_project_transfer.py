"""A whole project exported and imported into another database gives the same figures.

Source: SQLite or PostgreSQL (the ``uow`` fixture); target: a fresh SQLite file with only the
register — the move from a server to an embedded database and back.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from coop import services
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData
from coop.persistence.orm.base import make_engine
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

STEERING = Actor("styring", Role.STEERING)
DEMO = "astafjord-2007"


def fresh(register: Path, tmp_path: Path, name: str) -> SqlAlchemyUnitOfWork:
    """A database of its own with only the register: a copy of the session's template file."""
    shutil.copy(register, tmp_path / f"{name}.sqlite")
    return SqlAlchemyUnitOfWork(sessionmaker(make_engine(f"sqlite:///{tmp_path}/{name}.sqlite")))


def figures(slug: str, uow: SqlAlchemyUnitOfWork) -> dict[str, object]:
    """Every figure the project's pages show, as comparable values."""
    overview = services.project_overview(slug, uow)
    scenarios = list(overview.scenarios)
    out: dict[str, object] = {
        "overview": (overview.services, overview.municipalities, overview.fte_total),
        "travel": services.travel_matrix(slug, uow).routes,
        "assumptions": services.get_assumptions(slug, STEERING, uow).assumptions,
        "keys": services.list_cost_keys(slug, STEERING, uow).keys,
    }
    for name in scenarios:
        report = services.transition_cost(slug, name, uow)
        out[f"transition {name}"] = (report.total_nok, report.lines, report.balance)
        for a in services.get_scenario(slug, name, uow).arrangements:
            out[f"split {name} {a.service}"] = [
                (r.method, r.allocation, r.total_nok, r.in_core)
                for r in services.split_service(slug, a.service, uow, scenario_name=name)
            ]
    if scenarios:
        c = services.compare_scenarios(slug, scenarios[:4], uow)
        out["compare"] = [(o.name, o.partners, o.one_off_nok) for o in c.options]
    out["agreements"] = [  # saved_at compared as an instant (PostgreSQL and SQLite zones differ)
        (r.scenario, r.service, r.adopted, r.changed_since_latest,
         r.latest and (r.latest.number, r.latest.content_hash, r.latest.saved_at.timestamp()))
        for r in services.list_agreements(slug, uow).rows
    ]  # fmt: skip
    return out


def test_export_then_import_reproduces_every_figure(
    demo: SqlAlchemyUnitOfWork, tmp_path: Path, register_template: Path
) -> None:
    uow = demo
    services.save_agreement_version(
        DEMO, "Ordførergruppas forslag 2007", "barnevern", {}, STEERING, uow
    )
    services.set_baseline(DEMO, "barnevern", "5516", 2025, {"fte": "1,3"}, "budsjett",
                          STEERING, uow)  # fmt: skip
    own = services.create_project("Østerdalen IKT", ["3427", "3428", "3429"], ["ikt-drift"],
                                  STEERING, uow)  # fmt: skip
    services.set_travel(own.slug, "3427", "3428", {"km": "30", "minutes": "25"}, STEERING, uow)
    for slug in (DEMO, own.slug):
        before = figures(slug, uow)
        text = json.dumps(services.export_project(slug, STEERING, uow))  # through real JSON
        target = fresh(register_template, tmp_path, slug)
        assert services.import_project(json.loads(text), STEERING, target) == slug
        after = figures(slug, target)
        assert after.keys() == before.keys()
        for key in before:
            assert after[key] == before[key], key
        log = services.project_changes(slug, target)
        assert "Begrunnelse: importert fra prosjektfil" in log[0].sentence
        assert len(log) == len(services.project_changes(slug, uow)) + 1


def test_a_newer_or_damaged_file_is_refused_and_nothing_is_written(
    demo: SqlAlchemyUnitOfWork, tmp_path: Path, register_template: Path
) -> None:
    uow = demo
    data = services.export_project(DEMO, STEERING, uow)
    target = fresh(register_template, tmp_path, "target")
    newer = {**data, "versjon": data["versjon"] + 1}
    with pytest.raises(InvalidData, match="denne coop leser bare til og med 1"):
        services.import_project(newer, STEERING, target)
    damaged = copy.deepcopy(data)
    del damaged["grunnlag"][3]["brutto_nok"]
    with pytest.raises(InvalidData, match="skadet i delen «grunnlag»"):
        services.import_project(damaged, STEERING, target)
    bad_value = copy.deepcopy(data)
    bad_value["grunnlag"][0]["aarsverk"] = "-1"
    with pytest.raises(InvalidData, match="«grunnlag»: Årsverk kan ikke være negativt"):
        services.import_project(bad_value, STEERING, target)
    with pytest.raises(InvalidData, match="ikke en prosjektfil"):
        services.import_project({"hei": 1}, STEERING, target)
    assert services.list_projects(target) == []
    services.import_project(data, STEERING, target)
    with pytest.raises(InvalidData, match="finnes allerede"):
        services.import_project(data, STEERING, target)

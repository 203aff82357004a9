"""Projects read as plain rows agree with the same rows loaded through the ORM relations.

The repository reads members, services and participation with one query each for all projects
it returns; here each project is checked against its own ``ProjectRow`` and relations (an
independent path through SQLAlchemy's relationship loading), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from coop.domain import errors
from coop.domain.model import CooperationProject
from coop.persistence.orm.projects import ProjectRow
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork


def _from_relations(row: ProjectRow) -> dict[str, object]:
    taking = {(p.service, p.municipality) for p in row.participations if p.status == "deltar"}
    later = {(p.service, p.municipality) for p in row.participations if p.status != "deltar"}
    joined = {(p.service, p.municipality): p.joined_on for p in row.participations if p.joined_on}
    return {
        "members": sorted(m.municipality for m in row.members),
        "services": [s.service for s in sorted(row.services, key=lambda s: s.position)],
        "taking": taking,
        "later": later,
        "joined": joined,
        "version": row.version,
    }


def _from_domain(p: CooperationProject) -> dict[str, object]:
    return {
        "members": list(p.municipalities),
        "services": [s.code for s in p.services],
        "taking": {(c, m) for c, ms in p.participants.items() for m in ms},
        "later": {(c, m) for c, ms in p.may_join.items() for m in ms},
        "joined": dict(p.joined_on),
        "version": p.version,
    }


def test_every_demo_project_reads_as_its_rows_say(demo: SqlAlchemyUnitOfWork) -> None:
    with demo as uow:
        rows = list(uow.session.scalars(select(ProjectRow).order_by(ProjectRow.name)))
        listed = uow.projects.list()
        assert [p.slug for p in listed] == [r.slug for r in rows]
        assert len(rows) >= 2  # more than one project, so mixing them up would show
        for row, project in zip(rows, listed, strict=True):
            assert _from_domain(project) == _from_relations(row), row.slug
            assert _from_domain(uow.projects.get(row.slug)) == _from_relations(row)


def test_a_project_where_nobody_takes_part_yet_but_one_may_join_reads_back(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    with demo as uow:
        project = uow.projects.list()[0]
        service = project.services[0].code
        member = project.municipalities[0]
        changed = CooperationProject(
            slug="lesetest",
            name="Lesetest",
            municipalities=(member,),
            services=(project.services[0],),
            participants={},
            may_join={service: frozenset({member})},
            joined_on={},
            decided_on=date(2026, 12, 3),
        )
        uow.projects.add(changed)
        read = uow.projects.get("lesetest")
        assert read.participants == {}
        assert read.may_join == {service: frozenset({member})}
        assert read.decided_on == date(2026, 12, 3)
        with pytest.raises(errors.NotFound, match="finnes-ikke"):
            uow.projects.get("finnes-ikke")

"""A unit of work remembers a project's figures for the pages that ask twice, until a write."""

from __future__ import annotations

from sqlalchemy import delete

from coop import services
from coop.domain.access import Actor, Role
from coop.persistence.orm.register import BaselineRow
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.project_data import load_project_data

SLUG = "astafjord-2007"
STEERING = Actor("styring", Role.STEERING)


def test_a_second_read_is_the_same_until_the_project_is_changed(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    with demo:
        first = load_project_data(SLUG, demo)
    with demo:  # a later block of the same request: nothing written in between
        assert load_project_data(SLUG, demo) is first
        barnevern = load_project_data(SLUG, demo, ["barnevern"])
    assert barnevern is not first
    assert set(barnevern.baselines.rows) == {"barnevern"}
    assert len(first.baselines.rows) == 5

    version = first.project.version
    services.update_details(SLUG, "Nytt navn", "", version, STEERING, demo)  # commits
    with demo:
        renamed = load_project_data(SLUG, demo)
    assert renamed.project.name == "Nytt navn"
    assert first.project.name != "Nytt navn"


def test_a_delete_sent_as_a_statement_forgets_what_was_read(demo: SqlAlchemyUnitOfWork) -> None:
    with demo:
        before = load_project_data(SLUG, demo)
        assert before.baselines.of("barnevern")
        demo.session.execute(delete(BaselineRow))  # no flush: the statement goes straight out
        after = load_project_data(SLUG, demo)
    assert after is not before
    assert after.baselines.of("barnevern") == {}

"""The saksframlegg's comparison and optimiser figures survive a job's JSON unchanged, on
SQLite and PostgreSQL (the web's job path and the inline path print the same case)."""

from __future__ import annotations

import json

from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.casework.case_figures import (
    case_figures,
    figures_from_json,
    figures_json,
    runs_inline,
)
from coop.services.casework.case_package import case_package

SLUG, SCENARIO, SALANGEN = "astafjord-2007", "Ordførergruppas forslag 2007", "5522"


def test_the_figures_read_back_from_json_give_the_same_case(demo: SqlAlchemyUnitOfWork) -> None:
    figures = case_figures(SLUG, SCENARIO, SALANGEN, demo)
    stored = json.loads(json.dumps(figures_json(figures)))  # as the job table keeps it
    again = figures_from_json(stored)
    assert again == figures
    assert figures.optimiser is not None  # the demo's option has a price, not a note
    assert [o.proposed for o in figures.options] == [True, False]  # the proposal first, 2 options
    from_job = case_package(SLUG, SCENARIO, SALANGEN, demo, again).case
    assert from_job == case_package(SLUG, SCENARIO, SALANGEN, demo).case
    assert runs_inline(SLUG, demo)  # four municipalities: computed in the request

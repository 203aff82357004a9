"""Issue 16, rule 7: a budget with its own year's municipality number, through the use case."""

from decimal import Decimal
from pathlib import Path

import pytest

from coop import services
from coop.budget_import.report import IssueKind
from coop.domain.access import Actor, Role
from coop.domain.errors import InvalidData, UnknownMunicipality
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork

ADMIN = Actor("test", Role.ADMIN)
FILE = Path(__file__).resolve().parents[1] / "data" / "budget_rules" / "rule7_old_number.csv"


def test_bergen_1201_in_2013_is_filed_under_4601_and_says_so(demo: SqlAlchemyUnitOfWork) -> None:
    result = services.import_budget(FILE.read_bytes(), FILE.name, "1201", 2013, ADMIN, demo)
    assert result.ok, result.report["errors"]
    assert result.written
    (barnevern,) = [b for b in result.baselines if b.service == "barnevern"]
    assert barnevern.municipality == "4601"
    assert barnevern.gross_cost_nok == Decimal("1141000.00")  # (1 000 + 141) × 1000 kr
    renumbered = [w for w in result.report["warnings"] if w["kind"] == IssueKind.RENUMBERED]
    assert len(renumbered) == 1
    assert "1201 Bergen var gyldig i 2013; i dag er det 4601 Bergen" in renumbered[0]["message"]
    with demo:
        history = demo.imports.history()
    assert [(h.municipality, h.year) for h in history] == [("4601", 2013)]


def test_todays_number_accepts_the_old_number_in_the_region_column(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    result = services.import_budget(
        FILE.read_bytes(), FILE.name, "4601", 2013, ADMIN, demo, dry_run=True
    )
    assert result.ok, result.report["errors"]
    assert not [w for w in result.report["warnings"] if w["kind"] == IssueKind.RENUMBERED]


def test_a_number_not_valid_in_the_budget_year_is_refused_with_its_period(
    demo: SqlAlchemyUnitOfWork,
) -> None:
    with pytest.raises(InvalidData, match=r"1201 \(Bergen\) var ikke i bruk 01\.01\.2021"):
        services.import_budget(FILE.read_bytes(), FILE.name, "1201", 2021, ADMIN, demo)
    with demo:
        assert demo.imports.history() == []


def test_a_split_municipality_asks_which_part(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(InvalidData, match="5012 Snillfjord .* er senere delt; i dag: 5055 Heim"):
        services.import_budget(FILE.read_bytes(), FILE.name, "5012", 2019, ADMIN, demo)


def test_a_number_that_never_existed_is_unknown(demo: SqlAlchemyUnitOfWork) -> None:
    with pytest.raises(UnknownMunicipality):
        services.import_budget(FILE.read_bytes(), FILE.name, "9999", 2013, ADMIN, demo)

"""The real Sogndal and Bergen 2013 budgets in ../shared/data/budgets (skipped when absent)."""

from decimal import Decimal
from pathlib import Path

import pytest

from coop.budget_import.parse import ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind

BUDGETS = Path(__file__).resolve().parents[3] / "shared" / "data" / "budgets"


def sample(name: str, municipality: str) -> ParsedBudget:
    path = BUDGETS / name
    if not path.is_file():
        pytest.skip(f"{path} finnes ikke")
    return parse_budget(path.read_bytes(), name, municipality=municipality)


@pytest.fixture(scope="module")
def sogndal() -> ParsedBudget:
    return sample("sogndal_2013_driftsbudsjett__original.csv", "1420")


@pytest.fixture(scope="module")
def bergen() -> ParsedBudget:
    return sample("bergen_2013_driftsbudsjett__original.csv", "1201")


def test_sogndal_budget_columns_sum_to_zero_and_accounts_to_16_kroner(
    sogndal: ParsedBudget,
) -> None:
    assert sogndal.report.sums == {
        "rekneskap_2011": Decimal(16),
        "budsjett_2012": Decimal(0),
        "budsjett_2013": Decimal(0),
    }
    assert not sogndal.report.has_errors
    assert IssueKind.SUM_NOT_ZERO not in [w.kind for w in sogndal.report.warnings]


def test_sogndal_is_read_as_nynorsk_utf8_with_arts_inside_konto(sogndal: ParsedBudget) -> None:
    report = sogndal.report
    assert (report.encoding, report.separator, report.rows) == ("utf-8", ";", 4898)
    assert report.mapping["tjeneste"] == "function"
    assert report.mapping["konto"] == "art"
    kinds = {w.kind for w in report.warnings}
    assert IssueKind.UNKNOWN_ART not in kinds
    assert IssueKind.UNKNOWN_FUNCTION not in kinds
    assert len(sogndal.lines) == 3 * 4898


def test_sogndal_hosts_a_barnevern_service_paid_for_by_its_partners(sogndal: ParsedBudget) -> None:
    barnevern = sogndal.by_service("budsjett_2013")["barnevern"]
    assert barnevern.refunds_nok is not None
    assert barnevern.refunds_nok > 10_000_000
    assert barnevern.net_nok == barnevern.gross_nok - barnevern.income_nok
    assert barnevern.fte_is_estimate


def test_bergen_year_columns_each_sum_to_a_few_hundred_kroner_below_zero(
    bergen: ParsedBudget,
) -> None:
    # Checked by hand with the csv module. data/README.md says "between −490 and −627";
    # 2015 is in fact −489.
    assert bergen.report.sums == {
        "2013": Decimal(-490),
        "2014": Decimal(-627),
        "2015": Decimal(-489),
        "2016": Decimal(-539),
    }
    assert not bergen.report.has_errors
    assert IssueKind.SUM_NOT_ZERO not in [w.kind for w in bergen.report.warnings]


def test_bergen_has_no_art_so_pay_is_unknown_and_income_comes_from_its_column(
    bergen: ParsedBudget,
) -> None:
    assert bergen.report.encoding == "utf-8"
    assert bergen.report.mapping["inntekt-utgift"] == "income_expense"
    assert bergen.report.mapping["avdeling"] == "ansvar"
    barnevern = bergen.by_service(2013)["barnevern"]
    assert barnevern.pay_nok is None
    assert barnevern.fte is None
    assert barnevern.gross_nok > barnevern.income_nok > 0

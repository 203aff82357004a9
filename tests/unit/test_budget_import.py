import hashlib
from decimal import Decimal

import pytest

from coop.budget_import.parse import BudgetLine, ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind, Severity
from coop.domain.errors import InvalidData
from coop.domain.kostra import FunctionRule, default_function_map

# Hand-derived: barnevern pay 100 000 + 20 000 + 15 000 = 135 000; purchases (350) 50 000;
# gross 185 000 (internal 290 left out); income 30 000 (750) + 5 000 (600) = 35 000;
# net 150 000; the 120 line needs an ansvar rule; the whole file sums to 0.
SMALL = """funksjon;art;ansvar;beløp
244;010;1;100 000
244;090;1;20 000
244;099;1;15 000
244;350;1;50 000
244;750;1;-30 000
244;600;1;-5 000
244;290;1;7 000
120;010;2;400 000
800;870;9;-557 000
"""


def parse(text: str, filename: str = "budsjett_2024.csv", **options: object) -> ParsedBudget:
    options.setdefault("municipality", "5522")
    options.setdefault("year", 2024)
    return parse_budget(text.encode("utf-8"), filename, **options)  # type: ignore[arg-type]


def kinds(result: ParsedBudget) -> list[IssueKind]:
    return [i.kind for i in result.report.issues]


def test_service_totals_are_derived_from_arts() -> None:
    totals = parse(SMALL).by_service(2024)["barnevern"]
    assert totals.gross_nok == Decimal("185000")
    assert totals.income_nok == Decimal("35000")
    assert totals.net_nok == Decimal("150000")
    assert totals.pay_nok == Decimal("135000")
    assert totals.purchases_nok == Decimal("50000")
    assert totals.refunds_nok == Decimal("30000")
    assert totals.lines == 7


def test_fte_is_estimated_from_pay_and_marked_as_an_estimate() -> None:
    totals = parse(SMALL, cost_per_fte_nok=Decimal(100000)).by_service(2024)["barnevern"]
    assert totals.fte == Decimal("1.35")
    assert totals.fte_is_estimate
    assert totals.fte_basis == "anslag"


def test_fte_is_taken_from_the_file_when_it_has_a_column() -> None:
    text = (
        "funksjon;art;årsverk;beløp\n244;010;1,5;600 000\n244;010;2;800 000\n800;870;;-1 400 000\n"
    )
    totals = parse(text).by_service(2024)["barnevern"]
    assert totals.fte == Decimal("3.5")
    assert not totals.fte_is_estimate
    assert totals.fte_basis == "fil"


def test_baselines_avoid_double_counting_between_host_and_partner() -> None:
    totals = parse(SMALL).by_service(2024)["barnevern"]
    assert totals.baseline_nok(host=True) == Decimal("155000")  # gross − refunds (750)
    assert totals.baseline_nok(host=False) == Decimal("185000")  # pay + purchases (350)


def test_a_shared_function_is_left_unassigned_with_a_warning() -> None:
    result = parse(SMALL)
    assert "ikt-drift" not in result.by_service(2024)
    warning = next(i for i in result.report.warnings if i.kind is IssueKind.UNASSIGNED_FUNCTION)
    assert warning.line == 9
    assert "funksjon 120" in warning.message
    assert "1 linje er ikke fordelt" in warning.message  # one line of function 120 in SMALL


def test_an_ansvar_rule_assigns_a_shared_function() -> None:
    fmap = default_function_map(2024).with_rule(FunctionRule("120", "ikt-drift", frozenset({"2"})))
    result = parse(SMALL, function_map=fmap)
    assert result.by_service(2024)["ikt-drift"].pay_nok == Decimal("400000")
    assert IssueKind.UNASSIGNED_FUNCTION not in kinds(result)


def test_a_clean_file_has_no_issues_and_sums_to_zero() -> None:
    result = parse(SMALL)
    assert not result.report.has_errors
    assert result.report.sums == {"beløp": Decimal("0")}
    assert [c.label for c in result.report.amount_columns] == ["beløp"]
    assert result.report.rows == 9


def test_a_budget_that_does_not_sum_to_zero_is_warned_about_per_column() -> None:
    text = "funksjon;art;budsjett_2023;budsjett_2024\n244;010;1 000;1 001\n"
    result = parse(text)
    flagged = [i.column for i in result.report.warnings if i.kind is IssueKind.SUM_NOT_ZERO]
    assert flagged == ["budsjett_2024"]
    assert result.report.sums["budsjett_2024"] == Decimal("1001")
    assert not result.report.has_errors


def test_an_error_message_names_file_line_column_and_value() -> None:
    rows = "".join(f"244;010;{n}\n" for n in range(15))
    text = "funksjon;art;beloep\n" + rows + "244;010;12,3,4\n"
    result = parse(text)
    assert [i.message for i in result.report.errors] == [
        "budsjett_2024.csv, linje 17, kolonne «beloep»: «12,3,4» er ikke et beløp"
    ]


def test_every_bad_cell_is_reported_and_no_lines_come_out() -> None:
    text = "funksjon;art;beløp\n244;010;x\n244;010;5\n251;010;y\n252;010;0,001\n"
    result = parse(text)
    assert [(i.line, i.value) for i in result.report.errors] == [
        (2, "x"),
        (4, "y"),
        (5, "0,001"),
    ]
    assert result.lines.empty
    assert result.by_service(2024) == {}
    assert list(result.iter_lines()) == []


def test_cell_issues_are_capped_with_a_summary() -> None:
    text = "funksjon;art;beløp\n" + "244;010;x\n" * 80
    errors = parse(text).report.errors
    assert len(errors) == 51
    assert errors[-1].kind is IssueKind.MORE
    assert errors[-1].message.endswith("30 linjer til (fra linje 52) har samme problem.")


def test_one_line_over_the_cap_is_counted_in_the_singular() -> None:
    text = "funksjon;art;beløp\n" + "244;010;x\n" * 51  # 50 issues shown, the 51st summed up
    errors = parse(text).report.errors
    assert errors[-1].message.endswith("1 linje til (fra linje 52) har samme problem.")


def test_unknown_functions_and_arts_are_warnings_with_line_numbers() -> None:
    text = "funksjon;art;beløp\n999;010;5\n244;011;5\n999;010;5\n800;870;-15\n"
    result = parse(text)
    warnings = {(i.kind, i.value): i for i in result.report.warnings}
    function = warnings[(IssueKind.UNKNOWN_FUNCTION, "999")]
    assert function.line == 2
    assert "(også linje 4)" in function.message
    assert warnings[(IssueKind.UNKNOWN_ART, "011")].line == 3
    assert not result.report.has_errors
    assert len(result.lines) == 4  # kept, never dropped


def test_a_line_with_money_but_no_function_is_an_error() -> None:
    text = "funksjon;art;beløp\n244;010;5\n;010;7\n;010;0\n"
    errors = parse(text).report.errors
    assert [(e.kind, e.line) for e in errors] == [(IssueKind.MISSING_CODE, 3)]


def test_a_subtotal_line_that_adds_up_is_left_out_with_a_warning() -> None:
    result = parse("funksjon;art;beløp\n244;010;5\nSum;;5\n")
    assert [line.line_no for line in result.iter_lines()] == [2]
    (warning,) = [w for w in result.report.warnings if w.kind is IssueKind.SUBTOTAL]
    assert warning.line == 3
    assert "«Sum» er summen av linje 2" in warning.message


def test_a_subtotal_line_that_does_not_add_up_is_an_error() -> None:
    errors = parse("funksjon;art;beløp\n244;010;5\nSum;;6\n").report.errors
    assert {e.line for e in errors} == {3}
    assert any("«Sum» ser ut som en sumlinje" in e.message for e in errors)


def test_missing_columns_ask_for_a_mapping_naming_headers_and_concepts() -> None:
    result = parse("kode;kroner_x;tekst\n244;5;a\n")
    error = result.report.errors[0]
    assert error.kind is IssueKind.MAPPING_NEEDED
    assert result.report.missing_concepts == ("function", "amount")
    assert result.report.headers == ("kode", "kroner_x", "tekst")
    assert "«kode»; «kroner_x»; «tekst»" in error.message


def test_an_explicit_column_map_answers_the_mapping_question() -> None:
    result = parse(
        "kode;kroner_x;tekst\n244;5;a\n", column_map={"kode": "funksjon", "kroner_x": "beløp"}
    )
    assert not result.report.has_errors
    assert result.report.mapping == {"kode": "function", "kroner_x": "amount", "tekst": "ignore"}
    assert result.by_service(2024)["barnevern"].gross_nok == Decimal("5")


def test_an_unknown_concept_in_the_column_map_is_an_error() -> None:
    result = parse(SMALL, column_map={"beløp": "penger"})
    assert IssueKind.MAPPING_NEEDED in [e.kind for e in result.report.errors]


def test_an_unknown_column_is_a_warning() -> None:
    result = parse("funksjon;art;merknad2;beløp\n244;010;x;5\n")
    assert [(w.kind, w.column) for w in result.report.warnings] == [
        (IssueKind.UNKNOWN_COLUMN, "merknad2")
    ]
    assert not result.report.has_errors


def test_without_any_year_the_importer_asks_for_one() -> None:
    result = parse("funksjon;art;beløp\n244;010;5\n", year=None)
    assert [e.kind for e in result.report.errors] == [IssueKind.YEAR_NEEDED]


def test_a_municipality_outside_the_register_is_an_error() -> None:
    result = parse(SMALL, municipality="9999", known_municipalities={"5522", "5518"})
    assert "kommunenummer 9999 finnes ikke" in result.report.errors[0].message


def test_bad_parameters_are_programming_errors() -> None:
    with pytest.raises(InvalidData, match="gyldig kommunenummer"):
        parse(SMALL, municipality="552")
    with pytest.raises(InvalidData, match="større enn 0"):
        parse(SMALL, cost_per_fte_nok=Decimal(0))


def test_by_service_finds_series_by_label_column_or_year() -> None:
    text = "funksjon;art;rekneskap_2023;budsjett_2024\n244;010;5;6\n"
    result = parse(text)
    assert result.by_service("budsjett_2024")["barnevern"].gross_nok == Decimal("6")
    assert result.by_service(2023)["barnevern"].gross_nok == Decimal("5")
    with pytest.raises(InvalidData, match="ingen beløpskolonne for «2030»"):
        result.by_service(2030)


def test_two_series_of_the_same_year_must_be_chosen_by_name() -> None:
    result = parse("funksjon;art;regnskap_2024;budsjett_2024\n244;010;5;6\n")
    with pytest.raises(InvalidData, match="flere beløpskolonner"):
        result.by_service(2024)


def test_lines_come_out_as_budget_lines_with_exact_amounts() -> None:
    lines = list(parse("funksjon;art;ansvar;beløp\n24410;010;A1;-0,06\n").iter_lines())
    assert lines == [
        BudgetLine(
            line_no=2,
            function="244",
            art="010",
            ansvar="A1",
            column="beløp",
            year=2024,
            amount_nok=Decimal("-0.06"),
            service="barnevern",
        )
    ]


def test_the_result_carries_the_sha256_of_the_bytes() -> None:
    assert parse(SMALL).sha256 == hashlib.sha256(SMALL.encode("utf-8")).hexdigest()


def test_the_json_report_has_decimal_strings_and_issues() -> None:
    report = parse(SMALL).report_json()
    assert report["rows"] == 9
    assert report["total_nok"] == {"beløp": "0.00"}
    assert report["amount_columns"] == [
        {"label": "beløp", "name": "beløp", "year": 2024, "kind": None}
    ]
    barnevern = report["by_service"]["beløp"]["barnevern"]
    assert barnevern["gross_nok"] == "185000.00"
    assert barnevern["fte_basis"] == "anslag"
    assert report["errors"] == []
    assert report["warnings"][0]["kind"] == "unassigned function"
    assert report["encoding"] == "utf-8"


def test_a_failed_report_has_no_service_totals_in_json() -> None:
    report = parse("funksjon;art;beløp\n244;010;x\n").report_json()
    assert report["by_service"] == {}
    assert report["errors"][0]["line"] == 2


def test_severities_split_errors_from_warnings() -> None:
    result = parse("funksjon;art;beløp\n999;010;x\n")
    assert {i.severity for i in result.report.errors} == {Severity.ERROR}
    assert {i.severity for i in result.report.warnings} == {Severity.WARNING}


@pytest.mark.parametrize("text", ["", "\n\n", "funksjon;art;beløp\n", "funksjon;art;beløp\n\n;;\n"])
def test_a_file_without_data_lines_is_an_error(text: str) -> None:
    result = parse(text)
    assert [e.kind for e in result.report.errors] == [IssueKind.UNREADABLE]


def test_an_empty_amount_column_is_still_listed_with_sum_zero() -> None:
    result = parse("funksjon;art;budsjett_2023;budsjett_2024\n244;010;5;\n")
    assert result.report.sums == {"budsjett_2023": Decimal(5), "budsjett_2024": Decimal(0)}

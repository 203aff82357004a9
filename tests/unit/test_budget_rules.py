"""Issue 16: one synthetic file per rule (tests/data/budget_rules/), read as a finance officer
expects: rows read, totals per amount column, warnings, and what was left out.

Expected figures are summed by hand from the files, which are written for these tests.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from coop.budget_import.columns import SYNONYMS, Concept, _auto
from coop.budget_import.parse import ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind

DATA = Path(__file__).resolve().parents[1] / "data" / "budget_rules"


def read(name: str, **options: object) -> ParsedBudget:
    options.setdefault("municipality", "4601")
    options.setdefault("year", 2024)
    return parse_budget((DATA / name).read_bytes(), name, **options)  # type: ignore[arg-type]


def clean(result: ParsedBudget) -> ParsedBudget:
    assert not result.report.has_errors, [i.message for i in result.report.errors]
    return result


def kinds(result: ParsedBudget) -> list[IssueKind]:
    return [i.kind for i in result.report.warnings]


# Rule 8: header synonyms -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "concept"),
    [
        ("Tjeneste-id", Concept.FUNCTION),
        ("tjenestenr", Concept.FUNCTION),
        ("Tjeneste nr.", Concept.FUNCTION),
        ("Funksjon (KOSTRA)", Concept.FUNCTION),
        ("KOSTRA-funksjon", Concept.FUNCTION),
        ("Teneste-id", Concept.FUNCTION),
        ("Tenestenr", Concept.FUNCTION),
        ("Art (KOSTRA)", Concept.ART),
        ("Konto (KOSTRA-art)", Concept.ART),
        ("Kontonr.", Concept.ART),
        ("Ansvar-id", Concept.ANSVAR),
        ("Ansvarsnr.", Concept.ANSVAR),
        ("Prosjekt-id", Concept.PROJECT),
        ("Tjeneste (T)", Concept.IGNORE),
        ("Tjeneste_tekst", Concept.IGNORE),
    ],
)
def test_header_spellings_map_to_their_concept(header: str, concept: Concept) -> None:
    assert _auto(header) is concept


def test_no_synonym_names_two_concepts() -> None:
    seen: dict[str, Concept] = {}
    for concept, names in SYNONYMS.items():
        for name in names:
            assert name not in seen, f"{name} under {seen.get(name)} og {concept}"
            seen[name] = concept


def test_a_file_with_synonym_headers_reads_without_a_question() -> None:
    result = clean(read("rule8_header_synonyms.csv"))
    report = result.report
    assert report.mapping["Tjeneste-id"] == "function"
    assert report.mapping["Art (KOSTRA)"] == "art"
    assert report.mapping["Ansvar-id"] == "ansvar"
    assert report.mapping["Prosjekt-id"] == "project"
    assert report.rows == 4
    assert report.sums == {"Beløp": Decimal(0)}
    barnevern = result.by_service(2024)["barnevern"]
    assert barnevern.gross_nok == Decimal(700_000)  # 500 000 pay + 200 000 measures
    assert barnevern.pay_nok == Decimal(500_000)
    assert report.warnings == ()


# Rule 1: trailing extra fields --------------------------------------------------------------


def test_trailing_extra_fields_keep_the_row_and_warn_once() -> None:
    result = clean(read("rule1_trailing_fields.csv"))
    report = result.report
    assert report.rows == 6
    assert report.sums == {"budsjett_2024": Decimal(0)}
    assert [line.line_no for line in result.iter_lines()] == [2, 3, 4, 5, 6, 7]
    barnevern = result.by_service(2024)["barnevern"]
    assert barnevern.gross_nok == Decimal(700_000)  # 500 000 + 70 500 + 29 500 + 100 000
    assert barnevern.pay_nok == Decimal(570_500)
    (warning,) = report.warnings
    assert warning.kind is IssueKind.RAGGED_ROW
    assert warning.line == 4
    assert "2 linjer (linje 4, 5)" in warning.message
    assert "«2121102383000»" in warning.message


def test_extra_fields_that_shift_the_amount_refuse_the_whole_file() -> None:
    text = (DATA / "rule1_trailing_fields.csv").read_text("utf-8")
    shifted = text.replace("244;270;100;Konsulent;29 500;;", "244;270;100;Konsulent;;29 500;")
    result = parse_budget(shifted.encode(), "skjev.csv", municipality="4601", year=2024)
    errors = result.report.errors
    assert [(e.kind, e.line) for e in errors] == [(IssueKind.RAGGED_ROW, 4)]
    assert "summen av «budsjett_2024» går ikke i null" in errors[0].message
    assert result.lines.empty


def test_extra_fields_on_a_row_whose_amount_does_not_parse_name_the_line() -> None:
    text = (DATA / "rule1_trailing_fields.csv").read_text("utf-8")
    shifted = text.replace("251;370;100;Tiltak;100 000;;", "251;370;100;Tiltak;Kjøp;100 000;")
    result = parse_budget(shifted.encode(), "skjev.csv", municipality="4601", year=2024)
    messages = [e.message for e in result.report.errors]
    assert any("linje 5" in m and "«Kjøp» er ikke et beløp" in m for m in messages)
    assert any("verdiene på linje 5 kan ikke leses" in m for m in messages)
    assert result.lines.empty

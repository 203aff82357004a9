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


# Rule 2: subtotal rows anywhere --------------------------------------------------------------


def test_subtotals_by_label_in_any_column_and_by_arithmetic_are_left_out() -> None:
    result = clean(read("rule2_subtotals.csv"))
    report = result.report
    assert report.rows == 7
    assert report.sums == {"budsjett_2024": Decimal(0), "budsjett_2025": Decimal(0)}
    assert sorted({line.line_no for line in result.iter_lines()}) == [2, 3, 5, 6]
    barnevern = result.by_service(2024)["barnevern"]
    assert barnevern.gross_nok == Decimal(456_400)  # counted once, not with «Sum barnevern»
    assert result.by_service(2025)["barnevern"].gross_nok == Decimal(467_810)
    subtotals = [(w.line, w.message) for w in report.warnings if w.kind is IssueKind.SUBTOTAL]
    assert [line for line, _ in subtotals] == [4, 7, 8]
    assert "«Sum barnevern» er summen av linje 2–3" in subtotals[0][1]
    assert "er summen av linje 5–6" in subtotals[1][1]  # no label: by arithmetic alone
    assert "«Totalt» er summen av linje 2–7" in subtotals[2][1]
    assert kinds(result) == [IssueKind.SUBTOTAL] * 3


def test_a_total_row_in_the_first_column_that_does_not_add_up_is_refused() -> None:
    text = (DATA / "rule2_subtotals.csv").read_text("utf-8").replace("Totalt;;;0;0", "Totalt;;;5;0")
    result = parse_budget(text.encode(), "sum.csv", municipality="4601", year=2024)
    errors = result.report.errors
    assert {e.line for e in errors} == {8}
    assert any(
        e.kind is IssueKind.SUBTOTAL and "«Totalt» ser ut som en sumlinje" in e.message
        for e in errors
    )
    assert result.lines.empty


# Rule 3: files without a header row -----------------------------------------------------------


def test_a_headerless_file_asks_for_the_columns_and_keeps_its_first_line() -> None:
    result = read("rule3_headerless.csv")
    report = result.report
    assert report.rows == 4
    assert report.headers == ("kolonne 1", "kolonne 2", "kolonne 3", "kolonne 4")
    (error,) = report.errors
    assert error.kind is IssueKind.MAPPING_NEEDED
    assert "«kolonne 1»" in error.message
    assert "244" not in error.message  # no data value offered as a column name
    assert kinds(result) == [IssueKind.NO_HEADER]


def test_a_headerless_file_reads_every_line_once_the_columns_are_given() -> None:
    answer = {"kolonne 1": "function", "kolonne 2": "art", "kolonne 4": "amount"}
    result = clean(read("rule3_headerless.csv", column_map=answer))
    assert result.report.rows == 4
    assert [line.line_no for line in result.iter_lines()] == [1, 2, 3, 4]
    assert result.report.sums == {"kolonne 4": Decimal(0)}
    assert result.by_service(2024)["barnevern"].pay_nok == Decimal(570_500)
    assert kinds(result) == [IssueKind.NO_HEADER]


def test_year_headers_are_still_headers() -> None:
    text = "funksjon;art;2013;2014\n244;010;1 000;2 000\n800;870;-1 000;-2 000\n"
    result = clean(parse_budget(text.encode(), "aar.csv", municipality="4601", year=None))
    assert result.report.headers == ("funksjon", "art", "2013", "2014")
    assert result.report.rows == 2


# Rule 4: several tables in one file ---------------------------------------------------------


def test_several_tables_skip_titles_repeated_headers_and_their_totals() -> None:
    result = clean(read("rule4_several_tables.csv"))
    report = result.report
    assert [line.line_no for line in result.iter_lines()] == [3, 4, 9, 10, 15]
    assert report.sums == {"beløp": Decimal(0)}  # 1 141 000 + 559 000 − 1 700 000
    (separators,) = [w for w in report.warnings if w.kind is IssueKind.SEPARATOR_ROW]
    assert "2 tittellinjer (linje 7, 13)" in separators.message
    assert "2 gjentatte overskrifter (linje 8, 14)" in separators.message
    subtotals = [w.line for w in report.warnings if w.kind is IssueKind.SUBTOTAL]
    assert subtotals == [5, 11, 16]
    assert kinds(result) == [IssueKind.SEPARATOR_ROW] + [IssueKind.SUBTOTAL] * 3


# Rule 5: konto codes that lost a leading zero --------------------------------------------------


def test_short_konto_codes_in_a_four_digit_column_get_their_zero_back() -> None:
    result = clean(read("rule5_lost_zero.csv"))
    report = result.report
    assert report.rows == 7
    assert report.sums == {"budsjett_2024": Decimal(0)}
    arts = {line.line_no: line.art for line in result.iter_lines()}
    assert arts == {2: "010", 3: "010", 4: "050", 5: "099", 6: "110", 7: "270", 8: "870"}
    barnevern = result.by_service(2024)["barnevern"]
    assert barnevern.pay_nok == Decimal(593_320)  # 400 000 + 100 000 + 20 000 + 73 320
    assert barnevern.gross_nok == Decimal(603_320)  # pay + 10 000 office supplies
    lost = [(w.line, w.message) for w in report.warnings if w.kind is IssueKind.LOST_ZERO]
    assert [line for line, _ in lost] == [3, 4, 5]
    assert "«100» er lest som konto 0100 (art 010), ikke art 100" in lost[0][1]
    assert "teksten «Arbeidsgjevaravgift» passer" in lost[2][1]
    assert kinds(result) == [IssueKind.LOST_ZERO] * 3


def test_a_short_code_whose_text_backs_it_as_written_stays() -> None:
    text = (DATA / "rule5_lost_zero.csv").read_text("utf-8")
    text += "990;Motpost avskrivingar;80000;0\n"
    result = clean(parse_budget(text.encode(), "k.csv", municipality="4601", year=2024))
    assert [line.art for line in result.iter_lines() if line.line_no == 9] == ["990"]
    assert [w.line for w in result.report.warnings if w.kind is IssueKind.LOST_ZERO] == [3, 4, 5]


def test_a_short_code_whose_text_fits_neither_reading_is_an_error() -> None:
    text = (DATA / "rule5_lost_zero.csv").read_text("utf-8") + "500;Skatt på formue;80000;0\n"
    result = parse_budget(text.encode(), "k.csv", municipality="4601", year=2024)
    (error,) = result.report.errors
    assert (error.kind, error.line) == (IssueKind.LOST_ZERO, 9)
    assert "kan være art 500 eller konto 0500 (art 050)" in error.message


def test_three_digit_art_columns_are_read_as_written() -> None:
    text = "funksjon;art;art_tekst;beløp\n244;100;Kontormateriell;5\n244;500;Renter;-5\n"
    result = clean(parse_budget(text.encode(), "a.csv", municipality="4601", year=2024))
    assert [line.art for line in result.iter_lines()] == ["100", "500"]
    assert IssueKind.LOST_ZERO not in kinds(result)


# Rule 6: KOSTRA code lists per year ---------------------------------------------------------------


def test_codes_are_checked_against_the_list_of_the_files_year() -> None:
    result = clean(read("rule6_code_lists.csv", year=None))
    report = result.report
    assert report.rows == 4
    assert report.sums == {"budsjett_2026": Decimal(0)}
    unknown = [(w.kind, w.line, w.value) for w in report.warnings]
    # SSB's 2026 list has function 257 and art 271, and no longer art 270 (split into 271/272)
    assert unknown == [(IssueKind.UNKNOWN_ART, 4, "270")]


def test_a_chosen_year_does_not_widen_the_years_of_a_column_that_names_its_own() -> None:
    # the web form always sends a year; the column «budsjett_2026» still says which list applies
    result = clean(read("rule6_code_lists.csv", year=2024))
    assert [(w.kind, w.value) for w in result.report.warnings] == [(IssueKind.UNKNOWN_ART, "270")]


def test_a_year_column_gives_the_years_of_a_long_file() -> None:
    # art 958 is in SSB's 2019 list and not in 2020's: known in a file of 2019 and 2020 rows,
    # unknown in a file of 2020 rows only
    rows = "841;958;-40 000\n841;230;40 000\n"
    both = (
        "år;funksjon;art;beløp\n"
        + rows.replace("841", "2019;841")
        + rows.replace("841", "2020;841")
    )
    assert (
        clean(parse_budget(both.encode(), "l.csv", municipality="4601", year=None)).report.warnings
        == ()
    )
    late = "år;funksjon;art;beløp\n" + rows.replace("841", "2020;841")
    warned = clean(parse_budget(late.encode(), "l.csv", municipality="4601", year=None))
    assert [(w.kind, w.value) for w in warned.report.warnings] == [(IssueKind.UNKNOWN_ART, "958")]


def test_the_same_codes_in_a_2013_file_follow_the_2013_list() -> None:
    text = (DATA / "rule6_code_lists.csv").read_text("utf-8").replace("2026", "2013")
    result = clean(parse_budget(text.encode(), "k.csv", municipality="4601", year=None))
    unknown = sorted((w.kind, w.value) for w in result.report.warnings)
    assert unknown == [(IssueKind.UNKNOWN_ART, "271"), (IssueKind.UNKNOWN_FUNCTION, "257")]


def test_art_958_is_known_while_ssb_lists_it_and_flagged_from_the_2020_reform() -> None:
    # SSB's control program lists art 958 «bruk av bundne investeringsfond» for 2017–2019
    # (ControlArter.java) and not in the 2020 list of the new kommunelov's accounts.
    text = (
        "funksjon;art;tekst;regnskap_{y}\n"
        "841;958;Bruk av bundne fond;-40 000\n"
        "841;230;Bygg;40 000\n"
    )
    then = clean(
        parse_budget(text.format(y=2019).encode(), "f.csv", municipality="4601", year=None)
    )
    assert then.report.warnings == ()
    now = clean(parse_budget(text.format(y=2020).encode(), "f.csv", municipality="4601", year=None))
    assert [(w.kind, w.line, w.value) for w in now.report.warnings] == [
        (IssueKind.UNKNOWN_ART, 2, "958")
    ]
    assert "«958» er ikke en kjent KOSTRA-art i 2020" in now.report.warnings[0].message
    assert now.report.sums == {"regnskap_2020": Decimal(0)}  # a warning leaves the line in


def test_art_558_is_in_no_list_and_stays_a_warning() -> None:
    text = "funksjon;art;budsjett_2024\n244;558;10\n244;010;-10\n"
    result = clean(parse_budget(text.encode(), "f.csv", municipality="4601", year=2024))
    assert [(w.kind, w.line, w.value) for w in result.report.warnings] == [
        (IssueKind.UNKNOWN_ART, 2, "558")
    ]


def test_a_file_spanning_years_knows_a_code_valid_in_any_of_them() -> None:
    # Art 958 is in SSB's 2019 list and not in 2020's (see the test above). A 2020 budget
    # beside the 2019 accounts may follow either year's chart: 958 is known; a file of 2020
    # and 2021 alone warns, naming both years.
    text = (
        "funksjon;art;tekst;{a};{b}\n"
        "841;958;Bruk av bundne fond;-40 000;-40 000\n"
        "841;230;Bygg;40 000;40 000\n"
    )
    both = text.format(a="regnskap_2019", b="budsjett_2020").encode()
    assert clean(parse_budget(both, "f.csv", municipality="4601", year=None)).report.warnings == ()
    later = text.format(a="budsjett_2020", b="budsjett_2021").encode()
    warnings = clean(parse_budget(later, "f.csv", municipality="4601", year=None)).report.warnings
    assert [(w.kind, w.line, w.value) for w in warnings] == [(IssueKind.UNKNOWN_ART, 2, "958")]
    assert "«958» er ikke en kjent KOSTRA-art i 2020–2021" in warnings[0].message


# Found by the fuzz (tests/unit/test_budget_fuzz_rules.py) --------------------------------------


def test_a_headerless_file_with_a_subtotal_row_is_still_headerless() -> None:
    text = "244;010;Fast lønn;500 000\n800;870;Skatt;-500 000\n;;Sum;0\n"
    result = parse_budget(text.encode(), "h.csv", municipality="4601", year=2024)
    assert result.report.headers == ("kolonne 1", "kolonne 2", "kolonne 3", "kolonne 4")
    assert [e.kind for e in result.report.errors] == [IssueKind.MAPPING_NEEDED]


def test_a_region_column_in_a_municipal_export_does_not_make_it_an_ssb_table() -> None:
    # «4601 Bergen» looks like SSB's region column, but «budsjett_2024» is the municipality's
    # own heading: the amounts are kroner, not 1000 kr
    text = (
        "region;funksjon;art;budsjett_2024\n4601 Bergen;244;010;1 000\n4601 Bergen;800;870;-1 000\n"
    )
    result = clean(parse_budget(text.encode(), "r.csv", municipality="4601", year=2024))
    assert result.report.amount_unit == "kr"
    assert result.by_service(2024)["barnevern"].gross_nok == Decimal(1000)


def test_a_warning_from_an_unverified_years_list_says_so() -> None:
    text = "funksjon;art;budsjett_{y}\n244;558;10\n244;010;-10\n"
    old = clean(parse_budget(text.format(y=2013).encode(), "f.csv", municipality="4601"))
    new = clean(parse_budget(text.format(y=2024).encode(), "f.csv", municipality="4601"))
    assert "ikke kontrollert mot SSB" in old.report.warnings[0].message
    assert "ikke kontrollert mot SSB" not in new.report.warnings[0].message

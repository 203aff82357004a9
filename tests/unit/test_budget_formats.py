"""Every file quirk the importer must read, written here as bytes."""

import codecs
from decimal import Decimal

import pytest

from coop.budget_import.parse import ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind

SSB_TITLE = (
    '"12367: Detaljerte regnskapstall driftsregnskapet, etter region, funksjon, art, '
    'statistikkvariabel og år"'
)


def parse(raw: bytes, **options: object) -> ParsedBudget:
    options.setdefault("municipality", "5522")
    options.setdefault("year", 2024)
    return parse_budget(raw, "budsjett.csv", **options)  # type: ignore[arg-type]


def amounts(result: ParsedBudget) -> list[Decimal]:
    assert not result.report.has_errors, [i.message for i in result.report.errors]
    return [line.amount_nok for line in result.iter_lines()]


@pytest.mark.parametrize(
    ("encoding", "bom", "reported"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("cp1252", b"", "windows-1252"),
        ("latin-1", b"", "iso-8859-1"),
    ],
)
def test_encodings_are_detected_and_reported(encoding: str, bom: bytes, reported: str) -> None:
    text = "tjeneste;art;beløp;tekst\n24400;010;1 200;Løn – «fast»\n"
    if encoding == "latin-1":
        text = text.replace("–", "-").replace("«", '"').replace("»", '"')
    result = parse(bom + text.encode(encoding))
    assert result.report.encoding == reported
    assert result.report.headers == ("tjeneste", "art", "beløp", "tekst")
    assert amounts(result) == [Decimal("1200")]


@pytest.mark.parametrize("separator", [";", ",", "\t"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_separators_and_line_ends(separator: str, newline: str) -> None:
    rows = [["funksjon", "art", "beløp"], ["244", "010", "1 200"], ["251", "010", "-300"], [""]]
    text = newline.join(separator.join(r) for r in rows)
    result = parse(text.encode("utf-8"))
    assert result.report.separator == separator
    assert [line.line_no for line in result.iter_lines()] == [2, 3]
    assert amounts(result) == [Decimal("1200"), Decimal("-300")]


def test_all_number_styles_in_one_column() -> None:
    cells = [
        "1 635 543", "1\u00a0635\u00a0543", "810 000,00", "1.234.567,00", "-0,06",
        " -1 362 250 ", " -   ", "\u22121 200", "(1 200)",
    ]  # fmt: skip
    text = "funksjon;art;beløp\n" + "".join(f"244;010;{c}\n" for c in cells)
    assert amounts(parse(text.encode("utf-8"))) == [
        Decimal(v)
        for v in ("1635543", "1635543", "810000", "1234567", "-0.06", "-1362250", "0", "-1200")
        + ("-1200",)
    ]


def test_ssb_missing_symbols_give_no_line_and_a_dash_gives_zero() -> None:
    text = "funksjon;art;beløp\n244;010;.\n244;020;..\n244;030;...\n244;040;:\n244;050;-\n"
    result = parse(text.encode("utf-8"))
    assert [(line.line_no, line.amount_nok) for line in result.iter_lines()] == [(6, Decimal(0))]


def test_a_preliminary_figure_is_kept_and_flagged() -> None:
    result = parse("funksjon;art;beløp\n244;010;120*\n".encode())
    assert amounts(result) == [Decimal("120")]
    assert [(w.kind, w.line) for w in result.report.warnings] == [(IssueKind.PRELIMINARY, 2)]


def test_a_quoted_header_over_unquoted_rows() -> None:
    text = '"konto";"tjeneste";"budsjett_2024"\r\n01010;24400;5\r\n'
    assert amounts(parse(text.encode("utf-8"))) == [Decimal(5)]


def test_extra_empty_trailing_fields_are_warned_about_not_shifted() -> None:
    text = "funksjon;art;beløp\n244;010;100;;\n251;010;200;\n"
    result = parse(text.encode("utf-8"))
    assert amounts(result) == [Decimal(100), Decimal(200)]
    ragged = [w for w in result.report.warnings if w.kind is IssueKind.RAGGED_ROW]
    assert [w.line for w in ragged] == [2]
    assert "2 linjer" in ragged[0].message


def test_an_extra_value_after_the_last_column_is_a_warning_while_the_sum_balances() -> None:
    text = "funksjon;art;beløp\n244;010;100\n251;010;200;300\n"
    result = parse(text.encode("utf-8"))
    assert amounts(result) == [Decimal(100), Decimal(200)]
    ragged = [w for w in result.report.warnings if w.kind is IssueKind.RAGGED_ROW]
    assert [w.line for w in ragged] == [3]
    assert "«300»" in ragged[0].message


def test_an_extra_value_with_an_unbalanced_sum_is_an_error() -> None:
    text = "funksjon;art;beløp\n244;010;100\n251;010;200 000;300\n"
    errors = parse(text.encode("utf-8")).report.errors
    assert [(e.kind, e.line) for e in errors] == [(IssueKind.RAGGED_ROW, 3)]
    assert "forskjøvet" in errors[0].message
    assert "linje 3: 1 linje har flere felt" in errors[0].message


def test_a_short_row_missing_an_amount_field_is_an_error() -> None:
    text = "funksjon;art;beløp\n244;010;100\n251;010\n"
    errors = parse(text.encode("utf-8")).report.errors
    assert [(e.kind, e.line) for e in errors] == [(IssueKind.RAGGED_ROW, 3)]
    assert "bare 2 felt, men overskriften har 3" in errors[0].message


def test_a_wide_file_gives_one_series_per_year_column() -> None:
    text = "konto;tjeneste;rekneskap_2011;budsjett_2012;2014\n01010;24400;1;2;3\n"
    result = parse(text.encode("utf-8"), year=None)
    columns = [(c.label, c.year, c.kind) for c in result.report.amount_columns]
    assert columns == [
        ("rekneskap_2011", 2011, "regnskap"),
        ("budsjett_2012", 2012, "budsjett"),
        ("2014", 2014, None),
    ]
    assert result.report.sums == {
        "rekneskap_2011": Decimal(1),
        "budsjett_2012": Decimal(2),
        "2014": Decimal(3),
    }


def test_a_long_file_gives_one_series_per_year_in_its_year_column() -> None:
    text = "år;funksjon;art;beløp\n2023;244;010;100\n2024;244;010;200\n2024;252;010;50\n"
    result = parse(text.encode("utf-8"), year=None)
    assert [c.label for c in result.report.amount_columns] == ["beløp 2023", "beløp 2024"]
    assert result.by_service(2024)["barnevern"].gross_nok == Decimal(250)


def test_a_bad_year_cell_is_an_error() -> None:
    errors = parse("år;funksjon;art;beløp\n20x4;244;010;100\n".encode()).report.errors
    assert [(e.kind, e.line) for e in errors] == [(IssueKind.NOT_A_YEAR, 2)]


@pytest.mark.parametrize(
    "header",
    [
        "teneste;konto;ansvar;prosjekt;beloep",
        "funksjon;art;ansvar;prosjekt;nok",
        "tjeneste_nr;art;ansvar;prosjekt;beløp",
        "funksjonsomrade;art;ansvar;prosjekt;Beløp",
    ],
)
def test_bokmal_and_nynorsk_headers(header: str) -> None:
    result = parse(f"{header}\n24410;010;A1;P7;5\n".encode())
    line = next(result.iter_lines())
    assert (line.function, line.art, line.ansvar, line.project) == ("244", "010", "A1", "P7")


def test_a_sogndal_konto_holds_the_art_after_a_ledger_digit() -> None:
    text = "konto;tjeneste;beløp\n10100;24400;100\n13500;24400;50\n17500;24400;-30\n"
    result = parse(text.encode("utf-8"))
    assert [line.art for line in result.iter_lines()] == ["010", "350", "750"]
    assert any("10100 → art 010" in note for note in result.report.notes)


def test_a_konto_that_starts_with_its_art() -> None:
    text = "konto;tjeneste;beløp\n01010;24400;100\n35010;24400;50\n75010;24400;-30\n"
    assert [line.art for line in parse(text.encode()).iter_lines()] == ["010", "350", "750"]


def test_an_art_that_lost_its_leading_zero_in_excel_is_restored() -> None:
    assert next(parse(b"funksjon;art;belop\n244;10;5\n").iter_lines()).art == "010"


def test_text_columns_are_ignored_silently() -> None:
    text = "konto;konto_tekst;tjeneste;Tjeneste(T);avdeling-tekst;beløp\n01010;Løn;24400;BV;x;5\n"
    result = parse(text.encode("utf-8"))
    assert result.report.warnings == ()


def test_double_encoded_letters_are_warned_about() -> None:
    text = "funksjon;art;beløp;tekst\n244;010;5;LÃ¸nn\n"
    result = parse(text.encode("utf-8"))
    assert [w.kind for w in result.report.warnings] == [IssueKind.ENCODING]


def test_an_ssb_export_with_title_line_region_cells_and_thousands() -> None:
    raw = (
        SSB_TITLE + "\r\n\r\n"
        '"region";"funksjon";"art";"statistikkvariabel";"år";"12367: Detaljerte regnskapstall"\r\n'
        '"5522 Salangen";"244 Barnevernstjeneste";"010 Fastlønn";"Beløp (1000 kr)";"2023";1234\r\n'
        '"5522 Salangen";"244 Barnevernstjeneste";"020 Vikarer";"Beløp (1000 kr)";"2023";..\r\n'
        '"5522 Salangen (2020-2023)";"252 Barnevern";"010 Lønn";"Beløp (1000 kr)";"2023";0,5\r\n'
    ).encode("latin-1")
    result = parse(raw, year=None, known_municipalities={"5522", "5518"})
    assert result.report.encoding == "iso-8859-1"
    assert result.report.amount_unit == "1000 kr"
    assert [
        (line.line_no, line.function, line.art, line.amount_nok) for line in result.iter_lines()
    ] == [
        (4, "244", "010", Decimal("1234000")),
        (6, "252", "010", Decimal("500")),
    ]
    assert result.by_service(2023)["barnevern"].pay_nok == Decimal("1234500")


def test_a_wide_ssb_export_names_the_year_in_each_amount_header() -> None:
    text = '"region";"funksjon";"art";"Beløp (1000 kr) 2022";"Beløp (1000 kr) 2023"\n'
    text += '"5522 Salangen";"244 Barnevern";"010 Fastlønn";1;2\n'
    result = parse(text.encode("utf-8"), year=None)
    assert [(c.year, result.report.sums[c.label]) for c in result.report.amount_columns] == [
        (2022, Decimal(1000)),
        (2023, Decimal(2000)),
    ]


def test_region_cells_must_be_this_existing_municipality() -> None:
    text = (
        "region;funksjon;art;beløp\n"
        "5522 Salangen;244;010;1\n"
        "5518 Lavangen;244;010;1\n"
        "9999 Atlantis;244;010;1\n"
        "EAK Landet;244;010;1\n"
    )
    result = parse(text.encode("utf-8"), known_municipalities={"5522", "5518"})
    assert [(e.kind, e.line) for e in result.report.errors] == [
        (IssueKind.UNKNOWN_MUNICIPALITY, 5),
        (IssueKind.UNKNOWN_MUNICIPALITY, 4),
        (IssueKind.OTHER_MUNICIPALITY, 3),
    ]
    assert "kommunenummer 9999 finnes ikke i kommuneregisteret" in result.report.errors[1].message


def test_physical_line_numbers_survive_bom_title_blank_line_and_quoted_newline() -> None:
    raw = (
        codecs.BOM_UTF8
        + (
            "Driftsbudsjett 2024\r\n"  # 1
            "\r\n"  # 2
            "funksjon;art;tekst;beløp\r\n"  # 3
            "244;010;kort;100\r\n"  # 4
            '251;010;"to\r\nlinjer";200\r\n'  # 5-6
            "\r\n"  # 7
            "252;010;siste;x\r\n"  # 8
        ).encode()
    )
    result = parse(raw)
    assert [(e.line, e.value) for e in result.report.errors] == [(8, "x")]
    fixed = parse(raw.replace(b";x\r\n", b";300\r\n"))
    assert [line.line_no for line in fixed.iter_lines()] == [4, 5, 8]

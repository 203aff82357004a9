import codecs
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coop.budget_import.read import Unreadable, decode, find_head, read_body

TABLE = "funksjon;art;beløp\n244;010;1 200\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TABLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TABLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TABLE.encode("utf-16-le"), "utf-16"),
        ("beløp – «sum»\n".encode("cp1252"), "windows-1252"),
        ("beløp æøå\n".encode("latin-1"), "iso-8859-1"),
    ],
)
def test_the_encoding_is_detected_and_reported(raw: bytes, encoding: str) -> None:
    decoded = decode(raw)
    assert decoded.encoding == encoding
    assert "beløp" in decoded.text


def test_line_ends_become_lf_and_a_lone_cr_counts_as_one() -> None:
    assert decode(b"a;b\r\n1;2\r3;4\n").text == "a;b\n1;2\n3;4\n"


def test_undecodable_bytes_after_a_utf8_bom_are_counted() -> None:
    decoded = decode(codecs.BOM_UTF8 + b"a;b\n\xff;1\n")
    assert decoded.replaced == 1


@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_the_separator_is_sniffed(separator: str) -> None:
    text = f"funksjon{separator}art{separator}beløp\n244{separator}010{separator}5\n"
    head = find_head(text)
    assert head.separator == separator
    assert head.headers == ("funksjon", "art", "beløp")


def test_decimal_commas_do_not_make_a_semicolon_file_comma_separated() -> None:
    text = "funksjon;beløp;budsjett\n244;1 200,50;3,5\n251;7,25;1,0\n"
    assert find_head(text).separator == ";"


def test_a_title_with_commas_and_a_blank_line_come_before_the_header() -> None:
    text = "Budsjett 2024, Salangen kommune, drift\n\nfunksjon;art;beløp\n244;010;5\n244;020;6\n"
    head = find_head(text)
    assert (head.separator, head.header_line, head.body_line) == (";", 3, 4)
    assert head.preamble == ("Budsjett 2024, Salangen kommune, drift",)


def test_a_file_without_a_table_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="fant ingen tabell"):
        find_head("bare tekst\nog mer tekst\n")


def test_binary_data_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="binære data"):
        find_head("a;b\n\x00\x01;2\n")


def test_rows_keep_their_physical_line_numbers() -> None:
    raw = (
        codecs.BOM_UTF8
        + (
            '"Tittel: driftsbudsjett, 2024"\r\n'  # 1
            "\r\n"  # 2
            '"funksjon";"tekst";"beløp"\r\n'  # 3 quoted header, unquoted rows
            "244;vanlig;100\r\n"  # 4
            "\r\n"  # 5 blank
            '251;"to\r\nlinjer";200\r\n'  # 6-7 quoted newline
            "252;etter;300\r\n"  # 8
        ).encode()
    )
    text = decode(raw).text
    head = find_head(text)
    body = read_body(text, head, [0, 1, 2])
    assert head.headers == ("funksjon", "tekst", "beløp")
    assert body.line_no.tolist() == [4, 6, 8]
    assert body.cells[1].tolist() == ["vanlig", "to\nlinjer", "etter"]
    assert body.cells[2].tolist() == ["100", "200", "300"]


def test_separators_inside_quotes_do_not_count_as_fields() -> None:
    text = 'funksjon;tekst;beløp\n244;"a; b; c";100\n251;d;200\n'
    body = read_body(text, find_head(text), [0, 1, 2])
    assert body.field_count.tolist() == [3, 3]
    assert body.cells[1].tolist() == ["a; b; c", "d"]


def test_extra_fields_are_read_so_they_can_be_reported() -> None:
    text = "funksjon;art;beløp\n244;010;100;;\n251;010;200;x\n252;010\n"
    body = read_body(text, find_head(text), [0, 1, 2])
    assert body.field_count.tolist() == [5, 4, 2]
    assert body.cells[3].tolist() == ["", "x", ""]
    assert body.cells[2].tolist() == ["100", "200", ""]


def test_an_unclosed_quote_does_not_break_the_reader() -> None:
    text = 'funksjon;tekst;beløp\n244;"åpen;100\n251;b;200\n'
    body = read_body(text, find_head(text), [0, 1, 2])
    assert body.line_no.tolist() == [2]
    assert body.field_count.tolist() == [2]


field_text = st.text(alphabet=st.sampled_from(list('ab1 ;,"\n\t')), max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(field_text, min_size=3, max_size=3), st.booleans()),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["\n", "\r\n"]),
)
def test_line_numbers_and_cells_match_the_csv_module(
    rows: list[tuple[list[str], bool]], separator: str, newline: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator=newline)
    writer.writerow(["funksjon", "tekst", "beløp"])
    expected: list[tuple[int, list[str]]] = []
    for fields, blank_before in rows:
        if blank_before:
            out.write(newline)
        line = out.getvalue().replace("\r\n", "\n").count("\n") + 1
        writer.writerow(fields)
        if any(f.strip(" \t") for f in fields):  # rows of only blanks are skipped
            expected.append((line, [f.replace("\r\n", "\n") for f in fields]))
    text = decode(out.getvalue().encode("utf-8")).text
    head = find_head(text)
    body = read_body(text, head, [0, 1, 2])
    assert head.separator == separator
    assert list(zip(body.line_no.tolist(), body.cells.to_numpy().tolist(), strict=True)) == expected

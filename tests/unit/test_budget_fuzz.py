"""Whatever the bytes, parse_budget returns a report: a bad file never raises."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.budget_import.parse import ParsedBudget, parse_budget

GOOD = (
    '"Budsjett 2024"\r\n\r\n'
    "konto;konto_tekst;ansvar;tjeneste;budsjett_2023;budsjett_2024\r\n"
    "10100;Løn faste;100;24400;1 635 543;1 700 000\r\n"
    '13500;"Kjøp; andre kommunar";100;24400;-0,06;(1 200)\r\n'
    "17500;Refusjon;100;24400; -   ;..\r\n"
    "18700;Skatt;900;80000;-1 635 542,94;-1 698 800\r\n"
)


def parse(raw: bytes) -> ParsedBudget:
    return parse_budget(raw, "fuzz.csv", municipality="5522", year=2024)


def holds_invariants(result: ParsedBudget) -> None:
    report = result.report
    if report.has_errors:
        assert result.lines.empty
        assert result.by_service(2024) == {}
    for issue in report.issues:
        assert issue.message.startswith("fuzz.csv")
    result.report_json()


def test_the_fuzz_seed_file_itself_is_clean() -> None:
    result = parse(GOOD.encode("utf-8"))
    assert not result.report.has_errors
    assert result.report.sums == {"budsjett_2023": Decimal(0), "budsjett_2024": Decimal(0)}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_report(raw: bytes) -> None:
    holds_invariants(parse(raw))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(GOOD.encode("utf-8"))))
def test_a_truncated_file_gives_a_report(cut: int) -> None:
    holds_invariants(parse(GOOD.encode("utf-8")[:cut]))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["utf-16", "utf-16-be", "cp1252", "latin-1", "utf-32", "cp865"]))
def test_a_file_in_an_unexpected_encoding_gives_a_report(encoding: str) -> None:
    raw = GOOD.replace("Løn", "Lon" if encoding == "cp865" else "Løn").encode(
        encoding, errors="replace"
    )
    holds_invariants(parse(raw))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD) - 1), st.sampled_from(list(';,"\t\n\r x-.*()\u00a0'))),
        max_size=6,
    )
)
def test_a_damaged_file_gives_a_report(edits: list[tuple[int, str]]) -> None:
    text = list(GOOD)
    for position, char in edits:
        text[position] = char
    holds_invariants(parse("".join(text).encode("utf-8")))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('0123456789;,"\n -.abcæøå*()\t')), max_size=300))
def test_random_csv_like_text_gives_a_report(text: str) -> None:
    holds_invariants(parse(("funksjon;art;beløp\n" + text).encode("utf-8")))

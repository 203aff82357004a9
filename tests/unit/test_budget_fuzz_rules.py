"""Issue 16 fuzz: generated budgets with known lines, written with random mixes of the quirks
real exports have (header synonyms, trailing extra fields, subtotal rows, a title, several
tables, blank lines, encodings, separators, quoting, number formats). The importer must read
every true line and total, or refuse with line-numbered reasons and no lines at all.

300 examples by default; ``COOP_FUZZ_EXAMPLES=10000`` for the long run (bench/README.md).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.budget_import.parse import parse_budget

EXAMPLES = int(os.environ.get("COOP_FUZZ_EXAMPLES", "300"))
FUNCTIONS = ("100", "222", "244", "251", "253", "303", "370", "385")
ARTS = ("010", "020", "099", "110", "270", "350", "429", "600", "750")
FUNCTION_HEADERS = ("funksjon", "Tjeneste-id", "Funksjon (KOSTRA)", "tjenestenr", "Tjeneste nr.")
ART_HEADERS = ("art", "Art (KOSTRA)", "artnr", "Kontonr.")
AMOUNT_HEADERS = (("budsjett_2024", "budsjett_2025"), ("Budsjett 2024", "Økonomiplan 2025"))


@dataclass(frozen=True)
class Quirks:
    encoding: str
    separator: str
    newline: str
    quote_all: bool
    number_style: str
    title: bool
    extra_fields: bool
    subtotals: bool
    tables: int
    blank_lines: bool
    function_header: str
    art_header: str
    amount_headers: tuple[str, str]


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    return sep.join([digits, *out])


def fmt(ore: int, style: str, encoding: str) -> str:
    """One amount in øre as a Norwegian export might write it."""
    kr, cents = divmod(abs(ore), 100)
    decimals = f",{cents:02d}" if cents or style in ("dots", "nbsp") else ""
    if ore == 0 and style == "excel":
        return " -   "
    grouped = {
        "plain": str(kr),
        "spaces": _group(str(kr), " "),
        "nbsp": _group(str(kr), "\u00a0"),
        "dots": _group(str(kr), "."),
        "excel": _group(str(kr), " "),
        "parens": _group(str(kr), " "),
    }[style] + decimals
    if style == "excel":
        grouped = f" {grouped} "  # Excel's accounting format pads both sides
    if ore >= 0:
        return grouped
    if style == "parens":
        return f"({grouped.strip()})"
    minus = "\u2212" if style == "nbsp" and encoding.startswith("utf") else "-"
    return grouped.replace(grouped.strip(), minus + grouped.strip(), 1)


@st.composite
def budgets(draw: st.DrawFn) -> tuple[list[tuple[str, str, int, int]], Quirks]:
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(FUNCTIONS),
                st.sampled_from(ARTS),
                st.integers(-(10**10), 10**10),
                st.integers(-(10**10), 10**10),
            ),
            min_size=1,
            max_size=12,
        )
    )
    # a balancing tax line: a complete operating budget sums to 0 (domain.md §6)
    rows.append(("800", "870", -sum(r[2] for r in rows), -sum(r[3] for r in rows)))
    quirks = Quirks(
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"])),
        separator=draw(st.sampled_from([";", ",", "\t"])),
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        quote_all=draw(st.booleans()),
        number_style=draw(st.sampled_from(["plain", "spaces", "nbsp", "dots", "excel", "parens"])),
        title=draw(st.booleans()),
        extra_fields=draw(st.booleans()),
        subtotals=draw(st.booleans()),
        tables=draw(st.integers(1, 3)),
        blank_lines=draw(st.booleans()),
        function_header=draw(st.sampled_from(FUNCTION_HEADERS)),
        art_header=draw(st.sampled_from(ART_HEADERS)),
        amount_headers=draw(st.sampled_from(AMOUNT_HEADERS)),
    )
    return rows, quirks


def write(rows: list[tuple[str, str, int, int]], q: Quirks) -> bytes:
    """The budget as file bytes with the quirks applied."""
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if q.quote_all else csv.QUOTE_MINIMAL
    out = csv.writer(buffer, delimiter=q.separator, lineterminator=q.newline, quoting=quoting)
    header = [q.function_header, q.art_header, "tekst", *q.amount_headers]
    size = -(-len(rows) // q.tables)
    for t in range(q.tables):
        part = rows[t * size : (t + 1) * size]
        if not part:
            continue
        if q.title or t:
            # no comma: a comma title over a two-row «;» file reads as «,» (test_budget_rules)
            buffer.write(f"Driftsbudsjett 2024 del {t + 1}{q.newline}")
        out.writerow(header)
        for i, (function, art, a, b) in enumerate(part):
            cells = [function, art, f"Post {i}", fmt(a, q.number_style, q.encoding)]
            cells.append(fmt(b, q.number_style, q.encoding))
            if q.extra_fields and i % 2:
                cells += ["", "2121102383000"]
            out.writerow(cells)
        if q.subtotals:
            a, b = sum(r[2] for r in part), sum(r[3] for r in part)
            out.writerow(["", "", f"Sum del {t + 1}", fmt(a, q.number_style, q.encoding),
                          fmt(b, q.number_style, q.encoding)])  # fmt: skip
        if q.blank_lines:
            buffer.write(q.newline)
    return buffer.getvalue().encode(q.encoding)


@settings(max_examples=EXAMPLES, deadline=None)
@given(budgets())
def test_generated_budgets_are_read_to_the_ore_or_refused_by_line(
    budget: tuple[list[tuple[str, str, int, int]], Quirks],
) -> None:
    rows, quirks = budget
    raw = write(rows, quirks)
    result = parse_budget(raw, "fuzz.csv", municipality="4601", year=2024)
    report = result.report
    if report.has_errors:
        assert result.lines.empty  # never a partial import
        messages = [e.message for e in report.errors]
        assert all(e.line is not None for e in report.errors), (messages, raw)
        raise AssertionError(messages, raw)  # these quirks are all valid
    first, second = quirks.amount_headers
    by_column: dict[str, list[tuple[str, str, Decimal]]] = {first: [], second: []}
    for line in result.iter_lines():
        by_column[line.column].append((line.function, line.art or "", line.amount_nok))
    for column, index in ((first, 2), (second, 3)):
        expected = [(r[0], r[1], Decimal(r[index]).scaleb(-2)) for r in rows]
        assert by_column[column] == expected, column
        assert report.sums[column] == Decimal(0)

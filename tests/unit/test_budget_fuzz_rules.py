"""Issue 16 fuzz: generated budgets with known lines, written with random mixes of the quirks
real exports have — header synonyms (rule 8), trailing extra fields (1), subtotal rows (2), no
header row (3), a title and several tables (4), konto codes that lost a leading zero (5), a
region column, blank lines — and of encodings (UTF-8, UTF-8 with BOM, Windows-1252, Latin-1),
separators, quoting and number formats. Some budgets carry amounts past the cap (issue 15.8).

The importer must read every true line and total, or refuse with line-numbered reasons (the
lines past the cap, and only those) and no lines at all: never a partial import. A headerless
file must first ask for its columns, then read everything once they are given.

100 examples by default; ``COOP_FUZZ_EXAMPLES=10000`` for the long run (bench/README.md).
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from coop.budget_import.parse import ParsedBudget, parse_budget
from coop.budget_import.report import IssueKind
from coop.domain.limits import KRONER_LIMIT

EXAMPLES = int(os.environ.get("COOP_FUZZ_EXAMPLES", "100"))
FUNCTIONS = ("100", "222", "244", "251", "253", "303", "370", "385")
ARTS = ("010", "020", "099", "110", "270", "350", "429", "600", "750")
# konto texts as a finance officer writes them: pay arts name pay, so a konto that lost its
# leading zero (0100 → 100) can be told from art 100 by the text beside it (rule 5)
TEXTS = {
    "010": "Fast løn", "020": "Vikarløn", "099": "Arbeidsgjevaravgift", "110": "Kontormateriell",
    "270": "Konsulenttenester", "350": "Kjøp frå kommunar", "429": "Meirverdiavgift",
    "600": "Brukarbetaling", "750": "Refusjon frå kommunar", "870": "Skatt",
}  # fmt: skip
FUNCTION_HEADERS = ("funksjon", "Tjeneste-id", "Funksjon (KOSTRA)", "tjenestenr", "Tjeneste nr.")
ART_HEADERS = ("art", "Art (KOSTRA)", "artnr", "Kontonr.")
AMOUNT_HEADERS = (("budsjett_2024", "budsjett_2025"), ("Budsjett 2024", "Økonomiplan 2025"))
CAP_ORE = int(KRONER_LIMIT) * 100  # an amount must be below this in absolute value
MAX_ROWS = 12
VALID = CAP_ORE // (MAX_ROWS + 1)  # small enough that the balancing line stays under the cap


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
    konto: bool  # four-digit konto codes (art + 0) instead of three-digit arts
    lost_zeros: bool  # … some of which lost their leading zero
    region: str  # "" (no column), "4601" or "4601 Bergen"
    headerless: bool


Row = tuple[str, str, int, int]


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


def lost(rows: list[Row], q: Quirks) -> set[int]:
    """Rows whose konto is written without its leading zero: every other pay row, and only
    while the four-digit codes stay a clear majority of the column's distinct codes."""
    if not (q.konto and q.lost_zeros):
        return set()
    chosen = {i for i, r in enumerate(rows) if r[1].startswith("0") and i % 2 == 1}
    short = {rows[i][1] for i in chosen}
    long_codes = {r[1] for i, r in enumerate(rows) if i not in chosen}
    clear = len(long_codes) >= 3 and len(long_codes) > 2 * len(short)
    return chosen if clear else set()


def konto_of(art: str, dropped: bool) -> str:
    code = art + "0"  # the four-digit layout: art then a sub-account digit
    return code.lstrip("0") if dropped else code


@st.composite
def amounts(draw: st.DrawFn) -> int:
    """Øre: mostly ordinary, sometimes close to the cap, sometimes past it."""
    kind = draw(st.sampled_from(["ordinary"] * 40 + ["large"] * 5 + ["past"]))
    if kind == "ordinary":
        return draw(st.integers(-(10**10), 10**10))
    if kind == "large":
        return draw(st.integers(-VALID, VALID))
    return draw(st.integers(CAP_ORE, 10**19)) * draw(st.sampled_from([1, -1]))


@st.composite
def budgets(draw: st.DrawFn) -> tuple[list[Row], Quirks]:
    rows = draw(
        st.lists(
            st.tuples(st.sampled_from(FUNCTIONS), st.sampled_from(ARTS), amounts(), amounts()),
            min_size=1,
            max_size=MAX_ROWS,
        )
    )
    # a balancing tax line: a complete operating budget sums to 0 (domain.md §6)
    valid = [[v if abs(v) < CAP_ORE else 0 for v in r[2:]] for r in rows]
    rows.append(("800", "870", -sum(v[0] for v in valid), -sum(v[1] for v in valid)))
    tables = draw(st.integers(1, 3))
    title = draw(st.booleans())
    konto = draw(st.booleans())
    quirks = Quirks(
        encoding=draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"])),
        separator=draw(st.sampled_from([";", ",", "\t"])),
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        quote_all=draw(st.booleans()),
        number_style=draw(st.sampled_from(["plain", "spaces", "nbsp", "dots", "excel", "parens"])),
        title=title,
        extra_fields=draw(st.booleans()),
        subtotals=draw(st.booleans()),
        tables=tables,
        blank_lines=draw(st.booleans()),
        function_header=draw(st.sampled_from(FUNCTION_HEADERS)),
        art_header=draw(st.sampled_from(ART_HEADERS)),
        amount_headers=draw(st.sampled_from(AMOUNT_HEADERS)),
        konto=konto,
        lost_zeros=konto and draw(st.booleans()),
        region=draw(st.sampled_from(["", "4601", "4601 Bergen"])),
        headerless=tables == 1 and not title and draw(st.booleans()),
    )
    return rows, quirks


def write(rows: list[Row], q: Quirks) -> tuple[bytes, list[int], list[Row]]:
    """The budget as file bytes with the quirks applied, each row's line number, and the
    subtotal rows (their line number as the function)."""
    buffer = io.StringIO()
    quoting = csv.QUOTE_ALL if q.quote_all else csv.QUOTE_MINIMAL
    out = csv.writer(buffer, delimiter=q.separator, lineterminator=q.newline, quoting=quoting)
    region = ["region"] if q.region else []
    header = [*region, q.function_header, q.art_header, "tekst", *q.amount_headers]
    size = -(-len(rows) // q.tables)
    dropped = lost(rows, q)
    line, row_lines, subtotals = 0, [], []

    def emit(cells: list[str] | None = None, text: str = "") -> None:
        nonlocal line
        line += 1
        if cells is None:
            buffer.write(text + q.newline)
        else:
            out.writerow(cells)

    for t in range(q.tables):
        part = range(t * size, min((t + 1) * size, len(rows)))
        if not part:
            continue
        if q.title or t:
            # no comma: a comma title over a two-row «;» file reads as «,» (test_budget_rules)
            emit(text=f"Driftsbudsjett 2024 del {t + 1}")
        if not q.headerless:
            emit(header)
        for i in part:
            function, art, a, b = rows[i]
            code = konto_of(art, i in dropped) if q.konto else art
            cells = [*([q.region] if q.region else []), function, code, TEXTS[art]]
            cells += [fmt(a, q.number_style, q.encoding), fmt(b, q.number_style, q.encoding)]
            if q.extra_fields and i % 2:
                cells += ["", "2121102383000"]
            emit(cells)
            row_lines.append(line)
        if q.subtotals:
            a, b = (sum(rows[i][k] for i in part) for k in (2, 3))
            label = [*([""] if q.region else []), "", "", f"Sum del {t + 1}"]
            emit([*label, fmt(a, q.number_style, q.encoding), fmt(b, q.number_style, q.encoding)])
            subtotals.append((str(line), "", a, b))
        if q.blank_lines:
            emit(text="")
    return buffer.getvalue().encode(q.encoding), row_lines, subtotals


def answer(q: Quirks) -> dict[str, str]:
    """What a finance officer tells the «which column is what» form for a headerless file."""
    first = 2 if q.region else 1
    return {
        f"kolonne {first}": "function",
        f"kolonne {first + 1}": "art",
        f"kolonne {first + 3}": "amount",
    }


def refused(result: ParsedBudget) -> list[int | None]:
    """The lines of the errors, after checking nothing was read."""
    assert result.lines.empty  # never a partial import
    assert result.by_service(2024) == {}
    return sorted({e.line for e in result.report.errors}, key=lambda n: n or 0)


@settings(max_examples=EXAMPLES, deadline=None)
@given(budgets())
def test_generated_budgets_are_read_to_the_ore_or_refused_by_line(
    budget: tuple[list[Row], Quirks],
) -> None:
    rows, quirks = budget
    raw, row_lines, subtotals = write(rows, quirks)
    column_map = None
    if quirks.headerless:  # rule 3: ask for the columns, keep every line
        asked = parse_budget(raw, "fuzz.csv", municipality="4601", year=2024)
        assert [e.kind for e in asked.report.errors] == [IssueKind.MAPPING_NEEDED], raw
        assert refused(asked) == [None]
        column_map = answer(quirks)
    result = parse_budget(raw, "fuzz.csv", municipality="4601", year=2024, column_map=column_map)
    report = result.report
    columns = ("kolonne 4",) if quirks.headerless else quirks.amount_headers
    checked = (2,) if quirks.headerless else (2, 3)
    if quirks.headerless and quirks.region:
        columns = ("kolonne 5",)
    lines = [(n, r) for n, r in zip(row_lines, rows, strict=True)]
    lines += [(int(r[0]), r) for r in subtotals]  # a subtotal of amounts past the cap is too
    past = sorted({n for n, r in lines for k in checked if abs(r[k]) >= CAP_ORE})
    if past or report.has_errors:
        messages = [e.message for e in report.errors]
        assert past, (messages, raw)  # every quirk here is one a finance officer's file has
        assert None not in refused(result), messages  # every reason names its line
        cap = "100\u00a0000\u00a0000\u00a0000\u00a0kr"
        assert {e.line for e in report.errors if cap in e.message} == set(past), messages
        # rule 1: a sum that stops balancing under rows with extra fields is refused as well
        others = [e.message for e in report.errors if e.line not in past]
        assert all(quirks.extra_fields and "flere felt" in m for m in others), messages
        return
    by_column: dict[str, list[tuple[str, str, Decimal]]] = {c: [] for c in columns}
    for line in result.iter_lines():
        by_column[line.column].append((line.function, line.art or "", line.amount_nok))
    for column, index in zip(columns, checked, strict=True):
        expected = [(r[0], r[1], Decimal(r[index]).scaleb(-2)) for r in rows]
        assert by_column[column] == expected, (column, raw)
        assert report.sums[column] == Decimal(0)
    if lost(rows, quirks):
        assert IssueKind.LOST_ZERO in {w.kind for w in report.warnings}

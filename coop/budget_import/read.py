"""Bytes → a table of strings with the file's physical line numbers (decode, sniff, read).

Nothing here interprets a cell: every value stays the string in the file. The encoding is
detected (BOM, UTF-8, else Windows-1252/ISO-8859-1) and reported; the separator (``;``, tab or
``,``) and the header line are sniffed, so a title line and blank lines may come first.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

SEPARATORS = (";", "\t", ",")  # tried in this order; ties go to the first
SEPARATOR_NAMES = {";": "semikolon", "\t": "tabulator", ",": "komma"}
_SAMPLE_CHARS = 200_000
_C1_BYTES = re.compile(rb"[\x80-\x9f]")  # printable in Windows-1252, control codes in ISO-8859-1
_BLANK = " \t\u00a0\x1a"  # with the separator: a line of only these is blank (\x1a: DOS EOF)
_BLANK_BYTES = np.array([0x20, 0x09, 0x1A, 0xC2, 0xA0], dtype=np.uint8)  # _BLANK in UTF-8


class Unreadable(Exception):
    """The bytes cannot be read as a table; ``text`` says why in bokmål."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text with LF line ends, the encoding found, and how many bytes were undecodable."""

    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "windows-1252" or "iso-8859-1"
    replaced: int = 0


def decode(raw: bytes) -> Decoded:
    """Decode by BOM, else strict UTF-8, else Windows-1252, else ISO-8859-1 (never fails).

    Without bytes 0x80–0x9F the two single-byte encodings agree; that is reported as
    ISO-8859-1. Line ends become LF (CRLF and lone CR count as one physical line end each).
    """
    for bom, name, codec in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
    ):
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            return Decoded(_lf(text), name, text.count("\ufffd"))
    try:
        return Decoded(_lf(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    if _C1_BYTES.search(raw):
        try:
            return Decoded(_lf(raw.decode("cp1252")), "windows-1252")
        except UnicodeDecodeError:
            pass
    return Decoded(_lf(raw.decode("latin-1")), "iso-8859-1")


def _lf(text: str) -> str:
    text = text.lstrip("\ufeff")  # a second BOM, or one that a tool decoded into the text
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@dataclass(frozen=True, slots=True)
class Head:
    """Where the table starts: separator, header fields and the lines before it."""

    separator: str
    headers: tuple[str, ...]
    header_line: int  # physical line of the header (1-based)
    body_line: int  # physical line where data starts
    preamble: tuple[str, ...]  # non-blank records before the header (title lines)
    headerless: bool = False  # the first record is data; headers are «kolonne 1» …


def find_head(text: str) -> Head:
    """Sniff the separator and the header record from the first part of the text.

    For each separator the header is the first record with at least two fields; the
    separator whose header agrees best with the records under it wins, less a penalty for
    each title line skipped (a comma in a title must not beat ``;`` in the table).
    """
    if "\x00" in text:
        raise Unreadable("filen inneholder binære data (NUL-tegn) og er ikke en CSV-fil.")
    sample = text[:_SAMPLE_CHARS]
    if len(text) > _SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    best: tuple[float, int, Head] | None = None
    sample_lines = sample.split("\n")
    for rank, sep in enumerate(SEPARATORS):
        records = [r for r in _records(sample, sep) if any(f.strip(_BLANK) for f in r[2])]
        widths = [len(_trim(fields)) for _, _, fields in records]
        starts = [i for i, w in enumerate(widths) if w >= 2][:5]
        if not starts:
            continue
        # a title with a comma is two fields too: the start the rows under agree with wins
        score, best_start = max(
            (_agreement(widths, records, i, first=i == 0) - 0.3 * i, -i) for i in starts
        )
        start = -best_start
        score -= _foreign(sample_lines, records[start : start + 1], sep)
        score += 0.05 * min(widths[start], 10)  # more columns: a title's comma splits less
        first, last, fields = records[start]
        preamble = tuple(sep.join(r[2]).strip() for r in records[:start])
        head = Head(
            sep,
            tuple(h.strip(_BLANK + "\ufeff") for h in _trim(fields)),
            first,
            last + 1,
            preamble,
        )
        if looks_like_data(_trim(fields), [r[2] for r in records[start + 1 : start + 6]]):
            names = tuple(f"kolonne {i + 1}" for i in range(len(head.headers)))
            head = Head(sep, names, 0, first, preamble, headerless=True)
        if best is None or (score, -rank) > (best[0], best[1]):
            best = (score, -rank, head)
    if best is None:
        raise Unreadable(
            "fant ingen tabell: ingen linje har flere felt skilt med semikolon, komma eller "
            "tabulator."
        )
    return best[2]


_NUMBER_LIKE = re.compile(r"^\s*[-\u2212(]?\s*\d[\d \u00a0.,]*\)?\s*$")
_YEAR_LIKE = re.compile(r"^\s*(?:19|20)\d\d\s*$")


def _agreement(
    widths: list[int], records: list[tuple[int, int, list[str]]], start: int, *, first: bool
) -> float:
    """How well the records under ``start`` fit its width (trailing empties fit).

    A row with a few extra values after the last column counts half (issue 16, rule 1: an ERP
    key after the amount), not one with many more fields than a two-field title; a later
    candidate with no rows under it has no support (a lone header has).
    """
    width = widths[start]
    below = [(w, len(r[2])) for w, r in zip(widths, records, strict=True)][start + 1 :][:200]
    fits = sum(
        1.0 if trimmed <= width <= raw else 0.5 if width < trimmed <= 1.5 * width else 0.0
        for trimmed, raw in below
    )
    return fits / len(below) if below else float(first)


_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def _foreign(lines: list[str], records: list[tuple[int, int, list[str]]], sep: str) -> float:
    """Share of ``records`` (the header) with an unquoted ``;`` or tab: a wrong separator.

    Commas are left out, since the decimal commas of a ``;`` file are unquoted too.
    """
    others = [c for c in (";", "\t") if c != sep]
    hits = 0
    for first, last, _ in records:
        raw = _QUOTED.sub("", "\n".join(lines[first - 1 : last]))
        hits += any(c in raw for c in others)
    return hits / len(records) if records else 0.0


def looks_like_data(first: list[str], below: list[list[str]]) -> bool:
    """True when the first record is a data row, not a header (issue 16, rule 3).

    A header names columns; a data row has codes and amounts. The first record counts as
    data when at least two of its fields are numbers that are not bare years (headers like
    ``2013;2014`` are column names) and the records under it have numbers in the same
    places, so a title-less file keeps its first line. An empty cell below agrees with
    either (a subtotal row leaves its codes empty).
    """
    numeric = [_number_like(f) for f in first]
    if sum(n and not _YEAR_LIKE.match(f) for n, f in zip(numeric, first, strict=True)) < 2:
        return False
    for record in below:
        cells = [c.strip(_BLANK) for c in _trim(record)[: len(first)]]
        if any(c and _number_like(c) != numeric[i] for i, c in enumerate(cells)):
            return False
    return True


def _number_like(cell: str) -> bool:
    """A number as exports write them, Excel's accounting zero «-» included."""
    return bool(_NUMBER_LIKE.match(cell)) or cell.strip(_BLANK) == "-"


def _records(sample: str, sep: str) -> list[tuple[int, int, list[str]]]:
    """(first line, last line, fields) per CSV record of the sample."""
    reader = csv.reader(io.StringIO(sample), delimiter=sep)
    out: list[tuple[int, int, list[str]]] = []
    previous = 0
    try:
        for fields in reader:
            out.append((previous + 1, reader.line_num, fields))
            previous = reader.line_num
    except csv.Error:
        pass  # a runaway quote: the records so far are all we can sniff from
    return out


def _trim(fields: list[str]) -> list[str]:
    """Fields without empty trailing ones (``a;b;;`` has two)."""
    end = len(fields)
    while end and not fields[end - 1].strip(_BLANK):
        end -= 1
    return fields[:end]


@dataclass(frozen=True)
class Body:
    """Data rows (blank lines dropped): cells by field position, with physical lines.

    ``cells`` has one string column per requested field position (missing fields are "").
    ``field_count`` is how many fields each row really had, to report ragged rows.
    """

    cells: pd.DataFrame
    line_no: npt.NDArray[np.int64]
    field_count: npt.NDArray[np.int64]


def read_body(text: str, head: Head, positions: list[int]) -> Body:
    """Read the rows under the header with pandas, as strings, keeping ``positions``.

    Fields beyond the header (ragged rows) are kept too, so they can be reported. When no
    quoted field spans lines, every physical line is one row and line numbers are a count;
    otherwise Python's csv module (same quoting rules) finds where each record starts.
    """
    body = _body_text(text, head.body_line)
    data = body.encode("utf-8")
    sep = head.separator
    layout = _line_layout(data, sep)
    if layout is None:
        layout = _scan_quoted(body, sep, head.body_line)
    starts, counts, blank = layout
    width = max([int(counts.max()) if len(counts) else 0, *[p + 1 for p in positions], 1])
    wanted = sorted({*positions, *range(len(head.headers), width)}) or [0]  # extras too
    cells = _pandas_read(data, sep, width, wanted, rows=len(counts))
    if cells is None:  # pandas split the rows differently: read records with the csv module
        starts, counts, blank = _scan_quoted(body, sep, head.body_line)
        cells = _csv_read(body, sep, wanted)
    keep = ~blank
    return Body(
        cells=cells.loc[keep].reset_index(drop=True),
        line_no=(starts[keep] + head.body_line).astype(np.int64),
        field_count=counts[keep],
    )


_Layout = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]


def _line_layout(data: bytes, sep: str) -> _Layout | None:
    """Line offset, field count and blankness per line, if every record is one line.

    Works on the UTF-8 bytes with numpy: newline, separator and quote are ASCII, so their
    positions give each line's field count. Lines with quotes are re-split by the csv module
    (a separator inside quotes is no field), and an odd number of quotes on a line means a
    field may continue on the next one: then None, and the caller scans record by record.
    """
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == ord("\n"))
    if len(raw) and raw[-1] != ord("\n"):
        ends = np.append(ends, len(raw))
    starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
    rows = len(ends)
    quotes = _per_line(np.flatnonzero(raw == ord('"')), ends)
    if (quotes % 2).any():
        return None
    separators = _per_line(np.flatnonzero(raw == ord(sep)), ends)
    counts = (separators + 1).astype(np.int64)
    lengths = ends - starts
    is_blank = np.zeros(256, dtype=bool)
    is_blank[_BLANK_BYTES] = True  # valid UTF-8: C2 and A0 only together, as a NBSP
    is_blank[ord(sep)] = False  # a tab separator is counted once, as a separator
    blanks = _per_line(np.flatnonzero(is_blank[raw]), ends)
    blank = blanks + separators == lengths
    for i in np.flatnonzero(quotes).tolist():  # separators inside quotes are no fields
        fields = next(csv.reader([data[starts[i] : ends[i]].decode("utf-8")], delimiter=sep))
        counts[i] = len(fields)
        blank[i] = not any(f.strip(_BLANK) for f in fields)
        blank[i] = not any(f.strip(_BLANK) for f in fields)
    return np.arange(rows, dtype=np.int64), counts, blank


def _per_line(positions: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> npt.NDArray[np.int64]:
    """How many of the sorted ``positions`` fall on each line (lines end at ``ends``)."""
    before = np.searchsorted(positions, ends)
    return np.diff(before, prepend=0).astype(np.int64)


def _body_text(text: str, body_line: int) -> str:
    parts = text.split("\n", body_line - 1)
    return parts[-1] if len(parts) == body_line else ""


def _scan_quoted(
    body: str, sep: str, body_line: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Start line offset, field count and blankness of each record, quote-aware."""
    reader = csv.reader(io.StringIO(body), delimiter=sep)
    starts: list[int] = []
    counts: list[int] = []
    blank: list[bool] = []
    previous = 0
    try:
        for fields in reader:
            starts.append(previous)
            counts.append(len(fields))
            blank.append(not any(f.strip(_BLANK) for f in fields))
            previous = reader.line_num
    except csv.Error as error:
        raise Unreadable(
            f"posten som starter på linje {body_line + previous} kan ikke leses: et felt er "
            "for langt eller ugyldig (mangler et avsluttende anførselstegn?)."
        ) from error
    return np.array(starts, np.int64), np.array(counts, np.int64), np.array(blank, bool)


def _pandas_read(
    data: bytes, sep: str, width: int, positions: list[int], *, rows: int
) -> pd.DataFrame | None:
    """Cells as strings, or None if pandas cannot read the body into ``rows`` rows."""
    if not data:
        return _csv_read("", sep, positions)
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            encoding="utf-8",
            sep=sep,
            header=None,
            names=list(range(width)),
            usecols=positions,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):
        return None
    return frame if len(frame) == rows else None


def _csv_read(body: str, sep: str, positions: list[int]) -> pd.DataFrame:
    records = list(csv.reader(io.StringIO(body), delimiter=sep)) if body else []
    return pd.DataFrame(
        {p: [r[p] if p < len(r) else "" for r in records] for p in positions}, dtype=str
    )

"""Konto codes that lost their leading zero to a spreadsheet (issue 16, rule 5).

«100 Fast løn» in a column whose other konto codes have four digits is konto 0100 (art 010,
fixed pay), not art 100 (office supplies). The decision is made per column with evidence:
the column's usual code length says a short code may have lost zeros, and the text beside
the code (konto_tekst) confirms or contradicts each reading by the kind of art it names.
Every reinterpreted line is reported; a line whose text fits neither reading is an error.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

# Words in a konto text and the first digit of the arts they name (KOSTRA art groups: 0 pay,
# 5 financing expenses, 7 refunds, 8 taxes and grants, 9 financing income). Checked in
# order, so «motpost avskrivninger» (990) wins over «avskrivninger» (590).
_TEXT_GROUPS: tuple[tuple[str, str], ...] = (
    ("motpost", "9"), ("bruk av", "9"), ("refusjon", "7"), ("refusjonar", "7"),
    ("sjukeløn", "7"), ("sykelønn", "7"), ("momskompensasjon", "7"), ("løn", "0"),
    ("lønn", "0"), ("arbeidsgiveravgift", "0"), ("arbeidsgjevaravgift", "0"), ("pensjon", "0"),
    ("overtid", "0"), ("vikar", "0"), ("ekstrahjelp", "0"), ("godtgjørelse", "0"),
    ("godtgjersle", "0"), ("feriepeng", "0"), ("honorar", "0"), ("rente", "5"),
    ("avdrag", "5"), ("avskriv", "5"), ("avsetning", "5"), ("avsetjing", "5"), ("skatt", "8"),
    ("rammetilskudd", "8"), ("rammetilskot", "8"),
)  # fmt: skip


def text_group(text: str) -> str | None:
    """The art group a konto text names («Fast løn» → "0"), or None when it says nothing."""
    words = text.casefold()
    for word, group in _TEXT_GROUPS:
        if word in words:
            return group
    return None


@dataclass(frozen=True, slots=True)
class Reading:
    """How one short code on one line was read, and why (bokmål)."""

    token: str  # the code to read the art from (padded when reinterpreted)
    reinterpreted: bool
    undecided: bool
    reason: str


def usual_length(tokens: list[str]) -> int | None:
    """The column's usual code length when most distinct codes have 4–6 digits, else None."""
    digits = [t for t in tokens if t.isascii() and t.isdigit()]
    long_codes = Counter(len(t) for t in digits if 4 <= len(t) <= 6)
    if sum(long_codes.values()) < 3:
        return None
    length, count = long_codes.most_common(1)[0]
    return length if count * 2 > len(digits) else None


def read_short(
    token: str, text: str, length: int, art_of: Callable[[str], str], valid: frozenset[str]
) -> Reading:
    """Read a code shorter than the column's ``length``: as written, or with zeros restored."""
    padded = token.zfill(length)
    literal, restored = token.zfill(3)[:3], art_of(padded)
    group = text_group(text)
    if restored not in valid:
        return Reading(token, False, False, "")
    why = f"de andre kontonumrene har {length} siffer"
    if group is not None and group == literal[0] and group != restored[0]:
        return Reading(token, False, False, "")  # the text backs the code as written
    if group is not None and group != restored[0]:
        return Reading(
            token,
            False,
            True,
            f"«{token}» kan være art {literal} eller konto {padded} (art {restored}), og "
            f"teksten «{text.strip()}» passer med ingen av dem; skriv kontonummeret med alle "
            "siffer",
        )
    because = f"{why}, og teksten «{text.strip()}» passer" if group is not None else why
    return Reading(
        padded,
        True,
        False,
        f"«{token}» er lest som konto {padded} (art {restored}), ikke art {literal}: {because}",
    )


def restore_column(
    cells: pd.Series,
    texts: pd.Series | None,
    art_of: Callable[[str], str],
    valid: frozenset[str],
) -> tuple[dict[tuple[str, str], Reading], int | None]:
    """Readings per distinct (code, text) pair of short codes; the column's usual length."""
    tokens = [str(v).split(None, 1)[0] if str(v).split() else "" for v in pd.unique(cells)]
    length = usual_length(tokens)
    if length is None:
        return {}, None
    beside = texts if texts is not None else pd.Series([""] * len(cells), dtype=object)
    pairs = pd.DataFrame({"code": cells.to_numpy(), "text": beside.to_numpy()}).drop_duplicates()
    out: dict[tuple[str, str], Reading] = {}
    for code, text in pairs.itertuples(index=False):
        parts = str(code).split(None, 1)
        token = parts[0] if parts else ""
        if not (token.isascii() and token.isdigit() and 3 <= len(token) < length):
            continue
        note = str(text) or (parts[1] if len(parts) > 1 else "")
        out[(str(code), str(text))] = read_short(token, note, length, art_of, valid)
    return out, length

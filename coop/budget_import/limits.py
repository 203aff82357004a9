"""Limits a budget file must keep before it is parsed (issue 15.2): size, line length, columns.

A real budget or accounts export is far below 20 MB, a few dozen columns and lines of a few
hundred characters. Without these caps a 9.9 MB header of a million columns ran over 300 s
at 1.6 GB and a 2 MB single line 70 s. Each check is linear in the file and says which limit
was hit, in bokmål, so the import report can show it as an error.
"""

from __future__ import annotations

import re
from typing import IO

MAX_FILE_BYTES = 20 * 1024 * 1024
"""20 MB: the web upload, the command line and the parser refuse anything larger."""
MAX_LINE_CHARS = 20_000
MAX_COLUMNS = 300
_LONG_LINE = re.compile("[^\n]{" + str(MAX_LINE_CHARS + 1) + ",}")


class FileTooLarge(Exception):
    """A file over ``MAX_FILE_BYTES``; ``text`` says so in bokmål."""

    def __init__(self, size: int | None = None) -> None:
        self.text = size_problem(size if size is not None else MAX_FILE_BYTES + 1) or ""
        super().__init__(self.text)


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " MB"


def size_problem(size: int) -> str | None:
    """Why a file of ``size`` bytes is refused, or None when it is within the limit."""
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"filen er for stor ({_mb(size)}; grensen er {MAX_FILE_BYTES // 1024 // 1024} MB). "
        "Et budsjett eller regnskap er langt mindre; del filen eller eksporter bare det som trengs."
    )


def line_problem(text: str) -> str | None:
    """Why the decoded text is refused for an over-long line (with its line number), or None."""
    found = _LONG_LINE.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return (
        f"linje {line} er for lang (over {MAX_LINE_CHARS:,} tegn; ".replace(",", "\u00a0")
        + "er det riktig skilletegn og linjeskift?)."
    )


def column_problem(headers: int) -> str | None:
    """Why a header of ``headers`` columns is refused, or None."""
    if headers <= MAX_COLUMNS:
        return None
    return f"filen har {headers} kolonner; grensen er {MAX_COLUMNS}."


def read_capped(stream: IO[bytes]) -> bytes:
    """At most ``MAX_FILE_BYTES`` from a stream; ``FileTooLarge`` past that (bounded memory)."""
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise FileTooLarge()
    return raw

"""Stored rows the domain refuses to load, noted instead of failing the whole page.

A row saved before a rule existed (an option with ``joint_fte`` «Infinity», a policy band
that is no number) must not turn every page that lists it into a 500 (issue 15.7). The
repositories skip such a row, note a bokmål line here and go on; the web shows the lines
above the page and the row can still be deleted by name. Notes are per request (a context
variable the web resets); outside a request they are kept only until read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import InvalidOperation
from typing import TypeVar

from coop.domain.errors import CoopError, InvalidData

R = TypeVar("R")
D = TypeVar("D")

KINDS = {"alternativ": "Alternativet", "nokkel": "Fordelingsnøkkelen",
         "retningslinjer": "Retningslinjene"}  # fmt: skip
"""The kinds of row noted here (the change log's words) and how a sentence names them."""
BROKEN = (CoopError, InvalidOperation, ArithmeticError, ValueError, TypeError, KeyError)
"""What a domain constructor raises on a row no current rule admits."""


@dataclass(frozen=True)
class Unreadable:
    """One stored row left out: what it is (``KINDS``), where, and why in bokmål."""

    kind: str
    project: str
    name: str
    message: str

    def __str__(self) -> str:
        return self.message


_NOTES: ContextVar[tuple[Unreadable, ...]] = ContextVar("coop_unreadable_rows", default=())


def start() -> None:
    """Forget earlier notes (the web calls this at the start of every request)."""
    _NOTES.set(())


def notes() -> tuple[Unreadable, ...]:
    """The notes since ``start``, each once, in the order they were made."""
    return tuple(dict.fromkeys(_NOTES.get()))


def note(found: Unreadable) -> None:
    """Remember one row that was left out."""
    _NOTES.set((*_NOTES.get(), found))


def why(error: BaseException) -> str:
    """The domain's message for a refused row, or a plain one for arithmetic errors."""
    if isinstance(error, CoopError):
        return error.message.rstrip(".")
    return "et tall er ikke gyldig"


def _found(kind: str, project: str, name: str, error: BaseException, todo: str) -> Unreadable:
    message = (
        f"{KINDS[kind]} «{name}» er lagret med en verdi som ikke lenger godtas ({why(error)}){todo}"
    )
    return Unreadable(kind, project, name, message)


def readable(
    rows: Iterable[R], convert: Callable[[R], D], kind: str, project: str,
    name: Callable[[R], str],
) -> list[D]:  # fmt: skip
    """``convert`` every row, leaving out (and noting) each one the domain refuses."""
    out = []
    for row in rows:
        try:
            out.append(convert(row))
        except BROKEN as error:
            todo = ", og er utelatt her. Rett det eller slett det."
            note(_found(kind, project, name(row), error, todo))
    return out


def loaded(row: R, convert: Callable[[R], D], kind: str, project: str, name: str) -> D:
    """``convert`` one row asked for by name; a refused row is a readable 422, not a 500."""
    try:
        return convert(row)
    except BROKEN as error:
        found = _found(kind, project, name, error, ". Slett det, eller lagre det på nytt.")
        note(found)
        raise UnreadableRow(found.message) from error


class UnreadableRow(InvalidData):
    """A stored row no current domain rule admits; shown as 422 with what to do."""

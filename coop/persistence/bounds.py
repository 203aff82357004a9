"""Every row is checked against ``coop.domain.columns.BOUNDS`` before it is flushed.

This is the last door, so a value no use case bounded (a long file name, a job's progress
text, a NUL from a project file) is refused alike on SQLite and PostgreSQL with the bokmål
message of ``InvalidData`` (422 on the web, exit 2 on the command line) instead of being
stored by one and a 500 from the other (issue 15.6). Only loaded, changed values are read:
nothing is fetched during a flush.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from coop.domain.columns import BOUNDS


def check_row(obj: Any, only_changed: bool) -> None:
    """Check the loaded (or, with ``only_changed``, the changed) bounded values of one row."""
    state = inspect(obj)
    bounds = BOUNDS.get(state.mapper.local_table.name)
    if not bounds:
        return
    for attr in state.mapper.column_attrs:
        bound = bounds.get(attr.columns[0].name)
        if bound is None or attr.key not in state.dict:
            continue
        if only_changed and not state.attrs[attr.key].history.has_changes():
            continue
        value = state.dict[attr.key]
        if value is not None:
            bound.check(value)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    for obj in session.new:
        check_row(obj, only_changed=False)
    for obj in session.dirty:
        check_row(obj, only_changed=True)


def install() -> None:
    """Check every session's rows before each flush (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)

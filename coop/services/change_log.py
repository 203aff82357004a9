"""Writing and reading the change log: every write use case records who changed what.

``record`` is called inside the use case's unit of work, so the log line is committed with the
change or not at all. Values are passed as the text a person reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coop.domain.access import Actor
from coop.domain.changes import Change, changes_between
from coop.persistence.unit_of_work import UnitOfWork

MAX_ROWS = 5000
try:
    OSLO: tzinfo = ZoneInfo("Europe/Oslo")
except ZoneInfoNotFoundError:  # a machine without time-zone data: show UTC rather than fail
    OSLO = UTC


def record(
    uow: UnitOfWork,
    actor: Actor,
    kind: str,
    key: str,
    before: Mapping[str, str] | None,
    after: Mapping[str, str] | None,
    project: str | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> int:
    """Log each changed field of one object; return how many lines were written."""
    when = at or datetime.now(UTC)
    lines = changes_between(before, after)
    for field, old, new in lines:
        uow.changes.add(
            Change(when, actor.username, kind, key, field, old, new, project, reason[:500])
        )
    return len(lines)


@dataclass(frozen=True)
class ChangeView:
    """One change as a page shows it."""

    change: Change

    @property
    def sentence(self) -> str:
        """«okonomi-salangen 02.12.2026 kl. 14.03: likt 0 % → 20 %»."""
        c = self.change
        local = c.at.astimezone(OSLO)
        when = f"{local:%d.%m.%Y} kl. {local:%H.%M}"
        what = f"{c.field} {c.old or '(tom)'} → {c.new or '(tom)'}" if c.field else c.new
        reason = f" Begrunnelse: {c.reason}" if c.reason else ""
        # a finance officer's change to a shared key is only proposed (see cost_keys.proposals)
        proposed = c.reason.startswith("forslag ") and "til styringsgruppen" in c.reason
        verb = "Foreslått" if proposed else "Endret"
        return f"{verb} av {c.actor} {when}: {c.kind_label.lower()} {c.key}, {what}.{reason}"


def project_changes(
    slug: str, uow: UnitOfWork, kind: str | None = None, key: str | None = None
) -> list[ChangeView]:
    """A project's change log, newest first (optionally for one kind and object)."""
    with uow:
        uow.projects.get(slug)
        return [ChangeView(c) for c in uow.changes.list(slug, kind, key, MAX_ROWS)]


def changes_csv(slug: str, uow: UnitOfWork) -> str:
    """The project's change log as CSV (`;`, UTF-8), oldest first, for archiving."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["tidspunkt", "hvem", "type", "objekt", "felt", "fra", "til", "begrunnelse"])
    for view in reversed(project_changes(slug, uow)):
        c = view.change
        writer.writerow(
            [c.at.isoformat(), c.actor, c.kind_label, c.key, c.field, c.old, c.new, c.reason]
        )
    return out.getvalue()

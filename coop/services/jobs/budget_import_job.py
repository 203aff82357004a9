"""A budget file's preview and its commit as background jobs (issue 15.3, 18.8).

Reading a file takes 60–90 µs a line (a 20 MB file several seconds, more under load), so the
web reads only small files in the request and queues the rest. The upload is stored first
(``coop.services.budgets.uploads``); the job gets its token and reads the same bytes as the
owner. The commit writes everything or nothing: a cancel is checked after reading and just
before writing, inside the unit of work, so a cancelled or failed job leaves no row behind.
The folder is the web app's (``create_app`` gives these kinds to its runner), so ``coop worker``
on the same machine reads the same uploads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from coop.domain import errors
from coop.domain.access import Role
from coop.services.budgets import uploads
from coop.services.budgets.import_json import result_to_json
from coop.services.budgets.imports import import_budget
from coop.services.jobs.context import JobContext
from coop.services.jobs.kinds import JobKind

PREVIEW, COMMIT = "budget-preview", "budget-commit"
TIME_LIMIT_S = 600.0  # 20 MB took 3,8 s idle and 12,7 s at load 12 (bench/request_times.py)


def prepare(params: Mapping[str, Any]) -> dict[str, Any]:
    """Only the upload's token travels; the file and its settings wait in the folder."""
    token = params.get("token")
    errors.require(isinstance(token, str) and bool(uploads.TOKEN.match(token)), uploads.LOST)
    return {"token": token}


def _run(folder: Callable[[], Path], ctx: JobContext, *, dry_run: bool) -> dict[str, Any]:
    pending, raw = uploads.load(folder(), ctx.job.params["token"], ctx.actor.username)
    size = f"{len(raw) / 1e6:.1f}".replace(".", ",")
    ctx.progress(f"Leser {pending.filename[:100]} ({size} MB) …")
    result = import_budget(
        raw,
        pending.filename,
        pending.municipality,
        pending.year,
        ctx.actor,
        ctx.uow(),
        dry_run=dry_run,
        column_map=pending.column_map,
        checkpoint=ctx.progress,
    )
    if result.written:
        uploads.drop(folder(), pending.token)
    return result_to_json(result)


def job_kinds(folder: Callable[[], Path]) -> tuple[JobKind, JobKind]:
    """The preview and the commit, reading uploads from ``folder()`` (the app's)."""
    roles = (Role.FINANCE, Role.STEERING)

    def limit(_params: Mapping[str, Any]) -> float:
        return TIME_LIMIT_S

    def preview(ctx: JobContext) -> dict[str, Any]:
        return _run(folder, ctx, dry_run=True)

    def commit(ctx: JobContext) -> dict[str, Any]:
        return _run(folder, ctx, dry_run=False)

    return (
        JobKind(PREVIEW, "Forhåndsvisning av budsjettfil", roles, prepare, limit, preview),
        JobKind(COMMIT, "Lagring av budsjettfil", roles, prepare, limit, commit),
    )

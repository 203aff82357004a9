"""Turn use-case results into JSON values: Decimals as strings, dates as ISO, sets sorted.

The rows of the travel page and the change log are built here once, for the API and the CLI.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from coop import services
from coop.domain.jobs import Job


def jsonable(value: Any) -> Any:
    """Turn dataclasses, Decimals (as strings), dates (ISO), sets and tuples into JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return [jsonable(v) for v in items]
    if hasattr(value, "value") and hasattr(value, "name"):  # enums
        return value.value
    return value


def pair_rows(page: services.TravelPage) -> list[dict[str, object]]:
    """The pairs of a travel page as JSON rows (API and CLI)."""
    return [
        {
            "a": p.a,
            "b": p.b,
            "a_name": p.a_name,
            "b_name": p.b_name,
            "km": str(p.pair.route.km),
            "minutes": str(p.pair.route.minutes),
            "fare_nok": str(p.pair.route.fare_nok),
            "modes": [m.value for m in p.pair.route.modes],
            "path": list(p.pair.route.path),
            "source": p.pair.source.value,
            "source_label": p.source_label,
            "basis": p.pair.route.basis,
            "estimate": p.pair.is_estimate,
        }
        for p in page.pairs
    ]


def change_row(view: services.ChangeView) -> dict[str, object]:
    """One change as JSON (API and CLI)."""
    c = view.change
    return {
        "at": c.at.isoformat(),
        "actor": c.actor,
        "kind": c.kind,
        "kind_label": c.kind_label,
        "key": c.key,
        "field": c.field,
        "old": c.old,
        "new": c.new,
        "reason": c.reason,
        "sentence": view.sentence,
    }


def job_json(job: Job) -> dict[str, object]:
    """A background job as JSON (API): status, progress, result or error, times in ISO."""
    return {
        "id": job.id,
        "kind": job.kind,
        "project": job.project,
        "status": job.status.value,
        "status_label": job.status.label,
        "progress": job.progress,
        "result": job.result,
        "error": job.error,
        "time_limit_s": job.time_limit_s,
        "created_at": job.created_at.isoformat(),
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }

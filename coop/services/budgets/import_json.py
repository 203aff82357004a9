"""A budget import's result as plain JSON and back: what a background job stores for its page.

Kroner and FTE travel as decimal strings, so the page shows exactly what the import computed.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coop.domain import model
from coop.services.budgets.column_questions import ColumnChoice, MappingQuestion
from coop.services.budgets.imports import BaselineChange, BudgetImportResult

_AMOUNTS = ("fte", "gross_cost_nok", "pay_cost_nok", "pass_through_nok")


def _baseline_json(b: model.Baseline | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {
        "municipality": b.municipality,
        "service": b.service,
        "year": b.year,
        "headcount": b.headcount,
        "basis": b.basis,
        "source": b.source,
        "usage": {k: str(v) for k, v in b.usage.items()},
        "field_basis": dict(b.field_basis),
    } | {name: str(getattr(b, name)) for name in _AMOUNTS}


def _baseline(d: Mapping[str, Any] | None) -> model.Baseline | None:
    if d is None:
        return None
    return model.Baseline(
        municipality=d["municipality"],
        service=d["service"],
        year=int(d["year"]),
        headcount=int(d["headcount"]),
        basis=d["basis"],
        source=d.get("source", ""),
        usage={k: Decimal(v) for k, v in d.get("usage", {}).items()},
        field_basis=dict(d.get("field_basis", {})),
        **{name: Decimal(d[name]) for name in _AMOUNTS},
    )


def result_to_json(r: BudgetImportResult) -> dict[str, Any]:
    """Everything the preview page shows, as JSON."""
    q = r.question
    return {
        "report": dict(r.report),
        "written": r.written,
        "column": r.column,
        "baselines": [_baseline_json(b) for b in r.baselines],
        "skipped_services": list(r.skipped_services),
        "messages": list(r.messages),
        "service_names": dict(r.service_names),
        "skipped_gross_nok": {k: str(v) for k, v in r.skipped_gross_nok.items()},
        "question": None
        if q is None
        else {
            "headers": list(q.headers),
            "needed": q.needed,
            "choices": [vars(c).copy() for c in q.choices],
        },
        "changes": [
            {
                "service": c.service,
                "before": _baseline_json(c.before),
                "after": _baseline_json(c.after),
            }
            for c in r.changes
        ],
    }


def result_from_json(d: Mapping[str, Any]) -> BudgetImportResult:
    """The result a finished job stored (``result_to_json`` read back)."""
    q = d.get("question")
    question = None
    if q is not None:
        choices = tuple(ColumnChoice(**c) for c in q["choices"])
        question = MappingQuestion(tuple(q["headers"]), choices, bool(q["needed"]))
    changes = []
    for c in d.get("changes", []):
        after = _baseline(c["after"])
        if after is not None:
            changes.append(BaselineChange(c["service"], _baseline(c["before"]), after))
    return BudgetImportResult(
        report=dict(d["report"]),
        written=bool(d["written"]),
        column=d.get("column"),
        baselines=tuple(b for b in map(_baseline, d.get("baselines", [])) if b is not None),
        skipped_services=tuple(d.get("skipped_services", [])),
        messages=tuple(d.get("messages", [])),
        service_names=dict(d.get("service_names", {})),
        skipped_gross_nok={k: Decimal(v) for k, v in d.get("skipped_gross_nok", {}).items()},
        question=question,
        changes=tuple(changes),
    )

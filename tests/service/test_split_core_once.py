"""Whether a service's core is empty is decided once per split, not once per method.

The least-core LP depends on the cost game only, so every method of one split must report the
same answer from at most one solve (it was one solve per method outside the core).
"""

from __future__ import annotations

from typing import Any

import pytest

import allocation.games.core as core
from coop.persistence.unit_of_work import SqlAlchemyUnitOfWork
from coop.services.splits.cost_split import split_service

SLUG = "astafjord-2007"


def test_one_least_core_solve_per_split_and_one_answer_for_every_method(
    demo: SqlAlchemyUnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    solved = []
    real = core.least_core

    def counted(*args: Any, **kwargs: Any) -> Any:
        solved.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(core, "least_core", counted)
    outside = 0
    for service in ("barnevern", "ikt-drift", "regnskap-lonn", "skatt-innfordring"):
        solved.clear()
        results = split_service(SLUG, service, demo)
        outside += sum(not r.in_core for r in results)
        assert len(solved) <= 1, service
        decided = {r.core_empty for r in results if not r.in_core}
        assert len(decided) <= 1, service
        assert all(r.core_empty is False for r in results if r.in_core)
    assert outside > 0  # the demo has splits outside the core, so the path is exercised

"""How long the JSON bounds take on the largest document they let through (issue 15.5).

A project file or API body is walked by ``coop.domain.json_limits.check_json`` before anything
reads it; a project file may hold up to ``MAX_FILE_VALUES`` (1 000 000) values. Times the walk
of a document just under that cap (mostly plain numbers in lists, some objects with texts and
decimals, as an exported project looks) and of one a value over it (refused). No request may
keep a web worker busy for more than a second: target < 0,5 s for the walk.
Run: .venv/bin/python bench/json_bounds.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [str(ROOT), *(p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench")]

from coop.domain.errors import InvalidData  # noqa: E402
from coop.domain.json_limits import check_json  # noqa: E402
from coop.services.project_transfer import MAX_FILE_DEPTH, MAX_FILE_VALUES  # noqa: E402

TARGET_S = 0.5


def document(values: int) -> dict[str, Any]:
    """An export-like document with exactly ``values`` values (the outer object included)."""
    rows = [{"kommune": "5522", "aar": 2026, "aarsverk": 4.5, "merknad": "anslag"}] * 20_000
    # outer object 1 + «grunnlag» list 1 + 20 000 × (object + 4 values) + «tall» list 1
    rest = values - 3 - len(rows) * 5
    return {"grunnlag": rows, "tall": [1.25] * rest}


def timed(doc: dict[str, Any], runs: int) -> tuple[float, str]:
    times, outcome = [], "godtatt"
    for _ in range(runs):
        start = time.perf_counter()
        try:
            check_json(doc, "Prosjektfilen", MAX_FILE_DEPTH, MAX_FILE_VALUES)
        except InvalidData as error:
            outcome = f"avvist: {error}"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for label, values in (("at the cap", MAX_FILE_VALUES), ("one over", MAX_FILE_VALUES + 1)):
        median, outcome = timed(document(values), args.runs)
        print(f"{label:10s} {values:>9,d} values: median {median:.3f} s "
              f"(target < {TARGET_S} s, ratio {median / TARGET_S:.2f}); {outcome}")  # fmt: skip


if __name__ == "__main__":
    main()

"""CLI start-up (issue 16.9): ``coop --help`` and ``coop import-budget`` on a 10 000-line file.

Targets: ``coop --help`` under 0,5 s and ``coop import-budget … --dry-run`` on 10 000 lines
under 1,5 s wall, median of 5 runs each. A temporary SQLite database is created with
``coop init-db`` first (not timed). The budget file is generated (Sogndal's layout,
**synthetic** amounts that sum to 0).

Run:  .venv/bin/python bench/cli_startup.py [--runs 5] [--rows 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COOP = str(Path(sys.executable).with_name("coop"))
HEADER = "konto;konto_tekst;ansvar;tjeneste;tjeneste_tekst;budsjett_2024\n"
ARTS = ["010", "020", "090", "099", "120", "270", "350", "429", "750"]
FUNCTIONS = ["120", "202", "244", "251", "253", "303", "370", "385"]


def write_budget(path: Path, rows: int) -> None:
    """A balanced budget of ``rows`` lines (the last line balances)."""
    rng = random.Random(2024)
    total = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows - 1):
            amount = rng.randint(-500_000, 2_000_000)
            total += amount
            art, function = rng.choice(ARTS), rng.choice(FUNCTIONS)
            out.write(
                f"1{art}0;Post;{100 + i % 50};{function}00;Teneste;{amount:,}\n".replace(",", " ")
            )
        out.write(f"18700;Skatt;900;80000;Skatt;{-total:,}\n".replace(",", " "))


def median_wall(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall seconds of ``runs`` runs of ``args``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, env=env, capture_output=True, check=False)  # noqa: S603
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Time both commands and print medians against their targets."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/coop.sqlite"}
        subprocess.run([COOP, "init-db"], env=env, capture_output=True, check=True)  # noqa: S603
        budget = Path(tmp) / "budsjett.csv"
        write_budget(budget, options.rows)
        help_s = median_wall([COOP, "--help"], env, options.runs)
        command = [COOP, "import-budget", str(budget), "--municipality", "4640", "--year",
                   "2024", "--dry-run"]  # fmt: skip
        import_s = median_wall(command, env, options.runs)
    print(f"coop --help: median {help_s:.3f} s of {options.runs} (target 0,5 s: "
          f"{help_s / 0.5:.2f}×)")  # fmt: skip
    print(f"coop import-budget, {options.rows} linjer, --dry-run: median {import_s:.3f} s of "
          f"{options.runs} (target 1,5 s: {import_s / 1.5:.2f}×)")  # fmt: skip


if __name__ == "__main__":
    main()

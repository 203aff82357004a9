"""CLI start-up (issue 16.9): ``coop --help`` and ``coop import-budget`` on a 10 000-line file.

Targets: ``coop --help`` under 0,5 s and ``coop import-budget`` on 10 000 lines under 1,5 s
wall, median of 5 runs each, both as a dry run and as an import that writes (each run replaces
the last). A temporary SQLite database is created with ``coop init-db`` and ``coop load-demo``
first (not timed; the demo brings the service catalogue the import writes to). The budget file
is generated (Sogndal's layout, **synthetic** amounts that sum to 0).

Run:  .venv/bin/python bench/cli_startup.py [--runs 5] [--rows 10000]
(another checkout's venv python runs that checkout's ``coop``: before/after figures)
"""

from __future__ import annotations

import argparse
import os
import random
import resource
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


def median_wall(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) seconds of ``runs`` runs of ``args``.

    CPU is reported too because the machine is shared: wall time grows with the load.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, env=env, capture_output=True, check=False)  # noqa: S603
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def line(what: str, figures: tuple[float, float], runs: int, target: float) -> str:
    """One result line: median wall against the target, and median CPU."""
    wall, cpu = figures
    return (
        f"{what}: median {wall:.3f} s wall, {cpu:.3f} s CPU of {runs} "
        f"(target {target:.1f} s: {wall / target:.2f}×)"
    )


def main() -> None:
    """Time both commands and print medians against their targets."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/coop.sqlite"}
        for setup in ("init-db", "load-demo"):
            subprocess.run([COOP, setup], env=env, capture_output=True, check=True)  # noqa: S603
        budget = Path(tmp) / "budsjett.csv"
        write_budget(budget, options.rows)
        help_s = median_wall([COOP, "--help"], env, options.runs)
        command = [COOP, "import-budget", str(budget), "--municipality", "4640", "--year",
                   "2024", "--dry-run"]  # fmt: skip
        import_s = median_wall(command, env, options.runs)
        written = subprocess.run(command[:-1], env=env, capture_output=True, text=True)  # noqa: S603
        assert "linjer, lagret." in written.stdout, written
        write_s = median_wall(command[:-1], env, options.runs)
    print(line("coop --help", help_s, options.runs, 0.5))
    print(
        line(f"coop import-budget, {options.rows} linjer, --dry-run", import_s, options.runs, 1.5)
    )
    print(line(f"coop import-budget, {options.rows} linjer, lagret", write_s, options.runs, 1.5))
    print(f"(last: {os.getloadavg()[0]:.1f} på {os.cpu_count()} kjerner)")


if __name__ == "__main__":
    main()

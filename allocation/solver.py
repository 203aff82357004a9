"""The only module that names a solver or reads a solver status.

HiGHS (through PuLP's ``pulp.HiGHS`` on the highspy package) is the default; CBC as shipped
with PuLP 3.3 is the fallback. Every solve has a time limit and is deterministic.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pulp

Backend = Literal["highs", "cbc"]


@dataclass(frozen=True)
class SolveOptions:
    """How to solve: backend, time limit in seconds, relative MIP gap, threads."""

    backend: Backend = "highs"
    time_limit_s: float = 60.0
    mip_gap: float = 1e-9
    threads: int = 1
    msg: bool = False


@dataclass(frozen=True)
class SolveStats:
    """What the solver reported: 'optimal' or 'feasible' (time limit hit with a solution)."""

    status: Literal["optimal", "feasible"]
    objective: float
    seconds: float
    backend: Backend


@dataclass(frozen=True)
class Conflict:
    """A rule that had to bend to make an infeasible model feasible."""

    rule: str
    keys: tuple[str, ...]
    needed: float
    available: float


class Infeasible(Exception):
    """No solution satisfies all rules; ``conflicts`` names the rules that clash."""

    def __init__(self, conflicts: Sequence[Conflict] = (), message: str = "") -> None:
        super().__init__(message or "Ingen løsning oppfyller alle kravene.")
        self.conflicts = tuple(conflicts)


class SolverFailed(Exception):
    """The solver stopped without a usable answer (error, or time limit with no solution)."""


def make_solver(options: SolveOptions) -> Any:
    """Return the PuLP solver object for the options."""
    if options.backend == "highs":
        return pulp.HiGHS(
            msg=options.msg,
            timeLimit=options.time_limit_s,
            threads=options.threads,
            gapRel=options.mip_gap,
            random_seed=0,
        )
    if options.backend == "cbc":
        return pulp.COIN_CMD(
            path=pulp.apis.coin_api.pulp_cbc_path,
            msg=options.msg,
            timeLimit=options.time_limit_s,
            gapRel=options.mip_gap,
            threads=options.threads,
        )
    raise ValueError(f"Unknown solver backend {options.backend!r}")


def solve(
    problem: pulp.LpProblem,
    options: SolveOptions | None = None,
    explain: Callable[[], Sequence[Conflict]] | None = None,
) -> SolveStats:
    """Solve ``problem`` in place; raise ``Infeasible`` or ``SolverFailed`` unless solved."""
    options = options or SolveOptions()
    started = time.perf_counter()
    status = problem.solve(make_solver(options))
    seconds = time.perf_counter() - started
    sol_status = problem.sol_status
    if status == pulp.LpStatusOptimal and sol_status == pulp.LpSolutionOptimal:
        return SolveStats("optimal", _objective(problem), seconds, options.backend)
    if status == pulp.LpStatusInfeasible or sol_status == pulp.LpSolutionInfeasible:
        raise Infeasible(explain() if explain else ())
    if sol_status == pulp.LpSolutionIntegerFeasible:
        return SolveStats("feasible", _objective(problem), seconds, options.backend)
    if status == pulp.LpStatusUnbounded or sol_status == pulp.LpSolutionUnbounded:
        raise SolverFailed("Modellen er ubegrenset (unbounded): en kostnad mangler.")
    raise SolverFailed(
        f"Løseren ({options.backend}) stoppet uten brukbar løsning: "
        f"status {pulp.LpStatus.get(status, status)}, løsning {sol_status}."
    )


def _objective(problem: pulp.LpProblem) -> float:
    value = pulp.value(problem.objective)
    return float(value) if value is not None else 0.0

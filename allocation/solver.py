"""The only module that names a solver or reads a solver status.

HiGHS (through PuLP's ``pulp.HiGHS`` on the highspy package) is the default; CBC as shipped
with PuLP 3.3 is the fallback, used when HiGHS is missing or breaks down. Every solve has a
time limit and is deterministic (one thread, fixed seed). PuLP's HiGHS adapter hands the model
over one column and one row per call; ``_BulkHiGHS`` passes it in one call instead, which is
most of the model-transfer time on large models, and HiGHS's start-up banner (printed by its
constructor, before any option can be set) is kept off stdout.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
import pulp

Backend = Literal["highs", "cbc"]
SUB_MIP_HEURISTICS = (
    "mip_heuristic_run_rins",
    "mip_heuristic_run_rens",
    "mip_heuristic_run_root_reduced_cost",
)


@dataclass(frozen=True)
class SolveOptions:
    """How to solve: backend, time limit in seconds, relative MIP gap, threads."""

    backend: Backend = "highs"
    time_limit_s: float = 60.0
    mip_gap: float = 1e-9
    threads: int = 1
    msg: bool = False
    fallback: bool = True  # use CBC when HiGHS is missing or fails with an error
    warm_start: bool = False  # start from the variables' initial values (setInitialValue)
    # HiGHS's feasibility-jump heuristic costs ~25 ms per solve even on a 24-variable model,
    # most of a k-best loop's time; LP-based heuristics and warm starts find incumbents here.
    feasibility_jump: bool = False
    # HiGHS's primal heuristics, 0–1; None keeps HiGHS's default; 0 also stops the sub-MIP ones
    # (RINS, RENS, root reduced cost). Models handed a proven-good start (the p-median core)
    # spent most of their time there for nothing (pmed17: 7,1 → 2,1 s of CPU).
    heuristic_effort: float | None = None
    restart: bool = True  # HiGHS may restart the root after presolve reductions


@dataclass(frozen=True)
class SolveStats:
    """What the solver reported: 'optimal' or 'feasible' (time limit hit with a solution).

    ``gap`` is the relative MIP gap (0 for a pure LP solved to optimality, ``None`` when the
    backend does not report it); ``bound`` is the best proven bound when known.
    """

    status: Literal["optimal", "feasible"]
    objective: float
    seconds: float
    backend: Backend
    gap: float | None = None
    bound: float | None = None


@dataclass(frozen=True)
class Conflict:
    """A rule that had to bend to make an infeasible model feasible.

    ``needed`` is what the solution needs (e.g. 7.5 FTE lost, 80 minutes of travel) and
    ``available`` what the rule allows (e.g. at most 5 FTE, at most 60 minutes).
    """

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


_banner_lock = threading.Lock()
_banner_done = False


def _silence_highs_banner() -> None:
    """Create the process's first HiGHS instance with stdout pointed at /dev/null.

    HiGHS prints "Running HiGHS …" from C++ once per process when the first instance is built,
    before ``output_flag`` can be set; later instances are silent.
    """
    global _banner_done
    with _banner_lock:
        if _banner_done:
            return
        _banner_done = True
        import highspy  # local: only needed when HiGHS is used

        sys.stdout.flush()
        try:
            saved = os.dup(1)
        except OSError:  # no usable stdout file descriptor: nothing to keep clean
            highspy.Highs()
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            highspy.Highs()
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None).fflush(None)  # flush C stdio while stdout is still /dev/null
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)


def highs_available() -> bool:
    """Return True if the highspy package can be used."""
    return bool(pulp.HiGHS(msg=False).available())


class _BulkHiGHS(pulp.HiGHS):
    """PuLP's HiGHS adapter, passing the model in one call and reading results in bulk."""

    def __init__(self, *, warm_start: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warm_start = warm_start

    def actualSolve(self, lp: Any, callback: Any = None) -> int:  # noqa: N802 (PuLP's name)
        """Build, run and read back, listing the problem's variables only once."""
        import highspy

        self.createAndConfigureSolver(lp)
        variables = lp.variables()
        constraints = lp.constraints()  # PuLP 4.0 style call: a list, in insertion order
        model = self._highs_lp(lp, variables, constraints)
        lp.solverModel.passModel(model)
        started = self.warm_start and self._pass_start(lp.solverModel, variables)
        lp.solverModel.run()
        if started and not _objective_matches(lp.solverModel, model.col_cost_):
            # HiGHS 1.16 can carry a user start wrongly through presolve and then report an
            # objective (and bound) its own returned solution does not have: solve afresh.
            lp.solverModel.clearSolver()
            lp.solverModel.passModel(model)
            lp.solverModel.run()
        model_status = lp.solverModel.getModelStatus()
        has_solution = lp.solverModel.getInfo().primal_solution_status == 2  # feasible
        solution = lp.solverModel.getSolution()
        for var, value in zip(variables, solution.col_value, strict=True):
            var.varValue = value
            var.modified = False
        if len(solution.col_dual) == len(variables):  # an LP: reduced costs (regions certify)
            for var, dual in zip(variables, solution.col_dual, strict=True):
                var.dj = dual
        for constraint, value, dual in zip(
            constraints, solution.row_value, solution.row_dual, strict=True
        ):
            constraint.slack = constraint.constant + value
            if constraint.sense == pulp.LpConstraintLE:
                constraint.slack *= -1.0
            constraint.pi = dual
            constraint.modifier = False
        s = highspy.HighsModelStatus
        if model_status == s.kOptimal:
            status, sol_status = pulp.LpStatusOptimal, pulp.LpSolutionOptimal
        elif model_status in (s.kInfeasible, s.kUnboundedOrInfeasible):
            status, sol_status = pulp.LpStatusInfeasible, pulp.LpSolutionInfeasible
        elif model_status == s.kUnbounded:
            status, sol_status = pulp.LpStatusUnbounded, pulp.LpSolutionUnbounded
        elif has_solution:  # stopped early (time limit, …) holding a feasible solution
            status, sol_status = pulp.LpStatusOptimal, pulp.LpSolutionIntegerFeasible
        else:
            status, sol_status = pulp.LpStatusNotSolved, pulp.LpSolutionNoSolutionFound
        lp.assignStatus(status, sol_status)
        return int(status)

    @staticmethod
    def _pass_start(highs: Any, variables: list[Any]) -> bool:
        """Hand HiGHS the variables' initial values; False when none is set."""
        start = [(var.index, var.varValue) for var in variables if var.varValue is not None]
        if not start:
            return False
        index, value = zip(*start, strict=True)
        highs.setSolution(len(start), np.asarray(index, np.int32), np.asarray(value, np.float64))
        return True

    def _highs_lp(self, lp: Any, variables: list[Any], constraints: list[Any]) -> Any:
        """The PuLP problem as one HighsLp with a row-wise sparse matrix."""
        import highspy

        objective = lp.objective or {}
        inf = highspy.kHighsInf
        n_col, n_row = len(variables), len(constraints)
        cost, lower, upper = np.zeros(n_col), np.full(n_col, -inf), np.full(n_col, inf)
        integer = []
        for i, var in enumerate(variables):
            var.index = i
            c = objective.get(var)
            if c:
                cost[i] = c
            if var.lowBound is not None:
                lower[i] = var.lowBound
            if var.upBound is not None:
                upper[i] = var.upBound
            if var.cat == pulp.LpInteger and self.mip:
                integer.append(i)
        starts, index, value = [0], [], []
        row_lower, row_upper = np.full(n_row, -inf), np.full(n_row, inf)
        for r, constraint in enumerate(constraints):
            constraint.index = r
            for var, coefficient in constraint.items():
                if coefficient != 0:
                    index.append(var.index)
                    value.append(coefficient)
            starts.append(len(index))
            lb, ub = constraint.getLb(), constraint.getUb()
            if lb is not None:
                row_lower[r] = lb
            if ub is not None:
                row_upper[r] = ub
        model = highspy.HighsLp()
        model.num_col_, model.num_row_ = n_col, n_row
        if lp.sense == pulp.LpMaximize:  # native sense: duals keep their natural sign
            model.sense_ = highspy.ObjSense.kMaximize
        model.col_cost_, model.col_lower_, model.col_upper_ = cost, lower, upper
        model.row_lower_, model.row_upper_ = row_lower, row_upper
        matrix = model.a_matrix_
        matrix.format_ = highspy.MatrixFormat.kRowwise
        matrix.num_col_, matrix.num_row_ = n_col, n_row
        matrix.start_ = np.asarray(starts, dtype=np.int32)
        matrix.index_ = np.asarray(index, dtype=np.int32)
        matrix.value_ = np.asarray(value, dtype=np.float64)
        if integer:
            types = [highspy.HighsVarType.kContinuous] * n_col
            for i in integer:
                types[i] = highspy.HighsVarType.kInteger
            model.integrality_ = types
        return model


def _objective_matches(highs: Any, cost: np.ndarray) -> bool:
    """Whether HiGHS's reported objective is that of the solution it returns."""
    if highs.getInfo().primal_solution_status != 2:  # no solution: nothing to compare
        return True
    reported = float(highs.getInfo().objective_function_value)
    actual = float(np.dot(cost, highs.getSolution().col_value))
    return abs(reported - actual) <= 1e-6 * max(1.0, abs(reported), abs(actual))


def make_solver(options: SolveOptions) -> Any:
    """Return the PuLP solver object for the options."""
    if options.backend == "highs":
        _silence_highs_banner()
        extra: dict[str, Any] = {} if options.restart else {"mip_allow_restart": False}
        if options.heuristic_effort is not None:
            extra["mip_heuristic_effort"] = options.heuristic_effort
        if options.heuristic_effort == 0:
            extra |= dict.fromkeys(SUB_MIP_HEURISTICS, False)
        return _BulkHiGHS(
            msg=options.msg,
            timeLimit=options.time_limit_s,
            threads=options.threads,
            gapRel=options.mip_gap,
            warm_start=options.warm_start,
            random_seed=0,
            mip_heuristic_run_feasibility_jump=options.feasibility_jump,
            **extra,
        )
    if options.backend == "cbc":
        return pulp.COIN_CMD(
            path=pulp.apis.coin_api.pulp_cbc_path,
            msg=options.msg,
            timeLimit=options.time_limit_s,
            gapRel=options.mip_gap,
            threads=options.threads,
            warmStart=options.warm_start,
        )
    raise ValueError(f"Unknown solver backend {options.backend!r}")


def solve(
    problem: pulp.LpProblem,
    options: SolveOptions | None = None,
    explain: Callable[[], Sequence[Conflict]] | None = None,
) -> SolveStats:
    """Solve ``problem`` in place; raise ``Infeasible`` or ``SolverFailed`` unless solved."""
    options = options or SolveOptions()
    backend: Backend = options.backend
    if backend == "highs" and options.fallback and not highs_available():
        backend = "cbc"
    started = time.perf_counter()
    try:
        status = problem.solve(make_solver(replace(options, backend=backend)))
    except pulp.PulpSolverError as error:
        if backend != "highs" or not options.fallback:
            raise SolverFailed(f"Løseren ({backend}) feilet: {error}") from error
        backend = "cbc"
        status = problem.solve(make_solver(replace(options, backend=backend)))
    seconds = time.perf_counter() - started
    sol_status = problem.sol_status
    if status == pulp.LpStatusOptimal and sol_status == pulp.LpSolutionOptimal:
        gap, bound = _gap(problem, backend)
        return SolveStats("optimal", _objective(problem), seconds, backend, gap, bound)
    if status == pulp.LpStatusInfeasible or sol_status == pulp.LpSolutionInfeasible:
        raise Infeasible(explain() if explain else ())
    if sol_status == pulp.LpSolutionIntegerFeasible:
        gap, bound = _gap(problem, backend)
        return SolveStats("feasible", _objective(problem), seconds, backend, gap, bound)
    if status == pulp.LpStatusUnbounded or sol_status == pulp.LpSolutionUnbounded:
        raise SolverFailed("Modellen er ubegrenset (unbounded): en kostnad mangler.")
    raise SolverFailed(
        f"Løseren ({backend}) stoppet uten brukbar løsning: "
        f"status {pulp.LpStatus.get(status, status)}, løsning {sol_status}."
    )


def _gap(problem: pulp.LpProblem, backend: Backend) -> tuple[float | None, float | None]:
    """Relative gap and best bound as HiGHS reports them (CBC via PuLP reports neither)."""
    if backend != "highs":
        return None, None
    info = problem.solverModel.getInfo()
    if info.mip_node_count < 0:  # a pure LP: optimal means no gap
        return 0.0, _objective(problem)
    gap, bound = float(info.mip_gap), float(info.mip_dual_bound)
    return (gap if math.isfinite(gap) else None), (bound if math.isfinite(bound) else None)


def _objective(problem: pulp.LpProblem) -> float:
    value = pulp.value(problem.objective)
    return float(value) if value is not None else 0.0

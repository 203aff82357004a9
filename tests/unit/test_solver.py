"""The solver wrapper: statuses, gaps, fallback, a quiet HiGHS and the one-call model hand-over."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pulp
import pytest

import allocation.solver as solver_module
from allocation.placement.heuristic import heuristic_sites
from allocation.placement.pmedian import build_pmedian_model, set_start
from allocation.solver import Conflict, Infeasible, SolveOptions, SolverFailed, solve

ROOT = Path(__file__).resolve().parents[2]


def small_mip() -> tuple[pulp.LpProblem, pulp.LpVariable, pulp.LpVariable]:
    prob = pulp.LpProblem("small", pulp.LpMinimize)
    x = prob.add_variable("x", lowBound=0, upBound=3, cat=pulp.LpInteger)
    y = prob.add_variable("y", lowBound=0)
    prob.setObjective(x + 2 * y)
    prob.addConstraint(x + y >= 2.5, "need")
    return prob, x, y


def test_mip_optimum_is_proven_with_no_gap() -> None:
    prob, x, y = small_mip()  # x = 3, y = 0 costs 3; x = 2, y = 0.5 costs 3 as well
    stats = solve(prob)
    assert (stats.status, stats.objective, stats.backend) == ("optimal", 3.0, "highs")
    assert stats.gap == pytest.approx(0.0, abs=1e-9)
    assert stats.bound == pytest.approx(3.0)


def test_lp_optimum_has_zero_gap_and_duals() -> None:
    prob = pulp.LpProblem("lp", pulp.LpMaximize)
    x = prob.add_variable("x", lowBound=0)
    prob.setObjective(2 * x)
    row = x <= 4
    prob.addConstraint(row, "cap")
    stats = solve(prob)
    assert (stats.objective, stats.gap, x.varValue) == (8.0, 0.0, 4.0)
    assert row.pi == pytest.approx(2.0)


def test_infeasible_model_raises_with_the_explanation_it_is_given() -> None:
    prob, x, _ = small_mip()
    prob.addConstraint(x + 0 >= 4, "too_much")
    conflict = Conflict("max_services", ("5522",), 4.0, 3.0)
    with pytest.raises(Infeasible) as caught:
        solve(prob, explain=lambda: [conflict])
    assert caught.value.conflicts == (conflict,)
    assert str(caught.value) == "Ingen løsning oppfyller alle kravene."


def test_unbounded_model_raises_solver_failed() -> None:
    prob = pulp.LpProblem("unbounded", pulp.LpMinimize)
    x = prob.add_variable("x")
    prob.setObjective(x + 0)
    prob.addConstraint(x <= 1, "cap")
    with pytest.raises(SolverFailed, match="ubegrenset"):
        solve(prob)


def test_cbc_backend_gives_the_same_optimum() -> None:
    prob, _, _ = small_mip()
    stats = solve(prob, SolveOptions(backend="cbc"))
    assert (stats.status, stats.objective, stats.backend, stats.gap) == (
        "optimal",
        3.0,
        "cbc",
        None,
    )


def test_missing_highs_falls_back_to_cbc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(solver_module, "highs_available", lambda: False)
    prob, _, _ = small_mip()
    assert solve(prob).backend == "cbc"


def test_time_limit_with_a_start_solution_reports_feasible() -> None:
    rng = random.Random(3)
    cost = [[rng.uniform(0, 100) for _ in range(40)] for _ in range(40)]
    model = build_pmedian_model(cost, 4)
    set_start(model, cost, heuristic_sites(cost, 4))
    stats = solve(model.problem, SolveOptions(time_limit_s=0.0, warm_start=True))
    assert stats.status == "feasible"


def test_time_limit_without_any_solution_raises_solver_failed() -> None:
    rng = random.Random(3)
    model = build_pmedian_model([[rng.uniform(0, 100) for _ in range(40)] for _ in range(40)], 4)
    with pytest.raises(SolverFailed, match="uten brukbar løsning"):
        solve(model.problem, SolveOptions(time_limit_s=0.0))


def test_bulk_hand_over_matches_pulps_own_highs_adapter() -> None:
    rng = random.Random(7)
    for sense in (pulp.LpMinimize, pulp.LpMaximize):
        objectives = []
        for make_solver in (solve, _pulp_highs):
            prob = pulp.LpProblem("random", sense)
            xs = [
                prob.add_variable(f"x[{i}]", lowBound=-2, upBound=5, cat=cat)
                for i, cat in enumerate([pulp.LpInteger, pulp.LpContinuous] * 5)
            ]
            rng.seed(11)
            prob.setObjective(pulp.lpSum(rng.randint(-5, 5) * x for x in xs) + 7)
            for k in range(8):
                expr = pulp.lpSum(rng.randint(-3, 3) * x for x in xs)
                row = [expr <= 6, expr >= -6, expr == rng.randint(-2, 2)][k % 3]
                prob.addConstraint(row, f"row[{k}]")
            make_solver(prob)
            objectives.append(pulp.value(prob.objective))
        assert objectives[0] == pytest.approx(objectives[1])


def _pulp_highs(prob: pulp.LpProblem) -> None:
    prob.solve(pulp.HiGHS(msg=False))
    assert prob.status == pulp.LpStatusOptimal


def test_highs_banner_never_reaches_stdout() -> None:
    script = (
        "import pulp\n"
        "from allocation.solver import solve\n"
        "p = pulp.LpProblem('t', pulp.LpMinimize)\n"
        "x = p.add_variable('x', lowBound=1)\n"
        "p.setObjective(x + 0)\n"
        "solve(p)\n"
        "print('done')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout == "done\n"


def test_a_start_that_highs_carries_wrongly_through_presolve_still_gives_the_optimum() -> None:
    # Found by hypothesis: HiGHS 1.16 answered "optimal, 4" for this start (site 3 open) while
    # returning the start itself (cost 8). With one site open, a client pays c[i,j] when j is
    # in its list and else D_i, its cheapest cost outside the list. Site 0: clients 0, 2, 3, 4
    # pay 0; client 1 pays D_1 = min(3, 1, 4, 4) = 1; client 5 pays D_5 = min(1, 3, 3) = 1;
    # client 6 pays D_6 = min(3, 3) = 3: 5 in all. Sites 1…5 cost 6, 10, 8, 8 and 10.
    cost = [
        [0.0, 0.0, 3.0, 3.0, 0.0, 1.0],
        [3.0, 0.0, 1.0, 1.0, 4.0, 4.0],
        [0.0, 4.0, 1.0, 0.0, 0.0, 0.0],
        [0.0, 2.0, 0.0, 0.0, 4.0, 3.0],
        [0.0, 0.0, 1.0, 4.0, 4.0, 4.0],
        [1.0, 0.0, 3.0, 0.0, 0.0, 3.0],
        [3.0, 0.0, 3.0, 0.0, 0.0, 0.0],
    ]
    lists = [[0, 1, 2, 3, 4, 5], [1, 2], [0, 1, 2, 3, 4, 5], [0, 1, 2, 3], [0, 1, 2, 3],
             [1, 3, 4], [1, 3, 4, 5]]  # fmt: skip
    model = build_pmedian_model(cost, 1, None, lists)
    set_start(model, cost, [3])
    stats = solve(model.problem, SolveOptions(warm_start=True))
    assert stats.objective == pytest.approx(5.0)
    assert [j for j, v in enumerate(model.open) if v.varValue > 0.5] == [0]


def test_no_heuristic_effort_also_stops_the_sub_mip_heuristics_and_restart_can_be_off() -> None:
    from allocation.solver import SUB_MIP_HEURISTICS, make_solver

    quiet = make_solver(SolveOptions(heuristic_effort=0.0, restart=False)).optionsDict
    assert quiet["mip_heuristic_effort"] == 0.0
    assert quiet["mip_allow_restart"] is False
    assert all(quiet[name] is False for name in SUB_MIP_HEURISTICS)
    default = make_solver(SolveOptions()).optionsDict
    assert not {"mip_heuristic_effort", "mip_allow_restart", *SUB_MIP_HEURISTICS} & set(default)
